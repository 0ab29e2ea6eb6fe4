namespace Sluice.Server.Sources;

/// <summary>
/// The spec's SourceStatus. relay_status is left out until the relay log exists; it is accepted (and ignored) on
/// input because clients send back what they read.
/// </summary>
public sealed record SourceStatus
{
    public required string SourceName { get; init; }

    public required string WorkerName { get; init; }

    public System.Text.Json.JsonElement? RelayStatus { get; init; }

    public string? ErrorMsg { get; init; }
}
