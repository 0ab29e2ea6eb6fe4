using System.Text.RegularExpressions;
using MySqlConnector;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Load;

/// <summary>
/// Creates the target schemas and tables before the data, and checks tables that already exist: a table made by
/// an earlier run or by another shard routed to it, or one the operator created, must hold the dumped columns with
/// the types and collations the dump's definition gives them on this server (extra columns and other indexes are
/// fine). The definitions are compared by creating the source's one under a scratch name in the meta schema, so
/// the server normalises both the same way whatever version the source was.
/// </summary>
internal sealed partial class TargetTables
{
    private readonly MySqlConnection _connection;
    private readonly TableName _probe;
    private readonly HashSet<string> _schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<TableName, (string Definition, IReadOnlyDictionary<string, TargetColumn> Columns)> _tables = [];

    /// <param name="connection">A loader session on the target.</param>
    /// <param name="probe">Scratch table name for definition checks, unique to the task and source.</param>
    public TargetTables(MySqlConnection connection, TableName probe)
    {
        _connection = connection;
        _probe = probe;
    }

    /// <summary>CREATE DATABASE IF NOT EXISTS, once per target schema.</summary>
    public async Task CreateSchemaAsync(string targetSchema, string? sourceCreateDatabase, CancellationToken cancellationToken)
    {
        if (!_schemas.Add(targetSchema))
            return;
        try
        {
            await TargetSession.ExecuteAsync(
                _connection, null, SchemaStatements.CreateDatabase(targetSchema, sourceCreateDatabase), cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            _schemas.Remove(targetSchema);
            throw new MigrationException($"the target refused to create schema {Sql.Quote(targetSchema)}: {e.Message}", e.Number, e);
        }
    }

    /// <summary>Creates the target table unless it exists, checks it if it does, and returns its columns.</summary>
    /// <param name="deferKeys">
    /// When not null, a new table is created without its plain secondary keys, after this records that they are due.
    /// </param>
    public async Task<IReadOnlyDictionary<string, TargetColumn>> CreateTableAsync(
        TableName source, TableName target, string sourceCreateTable, Func<Task>? deferKeys, CancellationToken cancellationToken)
    {
        string statement;
        try
        {
            statement = SchemaStatements.CreateTable(sourceCreateTable, target);
        }
        catch (FormatException e)
        {
            throw new MigrationException($"the schema file of {Sql.Quote(source)} holds no CREATE TABLE statement", inner: e);
        }

        // Shards merged into one table usually differ only in their AUTO_INCREMENT counter.
        var definition = AutoIncrementOption().Replace(statement, string.Empty);
        if (_tables.TryGetValue(target, out var known) && known.Definition == definition)
            return known.Columns;

        try
        {
            if (await ExistsAsync(target, cancellationToken).ConfigureAwait(false))
            {
                await CheckDefinitionAsync(source, target, sourceCreateTable, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var (withoutKeys, keys) = SchemaStatements.SplitSecondaryKeys(statement);
                if (deferKeys is not null && keys.Count > 0)
                {
                    await deferKeys().ConfigureAwait(false);
                    statement = withoutKeys;
                }

                await TargetSession.ExecuteAsync(_connection, null, statement, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (MySqlException e)
        {
            throw new MigrationException(
                $"the target refused to create table {Sql.Quote(target)} (from {Sql.Quote(source)}): {e.Message}", e.Number, e);
        }

        var columns = (await ReadColumnsAsync(target, cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Name, c => new TargetColumn(c.Name, c.Extra.Contains("auto_increment", StringComparison.OrdinalIgnoreCase),
                c.Extra.Contains("GENERATED", StringComparison.OrdinalIgnoreCase)), StringComparer.OrdinalIgnoreCase);
        _tables[target] = (definition, columns);
        return columns;
    }

    private async Task<bool> ExistsAsync(TableName table, CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = @s AND TABLE_NAME = @t", _connection);
        command.Parameters.AddWithValue("@s", table.Schema);
        command.Parameters.AddWithValue("@t", table.Table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private async Task CheckDefinitionAsync(TableName source, TableName target, string sourceCreateTable, CancellationToken cancellationToken)
    {
        IReadOnlyList<ColumnDefinition> expected;
        var drop = "DROP TABLE IF EXISTS " + Sql.Quote(_probe);
        await TargetSession.ExecuteAsync(_connection, null, drop, cancellationToken).ConfigureAwait(false);
        try
        {
            await TargetSession.ExecuteAsync(
                _connection, null, SchemaStatements.CreateTable(sourceCreateTable, _probe), cancellationToken).ConfigureAwait(false);
            expected = await ReadColumnsAsync(_probe, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await TargetSession.ExecuteAsync(_connection, null, drop, CancellationToken.None).ConfigureAwait(false);
        }

        var actual = (await ReadColumnsAsync(target, cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var column in expected)
        {
            string? difference = null;
            if (!actual.TryGetValue(column.Name, out var existing))
                difference = $"it has no column {Sql.Quote(column.Name)}";
            else if (!string.Equals(existing.Type, column.Type, StringComparison.OrdinalIgnoreCase))
                difference = $"column {Sql.Quote(column.Name)} is {existing.Type} there, {column.Type} in the dump";
            else if (!string.Equals(existing.Collation, column.Collation, StringComparison.OrdinalIgnoreCase))
                difference = $"column {Sql.Quote(column.Name)} has collation {existing.Collation ?? "none"} there, {column.Collation ?? "none"} in the dump";
            if (difference is not null)
            {
                throw new MigrationException(
                    $"target table {Sql.Quote(target)} exists with a definition different from {Sql.Quote(source)}'s: {difference}");
            }
        }
    }

    private async Task<IReadOnlyList<ColumnDefinition>> ReadColumnsAsync(TableName table, CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand("""
            SELECT COLUMN_NAME, COLUMN_TYPE, COLLATION_NAME, EXTRA FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = @s AND TABLE_NAME = @t ORDER BY ORDINAL_POSITION
            """, _connection);
        command.Parameters.AddWithValue("@s", table.Schema);
        command.Parameters.AddWithValue("@t", table.Table);
        var columns = new List<ColumnDefinition>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add(new ColumnDefinition(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
        }

        return columns;
    }

    [GeneratedRegex(@"\bAUTO_INCREMENT=\d+\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AutoIncrementOption();

    private sealed record ColumnDefinition(string Name, string Type, string? Collation, string Extra);
}
