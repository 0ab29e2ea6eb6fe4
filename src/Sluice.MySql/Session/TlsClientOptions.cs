using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Sluice.MySql.Session;

/// <summary>
/// The TLS settings for an SSL mode: TLS 1.2 or 1.3; Preferred and Required accept any certificate (as
/// MySQL's own clients do in those modes), VerifyCA checks the chain against the given CA but not the
/// name, VerifyFull checks both.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/connection-options.html#option_general_ssl-mode</remarks>
internal static class TlsClientOptions
{
    public static SslClientAuthenticationOptions Create(MySqlConnectionOptions options)
    {
        var tls = new SslClientAuthenticationOptions
        {
            TargetHost = options.Host,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };

        switch (options.SslMode)
        {
            case MySqlSslMode.VerifyCA:
                tls.CertificateChainPolicy = CreateChainPolicy(options.SslCaFile);
                tls.RemoteCertificateValidationCallback = AcceptTrustedChainIgnoringName;
                break;
            case MySqlSslMode.VerifyFull:
                tls.CertificateChainPolicy = CreateChainPolicy(options.SslCaFile);
                break;
            default:
                // Preferred and Required encrypt without authenticating the server: that is what those modes mean.
#pragma warning disable CA5359 // Do not disable certificate validation
                tls.RemoteCertificateValidationCallback = AcceptAnyCertificate;
#pragma warning restore CA5359
                break;
        }

        return tls;
    }

    private static X509ChainPolicy? CreateChainPolicy(string? caFile)
    {
        if (caFile is null)
            return null;
        var policy = new X509ChainPolicy
        {
            RevocationMode = X509RevocationMode.NoCheck,
            TrustMode = X509ChainTrustMode.CustomRootTrust,
        };
        policy.CustomTrustStore.ImportFromPemFile(caFile);
        if (policy.CustomTrustStore.Count == 0)
            throw new InvalidOperationException($"The CA file '{caFile}' holds no PEM certificate.");
        return policy;
    }

    private static bool AcceptTrustedChainIgnoringName(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;

    private static bool AcceptAnyCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
}
