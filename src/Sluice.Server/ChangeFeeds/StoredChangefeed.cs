namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// A changefeed as the server keeps it (kind "changefeed"): what was created, with the sink URI's password taken out
/// and sealed, the replica_config filled with defaults, and the state and last error the supervisor last reported.
/// </summary>
internal sealed record StoredChangefeed
{
    public required string Id { get; init; }

    public required string SourceName { get; init; }

    /// <summary>The sink URI with its password masked (<see cref="SinkUriSecret"/>).</summary>
    public required string SinkUri { get; init; }

    /// <summary>The password as written in the URI, sealed; null when the URI has none.</summary>
    public string? SinkPassword { get; init; }

    public required ulong StartTs { get; init; }

    public ulong TargetTs { get; init; }

    public bool Snapshot { get; init; }

    public required ReplicaConfig Config { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public required string CreatorVersion { get; init; }

    /// <summary>normal, stopped, warning, pending, failed, finished.</summary>
    public required string State { get; init; }

    public StoredError? Error { get; init; }
}

internal sealed record StoredError(DateTimeOffset Time, string Code, string Message);

/// <summary>A changefeed's checkpoint as kept (kind "changefeed-checkpoint"), the captured tables' structures (JSON) with it.</summary>
internal sealed record StoredCheckpoint(ulong CheckpointTs, string BinlogFile, ulong BinlogPosition, string? Gtid, string? Tables = null);
