using System.Globalization;
using System.Text;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Sync;

/// <summary>
/// The causality keys of a row change: for each primary or unique key of the target table whose columns are all
/// present and not NULL in an image, one text naming the table, the key and its values. Two changes that share a
/// key touch the same row, or would collide on a unique key, and so must be applied in order. A table without a
/// usable key gives one key for the whole table: its changes stay in order on one worker.
/// </summary>
/// <remarks>Values compare as decoded bytes: a case-insensitive collation may see two keys as one, which this does not.</remarks>
internal sealed class CausalityKeys
{
    private readonly (string Prefix, int[] Ordinals)[] _keys;
    private readonly string _wholeTable;
    // One dispatcher builds every key of a task: one buffer, reused.
    private readonly StringBuilder _text = new(128);

    public CausalityKeys(TableName table, IReadOnlyList<ColumnInfo> columns, IReadOnlyList<UniqueKey> keys)
    {
        _wholeTable = table.Schema + "\0" + table.Table;
        _keys = keys
            .Select(k => (_wholeTable + "\0" + k.Name, k.Columns.Select(c => IndexOf(columns, c)).ToArray()))
            .Where(k => k.Item2.All(i => i >= 0))
            .ToArray();
    }

    public void Add(RowImage? image, List<string> into)
    {
        if (image is null)
            return;
        var added = false;
        foreach (var (prefix, ordinals) in _keys)
        {
            if (!Holds(image, ordinals))
                continue;
            _text.Clear().Append(prefix);
            foreach (var i in ordinals)
                Append(_text.Append('\0'), image[i]);
            // An UPDATE that keeps its key names it twice (before and after): the second adds nothing.
            if (!Holds(into, _text))
                into.Add(_text.ToString());
            added = true;
        }

        if (!added && !into.Contains(_wholeTable))
            into.Add(_wholeTable);
    }

    private static bool Holds(List<string> keys, StringBuilder text)
    {
        foreach (var key in keys)
        {
            if (text.Equals(key.AsSpan()))
                return true;
        }

        return false;
    }

    private static bool Holds(RowImage image, int[] ordinals)
    {
        foreach (var i in ordinals)
        {
            if (i >= image.Count || !image.IsPresent(i) || image[i] is null)
                return false;
        }

        return true;
    }

    private static int IndexOf(IReadOnlyList<ColumnInfo> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        }

        return -1;
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case byte[] bytes:
                text.Append(Convert.ToHexString(bytes));
                break;
            case string s:
                text.Append(s);
                break;
            case ISpanFormattable formattable:
                text.Append(CultureInfo.InvariantCulture, $"{formattable}");
                break;
            case IFormattable formattable:
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(value?.ToString());
                break;
        }
    }
}
