using System.Diagnostics;
using MySqlConnector;
using Sluice.Migration.Dump;
using Sluice.Migration.Load;
using Sluice.Migration.Schema;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Replication;
using Sluice.MySql.Session;
using Sluice.Replication.Causality;
using Sluice.Replication.Ddl;
using Sluice.Replication.Filtering;
using Sluice.Replication.Routing;

namespace Sluice.Migration.Sync;

/// <summary>
/// DM's sync unit for one source: reads the source's binlog from where the task stands, keeps the selected tables'
/// row changes, routes them, spreads them over <c>worker-count</c> apply workers by key (causality keeps the order
/// of changes to one row), applies DDL in order between them, and flushes its checkpoint into the target at
/// transaction boundaries, at least every <c>checkpoint-flush-interval</c>. It runs until cancelled, then stops at
/// a checkpoint: a restart goes on from there, replaying idempotently (safe mode) what the stopped run may already
/// have applied, so nothing is lost and nothing applied twice.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-overview (sync unit), https://docs.pingcap.com/zh/tidb/stable/dm-checkpoint</remarks>
public sealed class SyncUnit
{
    /// <summary>Causality keys held before the workers are flushed anyway: bounds memory inside a huge transaction.</summary>
    private const int MaxKeysInFlight = 100_000;

    /// <summary>How far beyond the last dispatched event the recorded safe-mode exit point is pushed at a time.</summary>
    private const ulong ExitPointStride = 16 << 20;

    private readonly MigrationTask _task;
    private readonly SourceInstance _source;
    private readonly TimeProvider _time;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _events;
    private long _transactions;
    private long _rowsApplied;
    private (long Ticks, long Transactions) _recent;
    private double _recentTps;

    public SyncUnit(MigrationTask task, SourceInstance source, TimeProvider? time = null)
    {
        _task = task ?? throw new ArgumentNullException(nameof(task));
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The last checkpoint flushed into the target (null before the first).</summary>
    public SyncLocation? Checkpoint { get; private set; }

    /// <summary>Row changes the workers have committed so far.</summary>
    public long RowsApplied => Interlocked.Read(ref _rowsApplied);

    /// <summary>
    /// Replicates until <paramref name="cancellationToken"/> is cancelled, then flushes a final checkpoint and
    /// returns. <paramref name="dumpLocation"/> is the dump's position in task-mode <c>all</c>, used when the target
    /// holds no checkpoint yet.
    /// </summary>
    /// <exception cref="MigrationException">The target refused a change or a DDL, or the source cannot be read.</exception>
    public async Task RunAsync(SyncLocation? dumpLocation, IProgress<SyncStatus>? progress, CancellationToken cancellationToken)
    {
        var filter = new TableFilter(_source.BlockAllowList, _task.CaseSensitive);
        var router = new TableRouter(_source.Routes, _task.CaseSensitive);
        var events = new BinlogEventFilter(_source.Filters, _task.CaseSensitive);
        var store = new SyncerCheckpointStore(_task.MetaSchema, _task.Name, _source.SourceId);
        var control = await TargetSession.OpenAsync(_task.Target, cancellationToken).ConfigureAwait(false);
        await using (control.ConfigureAwait(false))
        {
            await store.PrepareAsync(control, cancellationToken).ConfigureAwait(false);
            var checkpoint = await store.ReadAsync(control, cancellationToken).ConfigureAwait(false);
            var serverId = ServerIdFor(_task.Name, _source.SourceId);
            var start = await SyncStartResolver.ResolveAsync(_task, _source, checkpoint, dumpLocation, BinlogConnection(), serverId, cancellationToken).ConfigureAwait(false);
            var safeMode = new SafeModeWindow(
                _source.Sync.SafeMode, start.SafeModeExit, start.SafeModeForAWhile ? _time.GetUtcNow() + _source.Sync.SafeModeDuration : null, _time);

            var structures = await store.ReadStructuresAsync(control, cancellationToken).ConfigureAwait(false);
            var tracker = new SchemaTracker(
                control,
                _task.MetaSchema,
                $"{_task.Name}\0{_source.SourceId}",
                router.Route,
                table => filter.Allows(table) && !string.Equals(table.Schema, _task.MetaSchema, StringComparison.OrdinalIgnoreCase),
                _source.Connection,
                structures);
            await using (tracker.ConfigureAwait(false))
            {
                var run = new Run(this, store, control, filter, events, router, safeMode, checkpoint, tracker, progress);
                await run.ExecuteAsync(start, serverId, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A server id for the binlog connection, stable per task and source so a restart replaces its old connection.</summary>
    internal static uint ServerIdFor(string task, string sourceId)
    {
        var hash = 2166136261u;
        foreach (var c in $"{task}\0{sourceId}")
            hash = (hash ^ c) * 16777619u;
        return 0x40000000u | (hash & 0x3FFFFFFFu);
    }

    private MySqlConnectionOptions BinlogConnection() => SessionOptions(_source.Connection);

    /// <summary>An endpoint as the binlog client's session options, with the TLS the task's policy gives it.</summary>
    private static MySqlConnectionOptions SessionOptions(DatabaseEndpoint endpoint)
    {
        var builder = new MySqlConnectionStringBuilder(SourceConnections.ConnectionString(endpoint));
        return new MySqlConnectionOptions
        {
            Host = endpoint.Host,
            Port = endpoint.Port,
            User = endpoint.User,
            Password = endpoint.Password,
            SslMode = builder.SslMode switch
            {
                MySqlConnector.MySqlSslMode.None => Sluice.MySql.Session.MySqlSslMode.Disabled,
                MySqlConnector.MySqlSslMode.VerifyCA => Sluice.MySql.Session.MySqlSslMode.VerifyCA,
                MySqlConnector.MySqlSslMode.Required => Sluice.MySql.Session.MySqlSslMode.Required,
                _ => Sluice.MySql.Session.MySqlSslMode.Preferred,
            },
            SslCaFile = endpoint.SslCa,
        };
    }

    private void CountTransaction()
    {
        var transactions = Interlocked.Increment(ref _transactions);
        var now = _clock.ElapsedTicks;
        var elapsed = (now - _recent.Ticks) / (double)Stopwatch.Frequency;
        if (elapsed >= 5)
        {
            _recentTps = (transactions - _recent.Transactions) / elapsed;
            _recent = (now, transactions);
        }
    }

    /// <summary>One run of the unit: the binlog stream, the workers and the checkpoint state.</summary>
    private sealed class Run(
        SyncUnit unit,
        SyncerCheckpointStore store,
        MySqlConnection control,
        TableFilter filter,
        BinlogEventFilter events,
        TableRouter router,
        SafeModeWindow safeMode,
        SyncCheckpoint? previous,
        SchemaTracker tracker,
        IProgress<SyncStatus>? progress)
    {
        private readonly SyncTables _tables = new(control, router.Route, unit._source.ExpressionFilters, unit._task.CaseSensitive);
        private readonly CausalityDetector _causality = new(unit._source.Sync.Threads);
        private readonly List<string> _keys = [];
        private List<ApplyWorker> _workers = [];
        private SyncLocation? _flushed = previous?.Global;
        private BinlogPosition? _recordedExit = previous?.SafeModeExit?.Position;
        private long _lastFlushTicks = unit._clock.ElapsedTicks;
        private int _pendingRows;
        private MasterStatusPoller? _masterStatus;
        private uint _lastEventTimestamp;
        private bool _safeModeNow;
        private BinlogCheckpoint? _beforeTransaction;
        private BinlogCheckpoint? _processed;
        private string _origin = string.Empty;
        private long _lastReportTicks;
        private PendingCheckpoint? _pendingCheckpoint;
        // True once a change of the open transaction went to a worker: a stop inside it then leaves a safe-mode window.
        private bool _openTransactionDispatched;

        public async Task ExecuteAsync(SyncStart start, uint serverId, CancellationToken cancellationToken)
        {
            var options = unit._source.Sync;
            await using var masterStatus = progress is null ? null : MasterStatusPoller.Start(unit._source.Connection, TimeSpan.FromSeconds(2));
            _masterStatus = masterStatus;
            if (masterStatus is not null)
                await masterStatus.FirstReadAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            _workers = Enumerable.Range(0, options.Threads)
                .Select(i => new ApplyWorker(i, unit._task.Target, options, n => Interlocked.Add(ref unit._rowsApplied, n), store.TablePositionCommands))
                .ToList();
            // Not linked to the caller's token: a stop lets the workers apply what was dispatched first.
            using var stopWorkers = new CancellationTokenSource();
            var running = _workers.Select(w => Task.Run(() => w.RunAsync(stopWorkers.Token), CancellationToken.None)).ToArray();
            await using var client = new BinlogClient(new BinlogClientOptions
            {
                Connection = unit.BinlogConnection(),
                ServerId = serverId,
                Start = start.Checkpoint,
                StopAtEnd = unit._task.UntilCaughtUp,
                AnnotateRows = false,
                // The tracker follows the binlog DDL by DDL, so it describes each event as it was written.
                TableSchemaProvider = tracker.DescribeAsync,
            });
            Exception? failure = null;
            // Nothing of this run is applied yet: its start is the checkpoint an exit point is recorded with until
            // the first flush (a later position would skip, after a failure, changes that were never applied).
            if (_flushed is null && start.Checkpoint is { } begin)
                _flushed = SyncStartResolver.ToLocation(begin);
            try
            {
                _origin = start.Origin;
                Report();
                await ReadAsync(client, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: flush below with what was dispatched.
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            try
            {
                // A clean stop, or a failure of the source side: what was dispatched is applied, then the checkpoint
                // names the last whole transaction (and keeps the safe-mode exit point when one was cut in half).
                if (!running.Any(r => r.IsFaulted))
                {
                    await FlushWorkersAsync(CancellationToken.None).ConfigureAwait(false);
                    // Only as far as events were handled whole: a DDL that failed (or was cut short) is read again.
                    if (_processed is { Position: not null } last)
                    {
                        // Cut inside a transaction none of whose changes were selected: as clean as at its boundary.
                        var clean = failure is null && ReferenceEquals(last, client.Checkpoint)
                            && (client.IsAtTransactionBoundary || !_openTransactionDispatched);
                        await SaveAsync(SyncStartResolver.ToLocation(last), clean, CancellationToken.None).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }
            finally
            {
                foreach (var worker in _workers)
                    worker.Complete();
                if (failure is not null)
                    await stopWorkers.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(running.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
                foreach (var worker in _workers)
                    await worker.DisposeAsync().ConfigureAwait(false);
            }

            // A worker's own error says what the target refused; the dispatcher only saw its queue close.
            var workerFailure = running.Where(r => r.IsFaulted).Select(r => r.Exception!.InnerException).FirstOrDefault(e => e is not OperationCanceledException);
            if (workerFailure is not null || failure is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(workerFailure ?? failure!);
        }

        private async Task ReadAsync(BinlogClient client, CancellationToken cancellationToken)
        {
            var interval = unit._source.Sync.CheckpointFlushInterval;
            await foreach (var binlogEvent in client.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
            {
                // Started at the source's end: the stream's start is known once it is connected.
                if (_flushed is null && client.Checkpoint is { } begin)
                    _flushed = SyncStartResolver.ToLocation(begin);
                if (binlogEvent.Header.Timestamp != 0 && !binlogEvent.Header.IsArtificial)
                    _lastEventTimestamp = binlogEvent.Header.Timestamp;
                switch (binlogEvent)
                {
                    case GtidEvent or MariaDbGtidEvent:
                        _beforeTransaction = client.Checkpoint;
                        break;
                    case RowsEvent rows:
                        await DispatchRowsAsync(client, rows, cancellationToken).ConfigureAwait(false);
                        break;
                    case QueryEvent query when IsStatement(query.Query):
                        await ApplyStatementAsync(client, query, cancellationToken).ConfigureAwait(false);
                        break;
                }

                if (binlogEvent is XidEvent || (binlogEvent is QueryEvent q && IsCommit(q.Query)))
                    unit.CountTransaction();

                _processed = client.Checkpoint;
                if (client.IsAtTransactionBoundary)
                    _openTransactionDispatched = false;
                // Live numbers for status queries while events flow, and on the server's heartbeats while they do not.
                if (unit._clock.ElapsedTicks - _lastReportTicks > Stopwatch.Frequency)
                    Report();
                if (_pendingCheckpoint is { } pending && pending.Flushes.All(f => f.Done.Task.IsCompleted))
                    await CompleteCheckpointAsync(pending, cancellationToken).ConfigureAwait(false);
                var due = TimeSpan.FromTicks((unit._clock.ElapsedTicks - _lastFlushTicks) * TimeSpan.TicksPerSecond / Stopwatch.Frequency) >= interval;
                if (_pendingCheckpoint is null && client.IsAtTransactionBoundary && (due || _pendingRows >= 64 * 1024)
                    && client.Checkpoint is { Position: not null } checkpoint)
                    await StartCheckpointAsync(SyncStartResolver.ToLocation(checkpoint), cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// A periodic checkpoint without stopping the stream: a flush marker goes behind what every worker holds and
        /// reading goes on; once every worker has passed its marker, the location is saved (<see cref="CompleteCheckpointAsync"/>).
        /// </summary>
        private async Task StartCheckpointAsync(SyncLocation location, CancellationToken cancellationToken)
        {
            var generation = _causality.Mark();
            var flushes = new List<FlushJob>(_workers.Count);
            foreach (var worker in _workers)
            {
                var flush = new FlushJob();
                flushes.Add(flush);
                await worker.EnqueueAsync(flush, cancellationToken).ConfigureAwait(false);
            }

            _pendingCheckpoint = new PendingCheckpoint(location, generation, flushes);
            _pendingRows = 0;
            _lastFlushTicks = unit._clock.ElapsedTicks;
        }

        private async Task CompleteCheckpointAsync(PendingCheckpoint pending, CancellationToken cancellationToken)
        {
            _pendingCheckpoint = null;
            await Task.WhenAll(pending.Flushes.Select(f => f.Done.Task)).ConfigureAwait(false); // a worker's failure surfaces here
            _causality.Release(pending.Generation);
            await SaveAsync(pending.Location, atBoundary: false, cancellationToken).ConfigureAwait(false);
            Report();
        }

        private async Task DispatchRowsAsync(BinlogClient client, RowsEvent rows, CancellationToken cancellationToken)
        {
            var source = new TableName(rows.Table.SchemaName, rows.Table.TableName);
            if (!filter.Allows(source) || string.Equals(source.Schema, unit._task.MetaSchema, StringComparison.OrdinalIgnoreCase))
                return;
            var kind = rows.Kind switch
            {
                RowsEventKind.Insert => BinlogEventKind.Insert,
                RowsEventKind.Update => BinlogEventKind.Update,
                _ => BinlogEventKind.Delete,
            };
            if (!Passes(source, kind, null, client))
                return;
            var position = client.CurrentPosition ?? default;
            _openTransactionDispatched = true;
            await GuardExitPointAsync(position, cancellationToken).ConfigureAwait(false);
            var table = await _tables.GetAsync(rows.Table, cancellationToken).ConfigureAwait(false);
            (TableName, BinlogPosition)? exactlyOnce = null;
            if (!table.Builder.Table.HasKey)
            {
                // No key: replays cannot be idempotent, so the table's own checkpoint, written with its rows, says what is applied.
                if (previous?.Tables.TryGetValue(source, out var applied) == true && applied.Location.Position.FileName.Length > 0
                    && position.CompareTo(applied.Location.Position) <= 0)
                    return;
                exactlyOnce = (source, position);
            }

            var safe = safeMode.IsOn(position);
            _safeModeNow = safe;
            var kept = table.Values is null
                ? rows.Rows
                : rows.Rows.Where(row => !table.Values.Skips(rows.Kind, row.Before, row.After)).ToList();
            for (var r = 0; r < kept.Count; r++)
            {
                var row = kept[r];
                _keys.Clear();
                table.Keys.Add(row.Before, _keys);
                table.Keys.Add(row.After, _keys);
                var worker = _causality.Assign(_keys);
                if (worker < 0 || _causality.KeysInFlight > MaxKeysInFlight)
                {
                    // Keys held by two workers: let both finish before this change may go anywhere.
                    await FlushWorkersAsync(cancellationToken).ConfigureAwait(false);
                    worker = _causality.Assign(_keys);
                }

                await _workers[worker].EnqueueAsync(
                    new RowJob(table.Builder, rows.Kind, row.Before, row.After, safe, exactlyOnce, EndsEvent: r == kept.Count - 1), cancellationToken).ConfigureAwait(false);
                _pendingRows++;
                Interlocked.Increment(ref unit._events);
            }
        }

        /// <summary>A DDL: everything before it is applied first, then the DDL with routed names, then a checkpoint after it.</summary>
        private async Task ApplyStatementAsync(BinlogClient client, QueryEvent query, CancellationToken cancellationToken)
        {
            var at = client.CurrentPosition ?? default;
            if (unit._task.DdlOverrides.FirstOrDefault(o => o.At == at) is { } overridden)
            {
                await ApplyOverrideAsync(client, query, overridden, cancellationToken).ConfigureAwait(false);
                return;
            }

            var statements = DdlParser.Parse(query.Query, query.Schema.Length == 0 ? null : query.Schema);
            var tracked = new List<DdlStatement>();
            var apply = new List<(DdlStatement Statement, string Sql)>();
            foreach (var statement in statements)
            {
                if (statement.Kind is DdlKind.NotDdl or DdlKind.TemporaryTable)
                    continue;
                if (statement.Kind == DdlKind.Unknown)
                    throw new MigrationException($"DDL at {client.CurrentPosition} could not be understood ({statement.Reason}): {query.Query}");
                if (!Selected(statement))
                    continue;
                // The tracker follows the source even where an event filter keeps the DDL from the target: the row
                // events after it are written with the new columns either way.
                tracked.Add(statement);
                var kind = statement.Kind.EventType() is { } name && BinlogEventKinds.TryParse(name, out var k) ? k : BinlogEventKind.Unknown;
                var table = statement.Tables.Count > 0 ? statement.Tables[0] : new TableName(statement.Schema ?? string.Empty, string.Empty);
                if (!Passes(table, kind, statement.Sql, client))
                    continue;
                apply.Add((statement, statement.Rewrite(router.Route, router.RouteSchema)));
            }

            _tables.ForgetAll();
            if (tracked.Count == 0)
                return;
            await FlushWorkersAsync(cancellationToken).ConfigureAwait(false);
            if (apply.Count > 0)
                await GuardExitPointAsync(client.CurrentPosition ?? default, cancellationToken).ConfigureAwait(false);
            // A checkpoint right before the DDL, with the structures before it: a crash after it leaves only the DDL
            // to replay, not rows written under the old table definition.
            if (_beforeTransaction is { Position: not null } before)
                await SaveAsync(SyncStartResolver.ToLocation(before), atBoundary: false, cancellationToken).ConfigureAwait(false);
            foreach (var statement in tracked)
                await tracker.ApplyAsync(statement, cancellationToken).ConfigureAwait(false);
            foreach (var (statement, sql) in apply)
            {
                try
                {
                    await using var command = new MySqlCommand(sql, control);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (MySqlException ex) when (safeMode.IsOn(client.CurrentPosition ?? default) && IsAlreadyDone(ex.Number))
                {
                    // Replayed after a restart: the previous run applied it already.
                }
                catch (MySqlException ex)
                {
                    throw new MigrationException(
                        $"the target refused DDL at {client.CurrentPosition} ({statement.Kind}): {sql}: {ex.Message} [MySQL error {ex.Number}]",
                        ex.Number,
                        ex,
                        $"fix the target and start again, or skip the DDL (--skip-ddl {client.CurrentPosition}) or replace it (--replace-ddl \"{client.CurrentPosition}=statements\")");
                }

                Interlocked.Increment(ref unit._events);
            }

            if (client.Checkpoint is { Position: not null } checkpoint)
                await SaveAsync(SyncStartResolver.ToLocation(checkpoint), atBoundary: false, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The task's binlog event filters: false to skip the event; an Error rule stops the task naming it.</summary>
        private bool Passes(TableName table, BinlogEventKind kind, string? sql, BinlogClient client) =>
            events.Decide(table, kind, sql) switch
            {
                FilterDecision.Ignore => false,
                FilterDecision.Error => throw new MigrationException(
                    $"a binlog event filter with action Error matched {kind.ToDmName()} on {table} at {client.CurrentPosition}{(sql is null ? string.Empty : ": " + sql)}"),
                _ => true,
            };

        /// <summary>The operator's answer to a refused DDL: nothing, or the statements given, then a checkpoint after it.</summary>
        private async Task ApplyOverrideAsync(BinlogClient client, QueryEvent query, DdlOverride overridden, CancellationToken cancellationToken)
        {
            _tables.ForgetAll();
            // Skipped or replaced on the target: its tables are learned again from there when their rows come.
            foreach (var statement in DdlParser.Parse(query.Query, query.Schema.Length == 0 ? null : query.Schema))
                tracker.Forget(statement.Tables);
            await FlushWorkersAsync(cancellationToken).ConfigureAwait(false);
            foreach (var sql in overridden.Replacement ?? [])
            {
                try
                {
                    await using var command = new MySqlCommand(sql, control);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (MySqlException ex)
                {
                    throw new MigrationException(
                        $"the target refused the replacement of the DDL at {overridden.At} ({query.Query}): {sql}: {ex.Message} [MySQL error {ex.Number}]", ex.Number, ex);
                }
            }

            if (client.Checkpoint is { Position: not null } checkpoint)
                await SaveAsync(SyncStartResolver.ToLocation(checkpoint), atBoundary: false, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A DDL goes to the target when its tables (or its database) are selected.</summary>
        private bool Selected(DdlStatement statement)
        {
            if (statement.Tables.Count > 0)
                return statement.Tables.Any(t => filter.Allows(t) && !string.Equals(t.Schema, unit._task.MetaSchema, StringComparison.OrdinalIgnoreCase));
            return statement.Schema is { } schema
                && !string.Equals(schema, unit._task.MetaSchema, StringComparison.OrdinalIgnoreCase)
                && filter.AllowsSchema(schema);
        }

        /// <summary>
        /// Before anything past the recorded safe-mode exit point is applied, the point is pushed ahead and saved: a
        /// crash then never leaves applied changes beyond what the next run replays idempotently.
        /// </summary>
        private async Task GuardExitPointAsync(BinlogPosition position, CancellationToken cancellationToken)
        {
            if (position.FileName.Length == 0 || (_recordedExit is { } exit && position.CompareTo(exit) <= 0))
                return;
            var ahead = new BinlogPosition(position.FileName, position.Position + ExitPointStride);
            await store.SaveAsync(control, null, _flushed ?? throw new InvalidOperationException("no checkpoint to record the safe-mode exit point with"), new SyncLocation(ahead, string.Empty), null, cancellationToken)
                .ConfigureAwait(false);
            _recordedExit = ahead;
        }

        private async Task FlushWorkersAsync(CancellationToken cancellationToken)
        {
            var flushes = new List<FlushJob>(_workers.Count);
            foreach (var worker in _workers)
            {
                var flush = new FlushJob();
                flushes.Add(flush);
                await worker.EnqueueAsync(flush, cancellationToken).ConfigureAwait(false);
            }

            await Task.WhenAll(flushes.Select(f => f.Done.Task)).ConfigureAwait(false);
            _causality.Reset();
            _pendingRows = 0;
            // A checkpoint started earlier is applied too; the caller saves a later one when it needs one.
            _pendingCheckpoint = null;
        }

        /// <summary>
        /// Records <paramref name="location"/> as the global checkpoint. At a clean stop on a transaction boundary the
        /// exit point drops to it: the next run needs no safe mode for what this one applied.
        /// </summary>
        private async Task SaveAsync(SyncLocation location, bool atBoundary, CancellationToken cancellationToken)
        {
            var exit = atBoundary ? location : null;
            var (changed, removed) = tracker.TakeChanges();
            if (changed.Count > 0 || removed.Count > 0)
                await store.SaveStructuresAsync(control, changed, removed, cancellationToken).ConfigureAwait(false);
            await store.SaveAsync(control, null, location, exit, null, cancellationToken).ConfigureAwait(false);
            _flushed = location;
            unit.Checkpoint = location;
            if (exit is not null)
                _recordedExit = exit.Position;
            _lastFlushTicks = unit._clock.ElapsedTicks;
        }

        private void Report()
        {
            if (progress is null)
                return;
            _lastReportTicks = unit._clock.ElapsedTicks;
            progress.Report(Status());
        }

        public SyncStatus Status()
        {
            var seconds = Math.Max(unit._clock.Elapsed.TotalSeconds, 0.001);
            var source = _masterStatus?.Latest;
            var master = source is null ? string.Empty : $"({source.File}, {source.Position})";
            var flushed = _flushed is null ? string.Empty : $"({_flushed.Position.FileName}, {_flushed.Position.Position})";
            var synced = source is not null && _flushed is not null && _flushed.Position.FileName == source.File && _flushed.Position.Position >= source.Position;
            // Behind by how old the last event read is, unless the reader has reached the source's end (then nothing
            // waits, however long ago the last write was; the checkpoint may flush a few seconds later).
            var readAll = source is not null && _processed?.Position is { } read
                && read.CompareTo(new BinlogPosition(source.File, source.Position)) >= 0;
            var behind = synced || readAll || _lastEventTimestamp == 0 ? 0 : Math.Max(0, unit._time.GetUtcNow().ToUnixTimeSeconds() - _lastEventTimestamp);
            return new SyncStatus(
                unit._source.SourceId,
                Interlocked.Read(ref unit._events),
                Interlocked.Read(ref unit._transactions),
                Interlocked.Read(ref unit._transactions) / seconds,
                unit._recentTps,
                master,
                source?.Gtid ?? string.Empty,
                flushed,
                _flushed?.Gtid ?? string.Empty,
                behind,
                synced,
                _safeModeNow,
                _origin);
        }

        /// <summary>Errors a replayed DDL meets when the previous run applied it: the table or database exists, is gone, the column or key is there or not.</summary>
        private static bool IsAlreadyDone(int number) => number is 1007 or 1008 or 1050 or 1051 or 1060 or 1061 or 1091 or 1146;

        private static bool IsStatement(string sql)
        {
            var text = sql.AsSpan().TrimStart();
            return !(text.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase) || IsCommit(sql));
        }

        private static bool IsCommit(string sql)
        {
            var text = sql.AsSpan().TrimStart();
            return text.StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("XA ", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>A checkpoint waiting for every worker to pass its flush marker.</summary>
        private sealed record PendingCheckpoint(SyncLocation Location, long Generation, List<FlushJob> Flushes);
    }
}
