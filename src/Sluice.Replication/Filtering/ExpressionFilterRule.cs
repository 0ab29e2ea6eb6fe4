namespace Sluice.Replication.Filtering;

/// <summary>
/// DM's expression filter (task file <c>expression-filter</c>): row changes of one table whose values make an
/// expression true are not replicated. Inserts are tested with <see cref="InsertValueExpr"/> on the new row;
/// updates with <see cref="UpdateBeforeValueExpr"/> on the old row or <see cref="UpdateAfterValueExpr"/> on the
/// new one (either suffices); deletes with <see cref="DeleteValueExpr"/> on the deleted row.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/filter-dml-event</remarks>
public sealed record ExpressionFilterRule
{
    public string Name { get; init; } = "";

    /// <summary>The source schema, as written (not a pattern).</summary>
    public required string Schema { get; init; }

    /// <summary>The source table, as written (not a pattern).</summary>
    public required string Table { get; init; }

    public string? InsertValueExpr { get; init; }

    public string? UpdateBeforeValueExpr { get; init; }

    public string? UpdateAfterValueExpr { get; init; }

    public string? DeleteValueExpr { get; init; }
}
