using MySqlConnector;

namespace Sluice.Migration.Load;

/// <summary>Connections to the target as the loader uses them.</summary>
internal static class TargetSession
{
    /// <summary>
    /// Session settings of every loader connection: foreign keys unchecked (tables load in any order), unique keys
    /// checked (duplicates must be seen), no strict mode (zero dates and the source's lenient values load as they
    /// are) but NO_AUTO_VALUE_ON_ZERO (an id 0 stays 0, as mysqldump and mydumper load it), and UTC, the zone the
    /// dump prints TIMESTAMP values in. The binlog stays on: the target may be a replication source itself.
    /// </summary>
    /// <remarks>https://mariadb.com/kb/en/sql-mode/#no_auto_value_on_zero</remarks>
    private const string SessionSettings =
        "SET SESSION foreign_key_checks = 0, unique_checks = 1, sql_mode = 'NO_AUTO_VALUE_ON_ZERO', time_zone = '+00:00'";

    public static string ConnectionString(DatabaseEndpoint target)
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = target.Host,
            Port = (uint)target.Port,
            UserID = target.User,
            Password = target.Password,
            AllowLoadLocalInfile = true,
            AllowUserVariables = true,
            // Session settings are changed: such connections must not go back to a pool others draw from.
            Pooling = false,
            DefaultCommandTimeout = 0,
        };
        TlsPolicy.Apply(target, builder);
        return builder.ConnectionString;
    }

    public static async Task<MySqlConnection> OpenAsync(DatabaseEndpoint target, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(ConnectionString(target));
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, SessionSettings, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (MySqlException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new MigrationException($"cannot connect to the target {target}: {e.Message}", e.Number, e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static Task<int> ExecuteAsync(
        MySqlConnection connection, MySqlTransaction? transaction, string sql, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, sql, [], cancellationToken);

    public static async Task<int> ExecuteAsync(
        MySqlConnection connection,
        MySqlTransaction? transaction,
        string sql,
        MySqlParameter[] parameters,
        CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
