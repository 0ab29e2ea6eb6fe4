using Sluice.Migration.Dump;
using Sluice.Migration.Load;
using Sluice.Replication.Filtering;
using Sluice.Replication.Routing;

namespace Sluice.Migration;

/// <summary>
/// The full half of a DM task: for each source, the dump unit (a consistent export of the selected tables into
/// <c>{data_dir}/{source_id}</c>) then the load unit (a parallel, checkpointed import into the target under the
/// routed names). task-mode <c>dump</c> runs only the first, <c>load</c> only the second (from an earlier dump).
/// A restarted run skips the load's finished files, and a dump that finished is not taken again.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-overview</remarks>
public static class FullMigration
{
    public static async Task<IReadOnlyList<SourceMigrationResult>> RunAsync(
        MigrationTask task,
        IProgress<MigrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Mode is not (TaskMode.Full or TaskMode.Dump or TaskMode.Load))
            throw new MigrationException($"task {task.Name}: task-mode {task.Mode} is not a full migration");
        var results = new List<SourceMigrationResult>();
        foreach (var source in task.Sources)
            results.Add(await RunSourceAsync(task, source, progress, cancellationToken).ConfigureAwait(false));
        return results;
    }

    private static async Task<SourceMigrationResult> RunSourceAsync(
        MigrationTask task,
        SourceInstance source,
        IProgress<MigrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var filter = new TableFilter(source.BlockAllowList, task.CaseSensitive);
        var router = new TableRouter(source.Routes, task.CaseSensitive);
        var directory = Path.Combine(source.Dump.DataDir, source.SourceId);

        DumpManifest? manifest = null;
        if (task.Mode is TaskMode.Full or TaskMode.Dump)
            manifest = await DumpAsync(task, source, filter, directory, progress, cancellationToken).ConfigureAwait(false);
        if (task.Mode is TaskMode.Full or TaskMode.Load)
        {
            var loadProgress = progress is null ? null : new Reporter<LoadProgress>(p => progress.Report(new MigrationProgress(
                source.SourceId, "Load", p.TotalTables, p.FinishedTables, p.Rows, p.Bytes, p.Percent, p.BytesPerSecond)
            {
                TotalBytes = p.TotalBytes,
                MetaBinlog = MetaBinlog(manifest),
                MetaBinlogGtid = manifest?.BinlogGtid ?? string.Empty,
            }));
            await new Loader().RunAsync(task, source.SourceId, directory, router.Route, router.RouteSchema, loadProgress, cancellationToken).ConfigureAwait(false);
            manifest ??= await ReadManifestAsync(directory, cancellationToken).ConfigureAwait(false);
        }

        return new SourceMigrationResult(
            source.SourceId,
            manifest!.BinlogName,
            manifest.BinlogPos,
            manifest.BinlogGtid,
            manifest.Tables.Count,
            manifest.Tables.Sum(t => t.Rows),
            manifest.Tables.Sum(t => t.Bytes));
    }

    private static async Task<DumpManifest> DumpAsync(
        MigrationTask task,
        SourceInstance source,
        TableFilter filter,
        string directory,
        IProgress<MigrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        // A finished dump of this source is kept: a restarted full task goes on with its load.
        if (File.Exists(Path.Combine(directory, DumpManifest.FileName)))
            return await ReadManifestAsync(directory, cancellationToken).ConfigureAwait(false);
        var dumpProgress = progress is null ? null : new Reporter<DumpProgress>(p => progress.Report(new MigrationProgress(
            source.SourceId, "Dump", p.TotalTables, p.FinishedTables, p.Rows, p.Bytes, p.Percent, p.BytesPerSecond)
        {
            EstimatedRows = p.EstimatedRows,
        }));
        bool Include(TableName table) =>
            filter.Allows(table) && !string.Equals(table.Schema, task.MetaSchema, StringComparison.OrdinalIgnoreCase);
        return await new Dumper().RunAsync(source, Include, directory, dumpProgress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The dump's position as DM's load_status shows meta_binlog: <c>(file, pos)</c>.</summary>
    private static string MetaBinlog(DumpManifest? manifest) =>
        manifest is { BinlogName: { } name, BinlogPos: { } pos }
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({name}, {pos})")
            : string.Empty;

    private static async Task<DumpManifest> ReadManifestAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, DumpManifest.FileName);
        await using var stream = File.OpenRead(path);
        return await System.Text.Json.JsonSerializer.DeserializeAsync<DumpManifest>(stream, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new MigrationException($"{path} is empty");
    }
}
