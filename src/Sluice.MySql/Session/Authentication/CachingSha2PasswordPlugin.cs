using System.Security.Cryptography;
using System.Text;

namespace Sluice.MySql.Session.Authentication;

/// <summary>
/// caching_sha2_password. Fast path: send XOR(SHA256(password), SHA256(SHA256(SHA256(password)) + scramble));
/// the server answers AuthMoreData 0x03 (fast auth success, OK follows) or 0x04 (perform full authentication).
/// Full authentication sends the password and a NUL in clear over TLS; without TLS it sends
/// RSA-OAEP(SHA-1)((password + NUL) XOR scramble) under the server's public key, taken from a file or
/// requested with 0x02 (the server answers with AuthMoreData carrying the PEM key).
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_caching_sha2_authentication_exchanges.html</remarks>
internal sealed class CachingSha2PasswordPlugin : AuthenticationPlugin
{
    public const string PluginName = "caching_sha2_password";

    public const byte FastAuthSuccess = 0x03;
    public const byte PerformFullAuthentication = 0x04;
    public const byte RequestPublicKey = 0x02;

    private bool _awaitingPublicKey;

    public override string Name => PluginName;

    public override byte[] CreateInitialResponse(AuthenticationExchange exchange) =>
        Scramble(exchange.Password, exchange.Scramble);

    public override byte[]? HandleMoreData(AuthenticationExchange exchange, ReadOnlySpan<byte> data)
    {
        if (_awaitingPublicKey)
        {
            _awaitingPublicKey = false;
            return EncryptPassword(exchange.Password, exchange.Scramble, Encoding.ASCII.GetString(data));
        }

        if (data.Length == 1 && data[0] == FastAuthSuccess)
            return null;
        if (data.Length != 1 || data[0] != PerformFullAuthentication)
        {
            throw new MySqlDecodingException(
                $"expected caching_sha2_password status 0x03 or 0x04, found {Convert.ToHexString(data)}", 1);
        }

        if (exchange.IsEncrypted)
            return ClearPasswordPlugin.PasswordWithTerminator(exchange.Password);
        if (exchange.Options.ServerRsaPublicKeyFile is { } keyFile)
            return EncryptPassword(exchange.Password, exchange.Scramble, File.ReadAllText(keyFile));
        if (exchange.Options.AllowPublicKeyRetrieval)
        {
            _awaitingPublicKey = true;
            return [RequestPublicKey];
        }

        throw new InvalidOperationException(
            "caching_sha2_password needs full authentication and the connection is not encrypted: use TLS, " +
            "set ServerRsaPublicKeyFile to the server's RSA public key, or set AllowPublicKeyRetrieval.");
    }

    public static byte[] Scramble(string password, ReadOnlySpan<byte> scramble)
    {
        if (password.Length == 0)
            return [];

        var passwordHash = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        var doubleHash = SHA256.HashData(passwordHash);
        byte[] input = [.. doubleHash, .. scramble];
        var mask = SHA256.HashData(input);
        for (var i = 0; i < passwordHash.Length; i++)
            passwordHash[i] ^= mask[i];
        return passwordHash;
    }

    /// <summary>RSA-OAEP(SHA-1) of (password + NUL) XOR the scramble repeated.</summary>
    public static byte[] EncryptPassword(string password, ReadOnlySpan<byte> scramble, string publicKeyPem)
    {
        var plain = ClearPasswordPlugin.PasswordWithTerminator(password);
        if (scramble.Length > 0)
        {
            for (var i = 0; i < plain.Length; i++)
                plain[i] ^= scramble[i % scramble.Length];
        }

        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(publicKeyPem);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException("The server's RSA public key is not a PEM public key.", exception);
        }

        return rsa.Encrypt(plain, RSAEncryptionPadding.OaepSHA1);
    }
}
