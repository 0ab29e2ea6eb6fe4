using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>BIT(n): (n+7)/8 bytes big-endian → ulong.</summary>
internal sealed class BitColumnReader : ColumnReader
{
    private readonly int _bits;
    private readonly int _bytes;

    public BitColumnReader(int bits)
    {
        _bits = bits;
        _bytes = (bits + 7) / 8;
    }

    public override object Read(ref ByteReader reader)
    {
        var offset = reader.Offset;
        var value = reader.ReadBigEndianUInt(_bytes);
        if (_bits < 64 && value >> _bits != 0)
            throw new MySqlDecodingException($"expected a BIT({_bits}) value, found 0x{value:X}", offset);
        return value;
    }
}
