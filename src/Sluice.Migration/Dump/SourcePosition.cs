using System.Globalization;
using MySqlConnector;

namespace Sluice.Migration.Dump;

/// <summary>The source's binlog position of the dump's snapshot.</summary>
/// <param name="File">Binlog file name.</param>
/// <param name="Position">Offset in it: the next event after the snapshot.</param>
/// <param name="Gtid">MariaDB gtid_binlog_pos-style list or MySQL executed GTID set; null when the server has none.</param>
internal sealed record SourcePosition(string File, ulong Position, string? Gtid)
{
    private const string MasterStatusPrivilege =
        "reading the binlog position with SHOW MASTER STATUS (needs REPLICATION CLIENT, BINLOG MONITOR on MariaDB 10.5+)";

    /// <summary>
    /// SHOW MASTER STATUS (SHOW BINARY LOG STATUS where MySQL 8.4 removed the old name); null when binary
    /// logging is off. MySQL's executed GTID set comes with it; on MariaDB <paramref name="readMariaDbGtid"/>
    /// adds @@gtid_binlog_pos, which matches the file position only while commits are blocked (FTWRL).
    /// </summary>
    public static async Task<SourcePosition?> ReadMasterStatusAsync(MySqlConnection connection, bool readMariaDbGtid, CancellationToken cancellationToken)
    {
        try
        {
            SourcePosition? position;
            try
            {
                position = await ReadStatusAsync(connection, "SHOW MASTER STATUS", cancellationToken).ConfigureAwait(false);
            }
            catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.ParseError)
            {
                position = await ReadStatusAsync(connection, "SHOW BINARY LOG STATUS", cancellationToken).ConfigureAwait(false);
            }

            if (position is null || !readMariaDbGtid)
                return position;
            await using var command = new MySqlCommand("SELECT @@gtid_binlog_pos", connection);
            var gtid = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            return position with { Gtid = string.IsNullOrEmpty(gtid) ? null : gtid };
        }
        catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw DumpErrors.From(ex, MasterStatusPrivilege);
        }
    }

    /// <summary>
    /// MariaDB: the position of this connection's START TRANSACTION WITH CONSISTENT SNAPSHOT, from the session
    /// status variables Binlog_snapshot_file and Binlog_snapshot_position; null when binary logging is off.
    /// </summary>
    /// <remarks>https://mariadb.com/kb/en/enhancements-for-start-transaction-with-consistent-snapshot/</remarks>
    public static async Task<SourcePosition?> ReadMariaDbSnapshotAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            string? file = null;
            ulong position = 0;
            await using (var command = new MySqlCommand("SHOW SESSION STATUS LIKE 'binlog_snapshot_%'", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var value = reader.GetString(1);
                    if (reader.GetString(0).Equals("Binlog_snapshot_file", StringComparison.OrdinalIgnoreCase))
                        file = value;
                    else if (reader.GetString(0).Equals("Binlog_snapshot_position", StringComparison.OrdinalIgnoreCase))
                        position = ulong.Parse(value, CultureInfo.InvariantCulture);
                }
            }

            if (string.IsNullOrEmpty(file))
                return null;
            return new SourcePosition(file, position, await MariaDbGtidAtAsync(connection, file, position, cancellationToken).ConfigureAwait(false));
        }
        catch (MySqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw DumpErrors.From(ex, "reading the consistent snapshot's binlog position");
        }
    }

    /// <summary>MariaDB's GTID state at a binlog file position (BINLOG_GTID_POS): exact whatever commits since.</summary>
    /// <remarks>https://mariadb.com/kb/en/binlog_gtid_pos/</remarks>
    public static async Task<string?> MariaDbGtidAtAsync(MySqlConnection connection, string file, ulong position, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT BINLOG_GTID_POS(@file, @position)", connection);
        command.Parameters.AddWithValue("@file", file);
        command.Parameters.AddWithValue("@position", position);
        var gtid = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return string.IsNullOrEmpty(gtid) ? null : gtid;
    }

    private static async Task<SourcePosition?> ReadStatusAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return null;
        string? gtid = null;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (reader.GetName(i).Equals("Executed_Gtid_Set", StringComparison.OrdinalIgnoreCase) && !reader.IsDBNull(i))
                gtid = reader.GetString(i).Replace("\n", string.Empty, StringComparison.Ordinal);
        }

        return new SourcePosition(
            reader.GetString(0),
            Convert.ToUInt64(reader.GetValue(1), CultureInfo.InvariantCulture),
            string.IsNullOrEmpty(gtid) ? null : gtid);
    }
}
