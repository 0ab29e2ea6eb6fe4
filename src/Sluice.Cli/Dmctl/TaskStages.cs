using System.Text.Json.Nodes;

namespace Sluice.Cli.Dmctl;

/// <summary>A task's subtask stages, from GET /api/v1/tasks/{name}/status.</summary>
internal static class TaskStages
{
    public static async Task<IReadOnlyList<string>> OfAsync(DmApiClient client, string taskName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var status = await client.GetAsync($"/api/v1/tasks/{TaskArgument.Segment(taskName)}/status", cancellationToken).ConfigureAwait(false);
        return Subtasks(status).Select(subtask => StatusFormat.Text(subtask, "stage")).ToList();
    }

    public static IEnumerable<JsonObject> Subtasks(JsonNode? status) => (status?["data"] as JsonArray ?? []).OfType<JsonObject>();
}
