using Microsoft.Extensions.Logging;
using Sluice.Migration.Sync;

namespace Sluice.Migration.Supervision;

/// <summary>
/// One source of a supervised task (DM's subtask): runs the task's units for this source alone in the background,
/// so a source that fails pauses without stopping the others, and keeps what its units last reported.
/// </summary>
internal sealed class SourceRun
{
    private readonly Lock _gate = new();
    private readonly MigrationTask _task;
    private readonly ILogger _logger;
    private TaskStage _stage = TaskStage.New;
    private TaskUnit _unit;
    private DumpStatusSnapshot? _dump;
    private LoadStatusSnapshot? _load;
    private SyncStatus? _sync;
    private TaskError? _error;
    private bool _active;
    private TaskStage _requested;
    private int _generation;
    private bool _stopping;
    private Func<Task> _cancel = () => Task.CompletedTask;
    private Task _run = Task.CompletedTask;

    /// <param name="task">The task with only this source in <see cref="MigrationTask.Sources"/>.</param>
    /// <param name="logger">Gets the source's stage and unit changes and its errors.</param>
    public SourceRun(MigrationTask task, ILogger logger)
    {
        _task = task;
        _logger = logger;
        _unit = FirstUnit(task.Mode);
    }

    public string SourceId => _task.Sources[0].SourceId;

    public TaskStage Stage
    {
        get
        {
            lock (_gate)
                return _stage;
        }
    }

    /// <summary>Runs the units from where the target's checkpoints stand, once <paramref name="prepare"/> is done; false when already running.</summary>
    public bool Start(Task prepare)
    {
        TaskUnit unit;
        lock (_gate)
        {
            if (_active)
                return false;
            _active = true;
            _stage = TaskStage.Running;
            _stopping = false;
            _unit = FirstUnit(_task.Mode);
            (_dump, _load, _sync, _error) = (null, null, null, null);
            var generation = ++_generation;
            // Never disposed: it has no timer and no links, and a stop may still cancel it after the run ended.
            var stop = new CancellationTokenSource();
            _cancel = stop.CancelAsync;
            _run = Task.Run(() => RunAsync(prepare, generation, stop.Token), CancellationToken.None);
            unit = _unit;
        }

        SupervisionLog.Stage(_logger, _task.Name, SourceId, TaskStage.Running, unit);
        return true;
    }

    /// <summary>
    /// Stops a running source at its next checkpoint and leaves it in <paramref name="stage"/> (Paused or Stopped;
    /// Stopped wins when both are asked); a paused one asked to stop is Stopped at once. Returns once it has stopped;
    /// true when the source was running or paused.
    /// </summary>
    public async Task<bool> StopAsync(TaskStage stage, CancellationToken cancellationToken)
    {
        Func<Task> cancel = () => Task.CompletedTask;
        var run = Task.CompletedTask;
        TaskUnit? stoppedIn = null;
        lock (_gate)
        {
            if (!_active)
            {
                if (stage != TaskStage.Stopped || _stage is not (TaskStage.Paused or TaskStage.Running))
                    return false;
                _stage = TaskStage.Stopped;
                stoppedIn = _unit;
            }
            else
            {
                if (!_stopping || stage == TaskStage.Stopped)
                    _requested = stage;
                _stopping = true;
                cancel = _cancel;
                run = _run;
            }
        }

        if (stoppedIn is { } unit)
        {
            SupervisionLog.Stage(_logger, _task.Name, SourceId, TaskStage.Stopped, unit);
            return true;
        }

        // Cancelled outside the lock: cancellation runs callbacks, and they may report progress.
        await cancel().ConfigureAwait(false);

        await run.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public SourceStatusSnapshot Snapshot()
    {
        lock (_gate)
            return new SourceStatusSnapshot(SourceId, _stage, _unit, _dump, _load, _sync, _error);
    }

    private async Task RunAsync(Task prepare, int generation, CancellationToken token)
    {
        TaskStage stage;
        TaskError? error = null;
        try
        {
            await prepare.WaitAsync(token).ConfigureAwait(false);
            await TaskRunner.RunAsync(
                _task,
                new Reporter<MigrationProgress>(p => OnFull(generation, p)),
                new Reporter<SyncStatus>(s => OnSync(generation, s)),
                token,
                (_, ex, _) => OnTransient(generation, ex)).ConfigureAwait(false);
            // Sync units end only when stopped (or caught up, with UntilCaughtUp); a full migration that returns is done.
            stage = token.IsCancellationRequested && _task.Mode is TaskMode.All or TaskMode.Incremental ? Requested() : TaskStage.Finished;
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // Asked to stop: what the stop cut short is no error.
            stage = Requested();
        }
#pragma warning disable CA1031 // Any failure of the units pauses the source with its error in the status, as DM does.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stage = TaskStage.Paused;
            error = TaskError.From(ex, Snapshot().Unit);
        }

        TaskUnit unit;
        lock (_gate)
        {
            _stage = stage;
            if (error is not null)
                _error = error;
            _active = false;
            unit = _unit;
        }

        if (error is not null)
            SupervisionLog.Paused(_logger, _task.Name, SourceId, error);
        SupervisionLog.Stage(_logger, _task.Name, SourceId, stage, unit);
    }

    private TaskStage Requested()
    {
        lock (_gate)
            return _requested;
    }

    private void OnFull(int generation, MigrationProgress progress)
    {
        var unit = progress.Unit == "Dump" ? TaskUnit.Dump : TaskUnit.Load;
        TaskUnit before, after;
        lock (_gate)
        {
            // Units only go forward within a run; a late report of an earlier one changes nothing.
            if (generation != _generation || unit < _unit)
                return;
            before = _unit;
            _unit = unit;
            if (unit == TaskUnit.Dump)
            {
                _dump = new DumpStatusSnapshot(
                    progress.TotalTables, progress.FinishedTables, progress.Bytes, progress.Rows, progress.EstimatedRows, progress.BytesPerSecond, progress.Percent);
                // The dump's last report (100 %) means it is done: a task that loads next is in the load unit from here.
                if (progress.Percent >= 100 && _task.Mode is TaskMode.All or TaskMode.Full)
                    _unit = TaskUnit.Load;
            }
            else
            {
                _load = new LoadStatusSnapshot(
                    progress.Bytes, progress.TotalBytes, progress.Percent, progress.MetaBinlog, progress.MetaBinlogGtid, progress.BytesPerSecond);
            }

            after = _unit;
        }

        if (after != before)
            SupervisionLog.Unit(_logger, _task.Name, SourceId, after);
    }

    private void OnSync(int generation, SyncStatus status)
    {
        bool entered;
        lock (_gate)
        {
            if (generation != _generation)
                return;
            entered = _unit != TaskUnit.Sync;
            _unit = TaskUnit.Sync;
            _sync = status;
        }

        if (entered)
            SupervisionLog.Unit(_logger, _task.Name, SourceId, TaskUnit.Sync);
    }

    /// <summary>A failure the sync unit resumes from by itself: kept as the last error while the stage stays Running.</summary>
    private void OnTransient(int generation, Exception exception)
    {
        TaskError error;
        lock (_gate)
        {
            if (generation != _generation)
                return;
            error = _error = TaskError.From(exception, _unit);
        }

        SupervisionLog.Transient(_logger, _task.Name, SourceId, error);
    }

    private static TaskUnit FirstUnit(TaskMode mode) => mode switch
    {
        TaskMode.Load => TaskUnit.Load,
        TaskMode.Incremental => TaskUnit.Sync,
        _ => TaskUnit.Dump,
    };
}
