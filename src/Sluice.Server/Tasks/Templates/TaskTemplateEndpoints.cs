using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Server.Errors;
using Sluice.Server.Hosting;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tasks.Templates;

/// <summary>
/// /api/v1/tasks/templates: task configurations kept for later (create, list, get, update, delete) and the import
/// of every existing task as a template. Passwords are "******" in every answer.
/// </summary>
internal static class TaskTemplateEndpoints
{
    public static IEndpointRouteBuilder MapTaskTemplateEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var templates = endpoints.MapGroup("/api/v1/tasks/templates").WithTags("task");
        templates.MapPost("/", async (HttpRequest request, TaskTemplateRepository repository, CancellationToken ct) =>
        {
            var template = await ReadTemplateAsync(request, null, ct).ConfigureAwait(false);
            if (!await repository.CreateAsync(template, ct).ConfigureAwait(false))
                throw new ApiException(DmErrorCodes.SchedulerSubTaskExist, $"task template {template.Name} already exists");
            return Results.Json(template.Redacted(), TaskJson.Options, statusCode: StatusCodes.Status201Created);
        }).WithName("DMAPICreateTaskTemplate").AcceptsJson<ApiTask>().Produces<ApiTask>(StatusCodes.Status201Created).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        templates.MapGet("/", async (TaskTemplateRepository repository, CancellationToken ct) =>
        {
            var all = await repository.ListAsync(ct).ConfigureAwait(false);
            return Results.Json(new GetTaskListResponse(all.Count, [.. all.Select(t => t.Redacted())]), ApiJson.Options);
        }).WithName("DMAPIGetTaskTemplateList").Produces<GetTaskListResponse>();
        templates.MapPost("/import", async (HttpRequest request, TaskRepository tasks, TaskTemplateRepository repository, CancellationToken ct) =>
        {
            var overwrite = (await ApiJson.ReadBodyAsync<TaskTemplateRequest>(request, ct).ConfigureAwait(false)).Overwrite;
            var imported = new List<string>();
            var failed = new List<Dictionary<string, string>>();
            foreach (var stored in await tasks.ListAsync(ct).ConfigureAwait(false))
            {
                var template = stored.Task with { StatusList = null };
                var done = await repository.CreateAsync(template, ct).ConfigureAwait(false)
                    || (overwrite && await repository.UpdateAsync(template, ct).ConfigureAwait(false));
                if (done)
                    imported.Add(stored.Name);
                else
                    failed.Add(new() { ["task_name"] = stored.Name, ["error_msg"] = $"task template {stored.Name} already exists" });
            }

            var response = new Dictionary<string, object> { ["success_task_list"] = imported, ["failed_task_list"] = failed };
            return Results.Json(response, ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
        }).WithName("DMAPIImportTaskTemplate").AcceptsJson<TaskTemplateRequest>()
            .Produces<TaskTemplateResponse>(StatusCodes.Status202Accepted).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        templates.MapGet("/{taskName}", async (string taskName, TaskTemplateRepository repository, CancellationToken ct) =>
        {
            var template = await repository.GetAsync(taskName, ct).ConfigureAwait(false) ?? throw TaskTemplateRepository.NotFound(taskName);
            return Results.Json(template.Redacted(), TaskJson.Options);
        }).WithName("DMAPIGetTaskTemplate").Produces<ApiTask>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        templates.MapPut("/{taskName}", async (string taskName, HttpRequest request, TaskTemplateRepository repository, CancellationToken ct) =>
        {
            var existing = await repository.GetAsync(taskName, ct).ConfigureAwait(false) ?? throw TaskTemplateRepository.NotFound(taskName);
            var template = await ReadTemplateAsync(request, taskName, ct).ConfigureAwait(false);
            // "******" (as every answer shows it) keeps the stored password.
            if (template.TargetConfig is { Password: TaskTargetDatabase.HiddenPassword } target)
                template = template with { TargetConfig = target with { Password = existing.TargetConfig?.Password } };
            if (!await repository.UpdateAsync(template, ct).ConfigureAwait(false))
                throw TaskTemplateRepository.NotFound(taskName);
            return Results.Json(template.Redacted(), TaskJson.Options);
        }).WithName("DMAPUpdateTaskTemplate").AcceptsJson<ApiTask>().Produces<ApiTask>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        templates.MapDelete("/{taskName}", async (string taskName, TaskTemplateRepository repository, CancellationToken ct) =>
            await repository.DeleteAsync(taskName, ct).ConfigureAwait(false) ? Results.NoContent() : throw TaskTemplateRepository.NotFound(taskName))
            .WithName("DMAPIDeleteTaskTemplate").Produces(StatusCodes.Status204NoContent).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    /// <summary>The body is a task (not wrapped), checked as a created task is, with its own sources as the known ones.</summary>
    private static async Task<ApiTask> ReadTemplateAsync(HttpRequest request, string? expectedName, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        ApiTask template;
        try
        {
            template = TaskJson.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"bad request body: {JsonErrorText.Describe(e)}");
        }

        if (expectedName is not null && !string.Equals(template.Name, expectedName, StringComparison.Ordinal))
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"the body names task template {template.Name}, the path {expectedName}");
        TaskChecks.ThrowIfInvalidOnItsOwn(template);
        return template;
    }
}

/// <summary>The spec's TaskTemplateRequest: whether an import replaces templates of the same name.</summary>
public sealed record TaskTemplateRequest(bool Overwrite);
