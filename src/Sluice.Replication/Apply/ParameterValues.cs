using System.Globalization;
using System.Text;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.Replication.Apply;

/// <summary>
/// Turns a decoded row value (see <see cref="RowImage"/> for the types) into the value of a MySqlParameter,
/// so that the target stores exactly what the source stored. The apply statements carry the same values as SQL
/// literals, written by <see cref="SqlValueWriter"/>; expression filters and tests use the parameters.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Integers, BIT (ulong) and YEAR (int) go as numbers; FLOAT widens to double, whose shortest round-trip
/// text reads back as the same float and compares equal to the FLOAT column (which MySQL compares as a double).</item>
/// <item>DECIMAL goes as its exact text; in a WHERE it is cast to the column's DECIMAL(p,s) (see
/// <see cref="KeyExpression"/>), since a string compared with a DECIMAL column is compared as a double
/// (https://dev.mysql.com/doc/refman/8.0/en/type-conversion.html).</item>
/// <item>DATE, TIME, DATETIME and TIMESTAMP go as the text SELECT prints, with every fractional digit: a
/// parameter of type DateTime cannot carry zero dates or zero parts; TIMESTAMP text is UTC, read in the
/// session time zone '+00:00' (<see cref="WriterSession"/>).</item>
/// <item>ENUM and SET go as their index and bitmask, which MySQL accepts for them
/// (https://dev.mysql.com/doc/refman/8.0/en/enum.html#enum-indexes), so the empty error value of an ENUM (index
/// 0) survives. A SET's bitmask goes as a signed number: MySQL reads a SET as a signed integer, so a set with
/// its 64th member compares equal only to the negative number of the same bits.</item>
/// <item>Text in a UTF-8 charset goes as a string (MySqlConnector sends utf8mb4); text in any other charset goes
/// as the column's bytes (encoded back with the column's encoding) in a binary string, which MySQL assigns to a
/// text column without conversion and compares in the column's collation. Binary strings, BLOB, GEOMETRY and
/// MariaDB's UUID/INET6 go as bytes.</item>
/// </list>
/// </remarks>
public static class ParameterValues
{
    /// <summary>The parameter value of <paramref name="value"/> in <paramref name="column"/>; <see cref="DBNull.Value"/> for NULL.</summary>
    public static object ToParameterValue(ColumnInfo column, object? value)
    {
        ArgumentNullException.ThrowIfNull(column);
        return value switch
        {
            null => DBNull.Value,
            float f => (double)f,
            MySqlDecimal d => d.ToString(),
            MySqlDate d => d.ToString(),
            MySqlTime t => t.ToString(),
            MySqlDateTime dt => dt.ToString(),
            MySqlTimestamp ts => ts.ToString(),
            string s when column.Type == ColumnType.Enum => EnumIndex(column, s),
            string s when column.Type == ColumnType.Set => SetMask(column, s),
            ulong mask when column.Type == ColumnType.Set => unchecked((long)mask),
            string s when column.Encoding is { } encoding && !IsUtf8(encoding) => encoding.GetBytes(s),
            _ => value,
        };
    }

    /// <summary>
    /// The SQL expression that compares a key column with its placeholder in a WHERE: the placeholder itself,
    /// but DECIMAL cast to the column's type (compared as decimals, not doubles) and MySQL's JSON cast to JSON
    /// (compared as documents, not as a string scalar).
    /// </summary>
    public static string KeyExpression(ColumnInfo column, string placeholder)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Type switch
        {
            ColumnType.NewDecimal => string.Create(
                CultureInfo.InvariantCulture, $"CAST({placeholder} AS DECIMAL({column.Metadata >> 8},{column.Metadata & 0xFF}))"),
            ColumnType.Json => $"CAST({placeholder} AS JSON)",
            _ => placeholder,
        };
    }

    private static bool IsUtf8(Encoding encoding) => encoding.CodePage == Encoding.UTF8.CodePage;

    private static object EnumIndex(ColumnInfo column, string name) => TryEnumIndex(column, name, out var index) ? index : name;

    private static object SetMask(ColumnInfo column, string names) => TrySetMask(column, names, out var mask) ? mask : names;

    /// <summary>
    /// The index of ENUM member <paramref name="name"/> (1-based; 0 for "", the value an invalid member was stored as
    /// and the decoder gives for index 0); false when the member names are unknown or do not hold it.
    /// </summary>
    internal static bool TryEnumIndex(ColumnInfo column, string name, out int index)
    {
        if (column.EnumValues is { } members)
        {
            index = Array.IndexOf(members, name) + 1;
            if (index > 0)
                return true;
        }

        index = 0;
        return name.Length == 0;
    }

    /// <summary>
    /// The bitmask of the SET members in <paramref name="names"/> (comma-separated), as the signed number MySQL reads
    /// a SET as; false when the member names are unknown or do not hold one of them.
    /// </summary>
    internal static bool TrySetMask(ColumnInfo column, string names, out long mask)
    {
        mask = 0;
        if (names.Length == 0)
            return true;
        if (column.SetValues is not { } members)
            return false;
        var bits = 0UL;
        foreach (var range in names.AsSpan().Split(','))
        {
            var index = IndexOf(members, names.AsSpan(range));
            if (index is < 0 or >= 64)
                return false;
            bits |= 1UL << index;
        }

        mask = unchecked((long)bits);
        return true;
    }

    private static int IndexOf(string[] members, ReadOnlySpan<char> name)
    {
        for (var i = 0; i < members.Length; i++)
        {
            if (name.SequenceEqual(members[i]))
                return i;
        }

        return -1;
    }
}
