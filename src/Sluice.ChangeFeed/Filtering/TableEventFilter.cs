using Sluice.ChangeFeed.Model;
using Sluice.Replication.Expressions;

namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// The event filters that apply to one version of one table, with their expressions bound to its columns: says
/// whether a row change of it is left out. Built once per table version and shared.
/// </summary>
internal sealed class TableEventFilter
{
    public static readonly TableEventFilter None = new();

    private readonly List<BoundExpression> _insert = [];
    private readonly List<BoundExpression> _updateOld = [];
    private readonly List<BoundExpression> _updateNew = [];
    private readonly List<BoundExpression> _delete = [];
    private bool _ignoreInsert;
    private bool _ignoreUpdate;
    private bool _ignoreDelete;

    private TableEventFilter()
    {
    }

    /// <exception cref="ChangefeedException">An expression names a column the table lacks
    /// (<see cref="FilterErrorCodes.ExpressionColumnNotFound"/>), as TiCDC refuses it.</exception>
    public static TableEventFilter For(ChangeTable table, IReadOnlyList<CompiledEventFilterRule> rules)
    {
        TableEventFilter? filter = null;
        string[]? columns = null;
        foreach (var rule in rules)
        {
            if (!rule.Matcher.MatchTable(table.Schema, table.Name))
                continue;
            filter ??= new TableEventFilter();
            filter._ignoreInsert |= rule.Ignores(FilterEventType.AllDml) || rule.Ignores(FilterEventType.Insert);
            filter._ignoreUpdate |= rule.Ignores(FilterEventType.AllDml) || rule.Ignores(FilterEventType.Update);
            filter._ignoreDelete |= rule.Ignores(FilterEventType.AllDml) || rule.Ignores(FilterEventType.Delete);
            if (!rule.HasExpressions)
                continue;
            columns ??= [.. table.Columns.Select(c => c.Name)];
            Bind(filter._insert, rule.InsertValue, rule, table, columns);
            Bind(filter._updateOld, rule.UpdateOldValue, rule, table, columns);
            Bind(filter._updateNew, rule.UpdateNewValue, rule, table, columns);
            Bind(filter._delete, rule.DeleteValue, rule, table, columns);
        }

        return filter ?? None;
    }

    /// <exception cref="ChangefeedException">An expression fails on the row's values (<see cref="FilterErrorCodes.FailedToFilterDml"/>).</exception>
    public bool ShouldIgnore(RowChangedEvent row) => row.Kind switch
    {
        RowChangeKind.Insert => _ignoreInsert || Any(_insert, row.After, row),
        RowChangeKind.Update => _ignoreUpdate || Any(_updateOld, row.Before, row) || Any(_updateNew, row.After, row),
        RowChangeKind.Delete => _ignoreDelete || Any(_delete, row.Before, row),
        _ => false,
    };

    private static bool Any(List<BoundExpression> expressions, IReadOnlyList<object?>? image, RowChangedEvent row)
    {
        if (expressions.Count == 0 || image is null)
            return false;
        var values = ExpressionValues.From(image);
        foreach (var expression in expressions)
        {
            try
            {
                if (expression.IsTrue(values))
                    return true;
            }
            catch (SqlExpressionException ex)
            {
                throw new ChangefeedException(
                    FilterErrorCodes.FailedToFilterDml,
                    $"evaluating \"{expression}\" on a row of {row.Table.QualifiedName} (commit ts {row.CommitTs}) failed: {ex.Message}",
                    false,
                    ex);
            }
        }

        return false;
    }

    private static void Bind(List<BoundExpression> into, SqlExpression? expression, CompiledEventFilterRule rule, ChangeTable table, string[] columns)
    {
        if (expression is null)
            return;
        try
        {
            into.Add(expression.Bind(columns));
        }
        catch (SqlExpressionException ex)
        {
            throw new ChangefeedException(
                FilterErrorCodes.ExpressionColumnNotFound,
                $"{rule.Name}: table {table.QualifiedName} has no column the expression \"{expression}\" needs: {ex.Message}",
                false,
                ex);
        }
    }
}
