namespace Sluice.Replication.Expressions;

/// <summary>A row as the evaluator sees it: column slots of the expression mapped to ordinals of the row.</summary>
internal readonly ref struct SqlRow
{
    private readonly ReadOnlySpan<object?> _values;
    private readonly int[] _ordinals;

    public SqlRow(ReadOnlySpan<object?> values, int[] ordinals)
    {
        _values = values;
        _ordinals = ordinals;
    }

    public object? this[int slot]
    {
        get
        {
            var ordinal = _ordinals[slot];
            return (uint)ordinal < (uint)_values.Length
                ? SqlValues.Normalize(_values[ordinal])
                : throw new SqlExpressionException($"The row has {_values.Length} values; column {ordinal} is missing.");
        }
    }
}
