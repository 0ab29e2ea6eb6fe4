using System.Text.Json.Serialization;

namespace Sluice.Server.ChangeFeeds;

/// <summary>A changefeed in detail (GET /api/v2/changefeeds/{id}, and the answer of create and update), fields as the doc lists them.</summary>
public sealed record ChangefeedInfo
{
    public int AdminJobType { get; init; }

    public required string CheckpointTime { get; init; }

    public required ulong CheckpointTs { get; init; }

    public required ReplicaConfig Config { get; init; }

    public required string CreateTime { get; init; }

    public required string CreatorVersion { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunningError? Error { get; init; }

    public required string Id { get; init; }

    public required ulong ResolvedTs { get; init; }

    /// <summary>With its password masked.</summary>
    public required string SinkUri { get; init; }

    public required ulong StartTs { get; init; }

    public required string State { get; init; }

    public required ulong TargetTs { get; init; }

    public required IReadOnlyList<TaskStatus> TaskStatus { get; init; }

    /// <summary>Sluice's extension: the registered source it reads.</summary>
    public required string SourceName { get; init; }

    /// <summary>Sluice's extension: whether the tables' rows are sent first.</summary>
    public required bool Snapshot { get; init; }
}

/// <summary>TiCDC's RunningError: when, where (the capture's address), the code and the message.</summary>
public sealed record RunningError(string Time, string Addr, string Code, string Message);

/// <summary>Which tables a capture replicates for the changefeed (Sluice has no TiDB table ids: empty).</summary>
public sealed record TaskStatus(string CaptureId, IReadOnlyList<long> TableIds);

/// <summary>One item of GET /api/v2/changefeeds; error is written null when there is none, as in the doc.</summary>
public sealed record ChangefeedCommonInfo(string Id, string State, ulong CheckpointTso, string CheckpointTime, RunningError? Error);

/// <summary>TiCDC's list shape.</summary>
public sealed record ListResponse<T>(int Total, IReadOnlyList<T> Items);

/// <summary>GET /api/v2/changefeed/{id}/synced: times as TiCDC writes them (<c>2006-01-02 15:04:05.000</c>).</summary>
public sealed record SyncedStatus(bool Synced, string SinkCheckpointTs, string PullerResolvedTs, string LastSyncedTs, string NowTs, string Info);

/// <summary>GET /api/v2/status.</summary>
public sealed record ServerStatus(string Version, string GitHash, string Id, int Pid, bool IsOwner, int Liveness);

/// <summary>One item of GET /api/v2/captures.</summary>
public sealed record CaptureInfo(string Id, bool IsOwner, string Address);

/// <summary>One item of GET /api/v2/processors.</summary>
public sealed record ProcessorCommonInfo(string ChangefeedId, string CaptureId);

/// <summary>GET /api/v2/processors/{changefeed_id}/{capture_id}.</summary>
public sealed record ProcessorDetail(IReadOnlyList<long> TableIds);

/// <summary>The body of calls that answer nothing but 200.</summary>
public sealed record EmptyResponse;
