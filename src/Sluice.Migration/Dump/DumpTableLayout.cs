using Sluice.Replication.Filtering;

namespace Sluice.Migration.Dump;

/// <summary>How one table is dumped: which columns, how each is selected, and the key its chunks are cut on.</summary>
/// <param name="Name">The source table.</param>
/// <param name="Columns">Dumped columns in file order (generated columns are left out: the target computes them).</param>
/// <param name="Key">The primary key, else a unique key on NOT NULL columns; null when the table has none usable.</param>
/// <param name="EstimatedRows">information_schema.TABLES.TABLE_ROWS: an estimate for chunk sizes and progress.</param>
internal sealed record DumpTableLayout(
    TableName Name,
    IReadOnlyList<DumpColumnLayout> Columns,
    ChunkKey? Key,
    long EstimatedRows)
{
    /// <summary>The SELECT list: every column as the bytes its encoding writes.</summary>
    public string SelectList { get; } = string.Join(", ", Columns.Select(c => c.SelectExpression));
}

/// <param name="Name">Column name.</param>
/// <param name="Encoding">A <see cref="ColumnEncoding"/> value.</param>
/// <param name="SelectExpression">The expression that yields the bytes written for the column (a binary string).</param>
internal sealed record DumpColumnLayout(string Name, string Encoding, string SelectExpression);

/// <summary>The key the chunks are cut on.</summary>
/// <param name="IndexName">PRIMARY or the unique key's name.</param>
/// <param name="Columns">Key columns in index order.</param>
/// <param name="IsInteger">A single integer column: chunks are ranges of its values, dumped in parallel.</param>
internal sealed record ChunkKey(string IndexName, IReadOnlyList<ChunkKeyColumn> Columns, bool IsInteger);

/// <summary>A key column.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Ordinal">Its position in the dumped columns, where its value bytes are found.</param>
/// <param name="ComparandFormat">
/// SQL turning a parameter holding the column's dumped bytes back into a value of the column's type, charset and
/// collation ({0} stands for the parameter), so keyset comparisons order exactly as ORDER BY does.
/// </param>
internal sealed record ChunkKeyColumn(string Name, int Ordinal, string ComparandFormat);
