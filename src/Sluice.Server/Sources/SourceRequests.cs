namespace Sluice.Server.Sources;

/// <summary>The spec's CreateSourceRequest: <c>{"source": {...}, "worker_name": "..."}</c>.</summary>
public sealed record CreateSourceRequest
{
    public required Source Source { get; init; }

    public string? WorkerName { get; init; }
}

/// <summary>The spec's UpdateSourceRequest: <c>{"source": {...}}</c>.</summary>
public sealed record UpdateSourceRequest
{
    public required Source Source { get; init; }
}

/// <summary>The spec's WorkerNameRequest.</summary>
public sealed record WorkerNameRequest
{
    public required string WorkerName { get; init; }
}

/// <summary>The spec's GetSourceListResponse.</summary>
public sealed record GetSourceListResponse(int Total, IReadOnlyList<Source> Data);

/// <summary>The spec's GetSourceStatusResponse.</summary>
public sealed record GetSourceStatusResponse(int Total, IReadOnlyList<SourceStatus> Data);
