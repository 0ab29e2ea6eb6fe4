using System.Net.Sockets;
using System.Text;
using Sluice.MySql.Protocol;
using Sluice.MySql.Protocol.Payloads;

namespace Sluice.MySql.Session;

/// <summary>
/// One authenticated client connection to a MySQL or MariaDB server: runs text-protocol statements and,
/// for the binlog client, sends raw commands and reads raw packets.
/// </summary>
/// <remarks>
/// Failures come in three kinds, so callers can decide what to do without reading messages:
/// <see cref="MySqlServerException"/> (the server sent ERR; the session stays usable),
/// <see cref="MySqlConnectionException"/>, an <see cref="IOException"/> (the connection failed, timed out
/// or was closed or aborted; reconnect), and <see cref="MySqlDecodingException"/> (bad bytes).
/// Client-side refusals during connect (TLS required but not offered, an unsupported auth plugin, a
/// password that would travel unprotected) are <see cref="NotSupportedException"/> or
/// <see cref="InvalidOperationException"/>; a rejected server certificate is
/// <see cref="System.Security.Authentication.AuthenticationException"/>.
/// After any failure other than a server error, or a cancellation, the session is unusable and further
/// calls throw <see cref="MySqlConnectionException"/>. One command at a time: the session is not thread-safe,
/// except <see cref="Abort"/>, which may be called from anywhere.
/// </remarks>
public sealed class MySqlSession : IAsyncDisposable
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private readonly NetworkStream _networkStream;
    private readonly PacketChannel _channel;
    private readonly bool _deprecateEof;
    private int _disposed;

    private MySqlSession(Socket socket, NetworkStream networkStream, PacketChannel channel, ConnectionPhaseResult connection)
    {
        _socket = socket;
        _networkStream = networkStream;
        _channel = channel;
        _deprecateEof = (connection.Capabilities & ProtocolCapabilities.DeprecateEof) != 0;
        ServerVersion = connection.Handshake.DisplayVersion;
        IsMariaDb = connection.Handshake.IsMariaDb;
        ConnectionId = connection.Handshake.ConnectionId;
        IsEncrypted = connection.IsEncrypted;
        AuthenticationPlugin = connection.AuthenticationPlugin;
        Capabilities = connection.Capabilities;
    }

    /// <summary>The server's version as announced in the handshake, without MariaDB's "5.5.5-" replication prefix.</summary>
    public string ServerVersion { get; }

    public bool IsMariaDb { get; }

    /// <summary>The server's id for this connection (what KILL takes).</summary>
    public uint ConnectionId { get; }

    /// <summary>True when TLS protects the connection.</summary>
    public bool IsEncrypted { get; }

    /// <summary>The authentication plugin that finally authenticated the session.</summary>
    public string AuthenticationPlugin { get; }

    /// <summary>The capabilities agreed with the server.</summary>
    public ProtocolCapabilities Capabilities { get; }

    /// <summary>
    /// Connects, negotiates TLS as <see cref="MySqlConnectionOptions.SslMode"/> says and authenticates.
    /// <see cref="MySqlConnectionOptions.ConnectTimeout"/> bounds the whole; running out of it throws
    /// <see cref="MySqlConnectionException"/> with a <see cref="TimeoutException"/> inside.
    /// </summary>
    public static async Task<MySqlSession> ConnectAsync(MySqlConnectionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        NetworkStream? networkStream = null;
        PacketChannel? channel = null;
        var connected = false;
        try
        {
            // Keep-alive lets a silent binlog stream notice a dead peer eventually.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
            networkStream = new NetworkStream(socket, ownsSocket: true);
            channel = new PacketChannel(networkStream);
            var connection = await ConnectionPhase.RunAsync(channel, options, timeout.Token).ConfigureAwait(false);
            connected = true;
            return new MySqlSession(socket, networkStream, channel, connection);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new MySqlConnectionException(
                $"Connecting to {options.Host}:{options.Port} timed out after {options.ConnectTimeout}.",
                new TimeoutException($"Connect timeout of {options.ConnectTimeout} elapsed.", exception));
        }
        catch (SocketException exception)
        {
            throw new MySqlConnectionException($"Could not connect to {options.Host}:{options.Port}: {exception.Message}", exception);
        }
        finally
        {
            if (!connected)
            {
                if (channel is not null && channel.Stream != networkStream)
                    await channel.Stream.DisposeAsync().ConfigureAwait(false);
                if (networkStream is not null)
                    await networkStream.DisposeAsync().ConfigureAwait(false);
                socket.Dispose();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> with COM_QUERY and returns its first result set (empty when the statement
    /// returns none), reading and discarding any further results.
    /// </summary>
    public async Task<MySqlResultSet> QueryAsync(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        try
        {
            await SendQueryAsync(sql, cancellationToken).ConfigureAwait(false);
            var (first, _) = await QueryResponseReader.ReadAsync(_channel, _deprecateEof, keepFirstResultSet: true, cancellationToken).ConfigureAwait(false);
            return first ?? MySqlResultSet.Empty;
        }
        catch (Exception exception) when (exception is not MySqlServerException)
        {
            // ERR ends a response cleanly; anything else may have left it half-read.
            _channel.MarkBroken();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> with COM_QUERY and returns the affected rows (summed over all results
    /// when a statement returns several). Result sets, if any, are read and discarded.
    /// </summary>
    public async Task<ulong> ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        try
        {
            await SendQueryAsync(sql, cancellationToken).ConfigureAwait(false);
            var (_, affectedRows) = await QueryResponseReader.ReadAsync(_channel, _deprecateEof, keepFirstResultSet: false, cancellationToken).ConfigureAwait(false);
            return affectedRows;
        }
        catch (Exception exception) when (exception is not MySqlServerException)
        {
            // ERR ends a response cleanly; anything else may have left it half-read.
            _channel.MarkBroken();
            throw;
        }
    }

    /// <summary>
    /// Starts a command: resets the sequence id to 0 and writes <paramref name="payload"/> (the command byte
    /// and its arguments), split into 16 MiB packets when needed.
    /// </summary>
    public ValueTask SendCommandAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        _channel.SequenceId = 0;
        return _channel.WritePayloadAsync(payload, cancellationToken);
    }

    /// <summary>
    /// Reads the next payload, reassembled across 0xFFFFFF-byte packets. The memory is valid until the next
    /// read. ERR packets are returned, not thrown: check byte 0 for 0xFF, or call <see cref="ThrowIfError"/>.
    /// </summary>
    public ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return _channel.ReadPayloadAsync(cancellationToken);
    }

    /// <summary>Throws <see cref="MySqlServerException"/> when <paramref name="payload"/> is an ERR packet (starts with 0xFF).</summary>
    /// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_err_packet.html</remarks>
    public static void ThrowIfError(ReadOnlySpan<byte> payload)
    {
        if (!payload.IsEmpty && payload[0] == ErrPayload.Header)
            throw ErrPayload.Parse(payload).ToException();
    }

    /// <summary>
    /// COM_PING: true when the server answers OK; false when the connection is broken or lost, or the
    /// server answers ERR.
    /// </summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (_channel.IsBroken)
            return false;
        try
        {
            await SendCommandAsync(new[] { (byte)CommandKind.Ping }, cancellationToken).ConfigureAwait(false);
            var payload = await _channel.ReadPayloadAsync(cancellationToken).ConfigureAwait(false);
            if (payload.IsEmpty || payload.Span[0] is not (OkPayload.Header or ErrPayload.Header))
            {
                _channel.MarkBroken();
                throw new MySqlDecodingException($"expected OK or ERR in answer to COM_PING, found {payload.Length} bytes", 0);
            }

            return payload.Span[0] == OkPayload.Header;
        }
        catch (MySqlConnectionException)
        {
            return false;
        }
    }

    /// <summary>Sends COM_QUIT when the connection is still healthy (best effort, briefly), then closes it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (!_channel.IsBroken)
        {
            try
            {
                using var quitTimeout = new CancellationTokenSource(QuitTimeout);
                _channel.SequenceId = 0;
                await _channel.WritePayloadAsync(new[] { (byte)CommandKind.Quit }, quitTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // Closing anyway: the server notices the closed socket.
            }
        }

        if (_channel.Stream != _networkStream)
            await _channel.Stream.DisposeAsync().ConfigureAwait(false);
        await _networkStream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    /// <summary>
    /// Closes the socket at once, without COM_QUIT. A read or write in progress on another thread fails
    /// with <see cref="MySqlConnectionException"/>; the session is unusable afterwards (dispose it still).
    /// </summary>
    public void Abort()
    {
        _channel.MarkBroken();
        _socket.Dispose();
    }

    private async ValueTask SendQueryAsync(string sql, CancellationToken cancellationToken)
    {
        var payload = new byte[1 + Encoding.UTF8.GetByteCount(sql)];
        payload[0] = (byte)CommandKind.Query;
        Encoding.UTF8.GetBytes(sql, payload.AsSpan(1));
        await SendCommandAsync(payload, cancellationToken).ConfigureAwait(false);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
