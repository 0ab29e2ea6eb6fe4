using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Sluice.Migration.Supervision;

/// <summary>
/// One task's lifecycle over the engine, as DM's start-task, pause-task, resume-task, stop-task and query-status
/// see it. Each source runs as its own subtask in the background (<see cref="TaskRunner"/> for that source alone):
/// a source that fails is Paused with its error while the others go on; one that meets a transient failure resumes
/// by itself and stays Running with the failure as its last error. Stopping and pausing cancel the units, which stop
/// at a checkpoint; starting or resuming again goes on from the checkpoints the target holds. Thread-safe.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-pause-task, https://docs.pingcap.com/tidb/stable/dm-query-status</remarks>
public sealed class TaskSupervisor
{
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private IReadOnlyList<SourceRun> _sources = [];

    /// <param name="name">The task's name.</param>
    /// <param name="logger">Gets each source's stage and unit changes and the errors that pause it; none when null.</param>
    public TaskSupervisor(string name, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Name { get; }

    /// <summary>The task as last started, with its start options applied; null before the first start.</summary>
    public MigrationTask? Task { get; private set; }

    /// <summary>
    /// Starts every source of <paramref name="task"/> in the background; false (and nothing changes) while a source of
    /// the previous start still runs or stops. With <see cref="StartOptions.RemoveMeta"/> the task's checkpoints and
    /// dumps go first; a failure doing so pauses every source with the error.
    /// </summary>
    public bool Start(MigrationTask task, StartOptions options) => Start(task, options, null);

    /// <summary>
    /// Starts the sources of <paramref name="task"/> named in <paramref name="sources"/> (all of them when null), in the
    /// background; the others keep the stage they have. False (and nothing changes) while one of those to start still
    /// runs or stops. With <see cref="StartOptions.RemoveMeta"/> the task's checkpoints and dumps go first (only for a
    /// start of every source: the checkpoint tables are the whole task's); a failure doing so pauses every source
    /// started with the error.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a source of the task, or remove-meta is asked for some sources only.</exception>
    public bool Start(MigrationTask task, StartOptions options, IReadOnlyCollection<string>? sources)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(options);
        if (task.Name != Name)
            throw new ArgumentException($"task {task.Name} given to the supervisor of task {Name}", nameof(task));
        var selected = Selected(task, sources);
        if (options.RemoveMeta && selected.Count != task.Sources.Count)
            throw new ArgumentException("remove-meta starts every source of the task over: it cannot be asked for some of them", nameof(options));
        var started = Apply(task, options);
        lock (_gate)
        {
            if (_sources.Any(s => s.Stage == TaskStage.Running && selected.Contains(s.SourceId)))
                return false;
            Task = started;
            var previous = _sources.ToDictionary(s => s.SourceId, StringComparer.Ordinal);
            _sources = [.. started.Sources.Select(source =>
                !selected.Contains(source.SourceId) && previous.TryGetValue(source.SourceId, out var kept)
                    ? kept
                    : new SourceRun(started with { Sources = [source] }, _logger))];
            var prepare = options.RemoveMeta
                ? System.Threading.Tasks.Task.Run(() => TaskMeta.RemoveAsync(started, CancellationToken.None), CancellationToken.None)
                : System.Threading.Tasks.Task.CompletedTask;
            foreach (var source in _sources.Where(s => selected.Contains(s.SourceId)))
                source.Start(prepare);
            return true;
        }
    }

    /// <summary>
    /// What remove_meta does before a start, on its own: drops the task's checkpoint tables in the target's meta
    /// schema and deletes each source's dump. For delete-task without keep_meta.
    /// </summary>
    public static Task RemoveMetaAsync(MigrationTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        return TaskMeta.RemoveAsync(task, cancellationToken);
    }

    /// <summary>DM's stop-task: stops every running source at a checkpoint and waits for it; paused sources become Stopped too.</summary>
    /// <returns>True when a source was running or paused.</returns>
    /// <param name="cancellationToken">Stops the waiting, not the stop.</param>
    public Task<bool> StopAsync(CancellationToken cancellationToken = default) => StopAllAsync(TaskStage.Stopped, null, cancellationToken);

    /// <summary>stop-task for the named sources only (all when null).</summary>
    public Task<bool> StopAsync(IReadOnlyCollection<string>? sources, CancellationToken cancellationToken = default) => StopAllAsync(TaskStage.Stopped, sources, cancellationToken);

    /// <summary>DM's pause-task: stops every running source at a checkpoint, Paused, and waits for it.</summary>
    /// <returns>True when a source was running.</returns>
    /// <param name="cancellationToken">Stops the waiting, not the pause.</param>
    public Task<bool> PauseAsync(CancellationToken cancellationToken = default) => StopAllAsync(TaskStage.Paused, null, cancellationToken);

    /// <summary>pause-task for the named sources only (all when null).</summary>
    public Task<bool> PauseAsync(IReadOnlyCollection<string>? sources, CancellationToken cancellationToken = default) => StopAllAsync(TaskStage.Paused, sources, cancellationToken);

    /// <summary>
    /// DM's resume-task: runs every paused source again (paused by request or by an error) from the checkpoints
    /// the target holds. True when a source was resumed.
    /// </summary>
    public Task<bool> ResumeAsync(CancellationToken cancellationToken = default) => ResumeAsync(null, cancellationToken);

    /// <summary>resume-task for the named sources only (all when null).</summary>
    public Task<bool> ResumeAsync(IReadOnlyCollection<string>? sources, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var resumed = false;
        foreach (var source in Sources().Where(s => s.Stage == TaskStage.Paused && (sources is null || sources.Contains(s.SourceId))))
            resumed |= source.Start(System.Threading.Tasks.Task.CompletedTask);
        return System.Threading.Tasks.Task.FromResult(resumed);
    }

    /// <summary>
    /// The status now. The task's stage is Running while any source runs, else Paused while any is paused, else
    /// Finished when all finished, else Stopped (New before the first start).
    /// </summary>
    public TaskStatusSnapshot Snapshot()
    {
        var sources = Sources().Select(s => s.Snapshot()).ToList();
        var stages = sources.Select(s => s.Stage).ToList();
        var stage = stages.Count == 0 || stages.All(s => s == TaskStage.New) ? TaskStage.New
            : stages.Contains(TaskStage.Running) ? TaskStage.Running
            : stages.Contains(TaskStage.Paused) ? TaskStage.Paused
            : stages.All(s => s == TaskStage.Finished) ? TaskStage.Finished
            : TaskStage.Stopped;
        return new TaskStatusSnapshot(Name, stage, sources);
    }

    private async Task<bool> StopAllAsync(TaskStage stage, IReadOnlyCollection<string>? sources, CancellationToken cancellationToken)
    {
        var stops = Sources().Where(s => sources is null || sources.Contains(s.SourceId)).Select(s => s.StopAsync(stage, cancellationToken)).ToList();
        var results = await System.Threading.Tasks.Task.WhenAll(stops).ConfigureAwait(false);
        return results.Any(r => r);
    }

    private static HashSet<string> Selected(MigrationTask task, IReadOnlyCollection<string>? sources)
    {
        var all = task.Sources.Select(s => s.SourceId).ToHashSet(StringComparer.Ordinal);
        if (sources is null)
            return all;
        foreach (var name in sources)
        {
            if (!all.Contains(name))
                throw new ArgumentException($"{name} is not a source of task {task.Name}", nameof(sources));
        }

        return sources.ToHashSet(StringComparer.Ordinal);
    }

    private IReadOnlyList<SourceRun> Sources()
    {
        lock (_gate)
            return _sources;
    }

    /// <summary>The task as start-task's options change it: the start time for all, the safe-mode duration for each source.</summary>
    private static MigrationTask Apply(MigrationTask task, StartOptions options)
    {
        if (options.StartTime is { } startTime)
            task = task with { StartTime = startTime };
        if (options.SafeModeDuration is { } duration)
            task = task with { Sources = [.. task.Sources.Select(s => s with { Sync = s.Sync with { SafeModeDuration = duration } })] };
        return task;
    }
}
