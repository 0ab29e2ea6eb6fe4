using System.Security.Cryptography;
using System.Text;

// SHA-1 is what the mysql_native_password protocol defines; the client cannot choose another hash.
#pragma warning disable CA5350 // Do Not Use Weak Cryptographic Algorithms

namespace Sluice.MySql.Session.Authentication;

/// <summary>
/// mysql_native_password: SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))); empty for an empty password.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods_native_password_authentication.html</remarks>
internal sealed class MySqlNativePasswordPlugin : AuthenticationPlugin
{
    public const string PluginName = "mysql_native_password";

    public override string Name => PluginName;

    public override byte[] CreateInitialResponse(AuthenticationExchange exchange) =>
        Scramble(exchange.Password, exchange.Scramble);

    public static byte[] Scramble(string password, ReadOnlySpan<byte> scramble)
    {
        if (password.Length == 0)
            return [];

        // The server uses the first 20 bytes of the nonce.
        var nonce = scramble.Length > 20 ? scramble[..20] : scramble;
        var passwordHash = SHA1.HashData(Encoding.UTF8.GetBytes(password));
        var doubleHash = SHA1.HashData(passwordHash);
        byte[] input = [.. nonce, .. doubleHash];
        var mask = SHA1.HashData(input);
        for (var i = 0; i < passwordHash.Length; i++)
            passwordHash[i] ^= mask[i];
        return passwordHash;
    }
}
