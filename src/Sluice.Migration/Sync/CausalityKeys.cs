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
    private readonly TableName _table;
    private readonly (string Name, int[] Ordinals)[] _keys;

    public CausalityKeys(TableName table, IReadOnlyList<ColumnInfo> columns, IReadOnlyList<UniqueKey> keys)
    {
        _table = table;
        _keys = keys
            .Select(k => (k.Name, k.Columns.Select(c => IndexOf(columns, c)).ToArray()))
            .Where(k => k.Item2.All(i => i >= 0))
            .ToArray();
    }

    public void Add(RowImage? image, List<string> into)
    {
        if (image is null)
            return;
        var added = false;
        foreach (var (name, ordinals) in _keys)
        {
            if (!ordinals.All(i => i < image.Count && image.IsPresent(i) && image[i] is not null))
                continue;
            var text = new StringBuilder().Append(_table.Schema).Append('\0').Append(_table.Table).Append('\0').Append(name);
            foreach (var i in ordinals)
                text.Append('\0').Append(Encode(image[i]));
            into.Add(text.ToString());
            added = true;
        }

        if (!added)
            into.Add(_table.Schema + "\0" + _table.Table);
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

    private static string Encode(object? value) => value switch
    {
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? string.Empty,
    };
}
