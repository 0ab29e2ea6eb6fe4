namespace Sluice.Replication.Filtering;

/// <summary>
/// One rule of a DM task's <c>filters:</c> map. An empty or null <see cref="TablePattern"/> makes a schema-level
/// rule, which applies to the schema and to every table in it.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-binlog-event-filter</remarks>
public sealed record BinlogFilterRule
{
    /// <summary>The rule's key in <c>filters:</c>, used in error messages.</summary>
    public string Name { get; init; } = "";

    /// <summary>A wildcard (<c>*</c>, <c>?</c>, <c>[…]</c>); required.</summary>
    public required string SchemaPattern { get; init; }

    public string? TablePattern { get; init; }

    public IReadOnlyList<BinlogEventKind> Events { get; init; } = [];

    /// <summary>Regular expressions over a statement's text; any one matching is a match (case-insensitive).</summary>
    public IReadOnlyList<string> SqlPattern { get; init; } = [];

    public BinlogFilterAction Action { get; init; }
}
