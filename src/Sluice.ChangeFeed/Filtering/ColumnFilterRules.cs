namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// Column patterns of a column selector (<c>a*</c>, <c>!secret</c>): TiDB's table-filter syntax for one name, the
/// last matching pattern deciding and no match leaving the column out. Column names never compare with case, as
/// in MySQL, whatever the changefeed's case-sensitive setting.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka#column-selectors</remarks>
internal sealed class ColumnFilterRules
{
    // Newest first, as in TableFilterRules.
    private readonly (NameMatcher Column, bool Positive)[] _rules;

    private ColumnFilterRules((NameMatcher, bool)[] rules) => _rules = rules;

    /// <exception cref="TableFilterRuleException">A pattern breaks the syntax.</exception>
    public static ColumnFilterRules Parse(IReadOnlyList<string> patterns)
    {
        var rules = new List<(NameMatcher, bool)>(patterns.Count);
        foreach (var pattern in patterns)
        {
            var line = pattern.Trim(' ', '\t');
            if (line.Length == 0 || line[0] == '#')
                continue;
            var positive = true;
            if (line[0] == '!')
            {
                positive = false;
                line = line[1..];
            }
            else if (line[0] == '@')
            {
                throw new TableFilterRuleException(pattern, "importing filter files is not supported; write the rules themselves");
            }

            var at = 0;
            var matcher = NamePatternParser.Parse(pattern, line, ref at, endsAtDot: false, caseSensitive: false);
            if (at != line.Length)
                throw new TableFilterRuleException(pattern, "syntax error: stray characters after column pattern");
            rules.Add((matcher, positive));
        }

        rules.Reverse();
        return new ColumnFilterRules([.. rules]);
    }

    public bool MatchColumn(string column)
    {
        foreach (var (matcher, positive) in _rules)
        {
            if (matcher.Matches(column))
                return positive;
        }

        return false;
    }
}
