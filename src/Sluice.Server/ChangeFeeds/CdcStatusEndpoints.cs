using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Sluice.ChangeFeed.Supervision;
using Sluice.Server.Observability;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// TiCDC's cluster calls under /api/v2: status, health, the live log level, captures, processors and the owner.
/// This process is the cluster's only capture and always its owner.
/// </summary>
internal static class CdcStatusEndpoints
{
    private static readonly Dictionary<string, LogLevel> s_zapLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["debug"] = LogLevel.Debug,
        ["info"] = LogLevel.Information,
        ["warn"] = LogLevel.Warning,
        ["error"] = LogLevel.Error,
        ["dpanic"] = LogLevel.Critical,
        ["panic"] = LogLevel.Critical,
        ["fatal"] = LogLevel.Critical,
    };

    public static IEndpointRouteBuilder MapCdcStatusEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var v2 = endpoints.MapGroup("/api/v2").WithTags("cdc");
        v2.MapGet("/status", (CaptureIdentity capture) =>
            Results.Json(new ServerStatus(CaptureIdentity.Version, CaptureIdentity.GitHash, capture.Id, Environment.ProcessId, IsOwner: true, Liveness: 0), CdcJson.Options))
            .WithName("CDCAPIStatus");
        v2.MapGet("/health", () => Results.Json(new EmptyResponse(), CdcJson.Options)).WithName("CDCAPIHealth");
        v2.MapPost("/log", SetLogLevelAsync).WithName("CDCAPISetLogLevel");
        v2.MapGet("/captures", (CaptureIdentity capture) =>
            Results.Json(new ListResponse<CaptureInfo>(1, [new CaptureInfo(capture.Id, IsOwner: true, capture.Address)]), CdcJson.Options))
            .WithName("CDCAPIListCaptures");
        v2.MapPost("/owner/resign", () => Results.Json(new EmptyResponse(), CdcJson.Options))
            .WithDescription("The only capture stays the owner: accepted, nothing changes").WithName("CDCAPIResignOwner");
        v2.MapGet("/processors", (ChangefeedLifecycle lifecycle, CaptureIdentity capture) =>
        {
            var items = lifecycle.List().Where(f => f.Status.State.IsActive()).Select(f => new ProcessorCommonInfo(f.Stored.Id, capture.Id)).ToList();
            return Results.Json(new ListResponse<ProcessorCommonInfo>(items.Count, items), CdcJson.Options);
        }).WithName("CDCAPIListProcessors");
        v2.MapGet("/processors/{changefeedId}/{captureId}", (string changefeedId, string captureId, ChangefeedLifecycle lifecycle, CaptureIdentity capture) =>
        {
            ChangefeedValidation.Id(changefeedId);
            var (_, status) = lifecycle.Get(changefeedId);
            if (captureId != capture.Id)
                throw new CdcApiException(CdcErrorCodes.CaptureNotExist, $"capture not exists, key: {captureId}");
            if (!status.State.IsActive())
                throw new CdcApiException(CdcErrorCodes.CaptureNotExist, $"changefeed {changefeedId} is {status.State.ToApiName()}: no processor runs it");
            return Results.Json(new ProcessorDetail([]), CdcJson.Options);
        }).WithName("CDCAPIGetProcessor");
        return endpoints;
    }

    private static async Task<IResult> SetLogLevelAsync(HttpRequest request, LiveLogLevel live, CancellationToken ct)
    {
        var body = await CdcJson.ReadBodyAsync<LogLevelRequest>(request, null, ct).ConfigureAwait(false);
        if (body.LogLevel is not { } name || !s_zapLevels.TryGetValue(name, out var level))
            throw CdcApiException.InvalidParam($"fail to change log level: '{body.LogLevel}' is not one of {string.Join(", ", s_zapLevels.Keys)}");
        live.Set(level);
        return Results.Json(new EmptyResponse(), CdcJson.Options);
    }
}
