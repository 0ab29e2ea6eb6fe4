using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Sluice.Server.Errors;
using Sluice.Server.Sources;

namespace Sluice.Server.Tasks;

/// <summary>
/// GET /api/v1/tasks/{task-name}/sources/{source-name}/migrate_targets: the source's tables the task migrates and
/// the target table of each, optionally narrowed by schema_pattern and table_pattern (matched on the source names).
/// </summary>
internal static class MigrateTargetEndpoints
{
    public static IEndpointRouteBuilder MapTaskMigrateTargetEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/tasks/{taskName}/sources/{sourceName}/migrate_targets", GetAsync)
            .WithName("DMAPIGetTaskMigrateTargets").WithTags("task")
            .Produces<GetTaskMigrateTargetsResponse>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(
        string taskName,
        string sourceName,
        TaskRepository tasks,
        SourceRepository sources,
        TaskLifecycle lifecycle,
        [FromQuery(Name = "schema_pattern")] string? schemaPattern,
        [FromQuery(Name = "table_pattern")] string? tablePattern,
        CancellationToken ct)
    {
        var stored = await tasks.GetRequiredAsync(taskName, ct).ConfigureAwait(false);
        if (!stored.SourceNames.Contains(sourceName, StringComparer.Ordinal))
            throw new ApiException(DmErrorCodes.SchedulerSubTaskNotExist, $"task {taskName} has no subtask on source {sourceName}: it does not read that source");

        // The task as it runs: its block-allow list, routes and case sensitivity for this source.
        var task = await lifecycle.BuildAsync(stored, ct).ConfigureAwait(false);
        var instance = task.Sources.Single(s => s.SourceId == sourceName);
        var source = await sources.GetRequiredAsync(sourceName, ct).ConfigureAwait(false);
        await using var connection = await SourceConnection.OpenAsync(source.Host, source.Port, source.User, sources.OpenPassword(source), ct).ConfigureAwait(false);
        var targets = await MigrateTargets.ListAsync(instance, task.CaseSensitive, connection, schemaPattern, tablePattern, ct).ConfigureAwait(false);
        return Results.Json(new GetTaskMigrateTargetsResponse(targets.Count, targets), ApiJson.Options);
    }
}
