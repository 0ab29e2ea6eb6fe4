using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Supervision;
using Sluice.Server.Sources;

namespace Sluice.Server.ChangeFeeds;

/// <summary>
/// /api/v2/changefeeds: creating, reading, changing, pausing, resuming and removing changefeeds, as TiCDC's OpenAPI
/// v2 does (https://docs.pingcap.com/tidb/stable/ticdc-open-api-v2). Every failure is a 400 with TiCDC's error code.
/// </summary>
internal static class ChangefeedEndpoints
{
    private const string OverwriteField = "overwrite_checkpoint_ts";

    public static IEndpointRouteBuilder MapChangefeedEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var changefeeds = endpoints.MapGroup("/api/v2/changefeeds").WithTags("changefeed");
        changefeeds.MapPost("", CreateAsync).WithName("CDCAPICreateChangefeed");
        changefeeds.MapGet("", List).WithName("CDCAPIListChangefeeds");
        changefeeds.MapGet("/{changefeedId}", Get).WithName("CDCAPIGetChangefeed");
        changefeeds.MapPut("/{changefeedId}", UpdateAsync).WithName("CDCAPIUpdateChangefeed");
        changefeeds.MapDelete("/{changefeedId}", DeleteAsync).WithName("CDCAPIDeleteChangefeed");
        changefeeds.MapPost("/{changefeedId}/pause", PauseAsync).WithName("CDCAPIPauseChangefeed");
        changefeeds.MapPost("/{changefeedId}/resume", ResumeAsync).WithName("CDCAPIResumeChangefeed");
        changefeeds.MapGet("/{changefeedId}/synced", Synced).WithName("CDCAPIChangefeedSyncedPlural");

        // The doc's path for synced is singular; TiCDC serves it so.
        endpoints.MapGet("/api/v2/changefeed/{changefeedId}/synced", Synced).WithTags("changefeed").WithName("CDCAPIChangefeedSynced");
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(
        HttpRequest request, ChangefeedLifecycle lifecycle, ChangefeedRepository repository, SourceRepository sources, CaptureIdentity capture, CancellationToken ct)
    {
        var body = await CdcJson.ReadBodyAsync<CreateChangefeedRequest>(request, null, ct).ConfigureAwait(false);
        var id = string.IsNullOrEmpty(body.ChangefeedId) ? Guid.NewGuid().ToString() : body.ChangefeedId;
        ChangefeedValidation.Id(id);
        if (body.Namespace is not (null or "" or "default"))
            throw CdcApiException.InvalidParam($"namespace {body.Namespace}: this server has only the default namespace");
        var sinkUri = ChangefeedValidation.SinkUri(body.SinkUri);

        var now = lifecycle.Time.GetUtcNow();
        var startTs = body.StartTs is { } given and > 0 ? new Tso(given) : Tso.From(now);
        if (startTs > Tso.From(now, Tso.MaxLogical))
            throw CdcApiException.InvalidParam($"invalid start-ts {startTs}, larger than current tso {Tso.From(now)}");
        var targetTs = body.TargetTs ?? 0;
        if (targetTs > 0 && targetTs <= startTs.Value)
            throw TargetBeforeStart(targetTs, startTs.Value);
        if (lifecycle.Exists(id))
            throw Exists(id);

        var sourceName = await PickSourceAsync(body.SourceName, sources, ct).ConfigureAwait(false);
        var config = ReplicaConfigDefaults.Fill(body.ReplicaConfig);
        ReplicaConfigMapping.ToOptions(id, config, sinkUri);
        var stored = repository.WithSinkUri(
            new StoredChangefeed
            {
                Id = id,
                SourceName = sourceName,
                SinkUri = "",
                StartTs = startTs.Value,
                TargetTs = targetTs,
                Snapshot = body.Snapshot ?? false,
                Config = config,
                CreateTime = now,
                CreatorVersion = CaptureIdentity.Version,
                State = ChangefeedState.Normal.ToApiName(),
            },
            body.SinkUri!);
        if (!await lifecycle.CreateAsync(stored, startsNow: body.StartTs is null or 0, ct).ConfigureAwait(false))
            throw Exists(id);
        var (created, status) = lifecycle.Get(id);
        return Results.Json(ChangefeedView.Info(created, status, capture), CdcJson.Options);
    }

    private static IResult List(ChangefeedLifecycle lifecycle, CaptureIdentity capture, [FromQuery(Name = "state")] string? state)
    {
        Func<ChangefeedState, bool> wanted = state?.ToLowerInvariant() switch
        {
            // TiCDC's default: every changefeed that still needs attention, not the finished ones.
            null or "" => s => s is not ChangefeedState.Finished,
            "all" => _ => true,
            _ when ChangefeedStates.TryParse(state, out var one) => s => s == one,
            _ => throw CdcApiException.InvalidParam($"state {state} is not one of all, normal, stopped, error, warning, pending, failed, finished"),
        };
        var items = lifecycle.List().Where(f => wanted(f.Status.State)).Select(f => ChangefeedView.Common(f.Stored, f.Status, capture)).ToList();
        return Results.Json(new ListResponse<ChangefeedCommonInfo>(items.Count, items), CdcJson.Options);
    }

    private static IResult Get(string changefeedId, ChangefeedLifecycle lifecycle, CaptureIdentity capture)
    {
        ChangefeedValidation.Id(changefeedId);
        var (stored, status) = lifecycle.Get(changefeedId);
        return Results.Json(ChangefeedView.Info(stored, status, capture), CdcJson.Options);
    }

    private static async Task<IResult> UpdateAsync(
        string changefeedId, HttpRequest request, ChangefeedLifecycle lifecycle, ChangefeedRepository repository, CaptureIdentity capture, CancellationToken ct)
    {
        ChangefeedValidation.Id(changefeedId);
        var body = await CdcJson.ReadBodyAsync<UpdateChangefeedRequest>(request, null, ct).ConfigureAwait(false);
        if (body.SinkUri is null && body.TargetTs is null or 0 && body.ReplicaConfig is null)
            throw CdcApiException.InvalidParam("nothing to update: give sink_uri, target_ts or replica_config");
        if (body.SinkUri is not null)
            ChangefeedValidation.SinkUri(body.SinkUri);
        var config = body.ReplicaConfig is null ? null : ReplicaConfigDefaults.Fill(body.ReplicaConfig);

        await lifecycle.UpdateAsync(changefeedId, stored =>
        {
            var changed = stored;
            if (body.SinkUri is { } uri)
            {
                // The masked URI the API showed keeps the stored password.
                var (masked, password) = SinkUriSecret.Split(uri);
                changed = SinkUriSecret.IsMasked(password) ? changed with { SinkUri = masked } : repository.WithSinkUri(changed, uri);
            }

            if (body.TargetTs is { } targetTs and > 0)
            {
                changed = targetTs > changed.StartTs ? changed with { TargetTs = targetTs } : throw TargetBeforeStart(targetTs, changed.StartTs);
            }

            if (config is not null)
                changed = changed with { Config = config };
            return changed;
        }, ct).ConfigureAwait(false);
        var (updated, status) = lifecycle.Get(changefeedId);
        return Results.Json(ChangefeedView.Info(updated, status, capture), CdcJson.Options);
    }

    /// <summary>Idempotent, as the doc says: removing a changefeed that does not exist answers 200 too.</summary>
    private static async Task<IResult> DeleteAsync(string changefeedId, ChangefeedLifecycle lifecycle, CancellationToken ct)
    {
        ChangefeedValidation.Id(changefeedId);
        await lifecycle.RemoveAsync(changefeedId, ct).ConfigureAwait(false);
        return Results.Json(new EmptyResponse(), CdcJson.Options);
    }

    private static async Task<IResult> PauseAsync(string changefeedId, ChangefeedLifecycle lifecycle, CancellationToken ct)
    {
        ChangefeedValidation.Id(changefeedId);
        await lifecycle.PauseAsync(changefeedId, ct).ConfigureAwait(false);
        return Results.Json(new EmptyResponse(), CdcJson.Options);
    }

    private static async Task<IResult> ResumeAsync(string changefeedId, HttpRequest request, ChangefeedLifecycle lifecycle, CancellationToken ct)
    {
        ChangefeedValidation.Id(changefeedId);
        var body = await CdcJson.ReadBodyAsync(request, new ResumeChangefeedRequest(), ct).ConfigureAwait(false);
        var (stored, _) = lifecycle.Get(changefeedId);
        Tso? overwrite = null;
        if (body.OverwriteCheckpointTs is { } ts and > 0)
        {
            var now = Tso.From(lifecycle.Time.GetUtcNow(), Tso.MaxLogical);
            if (ts > now.Value)
                throw CdcApiException.InvalidParam($"{OverwriteField} {ts} is larger than current tso {Tso.From(lifecycle.Time.GetUtcNow())}");
            if (stored.TargetTs > 0 && ts >= stored.TargetTs)
                throw CdcApiException.InvalidParam($"{OverwriteField} {ts} is not before the changefeed's target_ts {stored.TargetTs}");
            overwrite = new Tso(ts);
        }

        await lifecycle.ResumeAsync(changefeedId, overwrite, ct).ConfigureAwait(false);
        return Results.Json(new EmptyResponse(), CdcJson.Options);
    }

    /// <summary>
    /// Whether everything read from the source has reached the sink: TiCDC's rule, with the checkpoint standing for
    /// the last synced commit (Sluice's checkpoint moves with each acknowledged transaction).
    /// </summary>
    private static IResult Synced(string changefeedId, ChangefeedLifecycle lifecycle)
    {
        ChangefeedValidation.Id(changefeedId);
        var (_, status) = lifecycle.Get(changefeedId);
        var now = lifecycle.Time.GetUtcNow();
        var lag = status.ResolvedTs.Time - status.CheckpointTs.Time;
        var (synced, info) = status.State switch
        {
            ChangefeedState.Finished => (true, "Data syncing is finished"),
            ChangefeedState.Normal when lag <= TimeSpan.FromSeconds(15) && status.Running => (true, "Data syncing is finished"),
            ChangefeedState.Normal or ChangefeedState.Warning or ChangefeedState.Pending => (false, "The data syncing is not finished, please wait"),
            _ => (false, $"The changefeed is {status.State.ToApiName()}: data syncing does not go on until it is resumed"),
        };
        var nowText = Tso.From(now).ToTimeText();
        return Results.Json(
            new SyncedStatus(synced, status.CheckpointTs.ToTimeText(), status.ResolvedTs.ToTimeText(), status.CheckpointTs.ToTimeText(), nowText, info),
            CdcJson.Options);
    }

    /// <summary>The source named, or the only one registered; a 400 when there is none, or several and none is named.</summary>
    private static async Task<string> PickSourceAsync(string? name, SourceRepository sources, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(name))
        {
            return await sources.GetAsync(name, ct).ConfigureAwait(false) is not null ? name
                : throw new CdcApiException(CdcErrorCodes.UpstreamNotFound, $"source {name} is not registered (POST /api/v1/sources registers one)");
        }

        var all = await sources.ListAsync(ct).ConfigureAwait(false);
        return all.Count switch
        {
            1 => all[0].SourceName,
            0 => throw new CdcApiException(CdcErrorCodes.UpstreamNotFound, "no source is registered: register the MySQL or MariaDB server to read with POST /api/v1/sources first"),
            _ => throw CdcApiException.InvalidParam($"{all.Count} sources are registered: name the one to read in source_name ({string.Join(", ", all.Select(s => s.SourceName))})"),
        };
    }

    private static CdcApiException Exists(string id) => new(CdcErrorCodes.ChangefeedAlreadyExists, $"changefeed already exists, key: {id}");

    private static CdcApiException TargetBeforeStart(ulong targetTs, ulong startTs) =>
        new(CdcErrorCodes.TargetTsBeforeStartTs, $"the changefeed's target_ts {targetTs} is not after its start_ts {startTs}");
}
