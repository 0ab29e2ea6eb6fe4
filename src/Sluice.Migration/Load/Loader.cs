using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using MySqlConnector;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Load;

/// <summary>
/// DM's load unit: imports a source's dump directory (docs/dump-format.md) into the target with
/// <c>import_threads</c> connections in parallel, one transaction per data file together with its checkpoint row,
/// so a stopped or killed load resumes where it stood: finished files are skipped, the rest load again.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-overview (task units: dump, load, sync)</remarks>
public sealed class Loader
{
    private readonly Func<string, Stream> _openChunk;

    public Loader()
        : this(OpenFile)
    {
    }

    /// <summary>For tests: how a data file is opened.</summary>
    internal Loader(Func<string, Stream> openChunk) => _openChunk = openChunk;

    /// <summary>Loads the dump of <paramref name="sourceId"/> in <paramref name="directory"/> into the task's target.</summary>
    /// <param name="task">The task: target, meta schema, and the source's load options (threads, on-duplicate).</param>
    /// <param name="sourceId">The source the dump was taken from; its id keys the checkpoint rows.</param>
    /// <param name="directory">The source's dump directory.</param>
    /// <param name="route">Source table to target table (table routing).</param>
    /// <param name="routeSchema">Source schema to target schema (table routing of schemas).</param>
    /// <param name="progress">Told after each data file; may be null.</param>
    /// <param name="cancellationToken">Stops the load; what is committed stays and is skipped on the next run.</param>
    /// <exception cref="MigrationException">The dump is unfinished or unreadable, or the target refused.</exception>
    public async Task RunAsync(
        MigrationTask task,
        string sourceId,
        string directory,
        Func<TableName, TableName> route,
        Func<string, string> routeSchema,
        IProgress<LoadProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(routeSchema);
        var options = (task.Sources.FirstOrDefault(s => s.SourceId == sourceId)
            ?? throw new ArgumentException($"task {task.Name} has no source {sourceId}", nameof(sourceId))).Load;

        var dump = await DumpDirectory.OpenAsync(directory, cancellationToken).ConfigureAwait(false);
        if (dump.Manifest.SourceId != sourceId)
            throw new MigrationException($"the dump in {directory} is of source {dump.Manifest.SourceId}, not {sourceId}");
        var tables = Plan(dump, route);
        var checkpoint = new LoaderCheckpoint(task.MetaSchema, task.Name, sourceId);
        var tracker = new ProgressTracker(tables, progress);

        var control = await TargetSession.OpenAsync(task.Target, cancellationToken).ConfigureAwait(false);
        await using (control.ConfigureAwait(false))
        {
            Dictionary<string, CheckpointRow> recorded;
            try
            {
                await checkpoint.PrepareAsync(control, cancellationToken).ConfigureAwait(false);
                recorded = await checkpoint.ReadAsync(control, cancellationToken).ConfigureAwait(false);
            }
            catch (MySqlException e)
            {
                throw new MigrationException(
                    $"the target refused the loader checkpoint {Sql.Quote(new TableName(task.MetaSchema, LoaderCheckpoint.TableName(task.Name)))}: {e.Message}",
                    e.Number,
                    e);
            }

            var (pending, missing, finished) = Reconcile(dump, tables, recorded, tracker);
            if (finished && pending.Count == 0)
            {
                tracker.Report();
                return;
            }

            try
            {
                await checkpoint.InitAsync(control, missing, cancellationToken).ConfigureAwait(false);
            }
            catch (MySqlException e)
            {
                throw new MigrationException(
                    $"the target refused the rows of the loader checkpoint {Sql.Quote(new TableName(task.MetaSchema, LoaderCheckpoint.TableName(task.Name)))}: {e.Message}",
                    e.Number,
                    e);
            }

            await CreateTablesAsync(control, dump, tables, routeSchema, checkpoint, Probe(task, sourceId), cancellationToken).ConfigureAwait(false);
            tracker.Report();
            await LoadChunksAsync(task.Target, checkpoint, options, tables, pending, tracker, cancellationToken).ConfigureAwait(false);
            foreach (var target in tables.GroupBy(t => t.Target))
                await DeferredKeys.AddAsync(control, checkpoint, [.. target], cancellationToken).ConfigureAwait(false);

            using (var transaction = await control.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
            {
                await checkpoint.FinishAsync(control, transaction, LoaderCheckpoint.StatusFile, dump.ManifestBytes, cancellationToken)
                    .ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            tracker.Report();
        }
    }

    /// <summary>True when the dump of <paramref name="sourceId"/> is loaded completely into the task's target.</summary>
    public static async Task<bool> IsFinishedAsync(MigrationTask task, string sourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var connection = await TargetSession.OpenAsync(task.Target, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await new LoaderCheckpoint(task.MetaSchema, task.Name, sourceId)
                .IsFinishedAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets what was loaded from <paramref name="sourceId"/>: the next run loads the whole dump again.</summary>
    public static async Task ClearCheckpointAsync(MigrationTask task, string sourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var connection = await TargetSession.OpenAsync(task.Target, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await new LoaderCheckpoint(task.MetaSchema, task.Name, sourceId).ClearAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    private static List<TablePlan> Plan(DumpDirectory dump, Func<TableName, TableName> route) =>
        dump.Manifest.Tables.Select(table => new TablePlan(
            table,
            route(new TableName(table.Schema, table.Table)),
            table.Chunks.OrderBy(c => c.Index).Select(chunk =>
            {
                var path = dump.FileOf(chunk.File);
                return new ChunkPlan(chunk, chunk.File, path, new FileInfo(path).Length);
            }).ToList(),
            new FileInfo(dump.FileOf(table.SchemaFile)).Length)).ToList();

    /// <summary>
    /// Matches the checkpoint to the dump: chunks already loaded are counted as done, the others are pending, and
    /// rows that do not fit this dump (another dump was loaded before) stop the load instead of mixing two dumps.
    /// </summary>
    private static (List<(TablePlan Table, ChunkPlan Chunk)> Pending, List<CheckpointRow> Missing, bool Finished) Reconcile(
        DumpDirectory dump, IReadOnlyList<TablePlan> tables, Dictionary<string, CheckpointRow> recorded, ProgressTracker tracker)
    {
        var changed = $"the dump in {dump.Path} is not the one this task's load of source {dump.Manifest.SourceId} began with";
        const string Advice = "; clear the loader checkpoint (and the partly loaded tables) to load this dump";
        var files = tables.SelectMany(t => t.Chunks).Select(c => c.FileName)
            .Concat(tables.Select(t => t.Dumped.SchemaFile)).ToHashSet(StringComparer.Ordinal);
        foreach (var row in recorded.Values)
        {
            if (row.FileName != LoaderCheckpoint.StatusFile && !files.Contains(row.FileName))
                throw new MigrationException($"{changed}: the checkpoint records {row.FileName}, which it does not hold{Advice}");
        }

        var missing = new List<CheckpointRow>();
        var finished = false;
        if (recorded.TryGetValue(LoaderCheckpoint.StatusFile, out var status))
        {
            if (status.EndPos != dump.ManifestBytes)
                throw new MigrationException($"{changed}: its manifest has another size{Advice}");
            finished = status.IsFinished;
        }
        else
        {
            missing.Add(new CheckpointRow(LoaderCheckpoint.StatusFile, string.Empty, string.Empty, 0, dump.ManifestBytes));
        }

        var byTable = new List<Queue<(TablePlan, ChunkPlan)>>();
        foreach (var table in tables)
        {
            if (recorded.TryGetValue(table.Dumped.SchemaFile, out var keys))
            {
                if (keys.EndPos != table.SchemaFileBytes)
                    throw new MigrationException($"{changed}: {table.Dumped.SchemaFile} had {keys.EndPos} bytes, now {table.SchemaFileBytes}{Advice}");
                table.KeysPending = !keys.IsFinished;
            }

            var queue = new Queue<(TablePlan, ChunkPlan)>();
            foreach (var chunk in table.Chunks)
            {
                if (recorded.TryGetValue(chunk.FileName, out var row))
                {
                    if (row.EndPos != chunk.Bytes)
                        throw new MigrationException($"{changed}: {chunk.FileName} had {row.EndPos} bytes, now {chunk.Bytes}{Advice}");
                    if (row.IsFinished)
                    {
                        tracker.Skipped(table, chunk);
                        continue;
                    }
                }
                else
                {
                    missing.Add(new CheckpointRow(chunk.FileName, table.Source.Schema, table.Source.Table, 0, chunk.Bytes));
                }

                queue.Enqueue((table, chunk));
            }

            byTable.Add(queue);
        }

        // Round robin over tables: parallel connections write different tables rather than contend on one.
        var pending = new List<(TablePlan, ChunkPlan)>();
        while (byTable.Any(q => q.Count > 0))
        {
            foreach (var queue in byTable)
            {
                if (queue.TryDequeue(out var item))
                    pending.Add(item);
            }
        }

        return (pending, missing, finished);
    }

    private static async Task CreateTablesAsync(
        MySqlConnection connection,
        DumpDirectory dump,
        IReadOnlyList<TablePlan> tables,
        Func<string, string> routeSchema,
        LoaderCheckpoint checkpoint,
        TableName probe,
        CancellationToken cancellationToken)
    {
        var target = new TargetTables(connection, probe);
        var createDatabase = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var schema in dump.Manifest.Schemas)
        {
            var statement = await File.ReadAllTextAsync(dump.FileOf(schema.SchemaFile), cancellationToken).ConfigureAwait(false);
            createDatabase[schema.Schema] = statement;
            await target.CreateSchemaAsync(routeSchema(schema.Schema), statement, cancellationToken).ConfigureAwait(false);
        }

        foreach (var table in tables)
        {
            await target.CreateSchemaAsync(table.Target.Schema, createDatabase.GetValueOrDefault(table.Source.Schema), cancellationToken)
                .ConfigureAwait(false);
            var statement = await File.ReadAllTextAsync(dump.FileOf(table.Dumped.SchemaFile), cancellationToken).ConfigureAwait(false);
            table.CreateTable = statement;
            async Task DeferKeys()
            {
                await checkpoint.RecordAsync(
                    connection,
                    new CheckpointRow(table.Dumped.SchemaFile, table.Source.Schema, table.Source.Table, 0, table.SchemaFileBytes),
                    cancellationToken).ConfigureAwait(false);
                table.KeysPending = true;
            }

            var columns = await target.CreateTableAsync(table.Source, table.Target, statement, DeferKeys, cancellationToken).ConfigureAwait(false);
            try
            {
                table.Columns = LoadColumns.For(table.Dumped.Columns, columns);
            }
            catch (MigrationException e)
            {
                throw new MigrationException($"cannot load {Sql.Quote(table.Source)} into {Sql.Quote(table.Target)}: {e.Message}", inner: e);
            }
        }
    }

    private async Task LoadChunksAsync(
        DatabaseEndpoint target,
        LoaderCheckpoint checkpoint,
        LoadOptions options,
        IReadOnlyList<TablePlan> tables,
        List<(TablePlan Table, ChunkPlan Chunk)> pending,
        ProgressTracker tracker,
        CancellationToken cancellationToken)
    {
        var queue = new ConcurrentQueue<(TablePlan Table, ChunkPlan Chunk)>(pending);
        // A target's deferred keys are added by the connection that loads its last pending file.
        var sources = tables.GroupBy(t => t.Target).ToDictionary(g => g.Key, g => g.ToList());
        var remaining = pending.GroupBy(p => p.Table.Target).ToDictionary(g => g.Key, g => new StrongBox<int>(g.Count()));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;

        async Task WorkAsync()
        {
            try
            {
                var connection = await TargetSession.OpenAsync(target, stop.Token).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    var importer = new ChunkImporter(connection, checkpoint, options.OnDuplicate, _openChunk);
                    while (queue.TryDequeue(out var item))
                    {
                        stop.Token.ThrowIfCancellationRequested();
                        var rows = await importer.ImportAsync(item.Table, item.Chunk, stop.Token).ConfigureAwait(false);
                        tracker.Loaded(item.Table, item.Chunk, rows);
                        if (Interlocked.Decrement(ref remaining[item.Table.Target].Value) == 0)
                            await DeferredKeys.AddAsync(connection, checkpoint, sources[item.Table.Target], stop.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // The first failure stops the other connections; theirs are only the consequence.
                Interlocked.CompareExchange(ref firstFailure, e, null);
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        var workers = Enumerable.Range(0, Math.Min(Math.Max(1, options.Threads), pending.Count)).Select(_ => WorkAsync()).ToList();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception) when (firstFailure is not null)
        {
            ExceptionDispatchInfo.Throw(firstFailure);
        }
    }

    /// <summary>A scratch table name in the meta schema for definition checks, one per task and source.</summary>
    private static TableName Probe(MigrationTask task, string sourceId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(task.Name + "\n" + sourceId));
        return new TableName(task.MetaSchema, "_sluice_probe_" + Convert.ToHexStringLower(hash.AsSpan(0, 8)));
    }
}
