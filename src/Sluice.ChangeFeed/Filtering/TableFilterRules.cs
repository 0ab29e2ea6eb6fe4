namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// A list of rules in TiDB's table-filter syntax, as TiCDC's <c>filter.rules</c>, event filter matchers, column
/// selector and dispatcher matchers use it: <c>db.tbl</c> patterns with <c>*</c>, <c>?</c>, <c>[a-z]</c>,
/// <c>[!a-z]</c>, quoted names, <c>\</c> escapes and <c>/regex/</c> forms; <c>!</c> excludes; the last rule that
/// matches decides and a table no rule matches is left out. Immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// https://docs.pingcap.com/tidb/stable/table-filter. One difference: a rule <c>@file</c> (read more rules from a
/// file) is refused, since changefeed rules travel through the API and the server must not read files it names.
/// </remarks>
public sealed class TableFilterRules
{
    /// <summary>
    /// Schemas TiCDC never replicates, whatever the rules say (TiDB's <c>filter.IsSystemSchema</c>; compared
    /// without case). The last two are TiDB's own virtual schemas, listed by the table-filter document.
    /// </summary>
    private static readonly string[] SystemSchemas =
    [
        "mysql",
        "information_schema",
        "performance_schema",
        "sys",
        "metrics_schema",
        "inspection_schema",
    ];

    // Newest first: the first match in this order is the last matching rule as written.
    private readonly TableRule[] _rules;

    private TableFilterRules(IReadOnlyList<string> text, TableRule[] rules, bool caseSensitive)
    {
        Rules = text;
        _rules = rules;
        CaseSensitive = caseSensitive;
    }

    /// <summary>The rules as written.</summary>
    public IReadOnlyList<string> Rules { get; }

    public bool CaseSensitive { get; }

    /// <summary>Parses rules; blank ones and <c>#</c> comments are skipped. An empty list matches nothing.</summary>
    /// <exception cref="TableFilterRuleException">A rule breaks the syntax; the exception names it.</exception>
    public static TableFilterRules Parse(IReadOnlyList<string> rules, bool caseSensitive)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var parsed = new List<TableRule>(rules.Count);
        foreach (var rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(rules));
            if (ParseRule(rule, caseSensitive) is { } r)
                parsed.Add(r);
        }

        parsed.Reverse();
        return new TableFilterRules([.. rules], [.. parsed], caseSensitive);
    }

    /// <summary>A changefeed's <c>filter.rules</c>, <c>*.*</c> when it has none (as TiCDC defaults them).</summary>
    /// <exception cref="TableFilterRuleException">A rule breaks the syntax.</exception>
    public static TableFilterRules ForChangefeed(ChangefeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Parse(options.FilterRules.Count == 0 ? ["*.*"] : options.FilterRules, options.CaseSensitive);
    }

    /// <summary>Whether <paramref name="schema"/> is one TiCDC never replicates (mysql, information_schema, …).</summary>
    public static bool IsSystemSchema(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var system in SystemSchemas)
        {
            if (string.Equals(schema, system, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    /// <summary>Whether the rules accept the table: the last rule whose patterns match decides; none matching rejects.</summary>
    public bool MatchTable(string schema, string table)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(table);
        foreach (var rule in _rules)
        {
            if (rule.Schema.Matches(schema) && rule.Table.Matches(table))
                return rule.Positive;
        }

        return false;
    }

    /// <summary>
    /// Whether the rules could accept some table of <paramref name="schema"/> (for CREATE/DROP DATABASE), as TiDB's
    /// <c>MatchSchema</c> decides it: the last rule whose schema pattern matches and that either accepts or excludes
    /// the whole schema (<c>!db.*</c>) decides. So <c>db.t</c> accepts schema db, and <c>*.*</c>, <c>!db.t</c> does too.
    /// </summary>
    public bool MatchSchema(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var rule in _rules)
        {
            if (rule.Schema.Matches(schema) && (rule.Positive || rule.Table.MatchesEverything))
                return rule.Positive;
        }

        return false;
    }

    /// <summary>Whether a changefeed with these rules leaves the table out: a system schema, or no rule accepts it.</summary>
    public bool ShouldIgnoreTable(string schema, string table) => IsSystemSchema(schema) || !MatchTable(schema, table);

    /// <summary>Whether a changefeed with these rules leaves a statement on the schema itself out.</summary>
    public bool ShouldIgnoreSchema(string schema) => IsSystemSchema(schema) || !MatchSchema(schema);

    public override string ToString() => string.Join(", ", Rules);

    private static TableRule? ParseRule(string rule, bool caseSensitive)
    {
        var line = rule.Trim(' ', '\t');
        if (line.Length == 0 || line[0] == '#')
            return null;
        var positive = true;
        if (line[0] == '!')
        {
            positive = false;
            line = line[1..];
        }
        else if (line[0] == '@')
        {
            throw new TableFilterRuleException(rule, "importing filter files is not supported; write the rules themselves");
        }

        var at = 0;
        var schema = NamePatternParser.Parse(rule, line, ref at, endsAtDot: true, caseSensitive);
        if (at >= line.Length)
            throw new TableFilterRuleException(rule, "wrong table pattern");
        if (line[at] != '.')
            throw new TableFilterRuleException(rule, "syntax error: missing '.' between schema and table patterns");
        at++;
        var table = NamePatternParser.Parse(rule, line, ref at, endsAtDot: true, caseSensitive);
        if (at != line.Length)
            throw new TableFilterRuleException(rule, "syntax error: stray characters after table pattern");
        return new TableRule(schema, table, positive);
    }

    private sealed record TableRule(NameMatcher Schema, NameMatcher Table, bool Positive);
}
