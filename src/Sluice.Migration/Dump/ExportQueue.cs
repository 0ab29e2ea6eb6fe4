using System.Globalization;
using System.Threading.Channels;
using MySqlConnector;

namespace Sluice.Migration.Dump;

/// <summary>
/// The export connections working one shared queue. A table's first item writes its schema file and plans it:
/// a single integer key becomes ranges queued for every connection; other keys are paged in key order by the
/// connection that took the table (each page starts after the previous one's last key); a table without a usable
/// key is one chunk. Every connection reads the same snapshot, so the split does not change what is read.
/// </summary>
internal sealed class ExportQueue
{
    /// <summary>Rows per chunk when the task does not set one (mydumper's --rows).</summary>
    public const long DefaultChunkRows = 200_000;

    /// <summary>The smallest automatic chunk: below it, more files cost more than the parallelism gains.</summary>
    public const long MinAutoChunkRows = 10_000;

    private readonly List<ChunkExporter> _exporters;
    private readonly IReadOnlyList<DumpTableLayout> _tables;
    private readonly string _directory;
    private readonly long _chunkRows;
    private readonly DumpTracker _tracker;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>();
    private int _pending;
    private Exception? _failure;

    public ExportQueue(IReadOnlyList<MySqlConnection> connections, IReadOnlyList<DumpTableLayout> tables, string directory, long chunkRows, DumpTracker tracker)
    {
        _exporters = connections.Select(c => new ChunkExporter(c, tracker)).ToList();
        _tables = tables;
        _directory = directory;
        _chunkRows = chunkRows;
        _tracker = tracker;
    }

    /// <summary>Dumps every table; the result is in the order the tables were given.</summary>
    public async Task<IReadOnlyList<DumpedTable>> RunAsync(CancellationToken cancellationToken)
    {
        var states = _tables.Select(t => new TableState(t)).ToList();

        // Largest first, so a big table does not start last and run alone.
        foreach (var state in states.OrderByDescending(s => s.Layout.EstimatedRows))
            Enqueue(new TableWork(state));
        if (states.Count == 0)
            _queue.Writer.TryComplete();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = _exporters.Select(e => Task.Run(() => WorkAsync(e, stop), CancellationToken.None)).ToArray();
        await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (_failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
        return states.Select(s => s.ToDumpedTable()).ToList();
    }

    private async Task WorkAsync(ChunkExporter exporter, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                await ProcessAsync(exporter, work, stop.Token).ConfigureAwait(false);
                if (Interlocked.Decrement(ref _pending) == 0)
                    _queue.Writer.TryComplete();
            }
        }
        catch (Exception ex)
        {
            // The first failure stops the others; their cancellations are only its echo.
            if (!stop.IsCancellationRequested)
                Interlocked.CompareExchange(ref _failure, ex, null);
            await stop.CancelAsync().ConfigureAwait(false);
            _queue.Writer.TryComplete();
        }
    }

    private void Enqueue(Work work)
    {
        Interlocked.Increment(ref _pending);
        _queue.Writer.TryWrite(work);
    }

    private async Task ProcessAsync(ChunkExporter exporter, Work work, CancellationToken cancellationToken)
    {
        var table = work.Table;
        var step = work is RangeWork range ? $"chunk {range.Index}" : "schema and chunk plan";
        try
        {
            if (work is RangeWork chunk)
            {
                await ExportChunkAsync(exporter, table, chunk.Index, ChunkQuery.Range(table.Layout, chunk.From, chunk.To), cancellationToken).ConfigureAwait(false);
                if (Interlocked.Decrement(ref table.RemainingChunks) == 0)
                    FinishTable();
                return;
            }

            await WriteSchemaAsync(exporter.Connection, table, cancellationToken).ConfigureAwait(false);
            var key = table.Layout.Key;
            if (key is null)
            {
                _tracker.Warn($"table {SqlNames.Quote(table.Layout.Name)} has no primary key or unique key on NOT NULL columns: dumped as one chunk by one connection");
                step = "chunk 0";
                await ExportChunkAsync(exporter, table, 0, ChunkQuery.Whole(table.Layout), cancellationToken).ConfigureAwait(false);
                FinishTable();
            }
            else if (key.IsInteger)
            {
                await PlanRangesAsync(exporter, table, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                step = "keyset chunks";
                await ExportKeysetAsync(exporter, table, cancellationToken).ConfigureAwait(false);
                FinishTable();
            }
        }
        catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw DumpErrors.From(ex, $"dumping table {SqlNames.Quote(table.Layout.Name)} ({step})");
        }
    }

    private async Task WriteSchemaAsync(MySqlConnection connection, TableState table, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand($"SHOW CREATE TABLE {SqlNames.Quote(table.Layout.Name)}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var statement = reader.GetString(1);
        await DumpDirectory.WriteTextAsync(Path.Combine(_directory, table.SchemaFile), statement + ";\n", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>MIN and MAX in the snapshot, then ranges of about a chunk's rows each; an empty table is one empty chunk.</summary>
    private async Task PlanRangesAsync(ChunkExporter exporter, TableState table, CancellationToken cancellationToken)
    {
        var key = SqlNames.Quote(table.Layout.Key!.Columns[0].Name);
        Int128? min = null;
        Int128? max = null;
        await using (var command = new MySqlCommand(
            $"SELECT CAST(MIN({key}) AS CHAR), CAST(MAX({key}) AS CHAR) FROM {SqlNames.Quote(table.Layout.Name)}", exporter.Connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0))
            {
                min = Int128.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
                max = Int128.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            }
        }

        var ranges = min is null
            ? [(null, null)]
            : IntegerRangePlanner.Plan(min.Value, max!.Value, table.Layout.EstimatedRows, ChunkRowsFor(table.Layout));
        table.RemainingChunks = ranges.Count;
        for (var i = 1; i < ranges.Count; i++)
            Enqueue(new RangeWork(table, i, ranges[i].From, ranges[i].To));

        // The first range is this connection's own, while the others take the rest.
        await ExportChunkAsync(exporter, table, 0, ChunkQuery.Range(table.Layout, ranges[0].From, ranges[0].To), cancellationToken).ConfigureAwait(false);
        if (Interlocked.Decrement(ref table.RemainingChunks) == 0)
            FinishTable();
    }

    /// <summary>Pages of ChunkRows rows in key order until a page comes back short; no empty file after the last full one.</summary>
    private async Task ExportKeysetAsync(ChunkExporter exporter, TableState table, CancellationToken cancellationToken)
    {
        var chunkRows = ChunkRowsFor(table.Layout);
        IReadOnlyList<byte[]>? after = null;
        for (var index = 0; ; index++)
        {
            var query = ChunkQuery.Keyset(table.Layout, after, chunkRows);
            var result = await ExportChunkAsync(exporter, table, index, query, cancellationToken, keepLastKey: true, keepIfEmpty: index == 0).ConfigureAwait(false);
            if (result.Rows < chunkRows)
                return;
            after = result.LastKey;
        }
    }

    private async Task<ChunkResult> ExportChunkAsync(
        ChunkExporter exporter,
        TableState table,
        int index,
        ChunkQuery query,
        CancellationToken cancellationToken,
        bool keepLastKey = false,
        bool keepIfEmpty = true)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = DumpFileNames.Chunk(table.Layout.Name, index);
        var path = Path.Combine(_directory, file);
        var result = await exporter.ExportAsync(table.Layout, query, path, keepLastKey, cancellationToken).ConfigureAwait(false);
        if (result.Rows == 0 && !keepIfEmpty)
        {
            File.Delete(path);
            return result;
        }

        table.AddChunk(new DumpedChunk { Index = index, File = file, Rows = result.Rows, Bytes = result.Bytes, Where = query.Where });
        _tracker.Report();
        return result;
    }

    private void FinishTable()
    {
        _tracker.TableFinished();
        _tracker.Report();
    }

    /// <summary>The task's rows per chunk; by default about an even share per connection, within [10,000, 200,000].</summary>
    private long ChunkRowsFor(DumpTableLayout table) =>
        _chunkRows > 0 ? _chunkRows : Math.Clamp(table.EstimatedRows / _exporters.Count, MinAutoChunkRows, DefaultChunkRows);

    private abstract record Work(TableState Table);

    private sealed record TableWork(TableState Table) : Work(Table);

    private sealed record RangeWork(TableState Table, int Index, Int128? From, Int128? To) : Work(Table);

    private sealed class TableState(DumpTableLayout layout)
    {
        private readonly List<DumpedChunk> _chunks = [];

        /// <summary>Range chunks not yet written.</summary>
        public int RemainingChunks;

        public DumpTableLayout Layout { get; } = layout;

        public string SchemaFile { get; } = DumpFileNames.TableSchema(layout.Name);

        public void AddChunk(DumpedChunk chunk)
        {
            lock (_chunks)
                _chunks.Add(chunk);
        }

        public DumpedTable ToDumpedTable()
        {
            var chunks = _chunks.OrderBy(c => c.Index).ToList();
            return new DumpedTable
            {
                Schema = Layout.Name.Schema,
                Table = Layout.Name.Table,
                SchemaFile = SchemaFile,
                Columns = Layout.Columns.Select(c => new DumpedColumn(c.Name, c.Encoding)).ToList(),
                ChunkKey = Layout.Key?.Columns.Select(c => c.Name).ToList() ?? [],
                Chunks = chunks,
                Rows = chunks.Sum(c => c.Rows),
                Bytes = chunks.Sum(c => c.Bytes),
            };
        }
    }
}
