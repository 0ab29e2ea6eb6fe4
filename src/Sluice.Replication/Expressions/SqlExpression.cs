namespace Sluice.Replication.Expressions;

/// <summary>
/// A parsed MySQL expression, as DM's expression filter (<c>insert-value-expr</c>, <c>update-old-value-expr</c>,
/// <c>update-new-value-expr</c>, <c>delete-value-expr</c>) and TiCDC's event filter (<c>ignore_insert_value_expr</c>,
/// …) write them: <c>c % 2 = 0 AND name LIKE 'a%'</c>. Parse once, <see cref="Bind"/> to a table's columns, then
/// evaluate per row. Immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// https://docs.pingcap.com/tidb/stable/filter-dml-event and https://docs.pingcap.com/tidb/stable/ticdc-filter.
/// Semantics are MySQL's (MariaDB's where they differ): three-valued logic with NULL, implicit conversions, and
/// string comparison under <c>utf8mb4_general_ci</c>.
/// </remarks>
public sealed class SqlExpression
{
    private readonly SqlNode _root;

    private SqlExpression(string text, SqlNode root, IReadOnlyList<string> columns)
    {
        Text = text;
        _root = root;
        Columns = columns;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>The column names the expression reads, in order of first use.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <exception cref="SqlExpressionException">The text does not parse, or calls a function that does not exist or
    /// with the wrong number of arguments.</exception>
    public static SqlExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (root, columns) = SqlParser.Parse(text);
        return new SqlExpression(text, root, columns);
    }

    /// <summary>Binds the expression to a table's columns (matched without case, as MySQL matches column names).</summary>
    /// <param name="columns">The table's column names, in row order.</param>
    /// <exception cref="SqlExpressionException">The expression names a column the table does not have.</exception>
    public BoundExpression Bind(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var ordinals = new int[Columns.Count];
        for (var slot = 0; slot < ordinals.Length; slot++)
        {
            ordinals[slot] = -1;
            for (var i = 0; i < columns.Count; i++)
            {
                if (string.Equals(columns[i], Columns[slot], StringComparison.OrdinalIgnoreCase))
                {
                    ordinals[slot] = i;
                    break;
                }
            }

            if (ordinals[slot] < 0)
            {
                throw new SqlExpressionException($"Unknown column '{Columns[slot]}' in expression \"{Text}\".");
            }
        }

        return new BoundExpression(this, _root, ordinals);
    }

    /// <summary>The text MySQL shows for a value the evaluator returns (<c>3.5000</c>, <c>1e20</c>,
    /// <c>2024-01-15 10:00:00</c>); null for SQL NULL.</summary>
    /// <exception cref="SqlExpressionException">Not a value the evaluator knows.</exception>
    public static string? FormatValue(object? value) => SqlValues.Normalize(value) is { } v ? SqlValues.ToText(v) : null;

    public override string ToString() => Text;
}
