using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Sluice.Server.Errors;
using Sluice.Server.Hosting;
using Sluice.Server.Observability;

namespace Sluice.Server.Sources;

/// <summary>/api/v1/sources: registering the MySQL and MariaDB servers tasks read from, as DM's API does.</summary>
internal static class SourceEndpoints
{
    private const string RelayNotSupported = "relay log is not supported yet: tasks read the source's binlog directly";

    public static IEndpointRouteBuilder MapSourceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var sources = endpoints.MapGroup("/api/v1/sources").WithTags("source");
        sources.MapPost("", CreateAsync).WithName("DMAPICreateSource").AcceptsJson<CreateSourceRequest>()
            .Produces<Source>(StatusCodes.Status201Created).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapGet("", ListAsync).WithName("DMAPIGetSourceList").Produces<GetSourceListResponse>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapGet("/{sourceName}", GetAsync).WithName("DMAPIGetSource").Produces<Source>()
            .Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest).Produces<ErrorWithMessage>(StatusCodes.Status404NotFound);
        sources.MapPut("/{sourceName}", UpdateAsync).WithName("DMAPIUpdateSource").AcceptsJson<UpdateSourceRequest>()
            .Produces<Source>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapDelete("/{sourceName}", DeleteAsync).WithName("DMAPIDeleteSource").Produces(StatusCodes.Status204NoContent).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapGet("/{sourceName}/status", StatusAsync).WithName("DMAPIGetSourceStatus").Produces<GetSourceStatusResponse>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapPost("/{sourceName}/enable", (string sourceName, SourceRepository repository, CancellationToken ct) => SetEnableAsync(sourceName, true, repository, ct))
            .WithName("DMAPIEnableSource").Produces(StatusCodes.Status200OK).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapPost("/{sourceName}/disable", (string sourceName, SourceRepository repository, CancellationToken ct) => SetEnableAsync(sourceName, false, repository, ct))
            .WithName("DMAPIDisableSource").Produces(StatusCodes.Status200OK).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapPost("/{sourceName}/transfer", TransferAsync).WithName("DMAPITransferSource").AcceptsJson<WorkerNameRequest>()
            .Produces(StatusCodes.Status200OK).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapPost("/{sourceName}/relay/enable", RelayAsync).WithName("DMAPIEnableRelay").WithDescription(RelayNotSupported).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapPost("/{sourceName}/relay/disable", RelayAsync).WithName("DMAPIDisableRelay").WithDescription(RelayNotSupported).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapPost("/{sourceName}/relay/purge", RelayAsync).WithName("DMAPIPurgeRelay").WithDescription(RelayNotSupported).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        // The older document's names (dm-openapi-older.zh.md).
        sources.MapPost("/{sourceName}/start-relay", RelayAsync).WithName("DMAPIStartRelay").WithDescription(RelayNotSupported).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapPost("/{sourceName}/stop-relay", RelayAsync).WithName("DMAPIStopRelay").WithDescription(RelayNotSupported).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapPost("/{sourceName}/pause-relay", RelayAsync).WithName("DMAPIPauseRelay").WithDescription(RelayNotSupported).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapPost("/{sourceName}/resume-relay", RelayAsync).WithName("DMAPIResumeRelay").WithDescription(RelayNotSupported).Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapGet("/{sourceName}/schemas", SchemasAsync).WithName("DMAPIGetSourceSchemaList").Produces<IReadOnlyList<string>>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        sources.MapGet("/{sourceName}/schemas/{schemaName}", TablesAsync).WithName("DMAPIGetSourceTableList").Produces<IReadOnlyList<string>>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, SourceRepository repository, ISourceUsage usage, EmbeddedNode node, ServerEvents events, CancellationToken ct)
    {
        // The spec wraps the source ({"source": {...}, "worker_name": ...}); DM's documented curl sends the source
        // itself. Both are accepted.
        var body = await ApiJson.ReadElementAsync(request, ct).ConfigureAwait(false);
        Source source;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("source", out _))
        {
            var create = ApiJson.Convert<CreateSourceRequest>(body);
            if (create.WorkerName is { Length: > 0 } worker && worker != node.WorkerName)
                throw UnknownWorker(worker, node);
            source = create.Source;
        }
        else
        {
            source = ApiJson.Convert<Source>(body);
        }

        if (await repository.GetAsync(source.SourceName, ct).ConfigureAwait(false) is not null)
            throw Exists(source.SourceName);
        source = await CheckAsync(source, ct).ConfigureAwait(false);
        if (!await repository.CreateAsync(source, ct).ConfigureAwait(false))
            throw Exists(source.SourceName);
        events.SourceCreated(source.SourceName, source.Host, source.Port, source.User);
        return Results.Json(View(source, usage, node, withStatus: false), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(SourceRepository repository, ISourceUsage usage, EmbeddedNode node, [FromQuery(Name = "with_status")] bool? withStatus, [FromQuery(Name = "enable_relay")] bool? enableRelay, CancellationToken ct)
    {
        var sources = await repository.ListAsync(ct).ConfigureAwait(false);

        // No source has the relay log on, so asking only for those lists none.
        var data = enableRelay == true ? [] : sources.Select(source => View(source, usage, node, withStatus == true)).ToList();
        return Results.Json(new GetSourceListResponse(data.Count, data), ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string sourceName, SourceRepository repository, ISourceUsage usage, EmbeddedNode node, [FromQuery(Name = "with_status")] bool? withStatus, CancellationToken ct)
    {
        var source = await repository.GetAsync(sourceName, ct).ConfigureAwait(false)
            ?? throw new ApiException(DmErrorCodes.SchedulerSourceCfgNotExist, $"source {sourceName} does not exist", StatusCodes.Status404NotFound);
        return Results.Json(View(source, usage, node, withStatus == true), ApiJson.Options);
    }

    private static async Task<IResult> UpdateAsync(string sourceName, HttpRequest request, SourceRepository repository, ISourceUsage usage, EmbeddedNode node, ServerEvents events, CancellationToken ct)
    {
        var existing = await repository.GetRequiredAsync(sourceName, ct).ConfigureAwait(false);
        var body = await ApiJson.ReadElementAsync(request, ct).ConfigureAwait(false);
        var source = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("source", out _)
            ? ApiJson.Convert<UpdateSourceRequest>(body).Source
            : ApiJson.Convert<Source>(body);
        if (source.SourceName != sourceName)
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"source_name {source.SourceName} in the body differs from {sourceName} in the path");

        // A client that sends back what it read sends the masked password: that keeps the stored one.
        if (source.Password is null or SourceRepository.MaskedPassword)
            source = source with { Password = repository.OpenPassword(existing) };
        source = await CheckAsync(source, ct).ConfigureAwait(false);
        if (!await repository.UpdateAsync(source, ct).ConfigureAwait(false))
            throw SourceRepository.NotFound(sourceName);
        events.SourceUpdated(source.SourceName, source.Host, source.Port, source.User);
        return Results.Json(View(source, usage, node, withStatus: false), ApiJson.Options);
    }

    private static async Task<IResult> DeleteAsync(string sourceName, SourceRepository repository, ISourceUsage usage, ServerEvents events, [FromQuery(Name = "force")] bool? force, CancellationToken ct)
    {
        await repository.GetRequiredAsync(sourceName, ct).ConfigureAwait(false);
        var tasks = usage.TasksUsing(sourceName);
        if (tasks.Count > 0 && force != true)
        {
            throw new ApiException(DmErrorCodes.SchedulerSourceOpTaskExist,
                $"source {sourceName} is used by tasks {string.Join(", ", tasks)}: stop and delete them first, or delete with force=true");
        }

        if (!await repository.DeleteAsync(sourceName, ct).ConfigureAwait(false))
            throw SourceRepository.NotFound(sourceName);
        events.SourceDeleted(sourceName);
        return Results.NoContent();
    }

    private static async Task<IResult> StatusAsync(string sourceName, SourceRepository repository, EmbeddedNode node, CancellationToken ct)
    {
        var source = await repository.GetRequiredAsync(sourceName, ct).ConfigureAwait(false);
        return Results.Json(new GetSourceStatusResponse(1, [Status(source, node)]), ApiJson.Options);
    }

    private static async Task<IResult> SetEnableAsync(string sourceName, bool enable, SourceRepository repository, CancellationToken ct)
    {
        var source = await repository.GetRequiredAsync(sourceName, ct).ConfigureAwait(false);
        if (source.Enable != enable && !await repository.UpdateAsync(source with { Enable = enable }, ct).ConfigureAwait(false))
            throw SourceRepository.NotFound(sourceName);
        return Results.Ok();
    }

    private static async Task<IResult> TransferAsync(string sourceName, HttpRequest request, SourceRepository repository, EmbeddedNode node, CancellationToken ct)
    {
        await repository.GetRequiredAsync(sourceName, ct).ConfigureAwait(false);
        var transfer = await ApiJson.ReadBodyAsync<WorkerNameRequest>(request, ct).ConfigureAwait(false);
        if (transfer.WorkerName != node.WorkerName)
            throw UnknownWorker(transfer.WorkerName, node);
        return Results.Ok();
    }

    private static async Task<IResult> RelayAsync(string sourceName, SourceRepository repository, CancellationToken ct)
    {
        await repository.GetRequiredAsync(sourceName, ct).ConfigureAwait(false);
        throw new ApiException(DmErrorCodes.WorkerRelayOperNotSupport, RelayNotSupported);
    }

    private static async Task<IResult> SchemasAsync(string sourceName, SourceRepository repository, CancellationToken ct)
    {
        var source = await repository.GetRequiredAsync(sourceName, ct).ConfigureAwait(false);
        await using var connection = await SourceConnection.OpenAsync(source.Host, source.Port, source.User, repository.OpenPassword(source), ct).ConfigureAwait(false);
        return Results.Json(await SourceConnection.SchemasAsync(connection, ct).ConfigureAwait(false), ApiJson.Options);
    }

    private static async Task<IResult> TablesAsync(string sourceName, string schemaName, SourceRepository repository, CancellationToken ct)
    {
        var source = await repository.GetRequiredAsync(sourceName, ct).ConfigureAwait(false);
        await using var connection = await SourceConnection.OpenAsync(source.Host, source.Port, source.User, repository.OpenPassword(source), ct).ConfigureAwait(false);
        var tables = await SourceConnection.TablesAsync(connection, schemaName, ct).ConfigureAwait(false)
            ?? throw new ApiException(DmErrorCodes.DbDriverError, $"schema {schemaName} does not exist on source {sourceName}");
        return Results.Json(tables, ApiJson.Options);
    }

    /// <summary>
    /// Validates a source as given and connects to it: it must be reachable with its credentials; its flavor is
    /// found from the server and GTID is refused when the server does not write GTIDs.
    /// </summary>
    private static async Task<Source> CheckAsync(Source source, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(source.SourceName))
            throw new ApiException(DmErrorCodes.OpenApiCommon, "source_name is empty");
        // A name is a path segment of every other call: one that cannot be addressed there is refused up front.
        if (source.SourceName.Any(c => c == '/' || char.IsControl(c)))
            throw new ApiException(DmErrorCodes.OpenApiCommon, "source_name may not hold '/' or control characters");
        if (source.Port is <= 0 or > 65535)
            throw new ApiException(DmErrorCodes.OpenApiCommon, $"port {source.Port} is not a TCP port");
        if (source.RelayConfig?.EnableRelay == true)
            throw new ApiException(DmErrorCodes.WorkerRelayOperNotSupport, RelayNotSupported);
        if (source.Security is { } security && (security.SslCaContent.Length > 0 || security.SslCertContent.Length > 0 || security.SslKeyContent.Length > 0))
            throw new ApiException(DmErrorCodes.OpenApiCommon, "TLS certificates for sources are not supported yet: leave the security contents empty");

        await using var connection = await SourceConnection.OpenAsync(source.Host, source.Port, source.User, source.Password, ct).ConfigureAwait(false);
        var (flavor, gtidMode) = await SourceConnection.DetectAsync(connection, ct).ConfigureAwait(false);
        if (source.EnableGtid && !gtidMode)
            throw new ApiException(DmErrorCodes.SourceCheckGtid, $"enable_gtid is true but source {source.SourceName} has gtid_mode OFF");
        return source with { Flavor = flavor };
    }

    private static Source View(Source source, ISourceUsage usage, EmbeddedNode node, bool withStatus) =>
        SourceRepository.Masked(source) with
        {
            TaskNameList = usage.TasksUsing(source.SourceName),
            StatusList = withStatus ? [Status(source, node)] : null,
        };

    private static SourceStatus Status(Source source, EmbeddedNode node) =>
        new() { SourceName = source.SourceName, WorkerName = node.WorkerName };

    private static ApiException Exists(string name) =>
        new(DmErrorCodes.SchedulerSourceCfgExist, $"source {name} already exists");

    private static ApiException UnknownWorker(string worker, EmbeddedNode node) =>
        new(DmErrorCodes.SchedulerWorkerNotExist, $"worker {worker} does not exist: this server has one worker, {node.WorkerName}");
}
