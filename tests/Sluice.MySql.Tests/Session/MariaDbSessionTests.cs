using System.Text;
using Sluice.MySql.Session;
using Sluice.Testing;

namespace Sluice.MySql.Tests.Session;

/// <summary>The session against the real MariaDB source instance (mysql_native_password accounts, TLS on).</summary>
public sealed class MariaDbSessionTests(MariaDbServers servers)
{
    private MariaDbInstance Server => servers.Source;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connects_with_native_password_and_reports_the_server()
    {
        await using var session = await ConnectAsync(MySqlSslMode.Disabled);

        Assert.Equal("mysql_native_password", session.AuthenticationPlugin);
        Assert.True(session.IsMariaDb);
        Assert.False(session.IsEncrypted);
        Assert.Equal((await session.QueryAsync("SELECT VERSION()", Cancel)).Scalar, session.ServerVersion);
        Assert.DoesNotContain("5.5.5-", session.ServerVersion, StringComparison.Ordinal);
        Assert.Equal(session.ConnectionId.ToString(System.Globalization.CultureInfo.InvariantCulture), (await session.QueryAsync("SELECT CONNECTION_ID()", Cancel)).Scalar);
        Assert.True(await session.PingAsync(Cancel));
    }

    [Fact]
    public async Task Tls_with_full_verification_against_the_instance_CA()
    {
        await using var session = await ConnectAsync(MySqlSslMode.VerifyFull, options => options with { SslCaFile = Server.CaFile });

        Assert.True(session.IsEncrypted);
        var cipher = await session.QueryAsync("SHOW SESSION STATUS LIKE 'Ssl_version'", Cancel);
        Assert.StartsWith("TLSv1.", cipher.Rows[0][1], StringComparison.Ordinal);
        Assert.Equal("1", (await session.QueryAsync("SELECT 1", Cancel)).Scalar);
    }

    [Fact]
    public async Task Preferred_uses_tls_when_the_server_offers_it()
    {
        await using var session = await ConnectAsync(MySqlSslMode.Preferred);
        Assert.True(session.IsEncrypted);
    }

    [Fact]
    public async Task Default_database_is_selected_at_connect()
    {
        await using var session = await ConnectAsync(MySqlSslMode.Disabled, options => options with { Database = "mysql" });
        Assert.Equal("mysql", (await session.QueryAsync("SELECT DATABASE()", Cancel)).Scalar);
    }

    [Fact]
    public async Task Query_returns_nulls_names_and_several_rows()
    {
        await using var session = await ConnectAsync(MySqlSslMode.Disabled);

        var nulls = await session.QueryAsync("SELECT NULL AS n, '' AS e, 'é€😀' AS u", Cancel);
        Assert.Equal(["n", "e", "u"], nulls.ColumnNames);
        Assert.Equal(new string?[] { null, "", "é€😀" }, Assert.Single(nulls.Rows));

        var rows = await session.QueryAsync("SELECT seq, seq * 2 AS twice FROM mysql.seq_1_to_1000", Cancel);
        Assert.Equal(1000, rows.Rows.Count);
        Assert.Equal(new string?[] { "1000", "2000" }, rows.Rows[999]);
    }

    [Fact]
    public async Task Execute_reports_affected_rows_and_query_reads_them_back()
    {
        await using var session = await ConnectAsync(MySqlSslMode.Preferred);
        await session.ExecuteAsync("CREATE DATABASE IF NOT EXISTS session_tests", Cancel);
        await session.ExecuteAsync("CREATE OR REPLACE TABLE session_tests.t (id INT PRIMARY KEY, v VARCHAR(10))", Cancel);

        Assert.Equal(3ul, await session.ExecuteAsync("INSERT INTO session_tests.t VALUES (1, 'a'), (2, NULL), (3, 'c')", Cancel));
        Assert.Equal(2ul, await session.ExecuteAsync("UPDATE session_tests.t SET v = 'x' WHERE id >= 2", Cancel));
        var result = await session.QueryAsync("SELECT id, v FROM session_tests.t ORDER BY id", Cancel);
        Assert.Equal(new string?[] { "2", "x" }, result.Rows[1]);

        // A result set given to ExecuteAsync is read to its end and dropped; the session stays in step.
        Assert.Equal(0ul, await session.ExecuteAsync("SELECT * FROM session_tests.t", Cancel));
        Assert.Equal("3", (await session.QueryAsync("SELECT COUNT(*) FROM session_tests.t", Cancel)).Scalar);
    }

    [Fact]
    public async Task Values_larger_than_one_packet_cross_both_ways()
    {
        await using var session = await ConnectAsync(MySqlSslMode.Disabled);

        // A 20 MiB value comes back split into two packets (0xFFFFFF + the rest) and is reassembled.
        var large = await session.QueryAsync("SELECT REPEAT('ab', 10485760) AS v, 'after' AS w", Cancel);
        var value = Assert.Single(large.Rows)[0]!;
        Assert.Equal(20 * 1024 * 1024, value.Length);
        Assert.StartsWith("abab", value, StringComparison.Ordinal);
        Assert.EndsWith("abab", value, StringComparison.Ordinal);
        Assert.Equal("after", large.Rows[0][1]);

        // A 17 MiB statement goes out split the same way.
        var literal = new string('z', 17 * 1024 * 1024);
        var length = await session.QueryAsync(new StringBuilder("SELECT LENGTH('").Append(literal).Append("')").ToString(), Cancel);
        Assert.Equal((17 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), length.Scalar);
    }

    [Fact]
    public async Task Large_value_over_tls_is_reassembled()
    {
        await using var session = await ConnectAsync(MySqlSslMode.Required);
        Assert.True(session.IsEncrypted);
        var result = await session.QueryAsync("SELECT MD5(REPEAT('q', 0xFFFFFF)), REPEAT('q', 0xFFFFFF)", Cancel);
        Assert.Equal(0xFFFFFF, result.Rows[0][1]!.Length);
    }

    [Fact]
    public async Task Wrong_password_is_access_denied_1045()
    {
        var error = await Assert.ThrowsAsync<MySqlServerException>(
            () => ConnectAsync(MySqlSslMode.Disabled, options => options with { Password = "not the password" }));

        Assert.Equal(1045, error.ErrorCode);
        Assert.Equal("28000", error.SqlState);
    }

    [Fact]
    public async Task Unknown_database_is_1049()
    {
        var error = await Assert.ThrowsAsync<MySqlServerException>(
            () => ConnectAsync(MySqlSslMode.Preferred, options => options with { Database = "no_such_database" }));

        Assert.Equal(1049, error.ErrorCode);
        Assert.Equal("42000", error.SqlState);
    }

    [Fact]
    public async Task Sql_error_is_a_server_exception_and_the_session_goes_on()
    {
        await using var session = await ConnectAsync(MySqlSslMode.Disabled);

        var error = await Assert.ThrowsAsync<MySqlServerException>(() => session.QueryAsync("SELECT * FROM no_such_schema.t", Cancel));
        Assert.Equal(1146, error.ErrorCode);
        Assert.Equal("42S02", error.SqlState);
        Assert.Equal("1", (await session.QueryAsync("SELECT 1", Cancel)).Scalar);
    }

    [Fact]
    public async Task Killed_connection_surfaces_as_an_IOException_on_the_next_read()
    {
        await using var victim = await ConnectAsync(MySqlSslMode.Disabled);
        await using var killer = await ConnectAsync(MySqlSslMode.Disabled);

        // The victim waits for a packet, as the binlog client does between events.
        await victim.SendCommandAsync("\u0003SELECT SLEEP(30)"u8.ToArray(), Cancel);
        var read = victim.ReadPacketAsync(Cancel).AsTask();
        await Task.Delay(200, Cancel);
        await killer.ExecuteAsync($"KILL CONNECTION {victim.ConnectionId}", Cancel);

        var error = await Assert.ThrowsAnyAsync<IOException>(() => read.WaitAsync(TimeSpan.FromSeconds(10), Cancel));
        Assert.IsType<MySqlConnectionException>(error);
        Assert.False(await victim.PingAsync(Cancel));
    }

    [Fact]
    public async Task Killed_idle_connection_fails_its_next_command_with_an_IOException()
    {
        await using var victim = await ConnectAsync(MySqlSslMode.Preferred);
        await using var killer = await ConnectAsync(MySqlSslMode.Disabled);
        await killer.ExecuteAsync($"KILL CONNECTION {victim.ConnectionId}", Cancel);
        await Task.Delay(200, Cancel);

        await Assert.ThrowsAsync<MySqlConnectionException>(() => victim.QueryAsync("SELECT 1", Cancel));
    }

    private Task<MySqlSession> ConnectAsync(MySqlSslMode sslMode, Func<MySqlConnectionOptions, MySqlConnectionOptions>? configure = null)
    {
        var options = new MySqlConnectionOptions
        {
            Host = Server.Host,
            Port = Server.Port,
            User = Server.User,
            Password = Server.Password,
            SslMode = sslMode,
        };
        return MySqlSession.ConnectAsync(configure?.Invoke(options) ?? options, Cancel);
    }
}
