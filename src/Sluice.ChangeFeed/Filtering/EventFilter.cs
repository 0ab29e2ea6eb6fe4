using System.Runtime.CompilerServices;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// A changefeed's event filters (filter.event_filters) and filter.ignore_txn_start_ts: which row changes and DDL
/// it leaves out. Each rule applies to the tables its matcher selects and leaves out the events ignore_event names,
/// the DDL whose text an ignore_sql expression finds, and the rows for which an ignore_*_value_expr is true. Which
/// tables a changefeed reads at all is <see cref="TableFilterRules"/>' business, not this one's. Safe to share
/// between threads.
/// </summary>
/// <remarks>
/// https://docs.pingcap.com/tidb/stable/ticdc-filter#event-filter-rules. An expression naming a column a matched
/// table lacks is an error (<see cref="FilterErrorCodes.ExpressionColumnNotFound"/>), not a reason to skip the rule:
/// TiCDC refuses to create such a changefeed and fails one whose table loses the column. Matchers follow the
/// changefeed's case-sensitive setting. Expressions are evaluated with MySQL's semantics (see
/// <see cref="Sluice.Replication.Expressions.SqlExpression"/>), strings under utf8mb4_general_ci.
/// </remarks>
public sealed class EventFilter
{
    private readonly CompiledEventFilterRule[] _rules;
    private readonly HashSet<ulong> _ignoreTxnStartTs;
    private readonly ConditionalWeakTable<ChangeTable, TableEventFilter> _tables = [];
    private readonly ConditionalWeakTable<ChangeTable, TableEventFilter>.CreateValueCallback _build;

    /// <summary>Checks and compiles every rule, so that a bad one stops the changefeed before it starts.</summary>
    /// <exception cref="ChangefeedException">A matcher breaks the table-filter syntax or an ignore_sql is not a regular
    /// expression (<see cref="FilterErrorCodes.FilterRuleInvalid"/>), an ignore_event name is unknown
    /// (<see cref="FilterErrorCodes.InvalidIgnoreEventType"/>), or an expression does not parse
    /// (<see cref="FilterErrorCodes.ExpressionParseFailed"/>); the message names the rule (numbered from 1) and the part.</exception>
    public EventFilter(ChangefeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rules = [.. options.EventFilters.Select((rule, i) => new CompiledEventFilterRule(rule, i + 1, options.CaseSensitive))];
        _ignoreTxnStartTs = [.. options.IgnoreTxnStartTs];
        _build = table => TableEventFilter.For(table, _rules);
    }

    /// <summary>True when the filter leaves nothing out.</summary>
    public bool IsEmpty => _rules.Length == 0 && _ignoreTxnStartTs.Count == 0;

    /// <summary>Whether the transaction with this start TSO is left out whole (filter.ignore_txn_start_ts).</summary>
    public bool ShouldIgnoreTransaction(Tso startTs) => _ignoreTxnStartTs.Contains(startTs.Value);

    /// <summary>Whether the row change is left out: by its transaction, its event (insert, update, delete, all dml)
    /// or its values.</summary>
    /// <exception cref="ChangefeedException">An expression names a column the row's table lacks
    /// (<see cref="FilterErrorCodes.ExpressionColumnNotFound"/>) or fails on its values
    /// (<see cref="FilterErrorCodes.FailedToFilterDml"/>).</exception>
    public bool ShouldIgnoreRow(RowChangedEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (ShouldIgnoreTransaction(row.StartTs))
            return true;
        return _rules.Length != 0 && _tables.GetValue(row.Table, _build).ShouldIgnore(row);
    }

    /// <summary>Whether the DDL is left out: by its transaction, its event (create table, add column, alter table,
    /// all ddl, …) or its text. A statement on a schema itself is matched against the schema as TiDB's MatchSchema
    /// does; a rename against its old and its new name.</summary>
    public bool ShouldIgnoreDdl(DdlEvent ddl)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        if (ShouldIgnoreTransaction(ddl.StartTs))
            return true;
        if (_rules.Length == 0)
            return false;
        DdlEventClass? what = null;
        foreach (var rule in _rules)
        {
            if (!rule.Matches(ddl))
                continue;
            what ??= DdlEventClass.Of(ddl);
            if (rule.IgnoresDdl(ddl, what.Value))
                return true;
        }

        return false;
    }

    /// <summary>Binds the expressions of the rules that select <paramref name="table"/> (as the first row of it would),
    /// so that a table lacking a column is refused when the changefeed starts rather than at its first row.</summary>
    /// <exception cref="ChangefeedException">An expression names a column the table lacks (<see cref="FilterErrorCodes.ExpressionColumnNotFound"/>).</exception>
    public void Verify(ChangeTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (_rules.Length != 0)
            _tables.GetValue(table, _build);
    }
}
