using System.Globalization;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs;

/// <summary>
/// Conversions TiCDC's text protocols share: ENUM and SET as the numbers TiDB keeps (canal-json and open-protocol
/// send the index and the bitmask) or as member names (csv), and BIT as an unsigned number.
/// </summary>
internal static class TiCdcColumnValue
{
    /// <summary>The ENUM index (1-based) or SET bitmask of a value the decoder gave by name (or by number, when it did not know the members).</summary>
    public static ulong? MemberNumber(ChangeColumn column, object value) => value switch
    {
        string name => ColumnValueText.MemberNumber(column, name),
        int index => (ulong)index,
        long index => (ulong)index,
        ulong mask => mask,
        _ => null,
    };

    /// <summary>The ENUM or SET value by member names ("b", "x,z"); a number the members do not explain is kept as its text.</summary>
    public static string MemberNames(ChangeColumn column, object value)
    {
        if (value is string name)
            return name;
        var number = MemberNumber(column, value) ?? 0;
        if (column.Members is not { } members)
            return number.ToString(CultureInfo.InvariantCulture);
        if (column.Type == Sluice.MySql.Binlog.Rows.ColumnType.Enum)
            return number >= 1 && number <= (ulong)members.Count ? members[(int)number - 1] : string.Empty;

        var names = new List<string>();
        for (var i = 0; i < members.Count && i < 64; i++)
        {
            if ((number & (1UL << i)) != 0)
                names.Add(members[i]);
        }

        return string.Join(',', names);
    }

    /// <summary>A BIT value as a number: the decoder gives an unsigned number; bytes (big-endian) are read as one.</summary>
    public static ulong Bits(object value) => value switch
    {
        ulong u => u,
        long l => unchecked((ulong)l),
        int i => unchecked((ulong)i),
        byte[] bytes => FromBigEndian(bytes),
        _ => throw new ArgumentException($"a BIT value cannot be a {value.GetType().Name}", nameof(value)),
    };

    private static ulong FromBigEndian(byte[] bytes)
    {
        ulong result = 0;
        foreach (var b in bytes)
            result = (result << 8) | b;
        return result;
    }
}
