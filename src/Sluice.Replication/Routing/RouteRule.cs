namespace Sluice.Replication.Routing;

/// <summary>
/// DM's table routing rule: source tables matching the patterns (wildcards <c>*</c> and <c>?</c>) go to the
/// target schema and table; several source tables routed to one target table merge shards.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-table-routing</remarks>
/// <param name="SchemaPattern">schema-pattern.</param>
/// <param name="TablePattern">table-pattern; null or empty for a schema-level rule.</param>
/// <param name="TargetSchema">target-schema.</param>
/// <param name="TargetTable">target-table; null or empty keeps the table name.</param>
public sealed record RouteRule(string SchemaPattern, string? TablePattern, string TargetSchema, string? TargetTable);
