using MySqlConnector;
using Sluice.Migration.Dump;
using Sluice.Migration.Load;
using Sluice.Testing;

namespace Sluice.Migration.Tests;

public sealed class TlsPolicyTests(MariaDbServers servers)
{
    [Theory]
    [InlineData("db.example.com", null, null, MySqlSslMode.Preferred)]
    [InlineData("10.0.0.7", null, null, MySqlSslMode.Preferred)]
    [InlineData("127.0.0.1", null, null, MySqlSslMode.None)]
    [InlineData("127.1.2.3", null, null, MySqlSslMode.None)]
    [InlineData("LOCALHOST", null, null, MySqlSslMode.None)]
    [InlineData("::1", null, null, MySqlSslMode.None)]
    [InlineData("127.0.0.1", "/ca.pem", null, MySqlSslMode.VerifyCA)]
    [InlineData("db.example.com", "/ca.pem", "/client.pem", MySqlSslMode.VerifyCA)]
    [InlineData("127.0.0.1", null, "/client.pem", MySqlSslMode.Required)]
    public void Tls_is_verified_with_a_ca_required_with_a_client_certificate_and_skipped_only_on_loopback(
        string host, string? ca, string? cert, MySqlSslMode expected)
    {
        var builder = new MySqlConnectionStringBuilder();
        TlsPolicy.Apply(new DatabaseEndpoint { Host = host, User = "u", SslCa = ca, SslCert = cert, SslKey = cert is null ? null : "/key.pem" }, builder);

        Assert.Equal(expected, builder.SslMode);
        Assert.Equal(ca ?? string.Empty, builder.SslCa);
        Assert.Equal(cert ?? string.Empty, builder.SslCert);
    }

    [Fact]
    public async Task Source_and_target_sessions_encrypt_when_given_a_ca_and_not_on_plain_loopback()
    {
        var plain = Endpoint(servers.Target, ca: null);
        var verified = Endpoint(servers.Target, ca: servers.Target.CaFile);

        Assert.Equal(string.Empty, await CipherAsync(await TargetSession.OpenAsync(plain, CancellationToken.None)));
        Assert.NotEqual(string.Empty, await CipherAsync(await TargetSession.OpenAsync(verified, CancellationToken.None)));
        Assert.Equal(string.Empty, await CipherAsync(await SourceConnections.OpenAsync(Endpoint(servers.Source, null), CancellationToken.None)));
        Assert.NotEqual(string.Empty, await CipherAsync(await SourceConnections.OpenAsync(Endpoint(servers.Source, servers.Source.CaFile), CancellationToken.None)));
    }

    private static DatabaseEndpoint Endpoint(MariaDbInstance instance, string? ca) =>
        new() { Host = instance.Host, Port = instance.Port, User = instance.User, Password = instance.Password, SslCa = ca };

    private static async Task<string> CipherAsync(MySqlConnection connection)
    {
        await using (connection)
        {
            await using var command = new MySqlCommand("SHOW SESSION STATUS LIKE 'Ssl_cipher'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            return reader.GetString(1);
        }
    }
}
