using MySqlConnector;
using Sluice.Migration;
using Sluice.Replication.Filtering;
using Sluice.Replication.Routing;
using Sluice.Server.Errors;

namespace Sluice.Server.Tasks;

/// <summary>
/// Which tables of a source a task migrates and where each goes: the source's base tables that the task's
/// block-allow list selects, routed by its routes, as the dump and the syncer decide them (FullMigration uses the
/// same <see cref="TableFilter"/> and <see cref="TableRouter"/>), then narrowed to the request's patterns.
/// </summary>
internal static class MigrateTargets
{
    /// <param name="source">The source's part of the task, as the task runs it.</param>
    /// <param name="caseSensitive">The task's case-sensitive setting, for its rules and the patterns alike.</param>
    /// <param name="connection">An open connection to the source.</param>
    /// <param name="schemaPattern">DM's wildcard (<c>*</c>, <c>?</c>, <c>[a-z]</c>) or <c>~regex</c> on the source schema; empty takes all.</param>
    /// <param name="tablePattern">The same on the source table.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<IReadOnlyList<TaskMigrateTarget>> ListAsync(
        SourceInstance source, bool caseSensitive, MySqlConnection connection, string? schemaPattern, string? tablePattern, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var schemaMatch = Pattern("schema_pattern", schemaPattern, caseSensitive);
        var tableMatch = Pattern("table_pattern", tablePattern, caseSensitive);
        TableFilter filter;
        TableRouter router;
        try
        {
            filter = new TableFilter(source.BlockAllowList, caseSensitive);
            router = new TableRouter(source.Routes, caseSensitive);
        }
        catch (ArgumentException e)
        {
            throw new ApiException(DmErrorCodes.GenTableRouter, $"the rules of source {source.SourceId}: {e.Message}");
        }

        var targets = new List<TaskMigrateTarget>();
        foreach (var table in await TablesAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            if (!filter.Allows(table) || schemaMatch?.IsMatch(table.Schema) == false || tableMatch?.IsMatch(table.Table) == false)
                continue;
            TableName target;
            try
            {
                target = router.Route(table);
            }
            catch (RouteConflictException e)
            {
                throw new ApiException(DmErrorCodes.WorkerRouteTableDupMatch, e.Message);
            }

            targets.Add(new TaskMigrateTarget(table.Schema, table.Table, target.Schema, target.Table));
        }

        return targets;
    }

    private static NamePattern? Pattern(string parameter, string? text, bool caseSensitive)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        try
        {
            return NamePattern.Parse(text, caseSensitive);
        }
        catch (ArgumentException e)
        {
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"{parameter} {text}: {e.Message}");
        }
    }

    /// <summary>
    /// Every base table of the source, system schemas included (the filter leaves those out), in ordinal name order:
    /// the same order whatever the collation of information_schema.
    /// </summary>
    private static async Task<List<TableName>> TablesAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'", connection);
        var tables = new List<TableName>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                tables.Add(new TableName(reader.GetString(0), reader.GetString(1)));
        }
        catch (MySqlException e)
        {
            throw new ApiException(DmErrorCodes.DbDriverError, $"query on source failed: {e.Message}");
        }

        tables.Sort((a, b) => string.CompareOrdinal(a.Schema, b.Schema) is var bySchema and not 0 ? bySchema : string.CompareOrdinal(a.Table, b.Table));
        return tables;
    }
}
