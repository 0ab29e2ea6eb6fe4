using System.Runtime.CompilerServices;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// A changefeed's column selectors (sink.column_selectors): for the tables a selector's matcher selects, only the
/// columns its patterns select are sent (<c>*</c>, <c>?</c>, <c>!</c> to exclude, the last matching pattern deciding).
/// The first selector whose matcher selects a table applies to it; tables none selects keep every column. Safe to
/// share between threads.
/// </summary>
/// <remarks>
/// https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka#column-selectors. A selector may not leave out a column
/// of the table's handle key (its primary key, else the first NOT NULL unique key): such a table is refused with
/// <see cref="FilterErrorCodes.ColumnSelectorFailed"/> when it is first seen.
/// </remarks>
public sealed class ColumnSelector
{
    private readonly Selector[] _selectors;
    private readonly ConditionalWeakTable<ChangeTable, ColumnSelection> _tables = [];
    private readonly ConditionalWeakTable<ChangeTable, ColumnSelection>.CreateValueCallback _build;

    /// <exception cref="ChangefeedException">A matcher or column pattern breaks the table-filter syntax
    /// (<see cref="FilterErrorCodes.FilterRuleInvalid"/>); the message names the selector (numbered from 1).</exception>
    public ColumnSelector(ChangefeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _selectors = [.. options.ColumnSelectors.Select((rule, i) => Selector.Compile(rule, i + 1, options.CaseSensitive))];
        _build = Build;
    }

    /// <summary>True when there are no selectors (every row is sent whole).</summary>
    public bool IsEmpty => _selectors.Length == 0;

    /// <summary>The row with only the selected columns, its table the reduced version shared by every row of that
    /// version; the same row when no selector matches its table or the matching one keeps every column.</summary>
    /// <exception cref="ChangefeedException">The selector leaves out a handle key column (<see cref="FilterErrorCodes.ColumnSelectorFailed"/>).</exception>
    public RowChangedEvent Apply(RowChangedEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _selectors.Length == 0 ? row : _tables.GetValue(row.Table, _build).Apply(row);
    }

    /// <summary>The table as rows of it are sent: reduced to the selected columns, or the same instance.</summary>
    /// <exception cref="ChangefeedException">As for <see cref="Apply(RowChangedEvent)"/>.</exception>
    public ChangeTable Apply(ChangeTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return _selectors.Length == 0 ? table : _tables.GetValue(table, _build).Reduced ?? table;
    }

    /// <summary>Checks the selection for a table before any row of it arrives.</summary>
    /// <exception cref="ChangefeedException">As for <see cref="Apply(RowChangedEvent)"/>.</exception>
    public void Verify(ChangeTable table) => Apply(table);

    /// <summary>Whether the column of the table is sent (TiCDC's VerifyColumn; a column dispatcher must use only these).</summary>
    public bool IsSelected(string schema, string table, string column)
    {
        foreach (var selector in _selectors)
        {
            if (selector.Matcher.MatchTable(schema, table))
                return selector.Columns.MatchColumn(column);
        }

        return true;
    }

    private ColumnSelection Build(ChangeTable table)
    {
        foreach (var selector in _selectors)
        {
            if (selector.Matcher.MatchTable(table.Schema, table.Name))
                return ColumnSelection.For(table, selector.Name, selector.Columns);
        }

        return ColumnSelection.All;
    }

    private sealed record Selector(string Name, TableFilterRules Matcher, ColumnFilterRules Columns)
    {
        public static Selector Compile(ColumnSelectorRule rule, int number, bool caseSensitive)
        {
            var name = $"column selector {number} (matcher [{string.Join(", ", rule.Matcher)}])";
            try
            {
                return new Selector(name, TableFilterRules.Parse(rule.Matcher, caseSensitive), ColumnFilterRules.Parse(rule.Columns));
            }
            catch (TableFilterRuleException ex)
            {
                throw new ChangefeedException(FilterErrorCodes.FilterRuleInvalid, $"{name}: {ex.Message}", false, ex);
            }
        }
    }
}
