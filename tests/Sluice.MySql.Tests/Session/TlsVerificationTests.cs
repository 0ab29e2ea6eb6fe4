using System.Security.Authentication;
using Sluice.MySql.Protocol;
using Sluice.MySql.Session;

namespace Sluice.MySql.Tests.Session;

/// <summary>SSL modes against a scripted server with a self-signed certificate made here.</summary>
public sealed class TlsVerificationTests : IDisposable
{
    private readonly string _caFile = Path.GetTempFileName();

    public void Dispose() => File.Delete(_caFile);

    [Theory]
    [InlineData("localhost", MySqlSslMode.VerifyCA)]
    [InlineData("localhost", MySqlSslMode.VerifyFull)]
    [InlineData("some.other.host", MySqlSslMode.VerifyCA)]
    public async Task Certificate_signed_by_the_given_CA_is_accepted(string certificateName, MySqlSslMode mode)
    {
        using var certificate = CachingSha2PasswordTests.SelfSignedCertificate(certificateName);
        await File.WriteAllTextAsync(_caFile, certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await using var server = new ScriptedServer(connection => connection.AcceptLoginAsync(ServerPackets.MySql8Capabilities, certificate));

        await using var session = await CachingSha2PasswordTests.ConnectAsync(server, mode, options => options with { SslCaFile = _caFile });

        Assert.True(session.IsEncrypted);
        await server.Completion;
    }

    [Fact]
    public async Task VerifyFull_rejects_a_certificate_for_another_host()
    {
        using var certificate = CachingSha2PasswordTests.SelfSignedCertificate("some.other.host");
        await File.WriteAllTextAsync(_caFile, certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await using var server = new ScriptedServer(connection => connection.AcceptLoginAsync(ServerPackets.MySql8Capabilities, certificate));

        await Assert.ThrowsAsync<AuthenticationException>(
            () => CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.VerifyFull, options => options with { SslCaFile = _caFile }));
    }

    [Fact]
    public async Task VerifyCA_rejects_a_certificate_from_another_CA()
    {
        using var certificate = CachingSha2PasswordTests.SelfSignedCertificate("localhost");
        using var otherCa = CachingSha2PasswordTests.SelfSignedCertificate("localhost");
        await File.WriteAllTextAsync(_caFile, otherCa.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await using var server = new ScriptedServer(connection => connection.AcceptLoginAsync(ServerPackets.MySql8Capabilities, certificate));

        await Assert.ThrowsAsync<AuthenticationException>(
            () => CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.VerifyCA, options => options with { SslCaFile = _caFile }));
    }

    [Fact]
    public async Task Required_fails_when_the_server_offers_no_tls()
    {
        await using var server = new ScriptedServer(async connection =>
            await connection.SendAsync(ServerPackets.HandshakeV10(ServerPackets.NewScramble(), "mysql_native_password", ServerPackets.MySql8Capabilities)));

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.Required));
        Assert.Contains("does not offer TLS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preferred_connects_without_tls_when_the_server_offers_none()
    {
        await using var server = new ScriptedServer(connection => connection.AcceptLoginAsync(ServerPackets.MySql8Capabilities));

        await using var session = await CachingSha2PasswordTests.ConnectAsync(server, MySqlSslMode.Preferred);

        Assert.False(session.IsEncrypted);
        Assert.False(session.Capabilities.HasFlag(ProtocolCapabilities.Ssl));
        await server.Completion;
    }
}
