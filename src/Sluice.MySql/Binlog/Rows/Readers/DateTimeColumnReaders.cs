using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>Shared range checks of DATETIME values.</summary>
internal static class DateTimeValue
{
    public static MySqlDateTime Create(long year, long month, long day, long hour, long minute, long second, long microseconds, int precision, int offset)
    {
        if (year > 9999 || month > 12 || day > 31 || hour > 23 || minute > 59 || second > 59 || microseconds is < 0 or > 999_999)
        {
            throw new MySqlDecodingException(
                $"expected a DATETIME, found {year}-{month}-{day} {hour}:{minute}:{second}.{microseconds}", offset);
        }

        return new MySqlDateTime((int)year, (int)month, (int)day, (int)hour, (int)minute, (int)second, (int)microseconds, precision);
    }

    /// <summary>
    /// Splits MySQL's packed DATETIME integer part: year*13+month in 17 bits, then day (5), hour (5),
    /// minute (6), second (6): my_time.cc TIME_from_longlong_datetime_packed.
    /// </summary>
    public static MySqlDateTime FromPacked(long ymdhms, long microseconds, int precision, int offset)
    {
        if (ymdhms < 0)
            throw new MySqlDecodingException($"expected a non-negative DATETIME, found packed value {ymdhms}", offset);
        var ymd = ymdhms >> 17;
        var ym = ymd >> 5;
        var hms = ymdhms & 0x1FFFF;
        return Create(ym / 13, ym % 13, ymd & 31, hms >> 12, (hms >> 6) & 63, hms & 63, microseconds, precision, offset);
    }
}

/// <summary>The pre-5.6 DATETIME: 8-byte little-endian integer YYYYMMDDhhmmss → <see cref="MySqlDateTime"/>.</summary>
internal sealed class DateTimeColumnReader : ColumnReader
{
    public static readonly DateTimeColumnReader Instance = new();

    public override object Read(ref ByteReader reader)
    {
        var offset = reader.Offset;
        var value = reader.ReadUInt64();
        if (value > 99_991_231_235_959)
            throw new MySqlDecodingException($"expected a DATETIME as YYYYMMDDhhmmss, found {value}", offset);
        var date = (long)(value / 1_000_000);
        var time = (long)(value % 1_000_000);
        return DateTimeValue.Create(date / 10000, date / 100 % 100, date % 100, time / 10000, time / 100 % 100, time % 100, 0, 0, offset);
    }
}

/// <summary>
/// DATETIME2 (MySQL 5.6+, MariaDB with mysql56_temporal_format): 5 bytes big-endian of the packed date and
/// time plus 0x8000000000, then (fsp+1)/2 bytes big-endian of fraction.
/// </summary>
/// <remarks>my_time.cc my_datetime_packed_from_binary; https://dev.mysql.com/doc/dev/mysql-server/latest/my__time_8h.html</remarks>
internal sealed class DateTime2ColumnReader : ColumnReader
{
    private static readonly DateTime2ColumnReader[] ByPrecision = [new(0), new(1), new(2), new(3), new(4), new(5), new(6)];

    private readonly int _precision;

    private DateTime2ColumnReader(int precision) => _precision = precision;

    public static DateTime2ColumnReader For(int precision) => ByPrecision[precision];

    public override object Read(ref ByteReader reader)
    {
        var offset = reader.Offset;
        var integer = (long)reader.ReadBigEndianUInt(5) - 0x80_0000_0000L;
        var microseconds = FractionReader.ReadSigned(ref reader, _precision);
        return DateTimeValue.FromPacked(integer, microseconds, _precision, offset);
    }
}

/// <summary>The fraction bytes that follow TIMESTAMP2 and DATETIME2, scaled to microseconds.</summary>
internal static class FractionReader
{
    /// <summary>(fsp+1)/2 bytes big-endian, signed as MySQL reads them (mi_sint2korr/mi_sint3korr).</summary>
    public static long ReadSigned(ref ByteReader reader, int precision) => precision switch
    {
        0 => 0,
        1 or 2 => (sbyte)reader.ReadByte() * 10_000L,
        3 or 4 => (short)reader.ReadBigEndianUInt(2) * 100L,
        _ => ((int)((uint)reader.ReadBigEndianUInt(3) << 8) >> 8),
    };
}
