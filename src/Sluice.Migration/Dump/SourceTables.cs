using MySqlConnector;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Dump;

/// <summary>The source's tables a dump can take: base tables outside the system schemas.</summary>
public static class SourceTables
{
    /// <summary>Schemas never migrated (DM skips them too).</summary>
    public static IReadOnlySet<string> SystemSchemas { get; } =
        new HashSet<string>(["mysql", "information_schema", "performance_schema", "sys"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Lists the source's base tables (information_schema.TABLES, TABLE_TYPE 'BASE TABLE': views, sequences and
    /// system-versioned tables are not dumped) outside the system schemas, that <paramref name="include"/> accepts
    /// (null takes all), ordered by schema and table.
    /// </summary>
    public static async Task<IReadOnlyList<TableName>> ListAsync(
        DatabaseEndpoint source, Func<TableName, bool>? include, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var connection = await SourceConnections.OpenAsync(source, cancellationToken).ConfigureAwait(false);
        var tables = new List<TableName>();
        try
        {
            await using var command = new MySqlCommand(
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = @type", connection);
            command.Parameters.AddWithValue("@type", "BASE TABLE");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var table = new TableName(reader.GetString(0), reader.GetString(1));
                if (!SystemSchemas.Contains(table.Schema) && (include is null || include(table)))
                    tables.Add(table);
            }
        }
        catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw DumpErrors.From(ex, $"listing the tables of {source}");
        }

        return tables
            .OrderBy(t => t.Schema, StringComparer.Ordinal)
            .ThenBy(t => t.Table, StringComparer.Ordinal)
            .ToList();
    }
}
