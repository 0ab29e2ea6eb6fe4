namespace Sluice.MySql.Session.Authentication;

/// <summary>
/// The client side of one server authentication method. The connection phase sends
/// <see cref="CreateInitialResponse"/> in the handshake response (or after an AuthSwitchRequest) and hands
/// every AuthMoreData packet to <see cref="HandleMoreData"/> until the server sends OK or ERR.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods.html</remarks>
internal abstract class AuthenticationPlugin
{
    public abstract string Name { get; }

    /// <summary>The auth response to the current scramble.</summary>
    public abstract byte[] CreateInitialResponse(AuthenticationExchange exchange);

    /// <summary>Answers an AuthMoreData packet: the payload to send, or null to wait for the server's next packet.</summary>
    public virtual byte[]? HandleMoreData(AuthenticationExchange exchange, ReadOnlySpan<byte> data) =>
        throw new MySqlDecodingException($"expected OK, ERR or AuthSwitchRequest during {Name} authentication, found AuthMoreData", 0);

    /// <summary>Whether <paramref name="name"/> is a plugin this client implements.</summary>
    public static bool IsSupported(string name) =>
        name is MySqlNativePasswordPlugin.PluginName or CachingSha2PasswordPlugin.PluginName or ClearPasswordPlugin.PluginName;

    /// <summary>A fresh instance (plugins may keep per-connection state).</summary>
    public static AuthenticationPlugin Create(string name) => name switch
    {
        MySqlNativePasswordPlugin.PluginName => new MySqlNativePasswordPlugin(),
        CachingSha2PasswordPlugin.PluginName => new CachingSha2PasswordPlugin(),
        ClearPasswordPlugin.PluginName => new ClearPasswordPlugin(),
        _ => throw new NotSupportedException(
            $"The server requires the authentication plugin '{name}', which is not supported. " +
            $"Supported: {MySqlNativePasswordPlugin.PluginName}, {CachingSha2PasswordPlugin.PluginName}, {ClearPasswordPlugin.PluginName}."),
    };
}
