namespace Sluice.Server.Sources;

/// <summary>
/// The spec's Source (dm-openapi-spec.yaml, components/schemas/Source): what a user registers, and what the API
/// answers with the password masked as "******" and the security block hidden.
/// </summary>
public sealed record Source
{
    public required string SourceName { get; init; }

    public required string Host { get; init; }

    public required int Port { get; init; }

    public required string User { get; init; }

    public string? Password { get; init; }

    public required bool EnableGtid { get; init; }

    public required bool Enable { get; init; }

    /// <summary>"mysql" or "mariadb", found from the server's VERSION() when the source is created.</summary>
    public string? Flavor { get; init; }

    public IReadOnlyList<string>? TaskNameList { get; init; }

    public Security? Security { get; init; }

    public Purge? Purge { get; init; }

    public IReadOnlyList<SourceStatus>? StatusList { get; init; }

    public RelayConfig? RelayConfig { get; init; }
}
