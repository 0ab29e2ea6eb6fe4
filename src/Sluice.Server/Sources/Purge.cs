namespace Sluice.Server.Sources;

/// <summary>The spec's Purge: the relay log cleanup policy (kept as given; the relay log is not supported yet).</summary>
public sealed record Purge
{
    public long? Interval { get; init; }

    public long? Expires { get; init; }

    public long? RemainSpace { get; init; }
}
