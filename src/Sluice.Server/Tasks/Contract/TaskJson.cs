using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sluice.Server.Tasks.Contract;

/// <summary>How task bodies are read and written.</summary>
public static class TaskJson
{
    /// <summary>
    /// Trailing commas are allowed because the document's own create-task example has one
    /// (<c>"rule-3",</c> before <c>]</c>) and DM's examples are what users copy. Absent fields stay absent on output.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads a create or update request body.</summary>
    /// <exception cref="JsonException">Not JSON, a field of the wrong type, or a field the spec does not have.</exception>
    public static CreateTaskRequest ParseRequest(string json) =>
        JsonSerializer.Deserialize<CreateTaskRequest>(json, Options) ?? throw new JsonException("The body is null; send {\"task\": {...}}.");

    /// <summary>Reads a task object.</summary>
    /// <exception cref="JsonException">Not JSON, a field of the wrong type, or a field the spec does not have.</exception>
    public static ApiTask Parse(string json) =>
        JsonSerializer.Deserialize<ApiTask>(json, Options) ?? throw new JsonException("The task is null.");

    public static string Serialize(ApiTask task) => JsonSerializer.Serialize(task, Options);
}
