using MySqlConnector;
using Sluice.Server.Errors;

namespace Sluice.Server.Sources;

/// <summary>What the server asks a source's MySQL or MariaDB directly: its flavor and GTID mode, its schemas and tables.</summary>
internal static class SourceConnection
{
    /// <summary>Schemas of the server itself, never migrated (as DM's list leaves them out).</summary>
    private static readonly HashSet<string> s_systemSchemas = new(StringComparer.OrdinalIgnoreCase)
    {
        "information_schema", "performance_schema", "mysql", "sys",
    };

    /// <summary>Opens a connection; a refused one is a 400 carrying the MySQL error.</summary>
    public static async Task<MySqlConnection> OpenAsync(string host, int port, string user, string? password, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = host,
            Port = (uint)port,
            UserID = user,
            Password = password ?? "",
            SslMode = MySqlSslMode.Preferred,
            ConnectionTimeout = 10,
            Pooling = false,
        };
        var connection = new MySqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (MySqlException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new ApiException(DmErrorCodes.DbDriverError, $"cannot connect to source {host}:{port} as {user}: {e.Message}");
        }
    }

    /// <summary>"mariadb" when VERSION() says so, else "mysql"; and whether binlog positions can be GTIDs.</summary>
    public static async Task<(string Flavor, bool GtidMode)> DetectAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var version = (string?)await ScalarAsync(connection, "SELECT VERSION()", cancellationToken).ConfigureAwait(false) ?? "";
        if (version.Contains("MariaDB", StringComparison.OrdinalIgnoreCase))
            return ("mariadb", true); // MariaDB always writes GTID events.
        var mode = await ScalarAsync(connection, "SELECT @@GLOBAL.gtid_mode", cancellationToken).ConfigureAwait(false);
        return ("mysql", string.Equals(Convert.ToString(mode, System.Globalization.CultureInfo.InvariantCulture), "ON", StringComparison.OrdinalIgnoreCase));
    }

    public static async Task<IReadOnlyList<string>> SchemasAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var names = await ColumnAsync(connection, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME", null, cancellationToken).ConfigureAwait(false);
        return [.. names.Where(name => !s_systemSchemas.Contains(name))];
    }

    /// <summary>Base tables of <paramref name="schema"/>; null when there is no such schema.</summary>
    public static async Task<IReadOnlyList<string>?> TablesAsync(MySqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var exists = await ColumnAsync(connection, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @schema", schema, cancellationToken).ConfigureAwait(false);
        if (exists.Count == 0)
            return null;
        return await ColumnAsync(connection,
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @schema AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
            schema, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        try
        {
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
        catch (MySqlException e)
        {
            throw new ApiException(DmErrorCodes.DbDriverError, $"query on source failed: {e.Message}");
        }
    }

    private static async Task<List<string>> ColumnAsync(MySqlConnection connection, string sql, string? schema, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        if (schema is not null)
            command.Parameters.AddWithValue("@schema", schema);
        var values = new List<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                values.Add(reader.GetString(0));
        }
        catch (MySqlException e)
        {
            throw new ApiException(DmErrorCodes.DbDriverError, $"query on source failed: {e.Message}");
        }

        return values;
    }
}
