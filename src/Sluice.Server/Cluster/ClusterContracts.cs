namespace Sluice.Server.Cluster;

/// <summary>The spec's ClusterMaster.</summary>
public sealed record ClusterMaster(string Name, bool Alive, bool Leader, string Addr);

/// <summary>The spec's ClusterWorker; bound_stage is "bound" or "free".</summary>
public sealed record ClusterWorker(string Name, string Addr, string BoundStage, string BoundSourceName);

/// <summary>The spec's GetClusterMasterListResponse.</summary>
public sealed record GetClusterMasterListResponse(int Total, IReadOnlyList<ClusterMaster> Data);

/// <summary>The spec's GetClusterWorkerListResponse.</summary>
public sealed record GetClusterWorkerListResponse(int Total, IReadOnlyList<ClusterWorker> Data);

/// <summary>The spec's MasterTopology and WorkerTopology (same fields).</summary>
public sealed record NodeTopology(string Name, string Host, int Port);

/// <summary>The spec's GrafanaTopology, PrometheusTopology and AlertManagerTopology (same fields).</summary>
public sealed record MonitorTopology(string Host, int Port);

/// <summary>
/// The spec's ClusterTopology. Every field may be left out; what PUT cluster/info stores is what GET answers, the
/// monitoring services included (the server only keeps them, for tools that read them back).
/// </summary>
public sealed record ClusterTopology(
    IReadOnlyList<NodeTopology>? MasterTopologyList = null,
    IReadOnlyList<NodeTopology>? WorkerTopologyList = null,
    MonitorTopology? GrafanaTopology = null,
    MonitorTopology? PrometheusTopology = null,
    MonitorTopology? AlertManagerTopology = null);

/// <summary>The spec's GetClusterInfoResponse.</summary>
public sealed record GetClusterInfoResponse(ulong ClusterId, ClusterTopology Topology);
