namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// POST /api/v2/changefeeds, as the doc gives it, with Sluice's extensions: <see cref="SourceName"/> (the registered
/// source whose binlog it reads; the only one when not given) and <see cref="Snapshot"/> (send the tables' rows first).
/// TiCDC's upstream fields (pd_addrs and the TLS paths) are accepted and not used: the upstream is a source.
/// </summary>
public sealed record CreateChangefeedRequest
{
    public string? ChangefeedId { get; init; }

    public string? Namespace { get; init; }

    public ReplicaConfig? ReplicaConfig { get; init; }

    public string? SinkUri { get; init; }

    public ulong? StartTs { get; init; }

    public ulong? TargetTs { get; init; }

    public string? SourceName { get; init; }

    public bool? Snapshot { get; init; }

    public IReadOnlyList<string>? PdAddrs { get; init; }

    public string? CaPath { get; init; }

    public string? CertPath { get; init; }

    public string? KeyPath { get; init; }

    public IReadOnlyList<string>? CertAllowedCn { get; init; }
}

/// <summary>PUT /api/v2/changefeeds/{id}: what may change while the changefeed is stopped or failed.</summary>
public sealed record UpdateChangefeedRequest
{
    public ReplicaConfig? ReplicaConfig { get; init; }

    public string? SinkUri { get; init; }

    public ulong? TargetTs { get; init; }

    public IReadOnlyList<string>? PdAddrs { get; init; }

    public string? CaPath { get; init; }

    public string? CertPath { get; init; }

    public string? KeyPath { get; init; }

    public IReadOnlyList<string>? CertAllowedCn { get; init; }
}

/// <summary>POST /api/v2/changefeeds/{id}/resume.</summary>
public sealed record ResumeChangefeedRequest
{
    public ulong? OverwriteCheckpointTs { get; init; }

    public IReadOnlyList<string>? PdAddrs { get; init; }

    public string? CaPath { get; init; }

    public string? CertPath { get; init; }

    public string? KeyPath { get; init; }

    public IReadOnlyList<string>? CertAllowedCn { get; init; }
}

/// <summary>POST /api/v2/log.</summary>
public sealed record LogLevelRequest
{
    public string? LogLevel { get; init; }
}
