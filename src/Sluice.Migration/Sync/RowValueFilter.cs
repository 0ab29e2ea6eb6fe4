using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;
using Sluice.Replication.Expressions;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Sync;

/// <summary>
/// The task's expression filters for one source table, bound to the columns of its current table map: says
/// whether a row change is skipped. Values are given to the expressions as the writer sends them (integers,
/// text in the column's charset, decimals, dates and times as their text), NULL as NULL.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/filter-dml-event</remarks>
internal sealed class RowValueFilter
{
    private readonly IReadOnlyList<ColumnInfo> _columns;
    private readonly List<BoundExpression> _insert = [];
    private readonly List<BoundExpression> _updateBefore = [];
    private readonly List<BoundExpression> _updateAfter = [];
    private readonly List<BoundExpression> _delete = [];
    private readonly object?[] _values;

    private RowValueFilter(IReadOnlyList<ColumnInfo> columns)
    {
        _columns = columns;
        _values = new object?[columns.Count];
    }

    /// <summary>The filter for <paramref name="table"/>, or null when no rule names it.</summary>
    /// <exception cref="MigrationException">An expression names a column the table does not have.</exception>
    public static RowValueFilter? For(TableName table, IReadOnlyList<ColumnInfo> columns, IReadOnlyList<ExpressionFilterRule> rules, bool caseSensitive)
    {
        var comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var mine = rules.Where(r => string.Equals(r.Schema, table.Schema, comparison) && string.Equals(r.Table, table.Table, comparison)).ToList();
        if (mine.Count == 0)
            return null;
        var filter = new RowValueFilter(columns);
        var names = columns.Select(c => c.Name ?? c.DisplayName).ToList();
        foreach (var rule in mine)
        {
            Add(filter._insert, rule.InsertValueExpr, rule, names, table);
            Add(filter._updateBefore, rule.UpdateBeforeValueExpr, rule, names, table);
            Add(filter._updateAfter, rule.UpdateAfterValueExpr, rule, names, table);
            Add(filter._delete, rule.DeleteValueExpr, rule, names, table);
        }

        return filter;
    }

    public bool Skips(RowsEventKind kind, RowImage? before, RowImage? after) => kind switch
    {
        RowsEventKind.Insert => Any(_insert, after),
        RowsEventKind.Update => Any(_updateBefore, before) || Any(_updateAfter, after),
        _ => Any(_delete, before),
    };

    private bool Any(List<BoundExpression> expressions, RowImage? image)
    {
        if (expressions.Count == 0 || image is null)
            return false;
        for (var i = 0; i < _values.Length; i++)
            _values[i] = i < image.Count && image.IsPresent(i) && image[i] is { } value ? ParameterValues.ToParameterValue(_columns[i], value) : null;
        foreach (var expression in expressions)
        {
            if (expression.IsTrue(_values))
                return true;
        }

        return false;
    }

    private static void Add(List<BoundExpression> into, string? text, ExpressionFilterRule rule, IReadOnlyList<string> columns, TableName table)
    {
        if (string.IsNullOrWhiteSpace(text))
            return;
        try
        {
            into.Add(SqlExpression.Parse(text).Bind(columns));
        }
        catch (SqlExpressionException ex)
        {
            throw new MigrationException($"expression filter '{rule.Name}' on {table}: {ex.Message}");
        }
    }
}
