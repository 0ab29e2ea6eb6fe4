using System.Globalization;
using System.Text;
using Sluice.Replication.Apply;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>
/// The causality keys of a row change of one target table: for each primary or unique key of the target whose
/// columns all hold a value in an image, one text naming the table, the key and its values. Transactions that share
/// a key touch the same row, or would collide on a unique key, and are applied in commit order; a table without a
/// usable key gives one key for the whole table, so its transactions stay in order.
/// </summary>
/// <remarks>Values compare as decoded: a case-insensitive collation may see two keys as one, which this does not.</remarks>
internal sealed class RowCausalityKeys
{
    private readonly (string Prefix, int[] Ordinals)[] _keys;
    private readonly string _wholeTable;

    public RowCausalityKeys(string schema, string table, IReadOnlyList<string> columns, IReadOnlyList<UniqueKey> keys)
    {
        _wholeTable = schema + "\0" + table;
        _keys = keys
            .Select(k => (_wholeTable + "\0" + k.Name, k.Columns.Select(c => IndexOf(columns, c)).ToArray()))
            .Where(k => k.Item2.Length > 0 && k.Item2.All(i => i >= 0))
            .ToArray();
    }

    /// <summary>Adds the keys of <paramref name="values"/> (a before or after image; nothing for null) to <paramref name="into"/>.</summary>
    public void Add(IReadOnlyList<object?>? values, List<string> into, StringBuilder text)
    {
        if (values is null)
            return;
        var added = false;
        foreach (var (prefix, ordinals) in _keys)
        {
            if (!Holds(values, ordinals))
                continue;
            text.Clear().Append(prefix);
            foreach (var i in ordinals)
                Append(text.Append('\0'), values[i]);
            into.Add(text.ToString());
            added = true;
        }

        if (!added)
            into.Add(_wholeTable);
    }

    private static bool Holds(IReadOnlyList<object?> values, int[] ordinals)
    {
        foreach (var i in ordinals)
        {
            if (i >= values.Count || values[i] is null)
                return false;
        }

        return true;
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], name, StringComparison.OrdinalIgnoreCase))
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
            case IFormattable formattable:
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(value?.ToString());
                break;
        }
    }
}
