using System.Text.Json.Serialization;

namespace Sluice.Server.Tasks.Contract;

/// <summary>
/// TLS for a database connection, given as PEM contents rather than file paths (the spec's Security). An empty
/// string means not given, as in the document's examples.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskSecurity
{
    [JsonPropertyName("ssl_ca_content")]
    public string? SslCaContent { get; init; }

    [JsonPropertyName("ssl_cert_content")]
    public string? SslCertContent { get; init; }

    [JsonPropertyName("ssl_key_content")]
    public string? SslKeyContent { get; init; }

    /// <summary>Common names allowed for clients of DM's own servers; it does not apply to a database connection.</summary>
    [JsonPropertyName("cert_allowed_cn")]
    public IReadOnlyList<string>? CertAllowedCn { get; init; }

    /// <summary>The certificate contents, with empty strings as absent.</summary>
    public TlsContents ToTlsContents() => new(Blank(SslCaContent), Blank(SslCertContent), Blank(SslKeyContent));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
