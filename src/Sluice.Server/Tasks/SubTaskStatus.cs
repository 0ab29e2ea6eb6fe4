namespace Sluice.Server.Tasks;

/// <summary>
/// The spec's SubTaskStatus: one source of a task (dm-openapi-spec.yaml, components/schemas/SubTaskStatus). Names
/// are written snake_case by the API's JSON options.
/// </summary>
public sealed record SubTaskStatus
{
    public required string Name { get; init; }

    public required string SourceName { get; init; }

    public required string WorkerName { get; init; }

    /// <summary>Running, Paused, Stopped or Finished.</summary>
    public required string Stage { get; init; }

    /// <summary>dump, load or sync, as the document's example writes it.</summary>
    public required string Unit { get; init; }

    public string UnresolvedDdlLockId { get; init; } = "";

    public DumpStatus? DumpStatus { get; init; }

    public LoadStatus? LoadStatus { get; init; }

    public SyncStatus? SyncStatus { get; init; }

    public string? ErrorMsg { get; init; }
}

/// <summary>The spec's DumpStatus.</summary>
public sealed record DumpStatus(
    long TotalTables,
    double CompletedTables,
    double FinishedBytes,
    double FinishedRows,
    double EstimateTotalRows,
    long Bps,
    string Progress);

/// <summary>The spec's LoadStatus.</summary>
public sealed record LoadStatus(
    long FinishedBytes,
    long TotalBytes,
    string Progress,
    string MetaBinlog,
    string MetaBinlogGtid,
    long Bps);

/// <summary>The spec's SyncStatus. Shard DDL coordination is not done, so nothing ever blocks or stays unresolved.</summary>
public sealed record SyncStatus(
    long TotalEvents,
    long TotalTps,
    long RecentTps,
    string MasterBinlog,
    string MasterBinlogGtid,
    string SyncerBinlog,
    string SyncerBinlogGtid,
    IReadOnlyList<string> BlockingDdls,
    IReadOnlyList<object> UnresolvedGroups,
    bool Synced,
    string BinlogType,
    long SecondsBehindMaster,
    ulong IoTotalBytes,
    ulong DumpIoTotalBytes);

/// <summary>The spec's GetTaskStatusResponse.</summary>
public sealed record GetTaskStatusResponse(int Total, IReadOnlyList<SubTaskStatus> Data);
