using System.Globalization;
using System.Text;
using Sluice.Migration;
using Sluice.Replication.Filtering;

namespace Sluice.Server.Tests.Tasks;

/// <summary>A readable rendering of every field of a <see cref="MigrationTask"/>, for golden files.</summary>
internal static class MigrationTaskText
{
    public static string Render(MigrationTask task)
    {
        var text = new StringBuilder();
        Line(text, 0, $"task {task.Name}");
        Line(text, 1, $"mode: {task.Mode}");
        Line(text, 1, $"meta-schema: {task.MetaSchema}");
        Line(text, 1, $"case-sensitive: {task.CaseSensitive}");
        Line(text, 1, $"clean-dump-file: {task.CleanDumpFile}");
        Line(text, 1, $"start-time: {task.StartTime?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}");
        Line(text, 1, $"until-caught-up: {task.UntilCaughtUp}");
        Line(text, 1, $"ddl-overrides: {task.DdlOverrides.Count}");
        Line(text, 1, $"target: {Endpoint(task.Target)}");
        foreach (var source in task.Sources)
        {
            Line(text, 0, $"source {source.SourceId}");
            Line(text, 1, $"connection: {Endpoint(source.Connection)}");
            if (source.BlockAllowList is { } list)
            {
                Line(text, 1, "block-allow-list:");
                Line(text, 2, $"do-dbs: {Join(list.DoDbs)}");
                Line(text, 2, $"do-tables: {Join(list.DoTables.Select(table => $"{table.DbName}.{table.TblName}"))}");
                Line(text, 2, $"ignore-dbs: {Join(list.IgnoreDbs)}");
                Line(text, 2, $"ignore-tables: {Join(list.IgnoreTables.Select(table => $"{table.DbName}.{table.TblName}"))}");
            }
            else
            {
                Line(text, 1, "block-allow-list: - (every non-system schema)");
            }

            Line(text, 1, $"routes: {source.Routes.Count}");
            foreach (var route in source.Routes)
            {
                Line(text, 2, $"{route.Name}: {route.SchemaPattern}.{route.TablePattern ?? "-"} -> {route.TargetSchema}.{route.TargetTable ?? "-"}");
            }

            Line(text, 1, $"filters: {source.Filters.Count}");
            foreach (var filter in source.Filters)
            {
                Line(text, 2, $"{filter.Name}: {filter.Action} {filter.SchemaPattern}.{filter.TablePattern ?? "-"} events [{Join(filter.Events.Select(kind => kind.ToDmName()))}] sql [{Join(filter.SqlPattern)}]");
            }

            Line(text, 1, $"expression-filters: {source.ExpressionFilters.Count}");
            var dump = source.Dump;
            Line(text, 1, $"dump: threads {dump.Threads}, consistency {dump.Consistency}, chunk-rows {dump.ChunkRows}, chunk-filesize {dump.ChunkFileSize}, dir {dump.DataDir}");
            Line(text, 1, $"load: threads {source.Load.Threads}, on-duplicate {source.Load.OnDuplicate}");
            var sync = source.Sync;
            Line(text, 1, $"sync: threads {sync.Threads}, batch {sync.Batch}, safe-mode {sync.SafeMode}, safe-mode-duration {sync.SafeModeDuration}, checkpoint-flush-interval {sync.CheckpointFlushInterval}, multiple-rows {sync.MultipleRows}, compact {sync.Compact}");
            Line(text, 1, source.Meta is { } meta
                ? $"meta: binlog-name {meta.BinlogName ?? "-"}, binlog-pos {meta.BinlogPos}, binlog-gtid {meta.BinlogGtid ?? "-"}"
                : "meta: - (the source's current end)");
        }

        return text.ToString();
    }

    private static string Endpoint(DatabaseEndpoint endpoint) =>
        $"{endpoint.User}@{endpoint.Host}:{endpoint.Port}, password {endpoint.Password}, ssl-ca {endpoint.SslCa ?? "-"}, ssl-cert {endpoint.SslCert ?? "-"}, ssl-key {endpoint.SslKey ?? "-"}";

    private static string Join(IEnumerable<string> values) => string.Join(", ", values) is { Length: > 0 } joined ? joined : "-";

    private static void Line(StringBuilder text, int depth, string line) => text.Append(' ', depth * 2).Append(line).Append('\n');
}
