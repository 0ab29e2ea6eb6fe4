using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Session;

namespace Sluice.MySql.Replication;

/// <summary>
/// Column names, signedness, charsets and ENUM/SET members of the tables seen in a binlog, looked up in the
/// source's information_schema once per table and dropped after DDL. A look-up describes the table as it is
/// now; a table map whose column count differs from it is left with the binlog's own facts.
/// </summary>
internal sealed class TableSchemaCache(
    MySqlConnectionOptions connection,
    MySqlConnectionOptions? schemaConnection = null,
    Func<string, string, (string Schema, string Table)>? schemaTableMap = null) : IAsyncDisposable
{
    private readonly Dictionary<(string Schema, string Table), TableSchema?> _schemas = [];
    private MySqlSession? _session;
    private MySqlSession? _schemaSession;

    /// <summary>Fills <see cref="TableMapEvent.Columns"/> from information_schema unless the event already names its columns.</summary>
    public async ValueTask EnrichAsync(TableMapEvent map, CancellationToken cancellationToken)
    {
        if (map.OptionalMetadata?.ColumnNames is not null || map.HasSchemaColumns)
            return;
        var key = (map.SchemaName, map.TableName);
        if (!_schemas.TryGetValue(key, out var schema) || (schema is not null && schema.Columns.Count != map.ColumnCount))
        {
            schema = null;
            if (schemaConnection is not null)
            {
                var (mappedSchema, mappedTable) = schemaTableMap?.Invoke(map.SchemaName, map.TableName) ?? (map.SchemaName, map.TableName);
                schema = await LoadAsync(schemaConnection, mappedSchema, mappedTable, cancellationToken).ConfigureAwait(false);
                if (schema is not null)
                    schema = schema with { SchemaName = map.SchemaName, TableName = map.TableName };
            }

            if (schema is null || schema.Columns.Count != map.ColumnCount)
                schema = await LoadAsync(connection, map.SchemaName, map.TableName, cancellationToken).ConfigureAwait(false);
            _schemas[key] = schema;
        }

        if (schema is not null && schema.Columns.Count == map.ColumnCount)
            map.UseSchema(schema);
    }

    /// <summary>Forgets every table: called after DDL, which may have changed any of them.</summary>
    public void Invalidate() => _schemas.Clear();

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
            await _session.DisposeAsync().ConfigureAwait(false);
        _session = null;
        if (_schemaSession is not null)
            await _schemaSession.DisposeAsync().ConfigureAwait(false);
        _schemaSession = null;
    }

    private async Task<TableSchema?> LoadAsync(MySqlConnectionOptions server, string schemaName, string tableName, CancellationToken cancellationToken)
    {
        var sql =
            "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_SET_NAME, COLLATION_NAME, IS_NULLABLE, COLUMN_KEY " +
            "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " + SqlLiteral.Quote(schemaName) +
            " AND TABLE_NAME = " + SqlLiteral.Quote(tableName) + " ORDER BY ORDINAL_POSITION";
        MySqlResultSet result;
        try
        {
            result = await (await SessionAsync(server, cancellationToken).ConfigureAwait(false)).QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or MySqlServerException or MySqlConnectionException)
        {
            // The look-up is a courtesy: events still decode with positional names when it fails.
            await DisposeAsync().ConfigureAwait(false);
            return null;
        }

        if (result.Rows.Count == 0)
            return null;
        var columns = new List<TableSchemaColumn>(result.Rows.Count);
        foreach (var row in result.Rows)
        {
            columns.Add(new TableSchemaColumn(
                row[0] ?? string.Empty,
                row[1] ?? string.Empty,
                row[2] ?? string.Empty,
                row[3],
                row[4],
                string.Equals(row[5], "YES", StringComparison.Ordinal),
                row[6] ?? string.Empty));
        }

        return new TableSchema(schemaName, tableName, columns);
    }

    private async ValueTask<MySqlSession> SessionAsync(MySqlConnectionOptions server, CancellationToken cancellationToken)
    {
        var primary = ReferenceEquals(server, connection);
        var session = primary ? _session : _schemaSession;
        if (session is null)
        {
            session = await MySqlSession.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
            if (primary)
                _session = session;
            else
                _schemaSession = session;
            await session.ExecuteAsync("SET SESSION sql_mode = ''", cancellationToken).ConfigureAwait(false);
        }

        return session;
    }
}
