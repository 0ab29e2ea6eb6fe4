using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Supervision;

/// <summary>
/// One changefeed's lifecycle as TiCDC's owner drives it: runs it in the background through a
/// <see cref="ChangefeedRun"/> made for each try, retries retryable errors with backoff (Pending while it waits,
/// Warning once running again, Normal when the checkpoint moves), fails it on a non-retryable error or after
/// <see cref="ChangefeedRetryPolicy.ErrorStuckDuration"/> of errors without progress, and finishes it at target_ts.
/// Pause, resume, update and remove are the user's. Every delay goes through the <see cref="TimeProvider"/>.
/// Thread-safe; the caller serializes the user's operations on one changefeed.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-changefeed-overview</remarks>
public sealed class ChangefeedSupervisor
{
    private readonly Lock _gate = new();
    private readonly Func<ChangefeedDefinition, ChangefeedRun> _start;
    private readonly Func<ChangefeedStatus, CancellationToken, Task>? _changed;
    private readonly ChangefeedRetryPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ChangefeedDefinition _definition;
    private ChangefeedState _state;
    private ChangefeedError? _error;
    private Tso _checkpoint;
    private Tso _resolved;
    private ChangefeedRun? _run;
    private CancellationTokenSource? _stop;
    private Task _loop = Task.CompletedTask;
    private Task _notified = Task.CompletedTask;
    private DateTimeOffset? _streakStart;
    private Tso _streakCheckpoint;
    private TimeSpan? _backoff;

    /// <param name="definition">The changefeed.</param>
    /// <param name="state">The state it is in (as stored); an active one runs on <see cref="Start"/>.</param>
    /// <param name="error">Its last error, as stored.</param>
    /// <param name="checkpointTs">Its checkpoint as stored (start_ts for a new one).</param>
    /// <param name="start">Makes a run of the definition; called for each try.</param>
    /// <param name="changed">Told every state change, in order, outside the supervisor's lock; failures are logged.</param>
    /// <param name="policy">Backoff and failure times; TiCDC's when null.</param>
    /// <param name="time">For every delay; the system clock when null.</param>
    /// <param name="logger">Gets state changes and errors.</param>
    public ChangefeedSupervisor(
        ChangefeedDefinition definition,
        ChangefeedState state,
        ChangefeedError? error,
        Tso checkpointTs,
        Func<ChangefeedDefinition, ChangefeedRun> start,
        Func<ChangefeedStatus, CancellationToken, Task>? changed = null,
        ChangefeedRetryPolicy? policy = null,
        TimeProvider? time = null,
        ILogger? logger = null)
    {
        _definition = definition ?? throw new ArgumentNullException(nameof(definition));
        _start = start ?? throw new ArgumentNullException(nameof(start));
        if (state == ChangefeedState.Removed)
            throw new ArgumentException("a removed changefeed is not supervised", nameof(state));
        _state = state;
        _error = error;
        _checkpoint = checkpointTs;
        _resolved = checkpointTs;
        _changed = changed;
        _policy = policy ?? new ChangefeedRetryPolicy();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Id => _definition.Id;

    public ChangefeedDefinition Definition
    {
        get
        {
            lock (_gate)
                return _definition;
        }
    }

    /// <summary>Runs the changefeed when its state is an active one (Normal, Warning, Pending) and it is not running; false otherwise.</summary>
    public bool Start()
    {
        ChangefeedStatus status;
        lock (_gate)
        {
            if (!_state.IsActive() || _stop is not null)
                return false;
            if (_state == ChangefeedState.Pending)
                _state = ChangefeedState.Warning;
            BeginLoop();
            status = StatusLocked();
        }

        Changed(status);
        return true;
    }

    /// <summary>
    /// TiCDC's pause: stops the run (or the wait before the next try) and waits for it; the changefeed is Stopped,
    /// its error kept. False for a finished or removed changefeed.
    /// </summary>
    /// <param name="cancellationToken">Stops the waiting, not the pause.</param>
    public async Task<bool> PauseAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_state is ChangefeedState.Finished or ChangefeedState.Removed)
                return false;
        }

        await HaltAsync(cancellationToken).ConfigureAwait(false);
        ChangefeedStatus status;
        lock (_gate)
        {
            // The run may have reached target_ts while it was being stopped: finished stays finished.
            if (_state is ChangefeedState.Finished or ChangefeedState.Removed)
                return false;
            _state = ChangefeedState.Stopped;
            ResetStreak();
            status = StatusLocked();
        }

        Changed(status);
        return true;
    }

    /// <summary>
    /// TiCDC's resume: stops what runs or waits, clears the error and runs the changefeed again, Normal. With
    /// <paramref name="overwriteCheckpointTs"/> it starts reading from there (the definition's start_ts becomes it),
    /// after <paramref name="resetCheckpoint"/> has forgotten the stored checkpoint. A Normal changefeed without an
    /// overwrite is left running. False for a finished or removed changefeed.
    /// </summary>
    public async Task<bool> ResumeAsync(Tso? overwriteCheckpointTs, Func<CancellationToken, Task>? resetCheckpoint, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_state is ChangefeedState.Finished or ChangefeedState.Removed)
                return false;
            if (_state == ChangefeedState.Normal && _stop is not null && overwriteCheckpointTs is null)
                return true;
        }

        await HaltAsync(cancellationToken).ConfigureAwait(false);
        if (overwriteCheckpointTs is not null && resetCheckpoint is not null)
            await resetCheckpoint(cancellationToken).ConfigureAwait(false);
        ChangefeedStatus status;
        lock (_gate)
        {
            if (_state is ChangefeedState.Finished or ChangefeedState.Removed)
                return false;
            if (overwriteCheckpointTs is { } overwrite)
            {
                _definition = _definition with { StartTs = overwrite };
                (_checkpoint, _resolved, _run) = (overwrite, overwrite, null);
            }

            _state = ChangefeedState.Normal;
            _error = null;
            ResetStreak();
            BeginLoop();
            status = StatusLocked();
        }

        Changed(status);
        return true;
    }

    /// <summary>TiCDC's update: replaces the definition, only while Stopped or Failed (false otherwise); resume runs the new one.</summary>
    public bool Update(ChangefeedDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Id != Id)
            throw new ArgumentException($"changefeed {definition.Id} given to the supervisor of {Id}", nameof(definition));
        lock (_gate)
        {
            if (_state is not (ChangefeedState.Stopped or ChangefeedState.Failed))
                return false;
            _definition = definition;
            return true;
        }
    }

    /// <summary>TiCDC's remove: stops what runs and waits for it; the changefeed is Removed and nothing more happens to it.</summary>
    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        await HaltAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
            _state = ChangefeedState.Removed;
        SupervisorLog.State(_logger, Id, ChangefeedState.Removed);
    }

    /// <summary>For shutdown: stops what runs at the sink's last acknowledgement and waits; the state stays, so a restart runs it again.</summary>
    public Task ShutdownAsync(CancellationToken cancellationToken) => HaltAsync(cancellationToken);

    /// <summary>The status now. A Warning changefeed whose checkpoint moved since its error is Normal again (and says so to the listener).</summary>
    public ChangefeedStatus Snapshot()
    {
        ChangefeedStatus status;
        bool recovered;
        lock (_gate)
        {
            recovered = _state == ChangefeedState.Warning && _stop is not null && CheckpointLocked() > _streakCheckpoint;
            if (recovered)
            {
                _state = ChangefeedState.Normal;
                _error = null;
                ResetStreak();
            }

            status = StatusLocked();
        }

        if (recovered)
            Changed(status);
        return status;
    }

    /// <summary>Completes once every state change so far has been told to the listener.</summary>
    public Task ChangesToldAsync()
    {
        lock (_gate)
            return _notified;
    }

    private void BeginLoop()
    {
        // Never disposed: it has no timer and no links, and a pause may still cancel it after the loop ended.
        var stop = new CancellationTokenSource();
        _stop = stop;
        // The loop outlives the request that started it: it must not carry that request's logging scope and activity.
        using (ExecutionContext.SuppressFlow())
            _loop = Task.Run(() => LoopAsync(stop), CancellationToken.None);
    }

    private async Task HaltAsync(CancellationToken cancellationToken)
    {
        CancellationTokenSource? stop;
        Task loop;
        lock (_gate)
            (stop, loop) = (_stop, _loop);
        if (stop is not null)
            await stop.CancelAsync().ConfigureAwait(false);
        await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task LoopAsync(CancellationTokenSource stop)
    {
        var token = stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                ChangefeedOutcome outcome;
                try
                {
                    ChangefeedDefinition definition;
                    lock (_gate)
                        definition = _definition;
                    var run = _start(definition);
                    lock (_gate)
                        _run = run;
                    outcome = await run.RunAsync(token).ConfigureAwait(false);
                }
                catch (Exception) when (token.IsCancellationRequested)
                {
                    // Asked to stop: what the stop cut short is no error.
                    return;
                }
#pragma warning disable CA1031 // Any failure of a run is the changefeed's error, retried or failed as TiCDC does.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    if (!await RetryAfterAsync(e, token).ConfigureAwait(false))
                        return;
                    continue;
                }

                if (token.IsCancellationRequested)
                    return;
                End(outcome == ChangefeedOutcome.Finished ? ChangefeedState.Finished : ChangefeedState.Stopped);
                return;
            }
        }
        finally
        {
            lock (_gate)
            {
                FoldProgress();
                if (_stop == stop)
                    _stop = null;
            }
        }
    }

    /// <summary>Handles a failed run: true once the backoff has passed and the changefeed should run again.</summary>
    private async Task<bool> RetryAfterAsync(Exception exception, CancellationToken token)
    {
        var now = _time.GetUtcNow();
        var error = ChangefeedError.From(exception, now);
        Task delay;
        TimeSpan backoff;
        ChangefeedStatus status;
        lock (_gate)
        {
            FoldProgress();
            _error = error;
            var failed = exception is not ChangefeedException { IsRetryable: true };
            if (!failed)
            {
                if (_streakStart is null || _checkpoint > _streakCheckpoint)
                {
                    // The first error, or the first since the checkpoint last moved: the 30 minutes count from here.
                    (_streakStart, _streakCheckpoint, _backoff) = (now, _checkpoint, null);
                }

                failed = now - _streakStart.Value >= _policy.ErrorStuckDuration;
            }

            if (failed)
            {
                _state = ChangefeedState.Failed;
                ResetStreak();
                status = StatusLocked();
                delay = Task.CompletedTask;
                backoff = TimeSpan.Zero;
            }
            else
            {
                backoff = _policy.Next(_backoff);
                _backoff = backoff;
                _state = ChangefeedState.Pending;

                // The timer exists before anyone hears of Pending, so that a clock moved on hearing it moves this wait too.
                delay = Task.Delay(backoff, _time, token);
                status = StatusLocked();
            }
        }

        if (status.State == ChangefeedState.Failed)
        {
            SupervisorLog.Failed(_logger, Id, error);
            Changed(status);
            return false;
        }

        SupervisorLog.Retry(_logger, Id, error, backoff);
        Changed(status);
        try
        {
            await delay.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        lock (_gate)
        {
            if (token.IsCancellationRequested)
                return false;
            _state = ChangefeedState.Warning;
            status = StatusLocked();
        }

        Changed(status);
        return true;
    }

    private void End(ChangefeedState state)
    {
        ChangefeedStatus status;
        lock (_gate)
        {
            FoldProgress();
            _state = state;
            ResetStreak();
            status = StatusLocked();
        }

        Changed(status);
    }

    private void ResetStreak() => (_streakStart, _streakCheckpoint, _backoff) = (null, default, null);

    /// <summary>Keeps the furthest checkpoint and resolved ts any run reported.</summary>
    private void FoldProgress()
    {
        if (_run is not { } run)
            return;
        _checkpoint = Max(_checkpoint, run.Progress.CheckpointTs);
        _resolved = Max(_resolved, run.Progress.ResolvedTs);
    }

    private Tso CheckpointLocked() => _run is { } run ? Max(_checkpoint, run.Progress.CheckpointTs) : _checkpoint;

    private ChangefeedStatus StatusLocked()
    {
        var checkpoint = CheckpointLocked();
        var resolved = Max(checkpoint, _run is { } run ? Max(_resolved, run.Progress.ResolvedTs) : _resolved);
        return new ChangefeedStatus(Id, _state, _error, checkpoint, resolved, _stop is not null && _state is ChangefeedState.Normal or ChangefeedState.Warning);
    }

    private static Tso Max(Tso a, Tso b) => a >= b ? a : b;

    private void Changed(ChangefeedStatus status)
    {
        SupervisorLog.State(_logger, Id, status.State);
        if (_changed is null)
            return;
        lock (_gate)
            _notified = _notified.ContinueWith(_ => TellAsync(status), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
    }

    private async Task TellAsync(ChangefeedStatus status)
    {
        try
        {
            await _changed!(status, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A listener's failure (a store that is down) must not stop the changefeed; it is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            SupervisorLog.Notify(_logger, Id, e);
        }
    }
}
