using System.Globalization;
using MySqlConnector;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed;

/// <summary>
/// Where a changefeed created without a start_ts begins: the source's end of binlog, read at creation, so that it
/// captures exactly what commits from then on. Locating "now" by time instead would start at the beginning of the
/// current second (the binlog keeps seconds) and take in what that second held before the creation: a DROP
/// DATABASE a moment earlier, replayed on the sink.
/// </summary>
public static class ChangefeedStart
{
    /// <summary>
    /// The first checkpoint of a changefeed that starts now: the source's current end of binlog (SHOW MASTER STATUS),
    /// at the TSO <paramref name="startTs"/> gives once the position is read, so that nothing committed after that
    /// TSO lies before the position.
    /// </summary>
    /// <exception cref="MySqlException">The source cannot be reached or refused the statement.</exception>
    /// <exception cref="ChangefeedException"><c>CDC:ErrMySQLQueryError</c>: the source writes no binlog.</exception>
    public static async Task<ChangefeedCheckpoint> AtSourceEndAsync(ChangefeedSource source, Func<Tso> startTs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(startTs);
        var connection = new MySqlConnection(source.ConnectionString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var (file, position) = await MasterStatusAsync(connection, cancellationToken).ConfigureAwait(false)
                ?? throw new ChangefeedException("CDC:ErrMySQLQueryError", $"source {source.Name} writes no binlog (SHOW MASTER STATUS is empty): is log_bin on?", isRetryable: false);
            return new ChangefeedCheckpoint(startTs(), file, position);
        }
    }

    /// <summary>SHOW MASTER STATUS (SHOW BINARY LOG STATUS where MySQL 8.4 took the old name away); null when binary logging is off.</summary>
    internal static Task<(string File, ulong Position)?> MasterStatusAsync(MySqlConnection connection, CancellationToken cancellationToken) =>
        MasterStatusAsync(connection, "SHOW MASTER STATUS", cancellationToken);

    private static async Task<(string File, ulong Position)?> MasterStatusAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new MySqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                return null;
            return (reader.GetString(0), Convert.ToUInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.ParseError && sql == "SHOW MASTER STATUS")
        {
            return await MasterStatusAsync(connection, "SHOW BINARY LOG STATUS", cancellationToken).ConfigureAwait(false);
        }
    }
}
