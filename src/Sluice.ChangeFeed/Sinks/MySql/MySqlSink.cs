using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Sluice.ChangeFeed.Model;
using Sluice.Replication.Apply;
using Sluice.Replication.Causality;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>
/// Writes a changefeed into a MySQL-compatible database, as TiCDC's MySQL sink does: each source transaction is
/// applied atomically (the whole ones a worker finds queued together share one target transaction, up to
/// <c>max-txn-row</c> rows); <c>worker-count</c> connections apply transactions in parallel, and transactions that
/// touch a common primary or unique key value go to the same worker in commit order (or wait for the others to
/// finish when their keys sit with two workers); a DDL runs once everything before it is committed.
/// </summary>
/// <remarks>
/// <para>Safe mode (INSERT as REPLACE, UPDATE as DELETE + REPLACE) is on with <c>safe-mode=true</c>, and for the
/// transactions written in the first minute after the sink starts: a changefeed restarts from its checkpoint, so the
/// first transactions it writes may already be on the target, and TiCDC replays them idempotently the same way.</para>
/// <para>A transaction that arrives in several chunks is applied as it comes (its statements sent chunk by chunk,
/// committed at its last one); it runs alone, after every worker finished what came before it, and the next
/// transaction waits for its commit, so no causality keys are held for it.</para>
/// <para>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-mysql</para>
/// </remarks>
public sealed class MySqlSink : IChangeSink
{
    /// <summary>Causality keys held before the workers are drained anyway: bounds the memory they take.</summary>
    private const int MaxKeysInFlight = 1 << 20;

    private static readonly TimeSpan StartupSafeMode = TimeSpan.FromMinutes(1);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _safeModeUntil;
    private readonly MySqlSinkWorker[] _workers;
    private readonly Task[] _running;
    private readonly CancellationTokenSource _stop = new();
    private readonly CausalityDetector _causality;
    private readonly SinkTables _tables;
    private readonly ControlConnection _control;
    private readonly List<string> _keys = [];
    private readonly StringBuilder _keyText = new(128);
    private ChangefeedException? _failure;
    private OpenTransaction? _open;
    private bool _drainBeforeNext;
    private uint _nextLargeWorker;

    /// <param name="time">The clock of the startup safe-mode window (tests move it).</param>
    /// <exception cref="ChangefeedException"><c>CDC:ErrMySQLInvalidConfig</c>: the options do not hold together.</exception>
    public MySqlSink(MySqlSinkOptions options, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _safeModeUntil = _time.GetUtcNow() + StartupSafeMode;
        var limits = new StatementLimits { MaxRows = options.BatchDmlEnable ? options.MaxTxnRow : 1 };
        var connectionString = options.ConnectionString();
        _control = new ControlConnection(connectionString);
        _tables = new SinkTables(limits);
        _causality = new CausalityDetector(options.WorkerCount);
        _workers = new MySqlSinkWorker[options.WorkerCount];
        _running = new Task[options.WorkerCount];
        for (var i = 0; i < _workers.Length; i++)
        {
            var worker = new MySqlSinkWorker(i, options, connectionString, limits.MaxBytes, Fail, _logger);
            _workers[i] = worker;
            _running[i] = Task.Run(() => worker.RunAsync(_stop.Token));
        }

        MySqlSinkLog.Started(_logger, options.User, options.Host, options.Port, options.WorkerCount, options.SafeMode);
    }

    /// <summary>A sink for a <c>mysql://</c> or <c>tidb://</c> sink URI.</summary>
    /// <exception cref="ChangefeedException"><c>CDC:ErrMySQLInvalidConfig</c>.</exception>
    public static MySqlSink Create(SinkUri uri, ILogger? logger = null, TimeProvider? time = null) =>
        new(MySqlSinkOptions.FromUri(uri), logger, time);

    public MySqlSinkOptions Options { get; }

    /// <summary>Transient failures the workers retried so far.</summary>
    public int Retries => _workers.Sum(w => w.Retries);

    /// <exception cref="ChangefeedException">The sink failed (now or before); <see cref="ChangefeedException.IsRetryable"/> says whether a restart may succeed.</exception>
    public async ValueTask WriteRowsAsync(TransactionChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ThrowIfFailed();
        if (chunk.IsFirst)
        {
            if (_open is { } open)
                throw new InvalidOperationException($"transaction {chunk.CommitTs} began before transaction {open.CommitTs} had its last chunk");
            if (chunk.IsLast && chunk.Rows.Count == 0)
                return;
            if (_drainBeforeNext)
                await DrainAsync(cancellationToken).ConfigureAwait(false);
            var safeMode = Options.SafeMode || _time.GetUtcNow() < _safeModeUntil;
            var tables = await ResolveAsync(chunk.Rows, cancellationToken).ConfigureAwait(false);
            if (chunk.IsLast)
            {
                var worker = await AssignAsync(chunk.Rows, tables, cancellationToken).ConfigureAwait(false);
                await EnqueueAsync(worker, new ChunkJob(chunk, tables, safeMode), cancellationToken).ConfigureAwait(false);
                return;
            }

            // A large transaction: everything before it is applied first, and it keeps its worker to its last chunk.
            await DrainAsync(cancellationToken).ConfigureAwait(false);
            var largeWorker = (int)(_nextLargeWorker++ % (uint)_workers.Length);
            _open = new OpenTransaction(chunk.CommitTs, largeWorker, safeMode);
            await EnqueueAsync(largeWorker, new ChunkJob(chunk, tables, safeMode), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_open is not { } current || current.CommitTs != chunk.CommitTs)
            throw new InvalidOperationException($"a later chunk of transaction {chunk.CommitTs} came without its first chunk");
        var rest = await ResolveAsync(chunk.Rows, cancellationToken).ConfigureAwait(false);
        await EnqueueAsync(current.Worker, new ChunkJob(chunk, rest, current.SafeMode), cancellationToken).ConfigureAwait(false);
        if (chunk.IsLast)
        {
            _open = null;
            _drainBeforeNext = true;
        }
    }

    /// <exception cref="ChangefeedException">The sink failed, or the target refused the DDL (<c>CDC:ErrExecDDLFailed</c>).</exception>
    public async ValueTask WriteDdlAsync(DdlEvent ddl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        ThrowIfFailed();
        if (_open is { } open)
            throw new InvalidOperationException($"a DDL came before transaction {open.CommitTs} had its last chunk");
        await DrainAsync(cancellationToken).ConfigureAwait(false);
        await DdlWriter.ApplyAsync(_control, ddl, Options.TimeZone, _logger, cancellationToken).ConfigureAwait(false);
        _tables.ForgetAll();
    }

    /// <summary>Returns once every transaction written so far is committed on the target.</summary>
    /// <exception cref="ChangefeedException">The sink failed.</exception>
    public async ValueTask FlushAsync(Tso resolvedTs, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        if (_open is { } open && open.CommitTs <= resolvedTs)
            throw new InvalidOperationException($"flush to {resolvedTs} while transaction {open.CommitTs} still waits for its last chunk");
        await DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        foreach (var worker in _workers)
            await worker.DisposeAsync().ConfigureAwait(false);
        await _control.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async ValueTask<SinkTable[]> ResolveAsync(IReadOnlyList<RowChangedEvent> rows, CancellationToken cancellationToken)
    {
        var tables = new SinkTable[rows.Count];
        SinkTable? last = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var table = rows[i].Table;
            if (last is null || !ReferenceEquals(last.Source, table))
                last = await GetTableAsync(table, cancellationToken).ConfigureAwait(false);
            tables[i] = last;
        }

        return tables;
    }

    private async ValueTask<SinkTable> GetTableAsync(ChangeTable table, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await _control.GetAsync(cancellationToken).ConfigureAwait(false);
            return await _tables.GetAsync(table, connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MySqlException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await _control.DropAsync().ConfigureAwait(false);
            throw new ChangefeedException(
                MySqlSinkErrors.TxnError,
                $"the keys of target table {SqlIdentifier.Quote(table.Schema)}.{SqlIdentifier.Quote(table.Name)} cannot be read: {MySqlSinkErrors.Describe(ex)}",
                MySqlSinkErrors.IsRetryable(ex),
                ex);
        }
    }

    /// <summary>The worker for a whole transaction by its rows' keys; when they sit with two workers, after every worker is drained.</summary>
    private async ValueTask<int> AssignAsync(IReadOnlyList<RowChangedEvent> rows, SinkTable[] tables, CancellationToken cancellationToken)
    {
        _keys.Clear();
        for (var i = 0; i < rows.Count; i++)
        {
            tables[i].Keys.Add(rows[i].Before, _keys, _keyText);
            tables[i].Keys.Add(rows[i].After, _keys, _keyText);
        }

        var worker = _causality.Assign(_keys);
        if (worker >= 0 && _causality.KeysInFlight <= MaxKeysInFlight)
            return worker;
        await DrainAsync(cancellationToken).ConfigureAwait(false);
        return _causality.Assign(_keys);
    }

    /// <summary>Waits until every worker applied what it was given, then forgets every causality key.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var barriers = new Task[_workers.Length];
        for (var i = 0; i < _workers.Length; i++)
        {
            var barrier = new BarrierJob();
            await EnqueueAsync(i, barrier, cancellationToken).ConfigureAwait(false);
            barriers[i] = barrier.Done.Task;
        }

        try
        {
            await Task.WhenAll(barriers).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChangefeedException)
        {
            ThrowIfFailed();
            throw;
        }

        _causality.Reset();
        _drainBeforeNext = false;
    }

    private async ValueTask EnqueueAsync(int worker, SinkJob job, CancellationToken cancellationToken)
    {
        try
        {
            await _workers[worker].EnqueueAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            ThrowIfFailed();
            throw new ChangefeedException(MySqlSinkErrors.TxnError, "the MySQL sink is closed", false);
        }
    }

    private void Fail(ChangefeedException failure) => Interlocked.CompareExchange(ref _failure, failure, null);

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
            ExceptionDispatchInfo.Throw(failure);
    }

    /// <summary>A transaction whose chunks are still arriving: its commit TSO, its worker, its safe mode.</summary>
    private sealed record OpenTransaction(Tso CommitTs, int Worker, bool SafeMode);
}
