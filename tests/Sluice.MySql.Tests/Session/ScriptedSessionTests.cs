using System.Net;
using System.Net.Sockets;
using System.Text;
using Sluice.MySql.Protocol;
using Sluice.MySql.Session;

namespace Sluice.MySql.Tests.Session;

/// <summary>
/// Text-protocol commands and connection failures against a scripted server
/// (https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response.html).
/// </summary>
public sealed class ScriptedSessionTests
{
    private const ProtocolCapabilities WithoutDeprecateEof = ServerPackets.MySql8Capabilities & ~ProtocolCapabilities.DeprecateEof;

    [Fact]
    public async Task Query_reads_a_result_set_ended_by_eof_packets()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            var login = await connection.AcceptLoginAsync(WithoutDeprecateEof);
            Assert.False(login.Capabilities.HasFlag(ProtocolCapabilities.DeprecateEof));
            Assert.Equal("\u0003SELECT a, b FROM t"u8.ToArray(), await connection.ReadCommandAsync());
            await connection.SendAsync([2]);
            await connection.SendAsync(ServerPackets.ColumnDefinition("a"));
            await connection.SendAsync(ServerPackets.ColumnDefinition("b"));
            await connection.SendAsync(ServerPackets.Eof());
            await connection.SendAsync(ServerPackets.Row("1", null));
            await connection.SendAsync(ServerPackets.Row("two", "zwei"));
            await connection.SendAsync(ServerPackets.Eof());
        });

        await using var session = await CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.Disabled);
        var result = await session.QueryAsync("SELECT a, b FROM t", TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b"], result.ColumnNames);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(new string?[] { "1", null }, result.Rows[0]);
        Assert.Equal(new string?[] { "two", "zwei" }, result.Rows[1]);
        Assert.Equal("1", result.Scalar);
        Assert.Equal("zwei", result.Get(1, "B"));
        await server.Completion;
    }

    [Fact]
    public async Task Query_drains_further_results_and_the_session_stays_in_step()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            var login = await connection.AcceptLoginAsync(ServerPackets.MySql8Capabilities);
            Assert.True(login.Capabilities.HasFlag(ProtocolCapabilities.DeprecateEof));
            await connection.ReadCommandAsync();

            // CALL p(): two result sets and the procedure's final OK, linked by SERVER_MORE_RESULTS_EXISTS;
            // with CLIENT_DEPRECATE_EOF there is no EOF after the columns and an OK (0xFE) after the rows.
            const ServerStatus more = ServerStatus.AutoCommit | ServerStatus.MoreResultsExist;
            await connection.SendAsync([1]);
            await connection.SendAsync(ServerPackets.ColumnDefinition("first"));
            await connection.SendAsync(ServerPackets.Row("x"));
            await connection.SendAsync(ServerPackets.Ok(status: more, header: 0xFE));
            await connection.SendAsync([1]);
            await connection.SendAsync(ServerPackets.ColumnDefinition("second"));
            await connection.SendAsync(ServerPackets.Row("y"));
            await connection.SendAsync(ServerPackets.Ok(status: more, header: 0xFE));
            await connection.SendAsync(ServerPackets.Ok(affectedRows: 0));

            Assert.Equal("\u0003DO 1"u8.ToArray(), await connection.ReadCommandAsync());
            await connection.SendAsync(ServerPackets.Ok());
        });

        await using var session = await CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.Disabled);
        var result = await session.QueryAsync("CALL p()", TestContext.Current.CancellationToken);
        Assert.Equal(["first"], result.ColumnNames);
        Assert.Equal("x", result.Scalar);
        Assert.Equal(0ul, await session.ExecuteAsync("DO 1", TestContext.Current.CancellationToken));
        await server.Completion;
    }

    [Fact]
    public async Task Execute_returns_affected_rows_and_errors_leave_the_session_usable()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.AcceptLoginAsync(ServerPackets.MySql8Capabilities);
            await connection.ReadCommandAsync();
            await connection.SendAsync(ServerPackets.Ok(affectedRows: 3));
            await connection.ReadCommandAsync();
            await connection.SendAsync(ServerPackets.Err(1146, "42S02", "Table 'db.nope' doesn't exist"));
            await connection.ReadCommandAsync();
            await connection.SendAsync([0x00, 0, 0, 2, 0, 0, 0]);
        });

        await using var session = await CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.Disabled);
        Assert.Equal(3ul, await session.ExecuteAsync("DELETE FROM t", TestContext.Current.CancellationToken));
        var error = await Assert.ThrowsAsync<MySqlServerException>(() => session.QueryAsync("SELECT * FROM nope", TestContext.Current.CancellationToken));
        Assert.Equal(1146, error.ErrorCode);
        Assert.Equal("42S02", error.SqlState);
        Assert.True(await session.PingAsync(TestContext.Current.CancellationToken));
        await server.Completion;
    }

    [Fact]
    public async Task Statement_without_result_set_gives_an_empty_result()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.AcceptLoginAsync(ServerPackets.MySql8Capabilities);
            await connection.ReadCommandAsync();
            await connection.SendAsync(ServerPackets.Ok());
        });

        await using var session = await CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.Disabled);
        var result = await session.QueryAsync("SET @a = 1", TestContext.Current.CancellationToken);
        Assert.Empty(result.ColumnNames);
        Assert.Empty(result.Rows);
        Assert.Null(result.Scalar);
        await server.Completion;
    }

    [Fact]
    public async Task Wrong_sequence_id_is_a_decoding_error_and_the_session_is_then_unusable()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.AcceptLoginAsync(ServerPackets.MySql8Capabilities);
            await connection.ReadCommandAsync();
            await connection.SendAsync(ServerPackets.Ok(), sequenceId: 5);
        });

        await using var session = await CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.Disabled);
        await Assert.ThrowsAsync<MySqlDecodingException>(() => session.ExecuteAsync("DO 1", TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<MySqlConnectionException>(() => session.ExecuteAsync("DO 1", TestContext.Current.CancellationToken));
        Assert.False(await session.PingAsync(TestContext.Current.CancellationToken));
        await server.Completion;
    }

    [Fact]
    public async Task Raw_commands_and_packets_for_the_binlog_client()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.AcceptLoginAsync(ServerPackets.MySql8Capabilities);
            Assert.Equal(new byte[] { 0x12, 4, 0, 0, 0 }, await connection.ReadCommandAsync());

            // A binlog stream: OK-prefixed events with increasing sequence ids, then an ERR.
            for (var i = 0; i < 300; i++)
                await connection.SendAsync([0x00, (byte)i, .. Encoding.ASCII.GetBytes("event")]);
            await connection.SendAsync(ServerPackets.Err(1236, "HY000", "Could not find first log file name in binary log index file"));
        });

        await using var session = await CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.Disabled);
        await session.SendCommandAsync(new byte[] { 0x12, 4, 0, 0, 0 }, TestContext.Current.CancellationToken);
        for (var i = 0; i < 300; i++)
        {
            var packet = await session.ReadPacketAsync(TestContext.Current.CancellationToken);
            Assert.Equal((byte)i, packet.Span[1]);
            MySqlSession.ThrowIfError(packet.Span);
        }

        var err = await session.ReadPacketAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0xFF, err.Span[0]);
        var error = Assert.Throws<MySqlServerException>(() => MySqlSession.ThrowIfError(err.Span));
        Assert.Equal(1236, error.ErrorCode);
        await server.Completion;
    }

    [Fact]
    public async Task Server_closing_the_connection_surfaces_as_an_IOException()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.AcceptLoginAsync(ServerPackets.MySql8Capabilities);
            await connection.ReadCommandAsync();
            connection.Close();
        });

        await using var session = await CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.Disabled);
        await session.SendCommandAsync(new byte[] { 0x12 }, TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<MySqlConnectionException>(async () => await session.ReadPacketAsync(TestContext.Current.CancellationToken));
        Assert.IsAssignableFrom<IOException>(error);
        await server.Completion;
    }

    [Fact]
    public async Task Abort_unblocks_a_pending_read()
    {
        using var release = new SemaphoreSlim(0);
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.AcceptLoginAsync(ServerPackets.MySql8Capabilities);
            await release.WaitAsync(TimeSpan.FromSeconds(10));
        });

        await using var session = await CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.Disabled);
        var read = session.ReadPacketAsync(TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(read.IsCompleted);
        session.Abort();
        await Assert.ThrowsAsync<MySqlConnectionException>(() => read.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        release.Release();
    }

    [Fact]
    public async Task Cancelling_a_pending_read_throws_and_leaves_the_session_unusable()
    {
        using var release = new SemaphoreSlim(0);
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.AcceptLoginAsync(ServerPackets.MySql8Capabilities);
            await release.WaitAsync(TimeSpan.FromSeconds(10));
        });

        await using var session = await CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.Disabled);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await session.ReadPacketAsync(cancel.Token));
        await Assert.ThrowsAsync<MySqlConnectionException>(async () => await session.ReadPacketAsync(TestContext.Current.CancellationToken));
        release.Release();
    }

    [Fact]
    public async Task Connect_timeout_when_the_server_never_sends_a_handshake()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var options = new MySqlConnectionOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            User = "app",
            ConnectTimeout = TimeSpan.FromMilliseconds(300),
        };

        var error = await Assert.ThrowsAsync<MySqlConnectionException>(() => MySqlSession.ConnectAsync(options, TestContext.Current.CancellationToken));
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task Connect_cancellation_is_an_OperationCanceledException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var options = new MySqlConnectionOptions { Host = "127.0.0.1", Port = ((IPEndPoint)listener.LocalEndpoint).Port, User = "app" };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MySqlSession.ConnectAsync(options, cancel.Token));
    }

    [Fact]
    public async Task Connection_refused_is_a_connection_exception()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var options = new MySqlConnectionOptions { Host = "127.0.0.1", Port = port, User = "app" };
        var error = await Assert.ThrowsAsync<MySqlConnectionException>(() => MySqlSession.ConnectAsync(options, TestContext.Current.CancellationToken));
        Assert.IsType<SocketException>(error.InnerException);
    }

    [Fact]
    public async Task Err_instead_of_a_handshake_is_a_server_exception()
    {
        // "Too many connections" is sent before the handshake, in the pre-4.1 form without SQL state.
        await using var server = new ScriptedServer(async connection =>
            await connection.SendAsync([0xFF, 0x10, 0x04, .. "Too many connections"u8.ToArray()]));

        var error = await Assert.ThrowsAsync<MySqlServerException>(() => CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.Disabled));
        Assert.Equal(1040, error.ErrorCode);
        Assert.Equal("HY000", error.SqlState);
    }
}
