using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>TINYINT..BIGINT: little-endian two's complement of 1, 2, 3, 4 or 8 bytes; signed → long, unsigned → ulong.</summary>
internal sealed class IntegerColumnReader : ColumnReader
{
    public static readonly IntegerColumnReader SignedTiny = new(1, false);
    public static readonly IntegerColumnReader UnsignedTiny = new(1, true);
    public static readonly IntegerColumnReader SignedShort = new(2, false);
    public static readonly IntegerColumnReader UnsignedShort = new(2, true);
    public static readonly IntegerColumnReader SignedInt24 = new(3, false);
    public static readonly IntegerColumnReader UnsignedInt24 = new(3, true);
    public static readonly IntegerColumnReader SignedLong = new(4, false);
    public static readonly IntegerColumnReader UnsignedLong = new(4, true);
    public static readonly IntegerColumnReader SignedLongLong = new(8, false);
    public static readonly IntegerColumnReader UnsignedLongLong = new(8, true);

    private readonly int _width;
    private readonly bool _unsigned;
    private readonly int _signShift;

    private IntegerColumnReader(int width, bool isUnsigned)
    {
        _width = width;
        _unsigned = isUnsigned;
        _signShift = 64 - (8 * width);
    }

    public override object Read(ref ByteReader reader)
    {
        var raw = reader.ReadFixedLengthUInt(_width);
        if (_unsigned)
            return raw;

        // Shift the value's sign bit up to bit 63 and back to sign-extend it.
        return (long)(raw << _signShift) >> _signShift;
    }
}
