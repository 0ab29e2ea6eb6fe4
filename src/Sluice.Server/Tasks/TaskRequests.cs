using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tasks;

/// <summary>The spec's StartTaskRequest.</summary>
public sealed record StartTaskRequest
{
    public bool? RemoveMeta { get; init; }

    public IReadOnlyList<string>? SourceNameList { get; init; }

    /// <summary>"2006-01-02 15:04:05" in the server's zone, or RFC 3339 with an offset.</summary>
    public string? StartTime { get; init; }

    /// <summary>A Go duration: "10s", "1m30s".</summary>
    public string? SafeModeTimeDuration { get; init; }
}

/// <summary>The spec's StopTaskRequest.</summary>
public sealed record StopTaskRequest
{
    /// <summary>A Go duration: how long to wait for the stop before answering.</summary>
    public string? TimeoutDuration { get; init; }

    public IReadOnlyList<string>? SourceNameList { get; init; }
}

/// <summary>The spec's OperateTaskResponse: the task as stored (password masked) and the precheck's result.</summary>
public sealed record OperateTaskResponse(ApiTask Task, string CheckResult);

/// <summary>The spec's GetTaskListResponse.</summary>
public sealed record GetTaskListResponse(int Total, IReadOnlyList<ApiTask> Data);

/// <summary>pause and resume's body as an object: which sources (all of them when absent).</summary>
public sealed record SourceNameListRequest
{
    public IReadOnlyList<string>? SourceNameList { get; init; }
}
