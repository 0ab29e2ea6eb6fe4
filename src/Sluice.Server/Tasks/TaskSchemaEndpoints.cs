using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MySqlConnector;
using Sluice.Migration;
using Sluice.Migration.Schema;
using Sluice.Migration.Supervision;
using Sluice.Replication.Filtering;
using Sluice.Server.Errors;
using Sluice.Server.Hosting;

namespace Sluice.Server.Tasks;

/// <summary>
/// /api/v1/tasks/{task}/sources/{source}/schemas…: the schema tracker of a task's source: the schemas and tables it
/// tracks, a table's CREATE TABLE, and replacing or removing it (DM's <c>binlog-schema</c>) while the task does not run.
/// </summary>
internal static class TaskSchemaEndpoints
{
    public static IEndpointRouteBuilder MapTaskSchemaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var schemas = endpoints.MapGroup("/api/v1/tasks/{taskName}/sources/{sourceName}/schemas").WithTags("task");
        schemas.MapGet("", SchemasAsync).WithName("DMAPIGetSchemaListByTaskAndSource")
            .Produces<string[]>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        schemas.MapGet("/{schemaName}", TablesAsync).WithName("DMAPIGetTableListByTaskAndSource")
            .Produces<string[]>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        schemas.MapGet("/{schemaName}/{tableName}", GetAsync).WithName("DMAPIGetTableStructure")
            .Produces<GetTaskTableStructureResponse>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        schemas.MapPut("/{schemaName}/{tableName}", OperateAsync).WithName("DMAPIOperateTableStructure")
            .AcceptsJson<OperateTaskTableStructureRequest>().Produces(StatusCodes.Status200OK).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        // The document's heading says POST where its curl says PUT: both are answered.
        schemas.MapPost("/{schemaName}/{tableName}", OperateAsync).WithName("DMAPIOperateTableStructurePost")
            .AcceptsJson<OperateTaskTableStructureRequest>().Produces(StatusCodes.Status200OK).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        schemas.MapDelete("/{schemaName}/{tableName}", DeleteAsync).WithName("DMAPIDeleteTableStructure")
            .Produces(StatusCodes.Status204NoContent).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<IResult> SchemasAsync(string taskName, string sourceName, TaskRepository repository, TaskLifecycle lifecycle, CancellationToken ct)
    {
        var structures = await StructuresAsync(taskName, sourceName, repository, lifecycle, mustNotRun: false, ct).ConfigureAwait(false);
        var tables = await Guard(() => structures.ListAsync(ct)).ConfigureAwait(false);
        return Results.Json(tables.Select(t => t.Schema).Distinct(StringComparer.Ordinal).ToList(), ApiJson.Options);
    }

    private static async Task<IResult> TablesAsync(string taskName, string sourceName, string schemaName, TaskRepository repository, TaskLifecycle lifecycle, CancellationToken ct)
    {
        var structures = await StructuresAsync(taskName, sourceName, repository, lifecycle, mustNotRun: false, ct).ConfigureAwait(false);
        var tables = await Guard(() => structures.ListAsync(ct)).ConfigureAwait(false);
        return Results.Json(tables.Where(t => t.Schema == schemaName).Select(t => t.Table).ToList(), ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(
        string taskName, string sourceName, string schemaName, string tableName, TaskRepository repository, TaskLifecycle lifecycle, CancellationToken ct)
    {
        var structures = await StructuresAsync(taskName, sourceName, repository, lifecycle, mustNotRun: false, ct).ConfigureAwait(false);
        var table = await Guard(() => structures.GetAsync(new TableName(schemaName, tableName), ct)).ConfigureAwait(false)
            ?? throw NotTracked(schemaName, tableName);
        return Results.Json(new GetTaskTableStructureResponse(schemaName, tableName, table.CreateTable), ApiJson.Options);
    }

    private static async Task<IResult> OperateAsync(
        string taskName, string sourceName, string schemaName, string tableName, HttpRequest request, TaskRepository repository, TaskLifecycle lifecycle, CancellationToken ct)
    {
        var body = await ApiJson.ReadBodyAsync<OperateTaskTableStructureRequest>(request, ct).ConfigureAwait(false);
        var structures = await StructuresAsync(taskName, sourceName, repository, lifecycle, mustNotRun: true, ct).ConfigureAwait(false);
        var table = new TableName(schemaName, tableName);
        switch (body.SchemaSource ?? "sql")
        {
            case "sql":
                if (string.IsNullOrWhiteSpace(body.SqlContent))
                    throw new ApiException(DmErrorCodes.SchemaTrackerInvalidCreateTableStmt, "sql_content must hold the CREATE TABLE statement when schema_source is sql");
                await Guard(() => structures.SetAsync(table, body.SqlContent, ct)).ConfigureAwait(false);
                break;
            case "upstream":
                await Guard(() => structures.SetFromSourceAsync(table, ct)).ConfigureAwait(false);
                break;
            case "downstream":
                await Guard(() => structures.SetFromTargetAsync(table, ct)).ConfigureAwait(false);
                break;
            default:
                throw new ApiException(DmErrorCodes.OpenApiCommon, $"schema_source {body.SchemaSource} is not one of sql, upstream, downstream");
        }

        return Results.Ok();
    }

    private static async Task<IResult> DeleteAsync(
        string taskName, string sourceName, string schemaName, string tableName, TaskRepository repository, TaskLifecycle lifecycle, CancellationToken ct)
    {
        var structures = await StructuresAsync(taskName, sourceName, repository, lifecycle, mustNotRun: true, ct).ConfigureAwait(false);
        await Guard(async () =>
        {
            await structures.DeleteAsync(new TableName(schemaName, tableName), ct).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<TableStructures> StructuresAsync(
        string taskName, string sourceName, TaskRepository repository, TaskLifecycle lifecycle, bool mustNotRun, CancellationToken ct)
    {
        var stored = await repository.GetAsync(taskName, ct).ConfigureAwait(false)
            ?? throw new ApiException(DmErrorCodes.SchedulerTaskNotExist, $"task {taskName} does not exist");
        if (!stored.SourceNames.Contains(sourceName, StringComparer.Ordinal))
            throw new ApiException(DmErrorCodes.SchedulerSubTaskNotExist, $"task {taskName} has no subtask on source {sourceName}: it does not read that source");
        var stage = TaskStatusView.Stage(stored, lifecycle.Supervisor(taskName)?.Snapshot());
        if (mustNotRun && string.Equals(stage, nameof(TaskStage.Running), StringComparison.Ordinal))
            throw new ApiException(DmErrorCodes.WorkerNotPausedStage, $"current stage of task {taskName} is Running but not paused: pause or stop it before changing its table structures");
        MigrationTask task;
        try
        {
            task = await lifecycle.BuildAsync(stored, allowMissingSources: true, ct).ConfigureAwait(false);
        }
        catch (MigrationException ex)
        {
            throw new ApiException(DmErrorCodes.SchedulerSubTaskOpSourceNotExist, ex.Message);
        }

        if (task.Sources.All(s => s.SourceId != sourceName))
            throw new ApiException(DmErrorCodes.SchedulerSourceCfgNotExist, $"source {sourceName} of task {taskName} is not registered");
        return new TableStructures(task, sourceName);
    }

    /// <summary>The tracker's and the target's refusals as DM's errors.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (TableStructureException ex)
        {
            throw new ApiException(
                ex.Error switch
                {
                    TableStructureError.InvalidStatement => DmErrorCodes.SchemaTrackerInvalidCreateTableStmt,
                    TableStructureError.Refused => DmErrorCodes.SchemaTrackerCannotExecDdl,
                    _ => DmErrorCodes.SchemaTrackerCannotGetTable,
                },
                ex.Message);
        }
        catch (Exception ex) when (ex is MySqlException or MigrationException)
        {
            throw new ApiException(DmErrorCodes.DbDriverError, $"the task's target cannot be read: {ex.Message}");
        }
    }

    private static ApiException NotTracked(string schema, string table) =>
        new(DmErrorCodes.SchemaTrackerCannotGetTable, $"table {schema}.{table} is not tracked by the task's schema tracker");
}

/// <summary>The spec's GetTaskTableStructureResponse.</summary>
public sealed record GetTaskTableStructureResponse(string SchemaName, string TableName, string SchemaCreateSql);

/// <summary>The spec's OperateTaskTableStructureRequest.</summary>
public sealed record OperateTaskTableStructureRequest
{
    /// <summary>sql (from sql_content), upstream (the source table now) or downstream (the routed target table now).</summary>
    public string? SchemaSource { get; init; }

    public string? SqlContent { get; init; }

    /// <summary>Kept for DM's scripts: the structure is always written to the checkpoint.</summary>
    public bool? Flush { get; init; }

    /// <summary>Kept for DM's scripts: shard DDL coordination is not done, so there is nothing to tell.</summary>
    public bool? Sync { get; init; }
}
