using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Sluice.ChangeFeed.Processing;
using Sluice.ChangeFeed.Sinks;
using Sluice.MySql;
using Sluice.MySql.Positions;
using Sluice.MySql.Replication;
using Sluice.MySql.Session;
using Sluice.Replication.Positioning;

namespace Sluice.ChangeFeed;

/// <summary>
/// Runs one changefeed: reads its source's binlog from the checkpoint (or start_ts), decodes, filters and hands
/// transactions to the sink in commit order, and moves the checkpoint as the sink acknowledges. One run lasts until
/// it is cancelled, reaches target_ts, or fails; the supervisor decides what happens next.
/// </summary>
public sealed partial class ChangefeedRunner
{
    /// <summary>How often the sink is flushed and the checkpoint saved while changes flow.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(500);

    private readonly ChangefeedDefinition _definition;
    private readonly ChangefeedSource _source;
    private readonly IChangefeedCheckpointStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<ChangefeedDefinition, CancellationToken, ValueTask<IChangeSink>> _sinkFactory;

    public ChangefeedRunner(
        ChangefeedDefinition definition,
        ChangefeedSource source,
        IChangefeedCheckpointStore store,
        ILogger? logger = null,
        TimeProvider? time = null,
        Func<ChangefeedDefinition, IChangeSink>? sinkFactory = null)
    {
        _definition = definition ?? throw new ArgumentNullException(nameof(definition));
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _sinkFactory = sinkFactory is null
            ? (d, token) => ChangeSinks.CreateAsync(d, _logger, _time, token)
            : (d, _) => ValueTask.FromResult(sinkFactory(d));
    }

    public ChangefeedProgress Progress { get; } = new();

    /// <summary>Runs until cancelled (<see cref="ChangefeedOutcome.Stopped"/>) or target_ts is reached (<see cref="ChangefeedOutcome.Finished"/>).</summary>
    /// <exception cref="ChangefeedException">The source, the sink or the configuration failed; <see cref="ChangefeedException.IsRetryable"/> says whether to try again.</exception>
    public async Task<ChangefeedOutcome> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ChangefeedOutcome.Stopped;
        }
        catch (Exception ex) when (ex is not ChangefeedException)
        {
            throw Classify(ex);
        }
    }

    private async Task<ChangefeedOutcome> RunOnceAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await _store.ReadAsync(cancellationToken).ConfigureAwait(false);
        var clock = new TransactionClock(checkpoint?.CheckpointTs ?? _definition.StartTs);
        Progress.CheckpointTs = clock.Last;
        Progress.ResolvedTs = clock.Last;
        var target = _definition.TargetTs;
        if (target != Model.Tso.Zero && clock.Last >= target)
            return ChangefeedOutcome.Finished;

        var connection = BinlogConnection();
        var serverId = ServerIdFor(_definition.Namespace, _definition.Id);
        MySqlConnection? snapshot = null;
        try
        {
            BinlogCheckpoint start;
            if (checkpoint is { } saved)
            {
                start = BinlogCheckpoint.At(new BinlogPosition(saved.BinlogFile, saved.BinlogPosition));
            }
            else if (_definition.Snapshot)
            {
                snapshot = new MySqlConnection(ConnectionString());
                await snapshot.OpenAsync(cancellationToken).ConfigureAwait(false);
                start = await InitialSnapshot.StartAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                start = await LocateStartAsync(connection, serverId, cancellationToken).ConfigureAwait(false);
            }

            LogStarting(_definition.Id, _source, start, clock.Last.Value);
            var tables = new SourceTables(ConnectionString()) { InitialVersion = clock.Last };
            await using (tables.ConfigureAwait(false))
            {
                await PrepareTablesAsync(tables, checkpoint, cancellationToken).ConfigureAwait(false);
                LogTablesPrepared(_definition.Id);
                var sink = await CreateSinkAsync(cancellationToken).ConfigureAwait(false);
                await using (sink.ConfigureAwait(false))
                {
                    Func<ChangeQueue, CaptureFilter, CancellationToken, Task>? first = snapshot is null
                        ? null
                        : (queue, filter, token) => SendSnapshotAsync(snapshot, tables, filter, clock, start, queue, token);
                    return await StreamAsync(sink, tables, clock, connection, serverId, start, first, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (snapshot is not null)
                await snapshot.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The sink; one that cannot be reached now (a broker or target down) is worth another try later.</summary>
    private async Task<IChangeSink> CreateSinkAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _sinkFactory(_definition, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (ChangefeedException or OperationCanceledException))
        {
            throw new ChangefeedException("CDC:ErrSinkInitialize", $"sink {SinkUri.Redact(_definition.SinkUri)} cannot be opened: {ex.Message}", isRetryable: true, ex);
        }
    }

    /// <summary>
    /// The captured tables' structures at the start position: the checkpoint's, else the tables as they are now
    /// (which is the start when start_ts is now), so row events written before a later DDL decode with their columns.
    /// </summary>
    private async Task PrepareTablesAsync(SourceTables tables, ChangefeedCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint?.Tables is { } kept)
        {
            try
            {
                tables.Restore(kept);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new ChangefeedException("CDC:ErrDecodeFailed", $"the checkpoint's table structures cannot be read: {ex.Message}", isRetryable: false, ex);
            }
        }

        var filter = new CaptureFilter(_definition.Options);
        tables.Selected = filter.AllowsTable;
        await tables.PreloadAsync(filter.AllowsTable, cancellationToken).ConfigureAwait(false);
        Progress.Started = true;
    }

    /// <summary>The initial snapshot's rows, one transaction per table at one TSO, then a checkpoint at the snapshot's position.</summary>
    private async Task SendSnapshotAsync(
        MySqlConnection snapshot, SourceTables tables, CaptureFilter filter, TransactionClock clock, BinlogCheckpoint start, ChangeQueue queue, CancellationToken cancellationToken)
    {
        var commitTs = clock.Next((uint)_time.GetUtcNow().ToUnixTimeSeconds());
        long rows = 0;
        foreach (var (schema, name) in await InitialSnapshot.TablesAsync(snapshot, filter, cancellationToken).ConfigureAwait(false))
        {
            var table = await tables.CurrentAsync(schema, name, cancellationToken).ConfigureAwait(false);
            if (table is not null)
                rows += await InitialSnapshot.SendAsync(snapshot, table, commitTs, queue, cancellationToken).ConfigureAwait(false);
        }

        await snapshot.DisposeAsync().ConfigureAwait(false);
        LogSnapshot(_definition.Id, rows, start);
        if (start.Position is { } position)
            await queue.EnqueueAsync(new QueuedResolved(commitTs, position, null, tables.Structures), cancellationToken).ConfigureAwait(false);
    }

    private async Task<ChangefeedOutcome> StreamAsync(
        IChangeSink sink,
        SourceTables tables,
        TransactionClock clock,
        MySqlConnectionOptions connection,
        uint serverId,
        BinlogCheckpoint start,
        Func<ChangeQueue, CaptureFilter, CancellationToken, Task>? first,
        CancellationToken cancellationToken)
    {
        using var queue = new ChangeQueue(_definition.Options.MemoryQuota);
        var writer = new SinkWriter(sink, _store, Progress, FlushInterval, _time, saved => LogSaved(_definition.Id, saved.CheckpointTs.Value, saved.BinlogFile, saved.BinlogPosition));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var items = queue.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);
        var writing = Task.Run(() => writer.RunAsync(queue, items, stop.Token), CancellationToken.None);
        // A sink that fails stops the reader too, which may be waiting for room in the queue.
        _ = writing.ContinueWith(_ => stop.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        var filter = new CaptureFilter(_definition.Options);
        var capture = new BinlogCapture(tables, filter, clock, _definition.TargetTs, Progress, _time);
        var reached = false;
        Exception? failure = null;
        var client = new BinlogClient(new BinlogClientOptions
        {
            Connection = connection,
            ServerId = serverId,
            Start = start,
            HeartbeatPeriod = TimeSpan.FromSeconds(1),
            AnnotateRows = false,
            TableSchemaProvider = tables.DescribeAsync,
        });
        client.Reconnecting += (_, e) => LogReconnecting(_definition.Id, e.Attempt, e.Error.Message);
        await using (client.ConfigureAwait(false))
        {
            try
            {
                if (first is not null)
                    await first(queue, filter, stop.Token).ConfigureAwait(false);
                reached = await capture.RunAsync(client, queue, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped by the caller, or by the writer's failure (rethrown below).
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }

        queue.Complete();
        if (failure is not null)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await writing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        try
        {
            await writing.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ChangefeedOutcome.Stopped;
        }
        catch (Exception ex) when (ex is not (ChangefeedException or OperationCanceledException))
        {
            // The sink's own failure, not the source's: a sink throws typed errors where it knows better.
            throw ex is IOException
                ? new ChangefeedException("CDC:ErrExternalStorageAPI", $"sink {SinkUri.Redact(_definition.SinkUri)}: {ex.Message}", isRetryable: true, ex)
                : new ChangefeedException("CDC:ErrProcessorUnknown", $"sink {SinkUri.Redact(_definition.SinkUri)}: {ex.Message}", isRetryable: false, ex);
        }

        if (cancellationToken.IsCancellationRequested)
            return ChangefeedOutcome.Stopped;
        if (reached)
            LogFinished(_definition.Id, Progress.CheckpointTs.Value);
        return reached ? ChangefeedOutcome.Finished : ChangefeedOutcome.Stopped;
    }

    private async Task<BinlogCheckpoint> LocateStartAsync(MySqlConnectionOptions connection, uint serverId, CancellationToken cancellationToken)
    {
        // The binlog keeps seconds: start at the second of start_ts; what that second holds gets TSOs above it.
        var second = DateTimeOffset.FromUnixTimeSeconds(_definition.StartTs.PhysicalMilliseconds / 1000);
        try
        {
            return await BinlogTimeLocator.LocateAsync(connection, serverId, second, cancellationToken).ConfigureAwait(false);
        }
        catch (BinlogPurgedException ex)
        {
            throw new ChangefeedException(
                "CDC:ErrStartTsBeforeGC",
                $"start-ts {_definition.StartTs} ({_definition.StartTs.ToTimeText()}) is earlier than the oldest binlog of source {_source.Name}: {ex.Message}",
                isRetryable: false,
                ex);
        }
    }

    /// <summary>An error of the source side as the changefeed's typed error: connection trouble is worth retrying, the rest is not.</summary>
    private ChangefeedException Classify(Exception error) => error switch
    {
        MySqlConnectionException or IOException or SocketException or TimeoutException =>
            new ChangefeedException("CDC:ErrMySQLConnectionError", $"source {_source.Name}: {error.Message}", isRetryable: true, error),
        MySqlException { IsTransient: true } =>
            new ChangefeedException("CDC:ErrMySQLConnectionError", $"source {_source.Name}: {error.Message}", isRetryable: true, error),
        MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost } =>
            new ChangefeedException("CDC:ErrMySQLConnectionError", $"source {_source.Name}: {error.Message}", isRetryable: true, error),
        MySqlServerException server when server.ErrorCode == 1236 =>
            new ChangefeedException("CDC:ErrStartTsBeforeGC", $"source {_source.Name} no longer has the binlog to resume from: {error.Message}", isRetryable: false, error),
        MySqlServerException =>
            new ChangefeedException("CDC:ErrMySQLQueryError", $"source {_source.Name}: {error.Message}", isRetryable: false, error),
        MySqlDecodingException =>
            new ChangefeedException("CDC:ErrDecodeFailed", $"binlog of source {_source.Name} could not be decoded: {error.Message}", isRetryable: false, error),
        _ => new ChangefeedException("CDC:ErrProcessorUnknown", error.Message, isRetryable: false, error),
    };

    private MySqlConnectionOptions BinlogConnection() => new()
    {
        Host = _source.Host,
        Port = _source.Port,
        User = _source.User,
        Password = _source.Password,
    };

    private string ConnectionString() => _source.ConnectionString();

    /// <summary>A server id for the binlog connection, stable per changefeed so a restart replaces its old connection.</summary>
    internal static uint ServerIdFor(string ns, string id)
    {
        var hash = 2166136261u;
        foreach (var c in $"cdc\0{ns}\0{id}")
            hash = (hash ^ c) * 16777619u;
        return 0x80000000u | (hash & 0x3FFFFFFFu);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "changefeed {Changefeed} starts reading {Source} at {Start} after TSO {Checkpoint}")]
    private partial void LogStarting(string changefeed, ChangefeedSource source, BinlogCheckpoint start, ulong checkpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "changefeed {Changefeed} knows the captured tables' structures")]
    private partial void LogTablesPrepared(string changefeed);

    [LoggerMessage(Level = LogLevel.Information, Message = "changefeed {Changefeed} sent its initial snapshot: {Rows} rows; streaming from {Start}")]
    private partial void LogSnapshot(string changefeed, long rows, BinlogCheckpoint start);

    [LoggerMessage(Level = LogLevel.Warning, Message = "changefeed {Changefeed} lost its binlog connection; reconnecting (attempt {Attempt}): {Reason}")]
    private partial void LogReconnecting(string changefeed, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Trace, Message = "changefeed {Changefeed} checkpoint {Checkpoint} saved at {File}:{Position}")]
    private partial void LogSaved(string changefeed, ulong checkpoint, string file, ulong position);

    [LoggerMessage(Level = LogLevel.Information, Message = "changefeed {Changefeed} reached its target TSO, checkpoint {Checkpoint}")]
    private partial void LogFinished(string changefeed, ulong checkpoint);
}
