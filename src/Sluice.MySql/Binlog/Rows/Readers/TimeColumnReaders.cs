using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>Shared range checks of TIME values.</summary>
internal static class TimeValue
{
    public const int MaxHours = 838;

    public static MySqlTime Create(bool negative, long hours, long minutes, long seconds, long microseconds, int precision, int offset)
    {
        if (hours > MaxHours || minutes > 59 || seconds > 59 || microseconds > 999_999)
            throw new MySqlDecodingException($"expected a TIME within ±838:59:59.999999, found {hours}:{minutes}:{seconds}.{microseconds}", offset);
        return new MySqlTime(negative && (hours | minutes | seconds | microseconds) != 0, (int)hours, (int)minutes, (int)seconds, (int)microseconds, precision);
    }

    /// <summary>
    /// Splits MySQL's packed TIME integer ((hms &lt;&lt; 24) + microseconds, negated for negative values,
    /// with hms = hour &lt;&lt; 12 | minute &lt;&lt; 6 | second): my_time.cc TIME_from_longlong_time_packed.
    /// </summary>
    public static MySqlTime FromPacked(long packed, int precision, int offset)
    {
        var negative = packed < 0;
        var magnitude = negative ? -packed : packed;
        var hms = magnitude >> 24;
        return Create(negative, hms >> 12, (hms >> 6) & 63, hms & 63, magnitude & 0xFFFFFF, precision, offset);
    }
}

/// <summary>The pre-5.6 TIME: 3-byte little-endian signed integer ±HHMMSS → <see cref="MySqlTime"/>.</summary>
internal sealed class TimeColumnReader : ColumnReader
{
    public static readonly TimeColumnReader Instance = new();

    public override object Read(ref ByteReader reader)
    {
        var offset = reader.Offset;
        long value = reader.ReadInt24();
        var negative = value < 0;
        if (negative)
            value = -value;
        return TimeValue.Create(negative, value / 10000, value / 100 % 100, value % 100, 0, 0, offset);
    }
}

/// <summary>
/// TIME2 (MySQL 5.6+, MariaDB with mysql56_temporal_format): 3 bytes big-endian of hms plus 0x800000, then
/// (fsp+1)/2 bytes of fraction that count down from the next second for negative values.
/// </summary>
/// <remarks>my_time.cc my_time_packed_from_binary; https://dev.mysql.com/doc/dev/mysql-server/latest/my__time_8h.html</remarks>
internal sealed class Time2ColumnReader : ColumnReader
{
    private static readonly Time2ColumnReader[] ByPrecision = [new(0), new(1), new(2), new(3), new(4), new(5), new(6)];

    private readonly int _precision;

    private Time2ColumnReader(int precision) => _precision = precision;

    public static Time2ColumnReader For(int precision) => ByPrecision[precision];

    public override object Read(ref ByteReader reader)
    {
        const long intOffset = 0x800000;
        var offset = reader.Offset;
        long packed;
        switch (_precision)
        {
            case 0:
                packed = ((long)reader.ReadBigEndianUInt(3) - intOffset) << 24;
                break;
            case 1 or 2:
            {
                var integer = (long)reader.ReadBigEndianUInt(3) - intOffset;
                int fraction = reader.ReadByte();
                if (integer < 0 && fraction != 0)
                {
                    integer++;
                    fraction -= 0x100;
                }

                packed = (integer << 24) + (fraction * 10_000L);
                break;
            }

            case 3 or 4:
            {
                var integer = (long)reader.ReadBigEndianUInt(3) - intOffset;
                var fraction = (int)reader.ReadBigEndianUInt(2);
                if (integer < 0 && fraction != 0)
                {
                    integer++;
                    fraction -= 0x10000;
                }

                packed = (integer << 24) + (fraction * 100L);
                break;
            }

            default:
                packed = (long)reader.ReadBigEndianUInt(6) - 0x8000_0000_0000L;
                break;
        }

        return TimeValue.FromPacked(packed, _precision, offset);
    }
}
