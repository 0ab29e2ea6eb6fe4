namespace Sluice.MySql.Session;

/// <summary>Whether and how the session uses TLS (the same meanings as MySQL's --ssl-mode).</summary>
public enum MySqlSslMode
{
    /// <summary>Never use TLS.</summary>
    Disabled,

    /// <summary>Use TLS when the server offers it; accept any certificate.</summary>
    Preferred,

    /// <summary>Fail when the server does not offer TLS; accept any certificate.</summary>
    Required,

    /// <summary>Require TLS and a certificate chain that ends at the CA in <see cref="MySqlConnectionOptions.SslCaFile"/>; the host name is not checked.</summary>
    VerifyCA,

    /// <summary>As <see cref="VerifyCA"/>, and the certificate must name the host connected to.</summary>
    VerifyFull,
}
