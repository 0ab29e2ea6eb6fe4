namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// The values of one row image, one slot per table column. A column absent from the image
/// (binlog_row_image MINIMAL or NOBLOB) has <see cref="IsPresent"/> false and a null value; a present
/// SQL NULL is a null value with <see cref="IsPresent"/> true.
/// </summary>
/// <remarks>
/// Values are typed: long (signed integers), ulong (unsigned integers, BIT), float, double,
/// <see cref="MySqlDecimal"/>, int (YEAR), <see cref="MySqlDate"/>, <see cref="MySqlTime"/>,
/// <see cref="MySqlDateTime"/>, <see cref="MySqlTimestamp"/>, string (text in its charset, ENUM and SET
/// members by name, JSON as text), byte[] (binary strings, BLOB, GEOMETRY); ENUM and SET fall back to
/// their index (int) and bitmask (ulong) when member names are unknown.
/// </remarks>
public sealed class RowImage(object?[] values, bool[] present)
{
    private readonly object?[] _values = values;
    private readonly bool[] _present = present;

    public int Count => _values.Length;

    public object? this[int index] => _values[index];

    public bool IsPresent(int index) => _present[index];

    public ReadOnlySpan<object?> Values => _values;

    /// <summary>The values as a list, without copying them (an image never changes once decoded).</summary>
    public IReadOnlyList<object?> AsReadOnlyList() => _values;
}
