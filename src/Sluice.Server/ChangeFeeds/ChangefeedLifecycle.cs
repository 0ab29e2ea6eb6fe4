using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Sluice.ChangeFeed;
using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;
using Sluice.ChangeFeed.Supervision;
using Sluice.Server.Sources;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// Runs the stored changefeeds: one <see cref="ChangefeedSupervisor"/> each, whose runs are
/// <see cref="ChangefeedRunner"/>s over the registered source (password opened only here) and the changefeed's
/// checkpoint in the metadata store. Every state the supervisor reports is written back, so that after a restart
/// each changefeed comes back in its state and the active ones run again from their checkpoints. The user's
/// operations go one at a time.
/// </summary>
internal sealed partial class ChangefeedLifecycle(
    ChangefeedRepository repository,
    SourceRepository sources,
    ChangefeedRunFactory runs,
    ILoggerFactory loggers,
    TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _feeds = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _operations = new(1, 1);
    private readonly SemaphoreSlim _writes = new(1, 1);
    /// <summary>How long creation waits for the source's end of binlog before leaving the start to the first run.</summary>
    private static readonly TimeSpan SourceEndTimeout = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = loggers.CreateLogger("Sluice.Server.ChangeFeeds");

    public TimeProvider Time => time;

    public void Dispose()
    {
        _operations.Dispose();
        _writes.Dispose();
    }

    /// <summary>Every changefeed with its status, by id.</summary>
    public IReadOnlyList<(StoredChangefeed Stored, ChangefeedStatus Status)> List() =>
        [.. _feeds.Values.OrderBy(e => e.Stored.Id, StringComparer.Ordinal).Select(e => (e.Stored, e.Supervisor.Snapshot()))];

    /// <summary>The changefeed and its status; a 400 with TiCDC's code when there is none.</summary>
    public (StoredChangefeed Stored, ChangefeedStatus Status) Get(string id) =>
        _feeds.TryGetValue(id, out var entry) ? (entry.Stored, entry.Supervisor.Snapshot()) : throw CdcApiException.NotFound(id);

    public bool Exists(string id) => _feeds.ContainsKey(id);

    /// <summary>At server start: every stored changefeed gets its supervisor in its stored state; the active ones run.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in await repository.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var checkpoint = await repository.Checkpoints(stored.Id).ReadAsync(cancellationToken).ConfigureAwait(false);
            Entry entry;
            try
            {
                entry = NewEntry(stored, checkpoint?.CheckpointTs ?? new Tso(stored.StartTs));
            }
            catch (Exception e) when (e is CdcApiException or FormatException or System.Security.Cryptography.CryptographicException)
            {
                // Refused by a newer check than the one it was created under, or sealed under another key: kept stored, not run.
                LogNotRecovered(_logger, stored.Id, e.Message);
                continue;
            }

            _feeds[stored.Id] = entry;
            await RefreshSourceAsync(entry, cancellationToken).ConfigureAwait(false);
            entry.Supervisor.Start();
        }
    }

    /// <summary>
    /// Stores and starts a new changefeed; false when its id is taken. One that <paramref name="startsNow"/> (no
    /// start_ts given) begins at the source's end of binlog as read here, its start_ts taken just after; when the
    /// source cannot be reached now, its first run locates start_ts in the binlog by time instead.
    /// </summary>
    public async Task<bool> CreateAsync(StoredChangefeed stored, bool startsNow, CancellationToken cancellationToken)
    {
        await _operations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_feeds.ContainsKey(stored.Id))
                return false;
            ChangefeedCheckpoint? first = null;
            if (startsNow && !stored.Snapshot)
                (stored, first) = await StartAtSourceEndAsync(stored, cancellationToken).ConfigureAwait(false);
            if (!await repository.CreateAsync(stored, cancellationToken).ConfigureAwait(false))
                return false;
            if (first is not null)
                await repository.Checkpoints(stored.Id).SaveAsync(first, cancellationToken).ConfigureAwait(false);
            var entry = NewEntry(stored, new Tso(stored.StartTs));
            _feeds[stored.Id] = entry;
            await RefreshSourceAsync(entry, cancellationToken).ConfigureAwait(false);
            entry.Supervisor.Start();
            LogCreated(_logger, stored.Id, stored.SourceName, stored.SinkUri);
            return true;
        }
        finally
        {
            _operations.Release();
        }
    }

    /// <summary>
    /// Replaces the changefeed as <paramref name="change"/> makes it, only while it is stopped or failed: a 400
    /// (ErrChangefeedUpdateRefused) otherwise.
    /// </summary>
    public Task<StoredChangefeed> UpdateAsync(string id, Func<StoredChangefeed, StoredChangefeed> change, CancellationToken cancellationToken) =>
        OperateAsync(id, async entry =>
        {
            var state = entry.Supervisor.Snapshot().State;
            if (state is not (ChangefeedState.Stopped or ChangefeedState.Failed))
            {
                throw new CdcApiException(CdcErrorCodes.ChangefeedUpdateRefused,
                    $"can only update changefeed config when it is stopped or failed: changefeed {id} is {state.ToApiName()}");
            }

            var updated = change(entry.Stored);

            // A changed changefeed_error_stuck_duration applies from the next server start: the supervisor keeps its policy.
            if (!entry.Supervisor.Update(Definition(updated)))
                throw new CdcApiException(CdcErrorCodes.ChangefeedUpdateRefused, $"changefeed {id} changed state while being updated: try again");
            // The state and error as last recorded: a state change told since the read above is not undone.
            return await WriteAsync(id, latest => updated with { State = latest.State, Error = latest.Error }, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task PauseAsync(string id, CancellationToken cancellationToken) =>
        OperateAsync(id, async entry =>
        {
            if (!await entry.Supervisor.PauseAsync(cancellationToken).ConfigureAwait(false))
                throw Refused(id, entry, "paused");
            return entry.Stored;
        }, cancellationToken);

    /// <param name="id">The changefeed.</param>
    /// <param name="overwriteCheckpointTs">Where to start reading again, instead of the checkpoint; null keeps it.</param>
    /// <param name="cancellationToken">Cancels the waiting.</param>
    public Task ResumeAsync(string id, Tso? overwriteCheckpointTs, CancellationToken cancellationToken) =>
        OperateAsync(id, async entry =>
        {
            await RefreshSourceAsync(entry, cancellationToken).ConfigureAwait(false);
            var checkpoints = repository.Checkpoints(id);
            if (!await entry.Supervisor.ResumeAsync(overwriteCheckpointTs, checkpoints.ResetAsync, cancellationToken).ConfigureAwait(false))
                throw Refused(id, entry, "resumed");
            if (overwriteCheckpointTs is { } overwrite)
                await WriteAsync(id, s => s with { StartTs = overwrite.Value }, cancellationToken).ConfigureAwait(false);
            return entry.Stored;
        }, cancellationToken);

    /// <summary>Stops and forgets the changefeed and its checkpoint; false when there was none.</summary>
    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await _operations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_feeds.TryGetValue(id, out var entry))
                return false;
            await entry.Supervisor.RemoveAsync(cancellationToken).ConfigureAwait(false);
            _feeds.TryRemove(id, out _);
            await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await repository.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writes.Release();
            }

            LogRemoved(_logger, id);
            return true;
        }
        finally
        {
            _operations.Release();
        }
    }

    /// <summary>At shutdown: every run stops at the sink's last acknowledgement; states stay as stored, so they run again.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        var entries = _feeds.Values.ToList();
        await Task.WhenAll(entries.Select(e => e.Supervisor.ShutdownAsync(cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(entries.Select(e => e.Supervisor.ChangesToldAsync())).ConfigureAwait(false);
    }

    /// <summary>The engine's definition of a stored changefeed (sink password opened); a 400 for a replica_config the engine cannot use.</summary>
    public ChangefeedDefinition Definition(StoredChangefeed stored)
    {
        var sinkUri = repository.OpenSinkUri(stored);
        var options = ReplicaConfigMapping.ToOptions(stored.Id, stored.Config, SinkUri.Parse(sinkUri));
        return new ChangefeedDefinition
        {
            Id = stored.Id,
            SourceName = stored.SourceName,
            SinkUri = sinkUri,
            StartTs = new Tso(stored.StartTs),
            TargetTs = new Tso(stored.TargetTs),
            Options = options,
            Snapshot = stored.Snapshot,
        };
    }

    private async Task<StoredChangefeed> OperateAsync(string id, Func<Entry, Task<StoredChangefeed>> operation, CancellationToken cancellationToken)
    {
        await _operations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _feeds.TryGetValue(id, out var entry) ? await operation(entry).ConfigureAwait(false) : throw CdcApiException.NotFound(id);
        }
        finally
        {
            _operations.Release();
        }
    }

    private static CdcApiException Refused(string id, Entry entry, string what) =>
        new(CdcErrorCodes.ChangefeedAbnormalState, $"changefeed {id} is {entry.Supervisor.Snapshot().State.ToApiName()}: it cannot be {what}");

    private Entry NewEntry(StoredChangefeed stored, Tso checkpoint)
    {
        var definition = Definition(stored);
        var state = ChangefeedStates.TryParse(stored.State, out var parsed) && parsed != ChangefeedState.Removed ? parsed : ChangefeedState.Stopped;
        var error = stored.Error is { } e ? new ChangefeedError(e.Time, e.Code, e.Message) : null;
        var entry = new Entry(stored);
        var checkpoints = repository.Checkpoints(stored.Id);
        entry.Supervisor = new ChangefeedSupervisor(
            definition,
            state,
            error,
            checkpoint,
            d => runs(
                d,
                entry.Source ?? throw new ChangefeedException(CdcErrorCodes.UpstreamNotFound, $"source {d.SourceName} of changefeed {d.Id} is not registered", isRetryable: false),
                checkpoints),
            (status, ct) => RecordAsync(stored.Id, status, ct),
            ReplicaConfigMapping.RetryPolicy(stored.Config),
            time,
            loggers.CreateLogger<ChangefeedSupervisor>());
        return entry;
    }

    /// <summary>The changefeed with its start_ts taken after the source's end of binlog was read, and its first checkpoint there; unchanged without one when the source does not answer.</summary>
    private async Task<(StoredChangefeed, ChangefeedCheckpoint?)> StartAtSourceEndAsync(StoredChangefeed stored, CancellationToken cancellationToken)
    {
        var source = await SourceAsync(stored.SourceName, cancellationToken).ConfigureAwait(false);
        if (source is null)
            return (stored, null);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SourceEndTimeout);
        try
        {
            var checkpoint = await ChangefeedStart.AtSourceEndAsync(
                source, () => Tso.From(time.GetUtcNow()) is var now && now.Value > stored.StartTs ? now : new Tso(stored.StartTs), timeout.Token).ConfigureAwait(false);
            return (stored with { StartTs = checkpoint.CheckpointTs.Value }, checkpoint);
        }
        catch (Exception e) when (e is MySqlConnector.MySqlException or ChangefeedException or IOException or System.Net.Sockets.SocketException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogNoSourceEnd(_logger, stored.Id, stored.SourceName, e.Message);
            return (stored, null);
        }
    }

    /// <summary>Reads the changefeed's source again (its password may have changed); null when it is not registered any more.</summary>
    private async Task RefreshSourceAsync(Entry entry, CancellationToken cancellationToken) =>
        entry.Source = await SourceAsync(entry.Stored.SourceName, cancellationToken).ConfigureAwait(false);

    private async Task<ChangefeedSource?> SourceAsync(string name, CancellationToken cancellationToken)
    {
        var source = await sources.GetAsync(name, cancellationToken).ConfigureAwait(false);
        return source is null ? null : new ChangefeedSource(source.SourceName, source.Host, source.Port, source.User, sources.OpenPassword(source) ?? "");
    }

    private async Task RecordAsync(string id, ChangefeedStatus status, CancellationToken cancellationToken)
    {
        if (status.State == ChangefeedState.Removed || !_feeds.ContainsKey(id))
            return;
        var error = status.Error is { } e ? new StoredError(e.Time, e.Code, e.Message) : null;
        await WriteAsync(id, s => s with { State = status.State.ToApiName(), Error = error }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes the stored changefeed, one write at a time, so that the last change written is the last made.</summary>
    private async Task<StoredChangefeed> WriteAsync(string id, Func<StoredChangefeed, StoredChangefeed> change, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_feeds.TryGetValue(id, out var entry))
                throw CdcApiException.NotFound(id);
            var changed = change(entry.Stored);
            if (await repository.UpdateAsync(changed, cancellationToken).ConfigureAwait(false))
                entry.Stored = changed;
            return changed;
        }
        finally
        {
            _writes.Release();
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "changefeed {Changefeed} created: source {SourceName}, sink {SinkUri}")]
    private static partial void LogCreated(ILogger logger, string changefeed, string sourceName, string sinkUri);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "changefeed {Changefeed} could not be brought back: {Reason}")]
    private static partial void LogNotRecovered(ILogger logger, string changefeed, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "changefeed {Changefeed}: the end of binlog of source {SourceName} could not be read ({Reason}); its first run locates start_ts by time")]
    private static partial void LogNoSourceEnd(ILogger logger, string changefeed, string sourceName, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "changefeed {Changefeed} removed")]
    private static partial void LogRemoved(ILogger logger, string changefeed);

    private sealed class Entry(StoredChangefeed stored)
    {
        private StoredChangefeed _stored = stored;
        private ChangefeedSource? _source;

        public StoredChangefeed Stored
        {
            get => Volatile.Read(ref _stored);
            set => Volatile.Write(ref _stored, value);
        }

        public ChangefeedSource? Source
        {
            get => Volatile.Read(ref _source);
            set => Volatile.Write(ref _source, value);
        }

        public ChangefeedSupervisor Supervisor { get; set; } = null!;
    }
}
