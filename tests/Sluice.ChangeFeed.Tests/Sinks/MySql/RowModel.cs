using System.Globalization;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Tests.Sinks.MySql;

/// <summary>
/// Random but reproducible row changes of tables whose first column (or first two, for a table with two key columns)
/// is the key, and the rows they leave: inserts, value updates, key-moving updates and deletes over a small key range, so
/// that keys are freed and taken again by later transactions.
/// </summary>
internal sealed class RowModel(Random random)
{
    private readonly Dictionary<ChangeTable, Dictionary<string, object?[]>> _rows = [];

    public int Next(int max) => random.Next(max);

    public int Next(int min, int max) => random.Next(min, max);

    public RowChangedEvent Change(ChangeTable table)
    {
        if (!_rows.TryGetValue(table, out var rows))
            _rows[table] = rows = [];
        var op = rows.Count == 0 ? 0 : random.Next(10);
        if (op <= 3 && NewRow(table, rows) is { } inserted)
        {
            rows[KeyText(table, inserted)] = inserted;
            return SinkRows.Insert(table, inserted);
        }

        var before = rows.Values.ElementAt(random.Next(rows.Count));
        if (op == 9)
        {
            rows.Remove(KeyText(table, before));
            return SinkRows.Delete(table, before);
        }

        var after = (object?[])before.Clone();
        after[^1] = Value(table, table.Columns.Count - 1);
        if (op >= 7 && NewRow(table, rows) is { } moved)
        {
            // Moves the row to free key values (for a table with a second unique key, that one too).
            for (var i = 0; i < KeyWidth(table) + (IsTwoKeyed(table) ? 1 : 0); i++)
                after[i] = moved[i];
        }

        rows.Remove(KeyText(table, before));
        rows[KeyText(table, after)] = after;
        return SinkRows.Update(table, before, after);
    }

    /// <summary>The rows as the target should hold them, "a|b|c" ordered by key.</summary>
    public List<string> Rows(ChangeTable table) =>
        [.. _rows.GetValueOrDefault(table, []).Values
            .OrderBy(r => (long)r[0]!).ThenBy(r => KeyWidth(table) > 1 ? (long)r[1]! : 0)
            .Select(r => string.Join('|', r.Select(v => v is null ? "\\N" : Convert.ToString(v, CultureInfo.InvariantCulture))))];

    private object?[]? NewRow(ChangeTable table, Dictionary<string, object?[]> rows)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var row = new object?[table.Columns.Count];
            for (var i = 0; i < row.Length; i++)
                row[i] = i < KeyWidth(table) + (IsTwoKeyed(table) ? 1 : 0) ? (long)random.Next(1, KeyWidth(table) > 1 ? 7 : 31) : Value(table, i);
            if (rows.ContainsKey(KeyText(table, row)))
                continue;
            if (IsTwoKeyed(table) && rows.Values.Any(r => Equals(r[1], row[1])))
                continue;
            return row;
        }

        return null;
    }

    private object? Value(ChangeTable table, int column) =>
        random.Next(6) == 0 ? null : table.Columns[column].DataType == "int" ? (long)random.Next(-1000, 1000) : $"v{random.Next(100000)}'\\";

    private static int KeyWidth(ChangeTable table) => table.Columns.Count(c => c.IsPrimaryKey) is > 1 and var n ? n : 1;

    /// <summary>A table keyed by its first column with a second unique key on its second.</summary>
    private static bool IsTwoKeyed(ChangeTable table) => !table.Columns[0].IsPrimaryKey;

    private static string KeyText(ChangeTable table, object?[] row) => string.Join(',', row.Take(KeyWidth(table)));
}
