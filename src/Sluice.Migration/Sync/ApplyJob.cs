using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Positions;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Sync;

/// <summary>What the dispatcher hands an apply worker: a row change, or a flush it must acknowledge.</summary>
internal abstract record ApplyJob;

/// <summary>One row change for the routed target table.</summary>
/// <param name="ExactlyOnce">
/// For a target table without a key (where replaying cannot be made idempotent): the source table and the end of
/// the rows event, recorded with the rows in the same transaction so a restart skips exactly what was applied.
/// </param>
/// <param name="EndsEvent">The last row of its rows event: a batch holding exactly-once rows ends only after one.</param>
internal sealed record RowJob(
    RowStatementBuilder Builder,
    RowsEventKind Kind,
    RowImage? Before,
    RowImage? After,
    bool SafeMode,
    (TableName Source, BinlogPosition EventEnd)? ExactlyOnce = null,
    bool EndsEvent = true) : ApplyJob;

/// <summary>Apply everything received before this, commit, then complete <see cref="Done"/>.</summary>
internal sealed record FlushJob : ApplyJob
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
