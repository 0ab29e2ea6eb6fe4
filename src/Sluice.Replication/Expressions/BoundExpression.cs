namespace Sluice.Replication.Expressions;

/// <summary>An expression bound to a table's column order; evaluates rows of that table.</summary>
public sealed class BoundExpression
{
    private readonly SqlNode _root;
    private readonly int[] _ordinals;

    internal BoundExpression(SqlExpression expression, SqlNode root, int[] ordinals)
    {
        Expression = expression;
        _root = root;
        _ordinals = ordinals;
    }

    public SqlExpression Expression { get; }

    /// <summary>
    /// The expression's value for one row, whose values are in the bound column order: null, <see cref="long"/>,
    /// <see cref="ulong"/>, <see cref="decimal"/>, <see cref="double"/>, <see cref="string"/>, <see cref="byte"/>[],
    /// <see cref="DateTime"/>, <see cref="DateOnly"/> or <see cref="TimeSpan"/>. Comparisons and logic give 1 or 0
    /// (as <see cref="long"/>) or null. Row values may also be bool, the smaller integer types, float, char and
    /// <see cref="TimeOnly"/>.
    /// </summary>
    /// <exception cref="SqlExpressionException">A value of another type, or an error MySQL raises too (a BIGINT or
    /// DOUBLE out of range, an invalid regular expression).</exception>
    public object? Evaluate(ReadOnlySpan<object?> row) => _root.Evaluate(new SqlRow(row, _ordinals));

    /// <summary>Whether the row satisfies the expression: MySQL's truth, so null and 0 are false.</summary>
    /// <exception cref="SqlExpressionException">As for <see cref="Evaluate"/>.</exception>
    public bool IsTrue(ReadOnlySpan<object?> row) => SqlValues.Truth(Evaluate(row)) == true;

    public override string ToString() => Expression.Text;
}
