using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Sluice.ChangeFeed.Model;
using Sluice.Replication.Apply;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>
/// One of the sink's <c>worker-count</c> connections to the target: applies the chunks it is given in order and passes
/// barriers once what preceded them is applied. Whole source transactions waiting in its queue are grouped into one
/// target transaction, as TiCDC's MySQL sink flushes the transactions a worker holds together (up to
/// <c>max-txn-row</c> rows, never splitting a source transaction): each source transaction stays atomic, their order
/// is kept, and a commit (a round trip and a log sync on the target) is paid per group rather than per transaction.
/// </summary>
/// <remarks>
/// A group of transactions that each came in one chunk is retried on a transient failure (<see cref="MySqlSinkErrors"/>) a few times
/// with backoff, on a new connection and in safe mode (the failure may have hit after the COMMIT was done). A
/// transaction that came in several chunks cannot be: its first chunks are no longer held, so that memory stays
/// bounded; its failure is reported retryable at once, and the changefeed replays it from its checkpoint, in safe mode.
/// </remarks>
internal sealed class MySqlSinkWorker : IAsyncDisposable
{
    private const int MaxAttempts = 4;
    private const int QueueLength = 256;

    private readonly MySqlSinkOptions _options;
    private readonly string _connectionString;
    private readonly long _maxBatchBytes;
    private readonly Action<ChangefeedException> _failed;
    private readonly ILogger _logger;
    private readonly Channel<SinkJob> _jobs;
    private readonly int _groupRows;
    private readonly List<ChunkJob> _group = [];
    private MySqlConnection? _connection;
    private MySqlTransaction? _transaction;

    public MySqlSinkWorker(int index, MySqlSinkOptions options, string connectionString, long maxBatchBytes, Action<ChangefeedException> failed, ILogger logger)
    {
        _logger = logger;
        Index = index;
        _options = options;
        _connectionString = connectionString;
        _maxBatchBytes = maxBatchBytes;
        _failed = failed;
        _groupRows = Math.Max(1, options.MaxTxnRow);
        // Bounded: a slow target holds the changefeed back instead of chunks piling up in memory; deep enough that
        // a worker finds a group's worth of small transactions waiting when it finishes the previous group.
        _jobs = Channel.CreateBounded<SinkJob>(new BoundedChannelOptions(QueueLength) { SingleReader = true, SingleWriter = true });
    }

    public int Index { get; }

    /// <summary>Transient failures retried so far.</summary>
    public int Retries { get; private set; }

    /// <exception cref="ChannelClosedException">The worker failed or stopped.</exception>
    public ValueTask EnqueueAsync(SinkJob job, CancellationToken cancellationToken) => _jobs.Writer.WriteAsync(job, cancellationToken);

    /// <summary>Runs until stopped or failed; a failure is reported through the callback and fails every barrier still waiting.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _jobs.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (_jobs.Reader.TryRead(out var job))
                {
                    switch (job)
                    {
                        case BarrierJob barrier:
                            barrier.Done.TrySetResult();
                            break;
                        case ChunkJob { Chunk: { IsFirst: true, IsLast: true } } whole:
                            CollectGroup(whole);
                            await ApplyWithRetriesAsync(_group, cancellationToken).ConfigureAwait(false);
                            _group.Clear();
                            break;
                        case ChunkJob part:
                            await ApplyPartAsync(part, cancellationToken).ConfigureAwait(false);
                            break;
                        default:
                            throw new InvalidOperationException($"unknown job {job}");
                    }
                }
            }
        }
        catch (Exception ex)
        {
            var failure = ex switch
            {
                ChangefeedException changefeed => changefeed,
                OperationCanceledException when cancellationToken.IsCancellationRequested =>
                    new ChangefeedException(MySqlSinkErrors.TxnError, "the MySQL sink was closed", true, ex),
                _ => new ChangefeedException(MySqlSinkErrors.TxnError, $"MySQL sink worker {Index} failed: {ex.Message}", false, ex),
            };
            if (!cancellationToken.IsCancellationRequested)
                _failed(failure);
            _jobs.Writer.TryComplete(failure);
            while (_jobs.Reader.TryRead(out var job))
            {
                if (job is BarrierJob barrier)
                    barrier.Done.TrySetException(failure);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        await DropConnectionAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a group with <paramref name="first"/> and adds the whole transactions queued right behind it, in order,
    /// while the group holds fewer than max-txn-row rows; a barrier, a transaction in several chunks or one with the
    /// other safe mode ends it (a group is written in one mode).
    /// </summary>
    private void CollectGroup(ChunkJob first)
    {
        _group.Add(first);
        var rows = first.Chunk.Rows.Count;
        while (rows < _groupRows
            && _jobs.Reader.TryPeek(out var next)
            && next is ChunkJob { Chunk: { IsFirst: true, IsLast: true } } whole
            && whole.SafeMode == first.SafeMode
            && _jobs.Reader.TryRead(out _))
        {
            _group.Add(whole);
            rows += whole.Chunk.Rows.Count;
        }
    }

    private async Task ApplyWithRetriesAsync(List<ChunkJob> group, CancellationToken cancellationToken)
    {
        var (rows, tables) = Concatenate(group);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _connection ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
                var transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var safeMode = group[0].SafeMode || attempt > 1;
                await StatementRunner.ExecuteAsync(
                    _connection, transaction, ChunkStatements.For(rows, tables, safeMode), _options.MultiStmtEnable, _maxBatchBytes, cancellationToken)
                    .ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                await transaction.DisposeAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && attempt < MaxAttempts && MySqlSinkErrors.IsRetryable(ex))
            {
                Retries++;
                MySqlSinkLog.TransactionRetry(_logger, Index, group[0].Chunk.CommitTs.Value, attempt, ex.Message);
                await DropConnectionAsync().ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 << attempt)), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                // Closing the connection rolls back what the transaction did.
                await DropConnectionAsync().ConfigureAwait(false);
                throw Failure(group[0], group.Count, ex, attempt);
            }
        }
    }

    /// <summary>The group's rows and their tables, transaction after transaction, as one list (a group of one is its chunk).</summary>
    private static (IReadOnlyList<RowChangedEvent> Rows, SinkTable[] Tables) Concatenate(List<ChunkJob> group)
    {
        if (group.Count == 1)
            return (group[0].Chunk.Rows, group[0].Tables);
        var count = 0;
        foreach (var job in group)
            count += job.Chunk.Rows.Count;
        var rows = new RowChangedEvent[count];
        var tables = new SinkTable[count];
        var at = 0;
        foreach (var job in group)
        {
            for (var i = 0; i < job.Chunk.Rows.Count; i++)
            {
                rows[at] = job.Chunk.Rows[i];
                tables[at++] = job.Tables[i];
            }
        }

        return (rows, tables);
    }

    private async Task ApplyPartAsync(ChunkJob job, CancellationToken cancellationToken)
    {
        try
        {
            if (job.Chunk.IsFirst)
            {
                _connection ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
                _transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_connection is null || _transaction is null)
                throw new InvalidOperationException($"a chunk of transaction {job.Chunk.CommitTs} came without its first chunk");
            await StatementRunner.ExecuteAsync(
                _connection, _transaction, ChunkStatements.For(job.Chunk.Rows, job.Tables, job.SafeMode), _options.MultiStmtEnable, _maxBatchBytes, cancellationToken)
                .ConfigureAwait(false);
            if (job.Chunk.IsLast)
            {
                await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                await _transaction.DisposeAsync().ConfigureAwait(false);
                _transaction = null;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            await DropConnectionAsync().ConfigureAwait(false);
            throw Failure(job, 1, ex, 1);
        }
    }

    /// <param name="job">The failed job, or the first of a failed group of <paramref name="transactions"/>.</param>
    private static ChangefeedException Failure(ChunkJob job, int transactions, Exception ex, int attempts)
    {
        if (ex is ChangefeedException changefeed)
            return changefeed;
        var transaction = transactions == 1
            ? $"transaction {job.Chunk.CommitTs} (start ts {job.Chunk.StartTs})"
            : $"a group of {transactions} transactions from {job.Chunk.CommitTs} (start ts {job.Chunk.StartTs})";
        if (MySqlSinkErrors.IsRetryable(ex))
        {
            var why = job.Chunk is { IsFirst: true, IsLast: true }
                ? $"after {attempts} attempts"
                : "in a transaction that came in several chunks (it is replayed from the checkpoint)";
            return new ChangefeedException(MySqlSinkErrors.TxnError, $"writing {transaction} to the target failed {why}: {MySqlSinkErrors.Describe(ex)}", true, ex);
        }

        if (ex is FailedStatementException failed)
            return new ChangefeedException(MySqlSinkErrors.TxnError, $"the target refused {failed.Statement} in {transaction}: {MySqlSinkErrors.Describe(ex)}", false, ex);
        return new ChangefeedException(MySqlSinkErrors.TxnError, $"writing {transaction} to the target failed: {MySqlSinkErrors.Describe(ex)}", false, ex);
    }

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await WriterSession.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task DropConnectionAsync()
    {
        _transaction = null;
        if (_connection is null)
            return;
        var connection = _connection;
        _connection = null;
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MySqlException or IOException or System.Net.Sockets.SocketException)
        {
            // The connection is already broken: closing it is all that was wanted.
        }
    }
}
