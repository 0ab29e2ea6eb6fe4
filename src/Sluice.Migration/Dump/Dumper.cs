using MySqlConnector;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Dump;

/// <summary>
/// The dump unit of a full migration: writes one source's chosen tables into a dump directory
/// (docs/dump-format.md) from one consistent snapshot, and records the binlog position replication continues
/// from. The files come first; <c>metadata</c> and then <c>sluice-dump.json</c> are written last, so a
/// directory without the manifest is an unfinished dump.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-dump-unit</remarks>
public sealed class Dumper
{
    /// <summary>Replace a finished dump of the same source found in the directory instead of failing.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Dumps the source's non-system base tables that <paramref name="include"/> accepts.</summary>
    public async Task<DumpManifest> RunAsync(
        SourceInstance source,
        Func<TableName, bool> include,
        string directory,
        IProgress<DumpProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tables = await SourceTables.ListAsync(source.Connection, include, cancellationToken).ConfigureAwait(false);
        return await RunAsync(source, tables, directory, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Dumps <paramref name="tables"/> (base tables; the caller has applied the block-allow list) into
    /// <paramref name="directory"/>, by the source's dump options (threads, consistency, rows per chunk).
    /// </summary>
    /// <exception cref="MigrationException">A table is missing, a privilege or lock is refused, or the directory
    /// already holds a finished dump (and <see cref="Overwrite"/> is off).</exception>
    public async Task<DumpManifest> RunAsync(
        SourceInstance source,
        IReadOnlyList<TableName> tables,
        string directory,
        IProgress<DumpProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var options = source.Dump;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1, nameof(source));
        ArgumentOutOfRangeException.ThrowIfNegative(options.ChunkRows, nameof(source));
        tables = tables.Distinct().ToList();

        var startedAt = DateTimeOffset.Now;
        await DumpDirectory.PrepareAsync(directory, source.SourceId, Overwrite, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<DumpTableLayout> layouts;
        List<DumpedSchema> schemas;
        DumpTracker tracker;
        ConsistentSnapshot snapshot;
        await using (var control = await SourceConnections.OpenAsync(source.Connection, cancellationToken).ConfigureAwait(false))
        {
            var isMariaDb = control.ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
            layouts = await TableInspector.InspectAsync(control, tables, cancellationToken).ConfigureAwait(false);
            schemas = await WriteSchemaCreatesAsync(control, tables, directory, cancellationToken).ConfigureAwait(false);
            tracker = new DumpTracker(layouts.Count, layouts.Sum(l => l.EstimatedRows), progress);
            snapshot = await ConsistentSnapshot.TakeAsync(
                control, source.Connection, options.Consistency, options.Threads, tables, isMariaDb, tracker.Warn, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<DumpedTable> dumped;
        await using (snapshot.ConfigureAwait(false))
        {
            tracker.Report();
            dumped = await new ExportQueue(snapshot.Connections, layouts, directory, options.ChunkRows, tracker)
                .RunAsync(cancellationToken).ConfigureAwait(false);
        }

        var finishedAt = DateTimeOffset.Now;
        var position = snapshot.Position;
        await DumpDirectory.WriteTextAsync(
            Path.Combine(directory, DumpFileNames.Metadata), MetadataFile.Format(startedAt, position, finishedAt), cancellationToken).ConfigureAwait(false);
        var manifest = new DumpManifest
        {
            SourceId = source.SourceId,
            Consistency = snapshot.Used.ToString().ToLowerInvariant(),
            BinlogName = position?.File,
            BinlogPos = position?.Position,
            BinlogGtid = position?.Gtid,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Schemas = schemas,
            Tables = dumped,
        };
        await DumpDirectory.WriteManifestAsync(directory, manifest, cancellationToken).ConfigureAwait(false);
        tracker.Report(finished: true);
        return manifest;
    }

    private static async Task<List<DumpedSchema>> WriteSchemaCreatesAsync(
        MySqlConnection connection, IReadOnlyList<TableName> tables, string directory, CancellationToken cancellationToken)
    {
        var schemas = new List<DumpedSchema>();
        foreach (var schema in tables.Select(t => t.Schema).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            string statement;
            try
            {
                await using var command = new MySqlCommand($"SHOW CREATE DATABASE {SqlNames.Quote(schema)}", connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                statement = reader.GetString(1);
            }
            catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw DumpErrors.From(ex, $"reading CREATE DATABASE of schema {SqlNames.Quote(schema)}");
            }

            var file = DumpFileNames.SchemaCreate(schema);
            await DumpDirectory.WriteTextAsync(Path.Combine(directory, file), statement + ";\n", cancellationToken).ConfigureAwait(false);
            schemas.Add(new DumpedSchema(schema, file));
        }

        return schemas;
    }
}
