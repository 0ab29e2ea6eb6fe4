using System.Net.Security;
using Sluice.MySql.Protocol;
using Sluice.MySql.Protocol.Payloads;
using Sluice.MySql.Session.Authentication;

namespace Sluice.MySql.Session;

/// <summary>What the connection phase settled: the server's handshake, the agreed capabilities, TLS, the final plugin.</summary>
internal sealed record ConnectionPhaseResult(
    HandshakeV10Payload Handshake,
    ProtocolCapabilities Capabilities,
    bool IsEncrypted,
    string AuthenticationPlugin);

/// <summary>
/// The connection phase: read HandshakeV10, optionally switch to TLS (SSLRequest, then the TLS handshake),
/// send HandshakeResponse41, then follow AuthSwitchRequest / AuthMoreData until OK or ERR.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase.html</remarks>
internal static class ConnectionPhase
{
    /// <summary>utf8mb4_general_ci: known to MySQL 5.5+ and every MariaDB.</summary>
    public const byte Utf8Mb4GeneralCi = 45;

    /// <summary>Enough rounds for any supported plugin (at most: switch, 0x04, key request, key) with room to spare.</summary>
    private const int MaxAuthenticationRounds = 16;

    /// <summary>What this client asks for, each only when the server offers it too.</summary>
    private const ProtocolCapabilities WantedCapabilities =
        ProtocolCapabilities.LongPassword | ProtocolCapabilities.LongFlag | ProtocolCapabilities.Protocol41 |
        ProtocolCapabilities.Transactions | ProtocolCapabilities.SecureConnection | ProtocolCapabilities.MultiResults |
        ProtocolCapabilities.PluginAuth | ProtocolCapabilities.PluginAuthLengthEncodedClientData |
        ProtocolCapabilities.DeprecateEof;

    public static async Task<ConnectionPhaseResult> RunAsync(PacketChannel channel, MySqlConnectionOptions options, CancellationToken cancellationToken)
    {
        var payload = await channel.ReadPayloadAsync(cancellationToken).ConfigureAwait(false);
        if (!payload.IsEmpty && payload.Span[0] == ErrPayload.Header)
            throw ErrPayload.Parse(payload.Span).ToException();
        var handshake = HandshakeV10Payload.Parse(payload.Span);
        var server = handshake.Capabilities;
        if ((server & ProtocolCapabilities.Protocol41) == 0 || (server & ProtocolCapabilities.SecureConnection) == 0)
            throw new NotSupportedException($"The server '{handshake.ServerVersion}' does not speak the 4.1 protocol with secure authentication.");

        var capabilities = WantedCapabilities & server;
        if (options.Database is not null)
            capabilities |= ProtocolCapabilities.ConnectWithDb & server;

        var useTls = options.SslMode switch
        {
            MySqlSslMode.Disabled => false,
            MySqlSslMode.Preferred => (server & ProtocolCapabilities.Ssl) != 0,
            _ => (server & ProtocolCapabilities.Ssl) != 0
                ? true
                : throw new NotSupportedException($"SslMode is {options.SslMode} but the server does not offer TLS."),
        };

        if (useTls)
        {
            capabilities |= ProtocolCapabilities.Ssl;
            await channel.WritePayloadAsync(SslRequestPayload.Create(capabilities, PacketChannel.MaxPayloadLength, Utf8Mb4GeneralCi), cancellationToken)
                .ConfigureAwait(false);
            await StartTlsAsync(channel, options, cancellationToken).ConfigureAwait(false);
        }

        var plugin = await AuthenticateAsync(channel, options, handshake, capabilities, useTls, cancellationToken).ConfigureAwait(false);
        return new ConnectionPhaseResult(handshake, capabilities, useTls, plugin);
    }

    private static async Task StartTlsAsync(PacketChannel channel, MySqlConnectionOptions options, CancellationToken cancellationToken)
    {
        var tlsOptions = TlsClientOptions.Create(options);
        var ssl = new SslStream(channel.Stream, leaveInnerStreamOpen: true);
        try
        {
            await ssl.AuthenticateAsClientAsync(tlsOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception) when (exception is not MySqlConnectionException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new MySqlConnectionException($"The TLS handshake with the server failed: {exception.Message}", exception);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        channel.ReplaceStream(ssl);
    }

    private static async Task<string> AuthenticateAsync(
        PacketChannel channel,
        MySqlConnectionOptions options,
        HandshakeV10Payload handshake,
        ProtocolCapabilities capabilities,
        bool isEncrypted,
        CancellationToken cancellationToken)
    {
        // An unknown default plugin is answered with mysql_native_password; the server switches if the
        // account needs something else, and an unsupported switch then fails naming the plugin.
        var pluginName = handshake.AuthPluginName is { } name && AuthenticationPlugin.IsSupported(name)
            ? name
            : MySqlNativePasswordPlugin.PluginName;
        var plugin = AuthenticationPlugin.Create(pluginName);
        var exchange = new AuthenticationExchange(options, handshake.Scramble, isEncrypted);
        var response = HandshakeResponse41Payload.Create(
            capabilities,
            PacketChannel.MaxPayloadLength,
            Utf8Mb4GeneralCi,
            options.User,
            plugin.CreateInitialResponse(exchange),
            options.Database,
            plugin.Name);
        await channel.WritePayloadAsync(response, cancellationToken).ConfigureAwait(false);

        for (var round = 0; round < MaxAuthenticationRounds; round++)
        {
            var payload = await channel.ReadPayloadAsync(cancellationToken).ConfigureAwait(false);
            byte[]? reply;
            switch (payload.IsEmpty ? -1 : payload.Span[0])
            {
                case OkPayload.Header:
                    return plugin.Name;
                case ErrPayload.Header:
                    throw ErrPayload.Parse(payload.Span).ToException();
                case AuthSwitchRequestPayload.Header:
                    var switchRequest = AuthSwitchRequestPayload.Parse(payload.Span);
                    plugin = AuthenticationPlugin.Create(switchRequest.PluginName);
                    exchange.Scramble = switchRequest.PluginData;
                    reply = plugin.CreateInitialResponse(exchange);
                    break;
                case AuthMoreDataPayload.Header:
                    reply = plugin.HandleMoreData(exchange, AuthMoreDataPayload.GetData(payload.Span));
                    break;
                default:
                    throw new MySqlDecodingException(
                        $"expected OK, ERR, AuthSwitchRequest or AuthMoreData during authentication, found {(payload.IsEmpty ? "an empty payload" : $"header 0x{payload.Span[0]:X2}")}", 0);
            }

            if (reply is not null)
                await channel.WritePayloadAsync(reply, cancellationToken).ConfigureAwait(false);
        }

        throw new MySqlDecodingException($"expected authentication to finish within {MaxAuthenticationRounds} exchanges, found more", 0);
    }
}
