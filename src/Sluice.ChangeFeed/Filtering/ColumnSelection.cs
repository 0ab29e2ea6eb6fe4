using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Filtering;

/// <summary>The columns a column selector keeps of one table version, and that version reduced to them (shared by every row).</summary>
internal sealed class ColumnSelection
{
    /// <summary>Keeps every column: no selector matches the table, or the one that does selects them all.</summary>
    public static readonly ColumnSelection All = new(null, null);

    private readonly int[]? _kept;

    private ColumnSelection(int[]? kept, ChangeTable? reduced)
    {
        _kept = kept;
        Reduced = reduced;
    }

    /// <summary>The table with only the kept columns; null when every column is kept.</summary>
    public ChangeTable? Reduced { get; }

    /// <exception cref="ChangefeedException">The selector leaves out a handle key column (<see cref="FilterErrorCodes.ColumnSelectorFailed"/>).</exception>
    public static ColumnSelection For(ChangeTable table, string selectorName, ColumnFilterRules columns)
    {
        var kept = new List<int>(table.Columns.Count);
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            if (columns.MatchColumn(column.Name))
            {
                kept.Add(i);
                continue;
            }

            // Rows are told apart downstream by their handle key; without it updates and deletes cannot be applied.
            if (column.IsHandleKey)
            {
                throw new ChangefeedException(
                    FilterErrorCodes.ColumnSelectorFailed,
                    $"{selectorName}: the handle key column '{column.Name}' of table {table.QualifiedName} cannot be left out by the column selector",
                    false);
            }
        }

        if (kept.Count == table.Columns.Count)
            return All;
        var reduced = new ChangeTable(table.Schema, table.Name, [.. kept.Select(i => table.Columns[i])], table.Version, table.TableId);
        return new ColumnSelection([.. kept], reduced);
    }

    public RowChangedEvent Apply(RowChangedEvent row)
    {
        if (Reduced is null)
            return row;
        return new RowChangedEvent
        {
            Table = Reduced,
            Kind = row.Kind,
            CommitTs = row.CommitTs,
            StartTs = row.StartTs,
            Before = Pick(row.Before),
            After = Pick(row.After),
        };
    }

    private object?[]? Pick(IReadOnlyList<object?>? values)
    {
        if (values is null)
            return null;
        var picked = new object?[_kept!.Length];
        for (var i = 0; i < picked.Length; i++)
            picked[i] = values[_kept[i]];
        return picked;
    }
}
