using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;
using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Replication;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Processing;

/// <summary>
/// Turns a source's binlog into the changefeed's queue: each committed transaction's selected rows (in chunks of
/// at most <see cref="ChunkRows"/>, so a huge transaction never sits whole in memory), each selected DDL, and after
/// every transaction a resolved mark with the position to resume from. Transactions get commit TSOs from the
/// <see cref="TransactionClock"/>; when the stream is idle at the source's end, the resolved TSO follows the clock.
/// </summary>
internal sealed class BinlogCapture(
    SourceTables tables,
    CaptureFilter filter,
    TransactionClock clock,
    Tso targetTs,
    ChangefeedProgress progress,
    TimeProvider time)
{
    public const int ChunkRows = 1024;

    /// <summary>Changes are handed to the writer in batches of about this many rows, or older than <see cref="BatchAge"/>.</summary>
    private const int BatchRows = 1024;

    private static readonly TimeSpan BatchAge = TimeSpan.FromMilliseconds(10);

    private readonly List<RowChangedEvent> _rows = [];
    private readonly List<QueuedChange> _batch = [];
    private long _batchBytes;
    private int _batchRows;
    private long _batchStarted;
    private bool _inTransaction;
    private bool _chunkSent;
    private Tso _commitTs;
    private Tso _startTs;
    private bool _ignoredTransaction;

    /// <summary>Reads until cancelled or, with a target TSO, until it is passed; true when the target was reached.</summary>
    public async Task<bool> RunAsync(BinlogClient client, ChangeQueue queue, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(client, queue, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested)
                await HandOverAsync(queue, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> ReadAsync(BinlogClient client, ChangeQueue queue, CancellationToken cancellationToken)
    {
        await foreach (var binlogEvent in client.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (binlogEvent)
            {
                case GtidEvent or MariaDbGtidEvent:
                    if (await BeginAsync(client, binlogEvent.Header.Timestamp, queue, cancellationToken).ConfigureAwait(false))
                        return true;
                    break;
                case QueryEvent query when IsBegin(query.Query):
                    if (!_inTransaction && await BeginAsync(client, query.Header.Timestamp, queue, cancellationToken).ConfigureAwait(false))
                        return true;
                    break;
                case RowsEvent rows:
                    if (!_inTransaction && await BeginAsync(client, rows.Header.Timestamp, queue, cancellationToken).ConfigureAwait(false))
                        return true;
                    await AddRowsAsync(rows, queue, cancellationToken).ConfigureAwait(false);
                    break;
                case XidEvent:
                    await CommitAsync(queue, cancellationToken).ConfigureAwait(false);
                    break;
                case QueryEvent query when IsEnd(query.Query):
                    await CommitAsync(queue, cancellationToken).ConfigureAwait(false);
                    break;
                case QueryEvent query when QueryStatements.IsSchemaChange(query.Query):
                    if (!_inTransaction && await BeginAsync(client, query.Header.Timestamp, queue, cancellationToken).ConfigureAwait(false))
                        return true;
                    await CaptureDdlAsync(query, queue, cancellationToken).ConfigureAwait(false);
                    await CommitAsync(queue, cancellationToken).ConfigureAwait(false);
                    break;
                case HeartbeatEvent when !_inTransaction && client.IsAtTransactionBoundary:
                    // Idle at the source's end: nothing up to now is still to come.
                    var resolved = clock.Resolve(Tso.From(time.GetUtcNow()));
                    if (targetTs != Tso.Zero && resolved >= targetTs)
                    {
                        await MarkAsync(targetTs, client, queue, cancellationToken).ConfigureAwait(false);
                        return true;
                    }

                    await MarkAsync(resolved, client, queue, cancellationToken).ConfigureAwait(false);
                    await HandOverAsync(queue, cancellationToken).ConfigureAwait(false);
                    break;
            }

            if (!_inTransaction && binlogEvent is XidEvent or QueryEvent && client.IsAtTransactionBoundary)
                await MarkAsync(_commitTs, client, queue, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>A transaction begins: it gets its TSO; past the target TSO, capture ends before it.</summary>
    private async ValueTask<bool> BeginAsync(BinlogClient client, uint timestamp, ChangeQueue queue, CancellationToken cancellationToken)
    {
        var before = clock.Last;
        var commitTs = clock.Next(timestamp);
        if (targetTs != Tso.Zero && commitTs > targetTs)
        {
            await MarkAsync(targetTs > before ? targetTs : before, client, queue, cancellationToken).ConfigureAwait(false);
            return true;
        }

        _inTransaction = true;
        _chunkSent = false;
        _commitTs = commitTs;
        _startTs = Tso.From(DateTimeOffset.FromUnixTimeSeconds(timestamp));
        _ignoredTransaction = filter.IgnoresTransaction(_startTs);
        _rows.Clear();
        return false;
    }

    private async ValueTask AddRowsAsync(RowsEvent rows, ChangeQueue queue, CancellationToken cancellationToken)
    {
        if (_ignoredTransaction || !filter.AllowsTable(rows.Table.SchemaName, rows.Table.TableName))
            return;
        var table = await tables.TableOfAsync(rows.Table, cancellationToken).ConfigureAwait(false);
        var kind = rows.Kind switch
        {
            RowsEventKind.Insert => RowChangeKind.Insert,
            RowsEventKind.Update => RowChangeKind.Update,
            _ => RowChangeKind.Delete,
        };
        foreach (var change in rows.Rows)
        {
            var row = new RowChangedEvent
            {
                Table = table,
                Kind = kind,
                CommitTs = _commitTs,
                StartTs = _startTs,
                Before = change.Before?.AsReadOnlyList(),
                After = change.After?.AsReadOnlyList(),
            };
            if (filter.IgnoresRow(row))
                continue;
            _rows.Add(filter.SelectColumns(row));
            if (_rows.Count >= ChunkRows)
                await SendChunkAsync(last: false, queue, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask CommitAsync(ChangeQueue queue, CancellationToken cancellationToken)
    {
        if (!_inTransaction)
            return;
        if (_rows.Count > 0 || _chunkSent)
            await SendChunkAsync(last: true, queue, cancellationToken).ConfigureAwait(false);
        _inTransaction = false;
    }

    private async ValueTask SendChunkAsync(bool last, ChangeQueue queue, CancellationToken cancellationToken)
    {
        var chunk = new TransactionChunk(_commitTs, _startTs, _rows.ToArray(), IsFirst: !_chunkSent, IsLast: last);
        _rows.Clear();
        _chunkSent = true;
        await EmitAsync(new QueuedRows(chunk), chunk.Rows.Count, queue, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a change to the batch for the writer; a resolved mark replaces the one before it when nothing came between.</summary>
    private async ValueTask EmitAsync(QueuedChange change, int rows, ChangeQueue queue, CancellationToken cancellationToken)
    {
        if (change is QueuedResolved && _batch.Count > 0 && _batch[^1] is QueuedResolved replaced)
        {
            _batch.RemoveAt(_batch.Count - 1);
            _batchBytes -= replaced.Size;
        }

        if (_batch.Count == 0)
            _batchStarted = time.GetTimestamp();
        _batch.Add(change);
        _batchBytes += change.Size;
        _batchRows += rows;
        if (_batchRows >= BatchRows || time.GetElapsedTime(_batchStarted) >= BatchAge)
            await HandOverAsync(queue, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hands the batch to the writer.</summary>
    private async ValueTask HandOverAsync(ChangeQueue queue, CancellationToken cancellationToken)
    {
        if (_batch.Count == 0)
            return;
        QueuedChange item = _batch.Count == 1 ? _batch[0] : new QueuedBatch(_batch.ToArray(), _batchBytes);
        _batch.Clear();
        _batchBytes = 0;
        _batchRows = 0;
        await queue.EnqueueAsync(item, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask CaptureDdlAsync(QueryEvent query, ChangeQueue queue, CancellationToken cancellationToken)
    {
        var defaultSchema = query.Schema.Length == 0 ? null : query.Schema;
        foreach (var statement in DdlParser.Parse(query.Query, defaultSchema))
        {
            if (statement.Kind is DdlKind.NotDdl or DdlKind.TemporaryTable)
                continue;
            var ddl = await DescribeAsync(statement, defaultSchema, cancellationToken).ConfigureAwait(false);
            if (ddl is null || _ignoredTransaction || filter.IgnoresDdl(ddl))
                continue;
            await EmitAsync(new QueuedDdl(ddl), 0, queue, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The DDL event of a statement, with the table's structure before and after it; null when its tables are not captured.</summary>
    private async ValueTask<DdlEvent?> DescribeAsync(DdlStatement statement, string? defaultSchema, CancellationToken cancellationToken)
    {
        var names = statement.Tables;
        switch (statement.Kind)
        {
            case DdlKind.CreateDatabase or DdlKind.DropDatabase or DdlKind.AlterDatabase:
            {
                var schema = statement.Schema ?? defaultSchema ?? string.Empty;
                tables.ForgetSchema(schema);
                return filter.AllowsSchema(schema) ? Ddl(statement, schema, null) : null;
            }

            case DdlKind.RenameTable when names.Count >= 2:
            {
                var (from, to) = (names[0], names[1]);
                var before = await tables.CurrentAsync(from.Schema, from.Table, cancellationToken).ConfigureAwait(false);
                tables.Forget(from.Schema, from.Table);
                var after = await tables.ReloadAsync(to.Schema, to.Table, _commitTs, cancellationToken).ConfigureAwait(false);
                if (!filter.AllowsTable(from.Schema, from.Table) && !filter.AllowsTable(to.Schema, to.Table))
                    return null;
                return Ddl(statement, to.Schema, to.Table, before, after, (from.Schema, from.Table));
            }

            case DdlKind.Unknown or DdlKind.OtherDdl when names.Count == 0:
            {
                var schema = statement.Schema ?? defaultSchema ?? string.Empty;
                return schema.Length > 0 && filter.AllowsSchema(schema) ? Ddl(statement, schema, null) : null;
            }

            default:
            {
                if (names.Count == 0)
                    return null;
                var name = names[0];
                var before = await tables.CurrentAsync(name.Schema, name.Table, cancellationToken).ConfigureAwait(false);
                var after = statement.Kind is DdlKind.DropTable or DdlKind.DropView
                    ? null
                    : await tables.ReloadAsync(name.Schema, name.Table, _commitTs, cancellationToken).ConfigureAwait(false);
                if (after is null)
                    tables.Forget(name.Schema, name.Table);
                return filter.AllowsTable(name.Schema, name.Table) ? Ddl(statement, name.Schema, name.Table, before, after) : null;
            }
        }
    }

    private DdlEvent Ddl(DdlStatement statement, string schema, string? table, ChangeTable? before = null, ChangeTable? after = null, (string, string)? previous = null) => new()
    {
        CommitTs = _commitTs,
        StartTs = _startTs,
        Schema = schema,
        Table = table,
        Query = statement.Sql,
        Kind = statement.Kind,
        TableBefore = before,
        TableAfter = after,
        PreviousName = previous,
        ActionType = DdlActions.Of(statement),
    };

    private async ValueTask MarkAsync(Tso resolved, BinlogClient client, ChangeQueue queue, CancellationToken cancellationToken)
    {
        if (client.Checkpoint is not { Position: { } position } checkpoint)
            return;
        if (resolved > progress.ResolvedTs)
            progress.ResolvedTs = resolved;
        var mark = new QueuedResolved(resolved, position, (object?)checkpoint.MariaDbGtids ?? checkpoint.GtidSet, tables.Structures);
        await EmitAsync(mark, 0, queue, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsBegin(string query) => query.AsSpan().Trim().Equals("BEGIN", StringComparison.OrdinalIgnoreCase);

    private static bool IsEnd(string query)
    {
        var text = query.AsSpan().TrimStart();
        return text.StartsWith("COMMIT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("ROLLBACK", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("XA COMMIT", StringComparison.OrdinalIgnoreCase);
    }
}
