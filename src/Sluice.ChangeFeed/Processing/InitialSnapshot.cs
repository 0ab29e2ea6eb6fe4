using System.Globalization;
using MySqlConnector;
using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Positions;
using Sluice.MySql.Replication;
using MySqlDateTime = Sluice.MySql.Binlog.Rows.MySqlDateTime;
using MySqlDecimal = Sluice.MySql.Binlog.Rows.MySqlDecimal;

namespace Sluice.ChangeFeed.Processing;

/// <summary>
/// A changefeed's optional initial snapshot, as Debezium's: the selected tables' rows as they stand in one
/// consistent snapshot, sent as inserts, and the binlog position of that snapshot, where streaming then starts, so
/// every change after it arrives once and none before it is missed. On MariaDB the snapshot's position comes with
/// it (<c>binlog_snapshot_file</c>/<c>_position</c>); on MySQL a global read lock is held for the moment it takes
/// to start the snapshot and read the position.
/// </summary>
/// <remarks>https://debezium.io/documentation/reference/stable/connectors/mysql.html#mysql-snapshots,
/// https://mariadb.com/kb/en/enhancements-for-start-transaction-with-consistent-snapshot/</remarks>
internal static class InitialSnapshot
{
    /// <summary>Opens the snapshot and returns its position; rows are read by <see cref="SendAsync"/> on the same connection.</summary>
    public static async Task<BinlogCheckpoint> StartAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "SET SESSION time_zone = '+00:00'", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", cancellationToken).ConfigureAwait(false);
        var isMariaDb = connection.ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        if (isMariaDb)
        {
            await ExecuteAsync(connection, "START TRANSACTION WITH CONSISTENT SNAPSHOT", cancellationToken).ConfigureAwait(false);
            var status = await StatusAsync(connection, "SHOW STATUS LIKE 'binlog_snapshot_%'", cancellationToken).ConfigureAwait(false);
            return BinlogCheckpoint.At(new BinlogPosition(status["binlog_snapshot_file"], ulong.Parse(status["binlog_snapshot_position"], CultureInfo.InvariantCulture)));
        }

        await ExecuteAsync(connection, "FLUSH TABLES WITH READ LOCK", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, "START TRANSACTION WITH CONSISTENT SNAPSHOT", cancellationToken).ConfigureAwait(false);
            var (file, position) = await ChangefeedStart.MasterStatusAsync(connection, cancellationToken).ConfigureAwait(false)
                ?? throw new ChangefeedException("CDC:ErrSnapshotFailed", "the source writes no binlog (SHOW MASTER STATUS is empty): is log_bin on?", isRetryable: false);
            return BinlogCheckpoint.At(new BinlogPosition(file, position));
        }
        finally
        {
            await ExecuteAsync(connection, "UNLOCK TABLES", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The base tables of the source the filter selects.</summary>
    public static async Task<IReadOnlyList<(string Schema, string Table)>> TablesAsync(MySqlConnection connection, CaptureFilter filter, CancellationToken cancellationToken)
    {
        var tables = new List<(string, string)>();
        await using var command = new MySqlCommand(
            "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (schema, table) = (reader.GetString(0), reader.GetString(1));
            if (filter.AllowsTable(schema, table))
                tables.Add((schema, table));
        }

        return tables;
    }

    /// <summary>Sends every row of <paramref name="table"/> as inserts of one transaction, in chunks.</summary>
    public static async Task<long> SendAsync(
        MySqlConnection connection, ChangeTable table, Tso commitTs, ChangeQueue queue, CancellationToken cancellationToken)
    {
        var select = string.Join(", ", table.Columns.Select(SelectExpression));
        await using var command = new MySqlCommand($"SELECT {select} FROM {Quote(table.Schema)}.{Quote(table.Name)}", connection);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        var rows = new List<RowChangedEvent>(BinlogCapture.ChunkRows);
        var first = true;
        long count = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = new object?[table.Columns.Count];
            for (var i = 0; i < values.Length; i++)
                values[i] = reader.IsDBNull(i) ? null : ValueOf(table.Columns[i], reader, i);
            rows.Add(new RowChangedEvent { Table = table, Kind = RowChangeKind.Insert, CommitTs = commitTs, StartTs = commitTs, After = values });
            count++;
            if (rows.Count >= BinlogCapture.ChunkRows)
            {
                await queue.EnqueueAsync(new QueuedRows(new TransactionChunk(commitTs, commitTs, rows.ToArray(), first, IsLast: false)), cancellationToken).ConfigureAwait(false);
                rows.Clear();
                first = false;
            }
        }

        if (rows.Count > 0 || !first)
            await queue.EnqueueAsync(new QueuedRows(new TransactionChunk(commitTs, commitTs, rows.ToArray(), first, IsLast: true)), cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>
    /// Temporal and DECIMAL values are read as the server's text (exact, whatever their range, zero dates included),
    /// TIMESTAMP as Unix time, so each becomes the value type the binlog decoder gives for it.
    /// </summary>
    private static string SelectExpression(ChangeColumn column)
    {
        var name = Quote(column.Name);
        return column.Type switch
        {
            ColumnType.Timestamp => $"UNIX_TIMESTAMP({name})",
            ColumnType.NewDecimal or ColumnType.Date or ColumnType.DateTime or ColumnType.Time or ColumnType.Json => $"CAST({name} AS CHAR)",
            ColumnType.Bit => $"{name} + 0",
            ColumnType.Enum or ColumnType.Set => $"CAST({name} AS CHAR)",
            _ => name,
        };
    }

    private static object ValueOf(ChangeColumn column, MySqlDataReader reader, int i)
    {
        switch (column.Type)
        {
            case ColumnType.Tiny or ColumnType.Short or ColumnType.Int24 or ColumnType.Long or ColumnType.LongLong:
                return column.IsUnsigned
                    ? Convert.ToUInt64(reader.GetValue(i), CultureInfo.InvariantCulture)
                    : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
            case ColumnType.Bit:
                return Convert.ToUInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
            case ColumnType.Year:
                return Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture);
            case ColumnType.Float:
                return reader.GetFloat(i);
            case ColumnType.Double:
                return reader.GetDouble(i);
            case ColumnType.NewDecimal:
                return MySqlDecimal.Parse(reader.GetString(i));
            case ColumnType.Timestamp:
            {
                var text = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
                var dot = text.IndexOf('.', StringComparison.Ordinal);
                var seconds = long.Parse(dot < 0 ? text : text[..dot], CultureInfo.InvariantCulture);
                return new MySqlTimestamp(seconds, dot < 0 ? 0 : Micro(text[(dot + 1)..]), column.Precision);
            }

            case ColumnType.Date:
            {
                var text = reader.GetString(i);
                return new MySqlDate(Int(text, 0, 4), Int(text, 5, 2), Int(text, 8, 2));
            }

            case ColumnType.DateTime:
            {
                var text = reader.GetString(i);
                return new MySqlDateTime(Int(text, 0, 4), Int(text, 5, 2), Int(text, 8, 2), Int(text, 11, 2), Int(text, 14, 2), Int(text, 17, 2),
                    text.Length > 20 ? Micro(text[20..]) : 0, column.Precision);
            }

            case ColumnType.Time:
            {
                var text = reader.GetString(i);
                var negative = text.StartsWith('-');
                var body = negative ? text[1..] : text;
                var parts = body.Split(':', '.');
                return new MySqlTime(negative, int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture),
                    int.Parse(parts[2], CultureInfo.InvariantCulture), parts.Length > 3 ? Micro(parts[3]) : 0, column.Precision);
            }

            default:
                return reader.GetValue(i) switch
                {
                    MySqlGeometry geometry => geometry.Value,
                    byte[] bytes when column.IsBinary => bytes,
                    byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
                    var other => column.IsBinary ? System.Text.Encoding.UTF8.GetBytes(Convert.ToString(other, CultureInfo.InvariantCulture)!) : Convert.ToString(other, CultureInfo.InvariantCulture)!,
                };
        }
    }

    private static int Int(string text, int start, int length) => int.Parse(text.AsSpan(start, length), CultureInfo.InvariantCulture);

    private static int Micro(string fraction) => int.Parse(fraction.PadRight(6, '0').AsSpan(0, 6), CultureInfo.InvariantCulture);

    private static string Quote(string identifier) => "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<string, string>> StatusAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            values[reader.GetString(0)] = reader.GetString(1);
        return values;
    }
}
