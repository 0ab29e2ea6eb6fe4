using System.Text.Json.Serialization;

namespace Sluice.Server.Tasks.Contract;

/// <summary>The body of <c>POST /api/v1/tasks</c> and <c>PUT /api/v1/tasks/{task-name}</c>: <c>{"task": {...}}</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateTaskRequest
{
    [JsonPropertyName("task")]
    public ApiTask? Task { get; init; }
}
