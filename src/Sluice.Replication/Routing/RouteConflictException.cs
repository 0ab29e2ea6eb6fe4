using Sluice.Replication.Filtering;

namespace Sluice.Replication.Routing;

/// <summary>
/// A source table or schema matches more than one route rule of the same level, which DM refuses
/// (<c>ErrWorkerRouteTableDupMatch</c>): it cannot tell where the data should go.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-table-routing ("Incorrect table routing").</remarks>
public sealed class RouteConflictException : ArgumentException
{
    public RouteConflictException(string schema, string? table, RouteRule first, RouteRule second)
        : base(Format(schema, table, first, second))
    {
        Schema = schema;
        Table = table;
        Rules = [first, second];
    }

    public RouteConflictException()
    {
    }

    public RouteConflictException(string message)
        : base(message)
    {
    }

    public RouteConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The source schema being routed.</summary>
    public string Schema { get; } = string.Empty;

    /// <summary>The source table being routed; null when a schema alone was routed.</summary>
    public string? Table { get; }

    /// <summary>Two of the rules that match.</summary>
    public IReadOnlyList<RouteRule> Rules { get; } = [];

    private static string Format(string schema, string? table, RouteRule first, RouteRule second)
    {
        var what = table is null
            ? $"Schema `{schema}` matches more than one schema-level route rule"
            : $"Table `{schema}`.`{table}` matches more than one {(first.IsTableRule ? "table" : "schema")}-level route rule";
        return $"{what}: {first.Describe()} and {second.Describe()}. DM routes a table by one rule only; " +
            "narrow the patterns so that each table matches a single rule.";
    }
}
