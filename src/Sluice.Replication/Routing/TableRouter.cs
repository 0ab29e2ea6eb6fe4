using Sluice.Replication.Filtering;

namespace Sluice.Replication.Routing;

/// <summary>
/// Maps source schemas and tables to target ones by DM's table routing rules. Immutable and safe to share
/// between threads; routing allocates nothing.
/// </summary>
/// <remarks>
/// https://docs.pingcap.com/tidb/stable/dm-table-routing, with DM's router as the reference for what its docs
/// leave open:
/// <list type="bullet">
/// <item>A table matching a table-level rule (schema-pattern and table-pattern) goes where that rule says;
/// otherwise a schema-level rule (schema-pattern only) moves it to the rule's target schema, keeping its name.
/// A table matching no rule keeps its names. An empty target-table keeps the source table name.</item>
/// <item>A schema on its own (CREATE/DROP DATABASE) is routed by schema-level rules only, which is why DM's docs
/// ask for a schema rule next to each table rule that renames the schema.</item>
/// <item>Two table-level rules matching one table, or (when no table-level rule matches) two schema-level rules,
/// are an error whatever their targets, as in DM. Rules whose patterns are the same text are refused here at
/// construction, since they conflict on every table they match; other overlaps can only be found on a real
/// name, so they surface from <see cref="Route"/> as a <see cref="RouteConflictException"/>.</item>
/// <item>A schema-level rule that names a target-table sends every table of the schema there, as DM's router
/// does.</item>
/// </list>
/// </remarks>
public sealed class TableRouter
{
    private readonly CompiledRule[] _tableRules;
    private readonly CompiledRule[] _schemaRules;

    /// <exception cref="ArgumentException">A rule is invalid (empty schema-pattern or target-schema, a wildcard in
    /// a target, a pattern that does not compile), or two rules have the same patterns.</exception>
    public TableRouter(IEnumerable<RouteRule> rules, bool caseSensitive)
    {
        ArgumentNullException.ThrowIfNull(rules);
        CaseSensitive = caseSensitive;
        var tableRules = new List<CompiledRule>();
        var schemaRules = new List<CompiledRule>();
        var index = 0;
        foreach (var rule in rules)
        {
            var compiled = Compile(rule, index++, caseSensitive);
            var peers = compiled.Table is null ? schemaRules : tableRules;
            foreach (var peer in peers)
            {
                if (SamePatterns(peer, compiled, caseSensitive))
                {
                    throw new ArgumentException(
                        $"{compiled.Rule.Describe()} has the same patterns as {peer.Rule.Describe()}: every table they " +
                        "match would match both, and DM routes a table by one rule only.",
                        nameof(rules));
                }
            }

            peers.Add(compiled);
        }

        _tableRules = [.. tableRules];
        _schemaRules = [.. schemaRules];
    }

    public bool CaseSensitive { get; }

    /// <summary>Where a source table goes.</summary>
    /// <exception cref="RouteConflictException">The table matches two rules of the level that decides.</exception>
    public TableName Route(TableName source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source.Schema, nameof(source));
        ArgumentException.ThrowIfNullOrEmpty(source.Table, nameof(source));

        var rule = FindOnly(_tableRules, source.Schema, source.Table) ?? FindOnly(_schemaRules, source.Schema, source.Table);
        if (rule is null)
        {
            return source;
        }

        var table = string.IsNullOrEmpty(rule.TargetTable) ? source.Table : rule.TargetTable;
        return new TableName(rule.TargetSchema, table);
    }

    /// <summary>Where statements on a source schema itself (CREATE/DROP DATABASE) go: schema-level rules only.</summary>
    /// <exception cref="RouteConflictException">The schema matches two schema-level rules.</exception>
    public string RouteSchema(string schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(schema);
        return FindOnly(_schemaRules, schema, null)?.TargetSchema ?? schema;
    }

    private static RouteRule? FindOnly(CompiledRule[] rules, string schema, string? table)
    {
        CompiledRule? found = null;
        foreach (var rule in rules)
        {
            if (!rule.Schema.IsMatch(schema) || (table is not null && rule.Table is not null && !rule.Table.IsMatch(table)))
            {
                continue;
            }

            if (found is not null)
            {
                throw new RouteConflictException(schema, table, found.Rule, rule.Rule);
            }

            found = rule;
        }

        return found?.Rule;
    }

    private static CompiledRule Compile(RouteRule? rule, int index, bool caseSensitive)
    {
        if (rule is null)
        {
            throw new ArgumentException($"Route rule #{index + 1} is null.");
        }

        // DM's TableRule.Valid refuses these two.
        if (string.IsNullOrEmpty(rule.SchemaPattern))
        {
            throw new ArgumentException($"{rule.Describe()} has an empty schema-pattern.");
        }

        if (string.IsNullOrEmpty(rule.TargetSchema))
        {
            throw new ArgumentException($"{rule.Describe()} has an empty target-schema.");
        }

        RejectWildcard(rule, rule.TargetSchema, "target-schema");
        RejectWildcard(rule, rule.TargetTable, "target-table");
        var schema = CompilePattern(rule, rule.SchemaPattern, "schema-pattern", caseSensitive);
        var table = rule.IsTableRule ? CompilePattern(rule, rule.TablePattern!, "table-pattern", caseSensitive) : null;
        return new CompiledRule(rule, schema, table);
    }

    private static void RejectWildcard(RouteRule rule, string? target, string key)
    {
        if (target is not null && target.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            throw new ArgumentException(
                $"{rule.Describe()} has a wildcard in {key} \"{target}\"; targets are plain names.");
        }
    }

    private static NamePattern CompilePattern(RouteRule rule, string pattern, string key, bool caseSensitive)
    {
        try
        {
            return NamePattern.Parse(pattern, caseSensitive);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{rule.Describe()}: {key}: {e.Message}", e);
        }
    }

    private static bool SamePatterns(CompiledRule a, CompiledRule b, bool caseSensitive)
    {
        var comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return string.Equals(a.Schema.Text, b.Schema.Text, comparison)
            && string.Equals(a.Table?.Text, b.Table?.Text, comparison);
    }

    private sealed record CompiledRule(RouteRule Rule, NamePattern Schema, NamePattern? Table);
}
