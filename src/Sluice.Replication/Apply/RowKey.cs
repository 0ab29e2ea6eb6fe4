using System.Text;
using Sluice.Replication.Filtering;

namespace Sluice.Replication.Apply;

/// <summary>
/// The values that identify one row of a target table (its key columns, or its whole image when the table has
/// no key), to tell whether two changes may touch the same row. NULL equals NULL here, and bytes compare by
/// content.
/// </summary>
/// <remarks>
/// Values compare exactly as decoded: a case- or accent-insensitive collation may treat two different keys as the
/// same row, which this comparison does not see.
/// </remarks>
public sealed class RowKey : IEquatable<RowKey>
{
    private readonly object?[] _values;
    private readonly int _hash;

    internal RowKey(TableName table, string[] columns, object?[] values)
    {
        Table = table;
        Columns = columns;
        _values = values;
        var hash = new HashCode();
        hash.Add(table);
        foreach (var column in columns)
            hash.Add(column, StringComparer.Ordinal);
        foreach (var value in values)
            hash.Add(ValueHash(value));
        _hash = hash.ToHashCode();
    }

    public TableName Table { get; }

    /// <summary>The names of the columns the values belong to.</summary>
    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<object?> Values => _values;

    public bool Equals(RowKey? other)
    {
        if (other is null)
            return false;
        if (ReferenceEquals(this, other))
            return true;
        if (_hash != other._hash || Table != other.Table || _values.Length != other._values.Length
            || !Columns.SequenceEqual(other.Columns, StringComparer.Ordinal))
            return false;
        for (var i = 0; i < _values.Length; i++)
        {
            if (!ValueEquals(_values[i], other._values[i]))
                return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

    public override int GetHashCode() => _hash;

    /// <summary>"schema.table(c1=v1,c2=v2)", bytes in hex, NULL as NULL.</summary>
    public override string ToString()
    {
        var text = new StringBuilder().Append(Table.ToString()).Append('(');
        for (var i = 0; i < _values.Length; i++)
        {
            if (i > 0)
                text.Append(',');
            text.Append(Columns[i]).Append('=').Append(_values[i] switch
            {
                null => "NULL",
                byte[] bytes => "0x" + Convert.ToHexString(bytes),
                IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                var value => value.ToString(),
            });
        }

        return text.Append(')').ToString();
    }

    /// <summary>Two decoded values compared as the key does: NULL equals NULL, bytes by content.</summary>
    internal static bool ValueEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        _ => a.Equals(b),
    };

    private static int ValueHash(object? value) => value switch
    {
        null => 0,
        byte[] bytes => HashBytes(bytes),
        _ => value.GetHashCode(),
    };

    private static int HashBytes(byte[] bytes)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}
