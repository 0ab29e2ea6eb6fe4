namespace Sluice.Migration.Sync;

/// <summary>
/// The sync unit's live numbers, as DM's query-status and the API's sync_status show them.
/// </summary>
/// <param name="TotalEvents">Row changes and DDL statements applied since the unit started.</param>
/// <param name="TotalTps">Source transactions per second since the unit started.</param>
/// <param name="RecentTps">Source transactions per second over the last few seconds.</param>
/// <param name="MasterBinlog">The source's current binlog end, <c>(file, pos)</c>.</param>
/// <param name="MasterBinlogGtid">The source's executed GTID set.</param>
/// <param name="SyncerBinlog">The last flushed checkpoint, <c>(file, pos)</c>.</param>
/// <param name="SyncerBinlogGtid">The GTID set of the last flushed checkpoint.</param>
/// <param name="SecondsBehindMaster">Seconds between now and the last applied event's timestamp; 0 when caught up.</param>
/// <param name="Synced">True when the checkpoint has reached the source's binlog end.</param>
/// <param name="SafeMode">True while changes are applied idempotently.</param>
/// <param name="StartedFrom">Where this run started reading: the checkpoint, the dump's position, the meta, ….</param>
public sealed record SyncStatus(
    string SourceId,
    long TotalEvents,
    long TotalTransactions,
    double TotalTps,
    double RecentTps,
    string MasterBinlog,
    string MasterBinlogGtid,
    string SyncerBinlog,
    string SyncerBinlogGtid,
    long SecondsBehindMaster,
    bool Synced,
    bool SafeMode,
    string StartedFrom);
