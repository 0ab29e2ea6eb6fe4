using Sluice.Replication.Configuration;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Sluice.Migration;
using Sluice.Migration.Supervision;
using Sluice.Server.Errors;
using Sluice.Server.Hosting;
using Sluice.Server.Observability;
using Sluice.Server.Sources;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tasks;

/// <summary>/api/v1/tasks: creating, reading, changing and running migration tasks, as DM's API does.</summary>
internal static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var tasks = endpoints.MapGroup("/api/v1/tasks").WithTags("task");
        tasks.MapPost("", CreateAsync).WithName("DMAPICreateTask").AcceptsJson<CreateTaskRequest>()
            .Produces<OperateTaskResponse>(StatusCodes.Status201Created).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        tasks.MapGet("", ListAsync).WithName("DMAPIGetTaskList").Produces<GetTaskListResponse>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        tasks.MapGet("/{taskName}", GetAsync).WithName("DMAPIGetTask").Produces<ApiTask>()
            .Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest).Produces<ErrorWithMessage>(StatusCodes.Status404NotFound);
        tasks.MapPut("/{taskName}", UpdateAsync).WithName("DMAPIUpdateTask").AcceptsJson<CreateTaskRequest>()
            .Produces<OperateTaskResponse>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        tasks.MapDelete("/{taskName}", DeleteAsync).WithName("DMAPIDeleteTask").Produces(StatusCodes.Status204NoContent).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        tasks.MapPost("/{taskName}/start", StartAsync).WithName("DMAPIStartTask").AcceptsJson<StartTaskRequest>(optional: true)
            .Produces(StatusCodes.Status200OK).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        tasks.MapPost("/{taskName}/stop", StopAsync).WithName("DMAPIStopTask").AcceptsJson<StopTaskRequest>(optional: true)
            .Produces(StatusCodes.Status200OK).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        tasks.MapGet("/{taskName}/status", StatusAsync).WithName("DMAPIGetTaskStatus").Produces<GetTaskStatusResponse>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);

        // The older document's names (dm-openapi-older.zh.md), which scripts written against DM 5.x still call.
        tasks.MapPost("/{taskName}/pause", PauseAsync).WithName("DMAPIPauseTask").AcceptsJson<SourceNameListRequest>(optional: true)
            .WithDescription("DM 5.x's name; the body may also be a bare array of source names").Produces(StatusCodes.Status200OK).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        tasks.MapPost("/{taskName}/resume", ResumeAsync).WithName("DMAPIResumeTask").AcceptsJson<SourceNameListRequest>(optional: true)
            .WithDescription("DM 5.x's name; the body may also be a bare array of source names").Produces(StatusCodes.Status200OK).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TaskRepository repository, SourceRepository sources, TaskLifecycle lifecycle, ServerEvents events, CancellationToken ct)
    {
        var task = await ReadTaskAsync(request, ct).ConfigureAwait(false);
        await ValidateAsync(task, sources, ct).ConfigureAwait(false);
        if (await repository.GetAsync(task.Name!, ct).ConfigureAwait(false) is not null)
            throw Exists(task.Name!);
        var stored = new StoredTask(task with { StatusList = null }, TaskRequestedStage.Stopped);
        var checkResult = await TaskPrecheck.RunAsync(await lifecycle.BuildAsync(stored, ct).ConfigureAwait(false), task.IgnoreCheckingItems ?? [], ct).ConfigureAwait(false);
        if (!await repository.CreateAsync(stored, ct).ConfigureAwait(false))
            throw Exists(task.Name!);
        events.TaskCreated(stored.Name, task.TaskMode, stored.SourceNames);
        return Results.Json(new OperateTaskResponse(stored.Task.Redacted(), checkResult), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(
        TaskRepository repository,
        TaskLifecycle lifecycle,
        EmbeddedNode node,
        [FromQuery(Name = "with_status")] bool? withStatus,
        [FromQuery(Name = "stage")] string? stage,
        [FromQuery(Name = "source_name_list")] string[]? sourceNameList,
        CancellationToken ct)
    {
        if (stage is not null && !Enum.TryParse<TaskStage>(stage, ignoreCase: true, out _))
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"stage {stage} is not one of Stopped, Running, Finished, Paused");
        var data = new List<ApiTask>();
        foreach (var stored in await repository.ListAsync(ct).ConfigureAwait(false))
        {
            var snapshot = lifecycle.Supervisor(stored.Name)?.Snapshot();
            if (stage is not null && !string.Equals(TaskStatusView.Stage(stored, snapshot), stage, StringComparison.OrdinalIgnoreCase))
                continue;
            if (sourceNameList is { Length: > 0 } && !stored.SourceNames.Any(sourceNameList.Contains))
                continue;
            data.Add(View(stored, snapshot, node, withStatus == true));
        }

        return Results.Json(new GetTaskListResponse(data.Count, data), ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string taskName, TaskRepository repository, TaskLifecycle lifecycle, EmbeddedNode node, [FromQuery(Name = "with_status")] bool? withStatus, CancellationToken ct)
    {
        var stored = await repository.GetAsync(taskName, ct).ConfigureAwait(false)
            ?? throw new ApiException(DmErrorCodes.SchedulerTaskNotExist, $"task {taskName} does not exist", StatusCodes.Status404NotFound);
        return Results.Json(View(stored, lifecycle.Supervisor(taskName)?.Snapshot(), node, withStatus == true), ApiJson.Options);
    }

    private static async Task<IResult> UpdateAsync(string taskName, HttpRequest request, TaskRepository repository, SourceRepository sources, TaskLifecycle lifecycle, ServerEvents events, CancellationToken ct)
    {
        var existing = await repository.GetRequiredAsync(taskName, ct).ConfigureAwait(false);
        var task = await ReadTaskAsync(request, ct).ConfigureAwait(false);
        if (task.Name != taskName)
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"name {task.Name} in the body differs from {taskName} in the path");
        if (lifecycle.Supervisor(taskName)?.Snapshot().Stage == TaskStage.Running)
            throw new ApiException(DmErrorCodes.SchedulerSubTaskStageInvalidUpdate, $"task {taskName} is running: pause or stop it before updating it");

        // A client that sends back what it read sends the masked password: that keeps the stored one.
        if (task.TargetConfig is { } target && target.Password is null or TaskTargetDatabase.HiddenPassword)
        {
            var stored = existing.Task.TargetConfig;
            task = task with { TargetConfig = target with { Password = stored?.Password, Security = target.Security ?? stored?.Security } };
        }

        await ValidateAsync(task, sources, ct).ConfigureAwait(false);
        var updated = existing with { Task = task with { StatusList = null } };
        var checkResult = await TaskPrecheck.RunAsync(await lifecycle.BuildAsync(updated, ct).ConfigureAwait(false), task.IgnoreCheckingItems ?? [], ct).ConfigureAwait(false);
        if (!await repository.UpdateAsync(updated, ct).ConfigureAwait(false))
            throw TaskRepository.NotFound(taskName);
        events.TaskUpdated(taskName);
        return Results.Json(new OperateTaskResponse(updated.Task.Redacted(), checkResult), ApiJson.Options);
    }

    private static async Task<IResult> DeleteAsync(
        string taskName,
        TaskRepository repository,
        TaskLifecycle lifecycle,
        TaskSupervisors supervisors,
        ServerEvents events,
        [FromQuery(Name = "force")] bool? force,
        [FromQuery(Name = "keep_meta")] bool? keepMeta,
        CancellationToken ct)
    {
        var stored = await repository.GetRequiredAsync(taskName, ct).ConfigureAwait(false);
        var supervisor = lifecycle.Supervisor(taskName);
        if (supervisor?.Snapshot().Stage == TaskStage.Running)
        {
            if (force != true)
                throw new ApiException(DmErrorCodes.SchedulerSubTaskStageInvalidUpdate, $"task {taskName} is running: stop it first, or delete with force=true");
            await supervisor.StopAsync(ct).ConfigureAwait(false);
        }

        if (keepMeta != true)
        {
            var task = await lifecycle.BuildAsync(stored, allowMissingSources: true, ct).ConfigureAwait(false);
            try
            {
                await TaskSupervisor.RemoveMetaAsync(task, ct).ConfigureAwait(false);
            }
            catch (MigrationException e)
            {
                throw new ApiException(DmErrorCodes.DbDriverError, $"task {taskName}: {e.Message}");
            }
        }

        supervisors.Remove(taskName);
        if (!await repository.DeleteAsync(taskName, ct).ConfigureAwait(false))
            throw TaskRepository.NotFound(taskName);
        events.TaskDeleted(taskName, keepMeta == true);
        return Results.NoContent();
    }

    private static async Task<IResult> StartAsync(string taskName, HttpRequest request, TaskRepository repository, TaskLifecycle lifecycle, ServerEvents events, CancellationToken ct)
    {
        var stored = await repository.GetRequiredAsync(taskName, ct).ConfigureAwait(false);
        var start = await ReadOptionalAsync<StartTaskRequest>(request, ct).ConfigureAwait(false) ?? new StartTaskRequest();
        var sources = Subset(stored, start.SourceNameList);
        var options = new StartOptions { RemoveMeta = start.RemoveMeta == true };
        if (options.RemoveMeta && sources is not null)
            throw new ApiException(DmErrorCodes.OpenApiCommon, "remove_meta starts every source of the task over: leave source_name_list empty or list all of them");
        if (start.StartTime is { } startTime)
        {
            options = options with
            {
                StartTime = StartTime.TryParse(startTime, out var time) ? time
                    : throw new ApiException(DmErrorCodes.OpenApiCommon, $"start_time {startTime} is not a time: write \"2006-01-02 15:04:05\" (the server's zone) or \"2006-01-02T15:04:05+08:00\""),
            };
        }

        if (start.SafeModeTimeDuration is { } safeMode)
        {
            options = options with
            {
                SafeModeDuration = GoDuration.TryParse(safeMode, out var duration) && duration >= TimeSpan.Zero ? duration
                    : throw new ApiException(DmErrorCodes.OpenApiCommon, $"safe_mode_time_duration {safeMode} is not a duration: write \"10s\", \"1m\", \"1h30m\""),
            };
        }

        if (lifecycle.Supervisor(taskName)?.Snapshot().Sources.Any(s => s.Stage == TaskStage.Running && (sources is null || sources.Contains(s.SourceId))) == true)
            throw new ApiException(DmErrorCodes.SchedulerSubTaskStageInvalidUpdate, $"task {taskName} is running already{(sources is null ? string.Empty : " on " + string.Join(", ", sources))}");
        var task = await lifecycle.BuildAsync(stored, ct).ConfigureAwait(false);
        var withCheckpoint = options.RemoveMeta ? new HashSet<string>() : await TaskLifecycle.SourcesWithCheckpointAsync(task, ct).ConfigureAwait(false);
        TaskChecks.ThrowIfAny(TaskValidator.ValidateStart(stored.Task, options.StartTime is not null, withCheckpoint));
        events.TaskOperation(taskName, "start");
        if (!lifecycle.Start(task, options, sources))
            throw new ApiException(DmErrorCodes.SchedulerSubTaskStageInvalidUpdate, $"task {taskName} is still running or stopping");
        await repository.SetStageAsync(taskName, TaskRequestedStage.Running, sources, ct).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<IResult> StopAsync(string taskName, HttpRequest request, TaskRepository repository, TaskLifecycle lifecycle, ServerEvents events, CancellationToken ct)
    {
        var stored = await repository.GetRequiredAsync(taskName, ct).ConfigureAwait(false);
        var stop = await ReadOptionalAsync<StopTaskRequest>(request, ct).ConfigureAwait(false) ?? new StopTaskRequest();
        var sources = Subset(stored, stop.SourceNameList);
        var timeout = Timeout.InfiniteTimeSpan;
        if (stop.TimeoutDuration is { } text && !(GoDuration.TryParse(text, out timeout) && timeout > TimeSpan.Zero))
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"timeout_duration {text} is not a duration: write \"15s\", \"1m\"");

        events.TaskOperation(taskName, "stop");

        // Stored first: whatever happens to the wait, the task is not to come back after a restart.
        await repository.SetStageAsync(taskName, TaskRequestedStage.Stopped, sources, ct).ConfigureAwait(false);
        if (lifecycle.Supervisor(taskName) is { } supervisor)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(timeout);
            try
            {
                await supervisor.StopAsync(sources, wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The stop goes on; the status shows when it is done.
            }
        }

        return Results.Ok();
    }

    private static async Task<IResult> PauseAsync(string taskName, HttpRequest request, TaskRepository repository, TaskLifecycle lifecycle, ServerEvents events, CancellationToken ct)
    {
        var stored = await repository.GetRequiredAsync(taskName, ct).ConfigureAwait(false);
        var sources = Subset(stored, await ReadSourceNamesAsync(request, ct).ConfigureAwait(false));
        if (lifecycle.Supervisor(taskName) is not { } supervisor
            || !supervisor.Snapshot().Sources.Any(s => s.Stage is TaskStage.Running or TaskStage.Paused && (sources is null || sources.Contains(s.SourceId))))
            throw new ApiException(DmErrorCodes.SchedulerSubTaskStageInvalidUpdate, $"task {taskName} is not running");
        events.TaskOperation(taskName, "pause");
        await repository.SetStageAsync(taskName, TaskRequestedStage.Paused, sources, ct).ConfigureAwait(false);
        await supervisor.PauseAsync(sources, ct).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<IResult> ResumeAsync(string taskName, HttpRequest request, TaskRepository repository, TaskLifecycle lifecycle, ServerEvents events, CancellationToken ct)
    {
        var stored = await repository.GetRequiredAsync(taskName, ct).ConfigureAwait(false);
        var sources = Subset(stored, await ReadSourceNamesAsync(request, ct).ConfigureAwait(false));
        var named = sources ?? stored.SourceNames;
        var runs = (lifecycle.Supervisor(taskName)?.Snapshot().Sources ?? []).Where(s => named.Contains(s.SourceId)).ToDictionary(s => s.SourceId, StringComparer.Ordinal);
        events.TaskOperation(taskName, "resume");
        if (runs.Values.Any(s => s.Stage == TaskStage.Paused))
        {
            await lifecycle.Supervisor(taskName)!.ResumeAsync(sources, ct).ConfigureAwait(false);
        }
        else if (!runs.Values.Any(s => s.Stage == TaskStage.Running))
        {
            // Paused before the server restarted: nothing runs in this process, so it starts from its checkpoints.
            var paused = named.Where(s => stored.StageOf(s) == TaskRequestedStage.Paused).ToList();
            if (paused.Count == 0)
                throw new ApiException(DmErrorCodes.SchedulerSubTaskStageInvalidUpdate, $"task {taskName} is not paused: start it instead");
            if (!lifecycle.Start(await lifecycle.BuildAsync(stored, ct).ConfigureAwait(false), new StartOptions(), paused.Count == stored.SourceNames.Count ? null : paused))
                throw new ApiException(DmErrorCodes.SchedulerSubTaskStageInvalidUpdate, $"task {taskName} is still stopping");
        }

        await repository.SetStageAsync(taskName, TaskRequestedStage.Running, sources, ct).ConfigureAwait(false);
        return Results.Ok();
    }

    private static async Task<IResult> StatusAsync(string taskName, TaskRepository repository, TaskLifecycle lifecycle, EmbeddedNode node, [FromQuery(Name = "source_name_list")] string[]? sourceNameList, CancellationToken ct)
    {
        var stored = await repository.GetRequiredAsync(taskName, ct).ConfigureAwait(false);
        var data = TaskStatusView.Of(stored, lifecycle.Supervisor(taskName)?.Snapshot(), node.WorkerName)
            .Where(status => sourceNameList is not { Length: > 0 } || sourceNameList.Contains(status.SourceName))
            .ToList();
        return Results.Json(new GetTaskStatusResponse(data.Count, data), ApiJson.Options);
    }

    private static ApiTask View(StoredTask stored, TaskStatusSnapshot? snapshot, EmbeddedNode node, bool withStatus)
    {
        var task = stored.Task.Redacted();
        if (!withStatus)
            return task with { StatusList = null };
        var status = TaskStatusView.Of(stored, snapshot, node.WorkerName);
        return task with { StatusList = [.. status.Select(s => JsonSerializer.SerializeToElement(s, ApiJson.Options))] };
    }

    /// <summary>Reads {"task": {...}} as DM's examples write it (a trailing comma included).</summary>
    private static async Task<ApiTask> ReadTaskAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        try
        {
            return TaskJson.ParseRequest(text).Task ?? throw new ApiException(DmErrorCodes.OpenApiCommon, "bad request body: task is missing: send {\"task\": {...}}");
        }
        catch (JsonException e)
        {
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"bad request body: {JsonErrorText.Describe(e)}");
        }
    }

    /// <summary>A body that may be left out (curl -X POST with no -d): null when empty.</summary>
    private static async Task<T?> ReadOptionalAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonSerializer.Deserialize<T>(text, ApiJson.Options);
        }
        catch (JsonException e)
        {
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"bad request body: {JsonErrorText.Describe(e)}");
        }
    }

    /// <summary>
    /// pause and resume's body: the older document sends the source names as an array (<c>["source-1"]</c>); an
    /// object with source_name_list, as the newer requests have, is taken too. Null when empty.
    /// </summary>
    private static async Task<IReadOnlyList<string>?> ReadSourceNamesAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            var element = JsonSerializer.Deserialize<JsonElement>(text, ApiJson.Options);
            return element.ValueKind == JsonValueKind.Array
                ? ApiJson.Convert<string[]>(element)
                : ApiJson.Convert<SourceNameListRequest>(element).SourceNameList;
        }
        catch (JsonException e)
        {
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"bad request body: {JsonErrorText.Describe(e)}");
        }
    }

    private static async Task ValidateAsync(ApiTask task, SourceRepository sources, CancellationToken ct)
    {
        var known = (await sources.ListAsync(ct).ConfigureAwait(false)).Select(s => s.SourceName).ToHashSet(StringComparer.Ordinal);
        TaskChecks.ThrowIfAny(TaskValidator.Validate(task, known));
    }

    /// <summary>
    /// The sources a request names (source_name_list), each checked to be one of the task's; null when it names none
    /// or all of them, which means the whole task.
    /// </summary>
    private static IReadOnlyList<string>? Subset(StoredTask stored, IReadOnlyList<string>? names)
    {
        if (names is not { Count: > 0 })
            return null;
        foreach (var name in names)
        {
            if (!stored.SourceNames.Contains(name, StringComparer.Ordinal))
                throw new ApiException(DmErrorCodes.SchedulerSubTaskOpSourceNotExist, $"source {name} is not a source of task {stored.Name}");
        }

        return stored.SourceNames.Except(names, StringComparer.Ordinal).Any() ? [.. names.Distinct(StringComparer.Ordinal)] : null;
    }

    private static ApiException Exists(string name) =>
        new(DmErrorCodes.SchedulerSubTaskExist, $"task {name} already exists");
}
