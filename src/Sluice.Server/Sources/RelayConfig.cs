namespace Sluice.Server.Sources;

/// <summary>The spec's RelayConfig.</summary>
public sealed record RelayConfig
{
    public bool? EnableRelay { get; init; }

    public string? RelayBinlogName { get; init; }

    public string? RelayBinlogGtid { get; init; }

    public string? RelayDir { get; init; }
}
