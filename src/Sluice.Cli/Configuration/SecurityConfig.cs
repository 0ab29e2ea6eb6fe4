namespace Sluice.Cli.Configuration;

/// <summary>A <c>security</c> block: TLS files for connecting to a database (DM's security.Security).</summary>
internal sealed record SecurityConfig
{
    private static readonly string[] InlineContents =
        ["ssl-ca-bytes", "ssl-cert-bytes", "ssl-key-bytes", "ssl-ca-base64", "ssl-cert-base64", "ssl-key-base64"];

    /// <summary>ssl-ca: PEM file of the CA that signed the server's certificate.</summary>
    public string? SslCa { get; init; }

    /// <summary>ssl-cert: PEM client certificate, for servers that require one.</summary>
    public string? SslCert { get; init; }

    /// <summary>ssl-key: PEM private key of <see cref="SslCert"/>.</summary>
    public string? SslKey { get; init; }

    public static SecurityConfig Read(YamlSection yaml)
    {
        foreach (var key in InlineContents)
        {
            if (yaml.Has(key))
            {
                // Dropping these would connect without the TLS the user asked for.
                throw yaml.Error(key, "certificates given inline are not supported yet; give file paths in ssl-ca, ssl-cert and ssl-key");
            }
        }

        var config = new SecurityConfig
        {
            SslCa = Blank(yaml.String("ssl-ca")),
            SslCert = Blank(yaml.String("ssl-cert")),
            SslKey = Blank(yaml.String("ssl-key")),
        };
        yaml.Finish(DmKeysNotActedOn.Security);
        if ((config.SslCert is null) != (config.SslKey is null))
        {
            throw yaml.Error(config.SslCert is null ? "ssl-key" : "ssl-cert", "ssl-cert and ssl-key go together: give both or neither");
        }

        return config;
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
