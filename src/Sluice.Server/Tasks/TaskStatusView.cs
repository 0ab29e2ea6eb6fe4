using System.Globalization;
using Sluice.Migration;
using Sluice.Migration.Supervision;
using EngineSyncStatus = Sluice.Migration.Sync.SyncStatus;

namespace Sluice.Server.Tasks;

/// <summary>A supervisor's snapshot as the API's SubTaskStatus list; a task never started shows each source Stopped.</summary>
internal static class TaskStatusView
{
    public static IReadOnlyList<SubTaskStatus> Of(StoredTask stored, TaskStatusSnapshot? snapshot, string workerName)
    {
        var bySource = (snapshot?.Sources ?? []).ToDictionary(s => s.SourceId, StringComparer.Ordinal);
        return [.. stored.SourceNames.Select(source => bySource.TryGetValue(source, out var run) && run.Stage != TaskStage.New
            ? Of(stored.Name, run, workerName)
            : NotStarted(stored, source, workerName))];
    }

    /// <summary>The task's stage: the supervisor's, or for one not started in this process, Paused if asked so, else Stopped.</summary>
    public static string Stage(StoredTask stored, TaskStatusSnapshot? snapshot) =>
        snapshot is null || snapshot.Stage == TaskStage.New
            ? (stored.Stage == TaskRequestedStage.Paused ? nameof(TaskStage.Paused) : nameof(TaskStage.Stopped))
            : snapshot.Stage.ToString();

    private static SubTaskStatus NotStarted(StoredTask stored, string source, string workerName) => new()
    {
        Name = stored.Name,
        SourceName = source,
        WorkerName = workerName,
        Stage = stored.StageOf(source) == TaskRequestedStage.Paused ? nameof(TaskStage.Paused) : nameof(TaskStage.Stopped),
        Unit = stored.Task.TaskMode switch { "load" => "load", "incremental" => "sync", _ => "dump" },
    };

    private static SubTaskStatus Of(string task, SourceStatusSnapshot run, string workerName) => new()
    {
        Name = task,
        SourceName = run.SourceId,
        WorkerName = workerName,
        Stage = run.Stage == TaskStage.New ? nameof(TaskStage.Stopped) : run.Stage.ToString(),
        Unit = run.Unit.ToString().ToLowerInvariant(),
        ErrorMsg = run.LastError?.Message,
        DumpStatus = run.Dump is { } d
            ? new DumpStatus(d.TotalTables, d.CompletedTables, d.FinishedBytes, d.FinishedRows, d.EstimateTotalRows, (long)d.BytesPerSecond, Percent(d.Progress))
            : null,
        LoadStatus = run.Load is { } l
            ? new LoadStatus(l.FinishedBytes, l.TotalBytes, Percent(l.Progress), l.MetaBinlog, l.MetaBinlogGtid, (long)l.BytesPerSecond)
            : null,
        SyncStatus = run.Sync is { } s ? Sync(s) : null,
    };

    private static SyncStatus Sync(EngineSyncStatus s) => new(
        s.TotalEvents, (long)s.TotalTps, (long)s.RecentTps, s.MasterBinlog, s.MasterBinlogGtid, s.SyncerBinlog, s.SyncerBinlogGtid,
        [], [], s.Synced, "remote", s.SecondsBehindMaster, 0, 0);

    /// <summary>DM prints progress as "%.2f %%".</summary>
    private static string Percent(double progress) => progress.ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
