namespace Sluice.Server.Sources;

/// <summary>The spec's Security: TLS material for connecting to a source, given as file contents.</summary>
public sealed record Security
{
    public required string SslCaContent { get; init; }

    public required string SslCertContent { get; init; }

    public required string SslKeyContent { get; init; }

    public IReadOnlyList<string>? CertAllowedCn { get; init; }
}
