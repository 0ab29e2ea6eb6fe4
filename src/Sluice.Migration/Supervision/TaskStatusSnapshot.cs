using Sluice.Migration.Sync;

namespace Sluice.Migration.Supervision;

/// <summary>A task's status at one moment, as DM's query-status reports it: the task's stage and each source's subtask.</summary>
public sealed record TaskStatusSnapshot(string Name, TaskStage Stage, IReadOnlyList<SourceStatusSnapshot> Sources);

/// <summary>
/// One source's subtask: its stage, the unit it is in, the last numbers each unit reported (null for a unit that has
/// not reported in this run), and the last error: the one that paused it, or a transient one it resumed from.
/// </summary>
public sealed record SourceStatusSnapshot(
    string SourceId,
    TaskStage Stage,
    TaskUnit Unit,
    DumpStatusSnapshot? Dump,
    LoadStatusSnapshot? Load,
    SyncStatus? Sync,
    TaskError? LastError);

/// <summary>The dump unit's numbers (DM's dump_status).</summary>
public sealed record DumpStatusSnapshot(
    int TotalTables,
    int CompletedTables,
    long FinishedBytes,
    long FinishedRows,
    long EstimateTotalRows,
    double BytesPerSecond,
    double Progress);

/// <summary>The load unit's numbers (DM's load_status); <see cref="MetaBinlog"/> is the dump's position, <c>(file, pos)</c>.</summary>
public sealed record LoadStatusSnapshot(
    long FinishedBytes,
    long TotalBytes,
    double Progress,
    string MetaBinlog,
    string MetaBinlogGtid,
    double BytesPerSecond);
