namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// A table-filter rule (of filter.rules, an event filter's matcher, a column selector's matcher or columns) that
/// does not follow TiDB's table-filter syntax; <see cref="Rule"/> is the rule as written.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/table-filter#syntax</remarks>
public sealed class TableFilterRuleException : FormatException
{
    public TableFilterRuleException()
    {
    }

    public TableFilterRuleException(string message)
        : base(message)
    {
    }

    public TableFilterRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TableFilterRuleException(string rule, string reason, Exception? innerException = null)
        : base($"filter rule '{rule}' is invalid: {reason}", innerException)
    {
        Rule = rule;
        Reason = reason;
    }

    /// <summary>The rule as written.</summary>
    public string Rule { get; } = "";

    /// <summary>What is wrong with it, in TiDB's words ("syntax error: missing '.' between schema and table patterns").</summary>
    public string Reason { get; } = "";
}
