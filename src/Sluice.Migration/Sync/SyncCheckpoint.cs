using Sluice.MySql.Positions;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Sync;

/// <summary>A point in the source's binlog: the file position, and the GTID set executed up to it when GTIDs are on.</summary>
/// <param name="Gtid">MariaDB's GTID list (<c>0-1-100,1-2-7</c>) or MySQL's GTID set text; empty when unknown.</param>
public sealed record SyncLocation(BinlogPosition Position, string Gtid)
{
    public override string ToString() => Gtid.Length == 0 ? Position.ToString() : $"{Position} ({Gtid})";
}

/// <summary>
/// What the sync unit has durably applied for one source, as DM keeps it: the global checkpoint (every event
/// before it is applied), the safe-mode exit point (events up to it may have been applied already, so they are
/// replayed idempotently), and per table the point its tracked structure belongs to with that structure.
/// </summary>
/// <remarks>https://docs.pingcap.com/zh/tidb/stable/dm-checkpoint (global ≤ table checkpoints ≤ safe-mode exit point)</remarks>
public sealed record SyncCheckpoint(
    SyncLocation Global,
    SyncLocation? SafeModeExit,
    IReadOnlyDictionary<TableName, TableCheckpoint> Tables);

/// <summary>A table's checkpoint: where its structure was last taken, and that structure (JSON).</summary>
public sealed record TableCheckpoint(SyncLocation Location, string TableInfo);
