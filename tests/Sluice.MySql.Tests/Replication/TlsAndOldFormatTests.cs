using MySqlConnector;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Replication;
using Sluice.MySql.Session;
using Sluice.Testing;

namespace Sluice.MySql.Tests.Replication;

public sealed class TlsAndOldFormatTests(MariaDbServers servers)
{
    [Fact]
    public async Task The_stream_runs_over_tls_verified_against_the_servers_ca()
    {
        var source = servers.Source;
        await source.ExecuteAsync("DROP DATABASE IF EXISTS tls_stream; CREATE DATABASE tls_stream; CREATE TABLE tls_stream.t (id INT PRIMARY KEY, s VARCHAR(10))");
        var start = await SourceStream.EndAsync(source);
        await source.ExecuteAsync("INSERT INTO tls_stream.t VALUES (1, 'secret')");

        var options = SourceStream.Options(source, start) with
        {
            Connection = SourceStream.Connection(source) with { SslMode = Sluice.MySql.Session.MySqlSslMode.VerifyFull, SslCaFile = source.CaFile },
        };
        await using var client = new BinlogClient(options);
        var events = await SourceStream.ReadUntilAsync(client, e => SourceStream.IsRowsOf(e, "tls_stream", "t"));

        Assert.Equal("secret", ((RowsEvent)events[^1]).Rows[0].After![1]);
        await using var session = await MySqlSession.ConnectAsync(options.Connection, TestContext.Current.CancellationToken);
        Assert.True(session.IsEncrypted);
    }

    /// <summary>
    /// Tables created with mysql56_temporal_format=OFF keep the pre-5.6 TIME, DATETIME and TIMESTAMP formats
    /// (types 11, 12 and 7). Runs on the target server, whose global setting no other test depends on.
    /// </summary>
    [Fact]
    public async Task Pre_5_6_temporal_columns_decode_to_what_select_returns()
    {
        var server = servers.Target;
        await using var connection = await server.OpenConnectionAsync();
        await Execute(connection, "SET SESSION sql_mode = '', time_zone = '+00:00'");
        await Execute(connection, "DROP DATABASE IF EXISTS old_temporal; CREATE DATABASE old_temporal");
        await Execute(connection, "SET GLOBAL mysql56_temporal_format = OFF");
        try
        {
            await using var creator = await server.OpenConnectionAsync();
            await Execute(creator, "CREATE TABLE old_temporal.t (id INT PRIMARY KEY, t TIME, dt DATETIME, ts TIMESTAMP NULL)");
        }
        finally
        {
            await Execute(connection, "SET GLOBAL mysql56_temporal_format = ON");
        }

        var start = await SourceStream.EndAsync(server);
        await Execute(connection,
            "INSERT INTO old_temporal.t VALUES " +
            "(1, '-838:59:59', '0000-00-00 00:00:00', '0000-00-00 00:00:00'), " +
            "(2, '838:59:59', '9999-12-31 23:59:59', '2038-01-19 03:14:07'), " +
            "(3, '-00:00:01', '1000-01-01 00:00:00', '1970-01-01 00:00:01'), " +
            "(4, '12:34:56', '2026-11-25 12:34:56', '2026-11-25 12:34:56')");

        await using var client = new BinlogClient(SourceStream.Options(server, start));
        var events = await SourceStream.ReadUntilAsync(client, e => SourceStream.IsRowsOf(e, "old_temporal", "t"));
        var rows = (RowsEvent)events[^1];
        Assert.Equal([ColumnType.Time, ColumnType.DateTime, ColumnType.Timestamp], rows.Table.ColumnTypes[1..]);

        await using var command = new MySqlCommand("SELECT id, CAST(t AS CHAR), CAST(dt AS CHAR), CAST(ts AS CHAR) FROM old_temporal.t ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var row = 0;
        while (await reader.ReadAsync())
        {
            var decoded = rows.Rows[row++].After!;
            for (var column = 1; column <= 3; column++)
                Assert.Equal(reader.GetString(column), ValueCanonicalForm.Of(decoded[column]));
        }

        Assert.Equal(4, row);
    }

    private static async Task Execute(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
