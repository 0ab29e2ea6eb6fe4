namespace Sluice.Replication.Routing;

/// <summary>
/// DM's table routing rule: source tables matching the patterns (wildcards, or regular expressions after <c>~</c>,
/// see <see cref="Filtering.NamePattern"/>) go to the target schema and table; several source tables routed to
/// one target table merge shards.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-table-routing</remarks>
/// <param name="SchemaPattern">schema-pattern.</param>
/// <param name="TablePattern">table-pattern; null or empty for a schema-level rule.</param>
/// <param name="TargetSchema">target-schema.</param>
/// <param name="TargetTable">target-table; null or empty keeps the table name.</param>
public sealed record RouteRule(string SchemaPattern, string? TablePattern, string TargetSchema, string? TargetTable)
{
    /// <summary>The rule's key under <c>routes:</c> in the task file (<c>rule-1</c>), for messages; may be null.</summary>
    public string? Name { get; init; }

    /// <summary>Whether the rule routes tables (it has a table-pattern) rather than whole schemas.</summary>
    public bool IsTableRule => !string.IsNullOrEmpty(TablePattern);

    /// <summary>How messages name the rule: its key when known, and its patterns.</summary>
    public string Describe()
    {
        var patterns = IsTableRule
            ? $"schema-pattern \"{SchemaPattern}\", table-pattern \"{TablePattern}\""
            : $"schema-pattern \"{SchemaPattern}\"";
        return Name is null ? $"route rule ({patterns})" : $"route rule \"{Name}\" ({patterns})";
    }
}
