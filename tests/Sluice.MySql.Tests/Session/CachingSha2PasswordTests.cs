using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Sluice.MySql.Protocol;
using Sluice.MySql.Session;

namespace Sluice.MySql.Tests.Session;

/// <summary>
/// caching_sha2_password against a scripted server that follows MySQL's documented exchange
/// (https://dev.mysql.com/doc/dev/mysql-server/latest/page_caching_sha2_authentication_exchanges.html).
/// Expected client bytes are computed here from the documented formulas, not with the library's code.
/// </summary>
public sealed class CachingSha2PasswordTests
{
    private const string User = "app";
    private const string Password = "s3cret-pässword";
    private const string Sha2 = "caching_sha2_password";

    [Fact]
    public async Task Fast_auth_success()
    {
        var scramble = ServerPackets.NewScramble();
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.SendAsync(ServerPackets.HandshakeV10(scramble, Sha2, ServerPackets.MySql8Capabilities));
            var response = ClientHandshakeResponse.Parse(await connection.ReadAsync());
            Assert.Equal(User, response.User);
            Assert.Equal(Sha2, response.PluginName);
            Assert.Null(response.Database);
            Assert.Equal(45, response.Collation);
            Assert.True(response.Capabilities.HasFlag(ProtocolCapabilities.Protocol41));
            Assert.True(response.Capabilities.HasFlag(ProtocolCapabilities.PluginAuthLengthEncodedClientData));
            Assert.True(response.Capabilities.HasFlag(ProtocolCapabilities.DeprecateEof));
            Assert.False(response.Capabilities.HasFlag(ProtocolCapabilities.ConnectWithDb));
            Assert.False(response.Capabilities.HasFlag(ProtocolCapabilities.Ssl));
            Assert.Equal(ExpectedSha2Scramble(Password, scramble), response.AuthResponse);
            await connection.SendAsync(ServerPackets.AuthMoreData(0x03));
            await connection.SendAsync(ServerPackets.Ok());
            Assert.Equal(new byte[] { 0x01 }, await connection.ReadCommandAsync()); // COM_QUIT on dispose
        });

        await using (var session = await ConnectAsync(server, MySqlSslMode.Disabled))
        {
            Assert.Equal(Sha2, session.AuthenticationPlugin);
            Assert.False(session.IsEncrypted);
            Assert.False(session.IsMariaDb);
            Assert.Equal("8.0.36", session.ServerVersion);
            Assert.Equal(42u, session.ConnectionId);
        }

        await server.Completion;
    }

    [Fact]
    public async Task Full_auth_over_tls_sends_the_password_in_clear()
    {
        var scramble = ServerPackets.NewScramble();
        using var certificate = SelfSignedCertificate("localhost");
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.SendAsync(ServerPackets.HandshakeV10(scramble, Sha2, ServerPackets.MySql8Capabilities | ProtocolCapabilities.Ssl));
            var sslRequest = ClientHandshakeResponse.Parse(await connection.ReadAsync());
            Assert.True(sslRequest.IsSslRequest);
            Assert.True(sslRequest.Capabilities.HasFlag(ProtocolCapabilities.Ssl));
            await connection.StartTlsAsync(certificate);
            var response = ClientHandshakeResponse.Parse(await connection.ReadAsync());
            Assert.True(response.Capabilities.HasFlag(ProtocolCapabilities.Ssl));
            Assert.Equal("db1", response.Database);
            Assert.Equal(ExpectedSha2Scramble(Password, scramble), response.AuthResponse);
            await connection.SendAsync(ServerPackets.AuthMoreData(0x04));
            Assert.Equal(Encoding.UTF8.GetBytes(Password + "\0"), await connection.ReadAsync());
            await connection.SendAsync(ServerPackets.Ok());
        });

        await using var session = await ConnectAsync(server, MySqlSslMode.Required, options => options with { Database = "db1" });
        Assert.True(session.IsEncrypted);
        Assert.Equal(Sha2, session.AuthenticationPlugin);
        await server.Completion;
    }

    [Fact]
    public async Task Full_auth_without_tls_encrypts_with_the_public_key_file()
    {
        var scramble = ServerPackets.NewScramble();
        using var rsa = RSA.Create(2048);
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, rsa.ExportSubjectPublicKeyInfoPem(), TestContext.Current.CancellationToken);
        try
        {
            await using var server = new ScriptedServer(async connection =>
            {
                await connection.SendAsync(ServerPackets.HandshakeV10(scramble, Sha2, ServerPackets.MySql8Capabilities));
                var response = ClientHandshakeResponse.Parse(await connection.ReadAsync());
                Assert.Equal(ExpectedSha2Scramble(Password, scramble), response.AuthResponse);
                await connection.SendAsync(ServerPackets.AuthMoreData(0x04));
                Assert.Equal(Password + "\0", DecryptPassword(rsa, await connection.ReadAsync(), scramble));
                await connection.SendAsync(ServerPackets.Ok());
            });

            await using var session = await ConnectAsync(server, MySqlSslMode.Preferred, options => options with { ServerRsaPublicKeyFile = keyFile });
            Assert.False(session.IsEncrypted);
            await server.Completion;
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task Full_auth_without_tls_retrieves_the_public_key_when_allowed()
    {
        var scramble = ServerPackets.NewScramble();
        using var rsa = RSA.Create(2048);
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.SendAsync(ServerPackets.HandshakeV10(scramble, Sha2, ServerPackets.MySql8Capabilities));
            ClientHandshakeResponse.Parse(await connection.ReadAsync());
            await connection.SendAsync(ServerPackets.AuthMoreData(0x04));
            Assert.Equal(new byte[] { 0x02 }, await connection.ReadAsync());
            await connection.SendAsync(ServerPackets.AuthMoreData(Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem() + "\n")));
            Assert.Equal(Password + "\0", DecryptPassword(rsa, await connection.ReadAsync(), scramble));
            await connection.SendAsync(ServerPackets.Ok());
        });

        await using var session = await ConnectAsync(server, MySqlSslMode.Disabled, options => options with { AllowPublicKeyRetrieval = true });
        Assert.Equal(Sha2, session.AuthenticationPlugin);
        await server.Completion;
    }

    [Fact]
    public async Task Full_auth_without_tls_key_or_retrieval_fails_clearly()
    {
        var scramble = ServerPackets.NewScramble();
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.SendAsync(ServerPackets.HandshakeV10(scramble, Sha2, ServerPackets.MySql8Capabilities));
            ClientHandshakeResponse.Parse(await connection.ReadAsync());
            await connection.SendAsync(ServerPackets.AuthMoreData(0x04));
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ConnectAsync(server, MySqlSslMode.Disabled));
        Assert.Contains("AllowPublicKeyRetrieval", error.Message, StringComparison.Ordinal);
        await server.Completion;
    }

    [Fact]
    public async Task Auth_switch_from_native_password_to_caching_sha2()
    {
        var first = ServerPackets.NewScramble();
        var second = ServerPackets.NewScramble();
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.SendAsync(ServerPackets.HandshakeV10(first, "mysql_native_password", ServerPackets.MySql8Capabilities));
            var response = ClientHandshakeResponse.Parse(await connection.ReadAsync());
            Assert.Equal("mysql_native_password", response.PluginName);
            Assert.Equal(ExpectedNativeScramble(Password, first), response.AuthResponse);
            await connection.SendAsync(ServerPackets.AuthSwitchRequest(Sha2, second));
            Assert.Equal(ExpectedSha2Scramble(Password, second), await connection.ReadAsync());
            await connection.SendAsync(ServerPackets.AuthMoreData(0x03));
            await connection.SendAsync(ServerPackets.Ok());
        });

        await using var session = await ConnectAsync(server, MySqlSslMode.Disabled);
        Assert.Equal(Sha2, session.AuthenticationPlugin);
        await server.Completion;
    }

    [Fact]
    public async Task Wrong_password_is_a_server_exception_1045()
    {
        var scramble = ServerPackets.NewScramble();
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.SendAsync(ServerPackets.HandshakeV10(scramble, Sha2, ServerPackets.MySql8Capabilities));
            var response = ClientHandshakeResponse.Parse(await connection.ReadAsync());
            Assert.NotEqual(ExpectedSha2Scramble(Password, scramble), response.AuthResponse);
            await connection.SendAsync(ServerPackets.Err(1045, "28000", "Access denied for user 'app'@'localhost' (using password: YES)"));
        });

        var error = await Assert.ThrowsAsync<MySqlServerException>(
            () => ConnectAsync(server, MySqlSslMode.Disabled, options => options with { Password = "wrong" }));
        Assert.Equal(1045, error.ErrorCode);
        Assert.Equal("28000", error.SqlState);
        await server.Completion;
    }

    [Fact]
    public async Task Switch_to_an_unsupported_plugin_names_it()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.SendAsync(ServerPackets.HandshakeV10(ServerPackets.NewScramble(), "mysql_native_password", ServerPackets.MySql8Capabilities));
            ClientHandshakeResponse.Parse(await connection.ReadAsync());
            await connection.SendAsync(ServerPackets.AuthSwitchRequest("client_ed25519", ServerPackets.NewScramble()));
        });

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => ConnectAsync(server, MySqlSslMode.Disabled));
        Assert.Contains("'client_ed25519'", error.Message, StringComparison.Ordinal);
        await server.Completion;
    }

    [Fact]
    public async Task Clear_password_is_refused_without_tls()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.SendAsync(ServerPackets.HandshakeV10(ServerPackets.NewScramble(), "mysql_native_password", ServerPackets.MySql8Capabilities));
            ClientHandshakeResponse.Parse(await connection.ReadAsync());
            await connection.SendAsync(ServerPackets.AuthSwitchRequest("mysql_clear_password", []));
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => ConnectAsync(server, MySqlSslMode.Disabled));
        await server.Completion;
    }

    [Fact]
    public async Task Clear_password_over_tls_sends_the_password()
    {
        using var certificate = SelfSignedCertificate("localhost");
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.SendAsync(ServerPackets.HandshakeV10(ServerPackets.NewScramble(), "mysql_native_password", ServerPackets.MySql8Capabilities | ProtocolCapabilities.Ssl));
            ClientHandshakeResponse.Parse(await connection.ReadAsync());
            await connection.StartTlsAsync(certificate);
            ClientHandshakeResponse.Parse(await connection.ReadAsync());
            await connection.SendAsync(ServerPackets.AuthSwitchRequest("mysql_clear_password", []));
            Assert.Equal(Encoding.UTF8.GetBytes(Password + "\0"), await connection.ReadAsync());
            await connection.SendAsync(ServerPackets.Ok());
        });

        await using var session = await ConnectAsync(server, MySqlSslMode.Preferred);
        Assert.Equal("mysql_clear_password", session.AuthenticationPlugin);
        Assert.True(session.IsEncrypted);
        await server.Completion;
    }

    internal static async Task<MySqlSession> ConnectAsync(
        ScriptedServer server, MySqlSslMode sslMode, Func<MySqlConnectionOptions, MySqlConnectionOptions>? configure = null)
    {
        var options = new MySqlConnectionOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            User = User,
            Password = Password,
            SslMode = sslMode,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        return await MySqlSession.ConnectAsync(configure?.Invoke(options) ?? options, TestContext.Current.CancellationToken);
    }

    /// <summary>A self-signed server certificate for <paramref name="name"/> (also valid for 127.0.0.1).</summary>
    internal static X509Certificate2 SelfSignedCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        if (name == "localhost")
            san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    // XOR(SHA256(password), SHA256(SHA256(SHA256(password)) + scramble)), per the caching_sha2 documentation.
    private static byte[] ExpectedSha2Scramble(string password, byte[] scramble)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        var mask = SHA256.HashData([.. SHA256.HashData(hash), .. scramble]);
        return [.. hash.Zip(mask, (a, b) => (byte)(a ^ b))];
    }

    // XOR(SHA1(password), SHA1(scramble + SHA1(SHA1(password)))), per the native password documentation.
#pragma warning disable CA5350 // the protocol's own hash
    private static byte[] ExpectedNativeScramble(string password, byte[] scramble)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(password));
        var mask = SHA1.HashData([.. scramble, .. SHA1.HashData(hash)]);
        return [.. hash.Zip(mask, (a, b) => (byte)(a ^ b))];
    }
#pragma warning restore CA5350

    private static string DecryptPassword(RSA rsa, byte[] encrypted, byte[] scramble)
    {
        var plain = rsa.Decrypt(encrypted, RSAEncryptionPadding.OaepSHA1);
        for (var i = 0; i < plain.Length; i++)
            plain[i] ^= scramble[i % scramble.Length];
        return Encoding.UTF8.GetString(plain);
    }
}
