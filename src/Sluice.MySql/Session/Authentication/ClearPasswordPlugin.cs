using System.Text;

namespace Sluice.MySql.Session.Authentication;

/// <summary>
/// mysql_clear_password: the password and a NUL, as is. Refused without TLS so the password never
/// crosses the network readable.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods_clear_text_password.html</remarks>
internal sealed class ClearPasswordPlugin : AuthenticationPlugin
{
    public const string PluginName = "mysql_clear_password";

    public override string Name => PluginName;

    public override byte[] CreateInitialResponse(AuthenticationExchange exchange)
    {
        if (!exchange.IsEncrypted)
        {
            throw new InvalidOperationException(
                "The server asked for mysql_clear_password, which would send the password unencrypted; it is only used over TLS.");
        }

        return PasswordWithTerminator(exchange.Password);
    }

    internal static byte[] PasswordWithTerminator(string password)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(password) + 1];
        Encoding.UTF8.GetBytes(password, bytes);
        return bytes;
    }
}
