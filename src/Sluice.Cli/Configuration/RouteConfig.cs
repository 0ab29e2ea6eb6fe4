using Sluice.Replication.Routing;

namespace Sluice.Cli.Configuration;

/// <summary>One named rule under <c>routes</c>: DM's table routing rule (router.TableRule).</summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-table-routing</remarks>
internal sealed record RouteConfig
{
    private static readonly string[] Extractors = ["extract-table", "extract-schema", "extract-source"];

    public required string SchemaPattern { get; init; }

    public string? TablePattern { get; init; }

    public required string TargetSchema { get; init; }

    public string? TargetTable { get; init; }

    public static RouteConfig Read(YamlSection yaml)
    {
        foreach (var key in Extractors)
        {
            if (yaml.Has(key))
            {
                // Ignoring them would load merged shards without the source columns the user asked for.
                throw yaml.Error(key, "writing a shard's schema, table or source into extra columns is not supported yet");
            }
        }

        var schemaPattern = yaml.String("schema-pattern");
        var tablePattern = yaml.String("table-pattern");
        var targetSchema = yaml.String("target-schema");
        var targetTable = yaml.String("target-table");
        yaml.Finish();

        if (string.IsNullOrEmpty(schemaPattern))
        {
            throw yaml.Error("schema-pattern", "missing: a route matches source schemas by schema-pattern");
        }

        if (string.IsNullOrEmpty(targetSchema))
        {
            throw yaml.Error("target-schema", "missing: a route names the schema it writes to");
        }

        // The target is a name, not a pattern: DM does not expand wildcards there.
        if (targetSchema.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            throw yaml.Error("target-schema", $"'{targetSchema}' holds a wildcard; a route's target is a plain name");
        }

        if (targetTable is not null && targetTable.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            throw yaml.Error("target-table", $"'{targetTable}' holds a wildcard; a route's target is a plain name");
        }

        return new RouteConfig
        {
            SchemaPattern = schemaPattern,
            TablePattern = string.IsNullOrEmpty(tablePattern) ? null : tablePattern,
            TargetSchema = targetSchema,
            TargetTable = string.IsNullOrEmpty(targetTable) ? null : targetTable,
        };
    }

    public RouteRule ToRouteRule() => new(SchemaPattern, TablePattern, TargetSchema, TargetTable);
}
