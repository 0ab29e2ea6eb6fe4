using System.Threading.Channels;
using MySqlConnector;
using Sluice.Migration.Load;
using Sluice.MySql.Positions;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Sync;

/// <summary>
/// One of the sync unit's <c>worker-count</c> connections to the target: takes row changes in the order the
/// dispatcher gives them, applies up to <c>batch</c> of them per target transaction (as <see cref="BatchStatements"/>
/// writes them: multi-row statements, <c>compact</c> and <c>multiple-rows</c>), and acknowledges flushes once what
/// preceded them is committed.
/// A transient failure (<see cref="ApplyErrors"/>) rolls the batch back and applies it again on a new connection in
/// safe mode, with backoff; past the retry bound, or on any other failure, the worker stops and the unit fails.
/// </summary>
internal sealed class ApplyWorker : IAsyncDisposable
{
    private const int MaxAttempts = 8;

    private readonly DatabaseEndpoint _target;
    private readonly int _batch;
    private readonly bool _compact;
    private readonly bool _multipleRows;
    private readonly Channel<ApplyJob> _jobs;
    private readonly Action<int> _applied;
    private readonly Func<IReadOnlyDictionary<TableName, BinlogPosition>, IEnumerable<MySqlBatchCommand>> _recordTables;
    private MySqlConnection? _connection;

    /// <param name="options">The task's syncers settings: batch, compact, multiple-rows.</param>
    /// <param name="recordTables">The statements that record, inside a batch's transaction, how far its exactly-once tables are applied.</param>
    public ApplyWorker(
        int index,
        DatabaseEndpoint target,
        SyncOptions options,
        Action<int> applied,
        Func<IReadOnlyDictionary<TableName, BinlogPosition>, IEnumerable<MySqlBatchCommand>> recordTables)
    {
        _recordTables = recordTables;
        Index = index;
        _target = target;
        _batch = Math.Max(1, options.Batch);
        _compact = options.Compact;
        _multipleRows = options.MultipleRows;
        _applied = applied;
        // Bounded: a slow target holds the dispatcher back instead of the queue growing without end.
        _jobs = Channel.CreateBounded<ApplyJob>(new BoundedChannelOptions(Math.Max(1024, 4 * _batch)) { SingleReader = true, SingleWriter = true });
    }

    public int Index { get; }

    /// <summary>Retries of failed batches so far.</summary>
    public int Retries { get; private set; }

    public ValueTask EnqueueAsync(ApplyJob job, CancellationToken cancellationToken) => _jobs.Writer.WriteAsync(job, cancellationToken);

    /// <summary>No more jobs: the worker ends once it has applied what it holds.</summary>
    public void Complete() => _jobs.Writer.TryComplete();

    /// <summary>Runs until <see cref="Complete"/> or a failure; a failure also fails every flush still waiting.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new List<RowJob>(_batch);
        try
        {
            while (await _jobs.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                FlushJob? flush = null;
                while (true)
                {
                    // An exactly-once table's rows event is never split between two transactions: its end is recorded whole.
                    var midEvent = batch.Count > 0 && batch[^1] is { ExactlyOnce: not null, EndsEvent: false };
                    if (batch.Count >= _batch && !midEvent)
                        break;
                    if (!_jobs.Reader.TryRead(out var job))
                    {
                        if (!midEvent || !await _jobs.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                            break;
                        continue;
                    }

                    if (job is FlushJob f)
                    {
                        // Only a stop cuts an event short; its rows are not applied, and the restart reads the event again.
                        while (batch.Count > 0 && batch[^1] is { ExactlyOnce: not null, EndsEvent: false })
                            batch.RemoveAt(batch.Count - 1);
                        flush = f;
                        break;
                    }

                    batch.Add((RowJob)job);
                }

                if (batch.Count > 0)
                {
                    await ApplyWithRetriesAsync(batch, cancellationToken).ConfigureAwait(false);
                    _applied(batch.Count);
                    batch.Clear();
                }

                flush?.Done.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            _jobs.Writer.TryComplete(ex);
            while (_jobs.Reader.TryRead(out var job))
            {
                if (job is FlushJob f)
                    f.Done.TrySetException(ex);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ApplyWithRetriesAsync(List<RowJob> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A retried batch may have been committed already (a connection lost during COMMIT): apply it idempotently.
                await ApplyAsync(batch, forceSafeMode: attempt > 1, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && attempt < MaxAttempts && ApplyErrors.IsRetryable(ex))
            {
                Retries++;
                await DropConnectionAsync().ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * (1 << attempt))), cancellationToken).ConfigureAwait(false);
            }
            catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MigrationException($"applying to the target failed: {ex.Message} [MySQL error {ex.Number}]", ex.Number, ex, ApplyErrors.Workaround(ex.Number));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not (OperationCanceledException or MigrationException))
            {
                throw new MigrationException($"applying to the target failed after {attempt} attempts: {ex.Message}", null, ex);
            }
        }
    }

    /// <summary>
    /// One target transaction for the batch, written as BEGIN, its statements and COMMIT sent together: a batch that
    /// fits in a packet costs one round trip, where a busy target spends more on round trips than on small
    /// statements (MySqlConnector joins them with ';'). The server stops a multi-statement at its first failing
    /// statement, so COMMIT never follows a failure; the connection is then dropped, which rolls the transaction back.
    /// </summary>
    private async Task ApplyAsync(List<RowJob> batch, bool forceSafeMode, CancellationToken cancellationToken)
    {
        _connection ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
        var maxBytes = batch[0].Builder.Limits.MaxBytes;
        var commands = new MySqlBatch(_connection);
        try
        {
            commands.BatchCommands.Add(new MySqlBatchCommand("BEGIN"));
            long bytes = 6;
            foreach (var statement in BatchStatements.For(batch, forceSafeMode, _compact, _multipleRows))
            {
                if (commands.BatchCommands.Count > 0 && bytes + statement.Bytes + 1 > maxBytes)
                {
                    await commands.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    await commands.DisposeAsync().ConfigureAwait(false);
                    commands = new MySqlBatch(_connection);
                    bytes = 0;
                }

                commands.BatchCommands.Add(statement.CreateBatchCommand());
                bytes += statement.Bytes + 1;
            }

            if (ExactlyOnceEnds(batch) is { } reached)
            {
                foreach (var record in _recordTables(reached))
                    commands.BatchCommands.Add(record);
            }

            commands.BatchCommands.Add(new MySqlBatchCommand("COMMIT"));
            await commands.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DropConnectionAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            await commands.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Where the rows events of the batch's exactly-once tables end, for those whose last row it holds; null when it holds none.</summary>
    private static Dictionary<TableName, BinlogPosition>? ExactlyOnceEnds(List<RowJob> batch)
    {
        Dictionary<TableName, BinlogPosition>? reached = null;
        foreach (var job in batch)
        {
            if (job is { ExactlyOnce: { } once, EndsEvent: true })
                (reached ??= [])[once.Source] = once.EventEnd;
        }

        return reached;
    }

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(TargetSession.ConnectionString(_target));
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
        if (_connection is null)
            return;
        await _connection.DisposeAsync().ConfigureAwait(false);
        _connection = null;
    }
}
