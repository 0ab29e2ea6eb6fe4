using System.Text.RegularExpressions;
using Sluice.ChangeFeed.Model;
using Sluice.Replication.Expressions;

namespace Sluice.ChangeFeed.Filtering;

/// <summary>One of filter.event_filters, checked and compiled: its matcher, event names, ignore_sql and expressions.</summary>
internal sealed class CompiledEventFilterRule
{
    private readonly ulong _events;
    private readonly Regex[] _ignoreSql;

    /// <exception cref="ChangefeedException">Something in the rule is invalid; the message names the rule and the part.</exception>
    public CompiledEventFilterRule(EventFilterRule rule, int number, bool caseSensitive)
    {
        Name = $"event filter {number} (matcher [{string.Join(", ", rule.Matcher)}])";
        try
        {
            Matcher = TableFilterRules.Parse(rule.Matcher, caseSensitive);
        }
        catch (TableFilterRuleException ex)
        {
            throw new ChangefeedException(FilterErrorCodes.FilterRuleInvalid, $"{Name}: {ex.Message}", false, ex);
        }

        foreach (var name in rule.IgnoreEvent)
        {
            if (!FilterEventTypes.TryParse(name, out var type))
            {
                throw new ChangefeedException(
                    FilterErrorCodes.InvalidIgnoreEventType,
                    $"{Name}: ignore_event '{name}' is not an event type; use one of [{string.Join(", ", FilterEventTypes.Names)}]",
                    false);
            }

            _events |= FilterEventTypes.Bit(type);
        }

        _ignoreSql = [.. rule.IgnoreSql.Select(CompileSql)];
        InsertValue = Parse(rule.IgnoreInsertValueExpr, "ignore_insert_value_expr");
        UpdateNewValue = Parse(rule.IgnoreUpdateNewValueExpr, "ignore_update_new_value_expr");
        UpdateOldValue = Parse(rule.IgnoreUpdateOldValueExpr, "ignore_update_old_value_expr");
        DeleteValue = Parse(rule.IgnoreDeleteValueExpr, "ignore_delete_value_expr");
    }

    /// <summary>How errors name the rule: its number (from 1) and matcher.</summary>
    public string Name { get; }

    public TableFilterRules Matcher { get; }

    public SqlExpression? InsertValue { get; }

    public SqlExpression? UpdateNewValue { get; }

    public SqlExpression? UpdateOldValue { get; }

    public SqlExpression? DeleteValue { get; }

    public bool HasExpressions => InsertValue is not null || UpdateNewValue is not null || UpdateOldValue is not null || DeleteValue is not null;

    public bool Ignores(FilterEventType type) => (_events & FilterEventTypes.Bit(type)) != 0;

    /// <summary>Whether the rule's matcher selects the DDL's table (for a rename, under its old or new name) or, for a
    /// statement on a schema itself, whether it could select a table of that schema.</summary>
    public bool Matches(DdlEvent ddl)
    {
        if (ddl.Table is null)
            return Matcher.MatchSchema(ddl.Schema);
        return Matcher.MatchTable(ddl.Schema, ddl.Table)
            || (ddl.PreviousName is { } previous && Matcher.MatchTable(previous.Schema, previous.Table));
    }

    /// <summary>Whether the rule leaves the DDL out by its event or its text.</summary>
    public bool IgnoresDdl(DdlEvent ddl, DdlEventClass what)
    {
        if (Ignores(FilterEventType.AllDdl)
            || (what.Type is { } type && Ignores(type))
            || (what.IsAlterTable && Ignores(FilterEventType.AlterTable)))
        {
            return true;
        }

        foreach (var sql in _ignoreSql)
        {
            if (sql.IsMatch(ddl.Query))
                return true;
        }

        return false;
    }

    private Regex CompileSql(string pattern)
    {
        try
        {
            // Go's regexp (TiCDC compiles these with (?i)): found anywhere in the statement, without case, in linear time.
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new ChangefeedException(FilterErrorCodes.FilterRuleInvalid, $"{Name}: ignore_sql '{pattern}' is not a valid regular expression: {ex.Message}", false, ex);
        }
    }

    private SqlExpression? Parse(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return SqlExpression.Parse(text);
        }
        catch (SqlExpressionException ex)
        {
            throw new ChangefeedException(FilterErrorCodes.ExpressionParseFailed, $"{Name}: {what} \"{text}\" does not parse: {ex.Message}", false, ex);
        }
    }
}
