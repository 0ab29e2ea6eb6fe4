using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>The pre-5.6 TIMESTAMP: 4-byte little-endian Unix seconds → <see cref="MySqlTimestamp"/>.</summary>
internal sealed class TimestampColumnReader : ColumnReader
{
    public static readonly TimestampColumnReader Instance = new();

    public override object Read(ref ByteReader reader) => new MySqlTimestamp(reader.ReadUInt32(), 0, 0);
}

/// <summary>
/// TIMESTAMP2 (MySQL 5.6+, MariaDB with mysql56_temporal_format): 4-byte big-endian Unix seconds, then
/// (fsp+1)/2 bytes big-endian of fraction.
/// </summary>
/// <remarks>my_time.cc my_timestamp_from_binary.</remarks>
internal sealed class Timestamp2ColumnReader : ColumnReader
{
    private static readonly Timestamp2ColumnReader[] ByPrecision = [new(0), new(1), new(2), new(3), new(4), new(5), new(6)];

    private readonly int _precision;

    private Timestamp2ColumnReader(int precision) => _precision = precision;

    public static Timestamp2ColumnReader For(int precision) => ByPrecision[precision];

    public override object Read(ref ByteReader reader)
    {
        var offset = reader.Offset;
        var seconds = (long)reader.ReadBigEndianUInt(4);
        var microseconds = _precision is 1 or 2 ? reader.ReadByte() * 10_000L : FractionReader.ReadSigned(ref reader, _precision);
        if (microseconds is < 0 or > 999_999)
            throw new MySqlDecodingException($"expected TIMESTAMP microseconds of 0..999999, found {microseconds}", offset);
        return new MySqlTimestamp(seconds, (int)microseconds, _precision);
    }
}
