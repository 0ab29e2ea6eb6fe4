using Sluice.MySql.Binlog.Rows;
using Xunit;
using static Sluice.MySql.Tests.Binlog.Rows.ColumnFixture;

namespace Sluice.MySql.Tests.Binlog.Rows;

public sealed class BitColumnTests
{
    // BIT metadata: TABLE_MAP bytes (bits % 8, bits / 8) read little-endian, so (bits / 8) << 8 | bits % 8.
    [Theory]
    [InlineData(0x0001, "01", 1UL)] // BIT(1) b'1' (TABLE_MAP bytes 01 00)
    [InlineData(0x0001, "00", 0UL)] // BIT(1) b'0'
    [InlineData(0x0100, "81", 0x81UL)] // BIT(8) b'10000001' (bytes 00 01)
    [InlineData(0x0101, "0101", 0x101UL)] // BIT(9) b'100000001' (bytes 01 01), big-endian value
    [InlineData(0x0101, "0003", 3UL)] // BIT(9) b'000000011'
    [InlineData(0x0800, "ffffffffffffffff", ulong.MaxValue)] // BIT(64) (bytes 00 08)
    [InlineData(0x0800, "0000000000000001", 1UL)]
    [InlineData(0x0800, "8000000000000000", 0x8000000000000000UL)]
    public void Bit_decodes_big_endian_to_ulong(int metadata, string hex, ulong expected)
    {
        Assert.Equal(expected, Assert.IsType<ulong>(Decode(Column(ColumnType.Bit, (ushort)metadata), hex)));
    }

    [Theory]
    [InlineData(0x0001, "02")] // 2 in BIT(1)
    [InlineData(0x0101, "0201")] // 0x201 in BIT(9)
    [InlineData(0x0101, "01")] // one byte of two
    public void Bad_bit_values_throw(int metadata, string hex)
    {
        DecodeFails(Column(ColumnType.Bit, (ushort)metadata), hex);
    }

    [Theory]
    [InlineData(0x0000)] // no bits
    [InlineData(0x0008)] // 8 "extra" bits
    [InlineData(0x0801)] // 65 bits
    public void Impossible_bit_metadata_fails_when_a_value_is_read(int metadata)
    {
        DecodeFails(Column(ColumnType.Bit, (ushort)metadata), "000000000000000000");
    }
}
