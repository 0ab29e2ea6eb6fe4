using MySqlConnector;

namespace Sluice.Migration.Dump;

/// <summary>Connections to a source for the dump, each set up the same way so every one prints values alike.</summary>
internal static class SourceConnections
{
    /// <summary>
    /// sql_mode '' so zero dates cast and compare (NO_ZERO_DATE would turn them into NULL) and SHOW CREATE prints
    /// its default form; time_zone '+00:00' so TIMESTAMP values and defaults are written in UTC whatever the
    /// server's zone (as mydumper does); long net timeouts because a slow disk may pause reading for a while.
    /// </summary>
    private const string SessionSetup =
        "SET SESSION sql_mode = '', SESSION time_zone = '+00:00', SESSION net_write_timeout = 3600, SESSION wait_timeout = 86400";

    public static string ConnectionString(DatabaseEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var builder = new MySqlConnectionStringBuilder
        {
            Server = endpoint.Host,
            Port = checked((uint)endpoint.Port),
            UserID = endpoint.User,
            Password = endpoint.Password,
            Pooling = false,
            DefaultCommandTimeout = 0,
            ConnectionTimeout = 30,
        };
        TlsPolicy.Apply(endpoint, builder);
        return builder.ConnectionString;
    }

    public static async Task<MySqlConnection> OpenAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(ConnectionString(endpoint));
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new MySqlCommand(SessionSetup, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw DumpErrors.From(ex, $"connecting to {endpoint}");
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
