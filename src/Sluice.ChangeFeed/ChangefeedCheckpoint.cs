using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed;

/// <summary>
/// Where a changefeed stands: every change committed up to <see cref="CheckpointTs"/> was acknowledged by the sink,
/// and reading the binlog again from <see cref="BinlogFile"/>:<see cref="BinlogPosition"/> (a transaction boundary,
/// or <see cref="Gtid"/>'s position on MariaDB) yields the first transaction after it. <see cref="Tables"/> holds
/// the captured tables' structures as of that position (JSON), so that a restart decodes the row events written
/// before a later DDL with the columns they were written with.
/// </summary>
public sealed record ChangefeedCheckpoint(Tso CheckpointTs, string BinlogFile, ulong BinlogPosition, string? Gtid = null, string? Tables = null);

/// <summary>Where a changefeed keeps its checkpoint: the metadata store, beside its definition.</summary>
public interface IChangefeedCheckpointStore
{
    Task<ChangefeedCheckpoint?> ReadAsync(CancellationToken cancellationToken);

    Task SaveAsync(ChangefeedCheckpoint checkpoint, CancellationToken cancellationToken);
}
