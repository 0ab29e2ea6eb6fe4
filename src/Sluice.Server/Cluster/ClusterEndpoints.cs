using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Server.Errors;
using Sluice.Server.Hosting;
using Sluice.Server.Sources;

namespace Sluice.Server.Cluster;

/// <summary>/api/v1/cluster: the embedded server is one master (the leader) and one worker in one process.</summary>
internal static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var cluster = endpoints.MapGroup("/api/v1/cluster").WithTags("cluster");
        cluster.MapGet("/masters", (EmbeddedNode node) =>
            Results.Json(new GetClusterMasterListResponse(1, [new ClusterMaster(node.MasterName, Alive: true, Leader: true, node.Address)]), ApiJson.Options))
            .WithName("DMAPIGetClusterMasterList").Produces<GetClusterMasterListResponse>();
        cluster.MapGet("/workers", async (EmbeddedNode node, SourceRepository sources, CancellationToken ct) =>
        {
            // One worker runs every source; DM's field holds one name, so it shows the first.
            var bound = await sources.ListAsync(ct).ConfigureAwait(false);
            var worker = new ClusterWorker(node.WorkerName, node.Address, bound.Count > 0 ? "bound" : "free", bound.Count > 0 ? bound[0].SourceName : "");
            return Results.Json(new GetClusterWorkerListResponse(1, [worker]), ApiJson.Options);
        }).WithName("DMAPIGetClusterWorkerList").Produces<GetClusterWorkerListResponse>();
        cluster.MapDelete("/masters/{masterName}", (string masterName) => Refuse("master", masterName))
            .WithName("DMAPIOfflineMasterNode").Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        cluster.MapDelete("/workers/{workerName}", (string workerName) => Refuse("worker", workerName))
            .WithName("DMAPIOfflineWorkerNode").Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        cluster.MapGet("/info", async (EmbeddedNode node, ClusterIdentity identity, ClusterTopologyStore topologies, CancellationToken ct) =>
        {
            var id = await identity.GetOrCreateAsync(ct).ConfigureAwait(false);
            if (await topologies.GetAsync(ct).ConfigureAwait(false) is { } stored)
                return Results.Json(new GetClusterInfoResponse(id, stored), ApiJson.Options);
            // Both roles answer on every address; the first stands for the node, as in the master and worker lists.
            var first = node.Addresses[0];
            var topology = new ClusterTopology(
                [new NodeTopology(node.MasterName, first.Host, first.Port)],
                [new NodeTopology(node.WorkerName, first.Host, first.Port)]);
            return Results.Json(new GetClusterInfoResponse(id, topology), ApiJson.Options);
        }).WithName("DMAPIGetClusterInfo").Produces<GetClusterInfoResponse>();
        cluster.MapPut("/info", async (HttpRequest request, ClusterIdentity identity, ClusterTopologyStore topologies, CancellationToken ct) =>
        {
            var topology = await ApiJson.ReadBodyAsync<ClusterTopology>(request, ct).ConfigureAwait(false);
            await topologies.PutAsync(topology, ct).ConfigureAwait(false);
            return Results.Json(new GetClusterInfoResponse(await identity.GetOrCreateAsync(ct).ConfigureAwait(false), topology), ApiJson.Options);
        }).WithName("DMAPIUpdateClusterInfo").AcceptsJson<ClusterTopology>()
            .Produces<GetClusterInfoResponse>().Produces<ErrorWithMessage>(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static IResult Refuse(string role, string name) =>
        throw new ApiException(DmErrorCodes.MasterInvalidOfflineType,
            $"cannot offline {role} {name}: the master and the worker are embedded in this server process; stop the process instead");
}
