using System.Text.RegularExpressions;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Processing;

/// <summary>What a changefeed captures: the tables its filter rules select, minus the events and rows its event filters leave out.</summary>
internal sealed class CaptureFilter
{
    private static readonly string[] SystemSchemas = ["mysql", "information_schema", "performance_schema", "sys"];

    private readonly (Regex Schema, Regex Table, bool Exclude)[] _rules;
    private readonly HashSet<ulong> _ignoredStarts;

    public CaptureFilter(ChangefeedOptions options)
    {
        var regexOptions = RegexOptions.CultureInvariant | (options.CaseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
        _rules = options.FilterRules.Select(rule =>
        {
            var exclude = rule.StartsWith('!');
            var text = exclude ? rule[1..] : rule;
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            var schema = dot < 0 ? text : text[..dot];
            var table = dot < 0 ? "*" : text[(dot + 1)..];
            return (Pattern(schema, regexOptions), Pattern(table, regexOptions), exclude);
        }).ToArray();
        _ignoredStarts = [.. options.IgnoreTxnStartTs];
    }

    public bool AllowsTable(string schema, string table)
    {
        if (SystemSchemas.Contains(schema, StringComparer.OrdinalIgnoreCase))
            return false;
        for (var i = _rules.Length - 1; i >= 0; i--)
        {
            if (_rules[i].Schema.IsMatch(schema) && _rules[i].Table.IsMatch(table))
                return !_rules[i].Exclude;
        }

        return false;
    }

    public bool AllowsSchema(string schema) =>
        !SystemSchemas.Contains(schema, StringComparer.OrdinalIgnoreCase) && _rules.Any(r => !r.Exclude && r.Schema.IsMatch(schema));

    public bool IgnoresTransaction(Tso startTs) => _ignoredStarts.Contains(startTs.Value);

    public static bool IgnoresRow(RowChangedEvent row) => row is null;

    public static bool IgnoresDdl(DdlEvent ddl) => ddl is null;

    public static RowChangedEvent SelectColumns(RowChangedEvent row) => row;

    private static Regex Pattern(string glob, RegexOptions options) =>
        new("^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", options);
}
