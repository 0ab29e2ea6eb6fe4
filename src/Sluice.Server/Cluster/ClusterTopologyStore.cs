using System.Text.Json;
using Sluice.Coordination;
using Sluice.Server.Errors;

namespace Sluice.Server.Cluster;

/// <summary>
/// The topology given by PUT /api/v1/cluster/info, kept in the metadata store so that GET cluster/info answers it
/// after a restart too (DM keeps it in etcd; deployment tools write it there for the web UI to read).
/// </summary>
internal sealed class ClusterTopologyStore(IMetadataStore store)
{
    private const string Kind = "cluster";
    private const string Name = "topology";

    /// <summary>The stored topology; null when none was ever put.</summary>
    public async Task<ClusterTopology?> GetAsync(CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(Kind, Name, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : JsonSerializer.Deserialize<ClusterTopology>(stored.Document, ApiJson.Options);
    }

    /// <exception cref="ApiException">A node without a name or host, or a port that is not a TCP port.</exception>
    public async Task PutAsync(ClusterTopology topology, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topology);
        foreach (var (field, node) in Nodes(topology))
        {
            if (string.IsNullOrWhiteSpace(node.Name))
                throw Invalid($"{field}: name is empty");
            Check(field, node.Host, node.Port);
        }

        foreach (var (field, monitor) in Monitors(topology))
            Check(field, monitor.Host, monitor.Port);

        var document = JsonSerializer.Serialize(topology, ApiJson.Options);
        // Whoever writes last wins, as with DM's etcd key: no version to compare.
        if (await store.CreateAsync(Kind, Name, document, cancellationToken).ConfigureAwait(false) is null)
            await store.UpdateAsync(Kind, Name, document, expectedVersion: null, cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<(string Field, NodeTopology Node)> Nodes(ClusterTopology topology) =>
        (topology.MasterTopologyList ?? []).Select((node, i) => ($"master_topology_list[{i}]", node))
            .Concat((topology.WorkerTopologyList ?? []).Select((node, i) => ($"worker_topology_list[{i}]", node)));

    private static IEnumerable<(string Field, MonitorTopology Monitor)> Monitors(ClusterTopology topology)
    {
        if (topology.GrafanaTopology is { } grafana)
            yield return ("grafana_topology", grafana);
        if (topology.PrometheusTopology is { } prometheus)
            yield return ("prometheus_topology", prometheus);
        if (topology.AlertManagerTopology is { } alertManager)
            yield return ("alert_manager_topology", alertManager);
    }

    private static void Check(string field, string host, int port)
    {
        if (string.IsNullOrWhiteSpace(host))
            throw Invalid($"{field}: host is empty");
        if (port is <= 0 or > 65535)
            throw Invalid($"{field}: port {port} is not a TCP port");
    }

    private static ApiException Invalid(string message) => new(DmErrorCodes.OpenApiCommon, $"bad topology: {message}");
}
