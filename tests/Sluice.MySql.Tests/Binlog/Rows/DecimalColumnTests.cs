using Sluice.MySql.Binlog.Rows;
using Xunit;
using static Sluice.MySql.Tests.Binlog.Rows.ColumnFixture;

namespace Sluice.MySql.Tests.Binlog.Rows;

public sealed class DecimalColumnTests
{
    // NEWDECIMAL metadata is precision << 8 | scale (TABLE_MAP bytes: precision, scale).
    [Theory]
    // decimal.cc's worked example, and what MariaDB wrote for it: DECIMAL(14,4).
    [InlineData(14, 4, "810dfb38d204d2", "1234567890.1234")]
    [InlineData(14, 4, "7ef204c72dfb2d", "-1234567890.1234")]
    [InlineData(14, 4, "80000000000000", "0.0000")]
    [InlineData(65, 30, "85f5e0ff3b9ac9ff3b9ac9ff3b9ac9ff3b9ac9ff3b9ac9ff3b9ac9ff03e7", "99999999999999999999999999999999999.999999999999999999999999999999")]
    [InlineData(65, 30, "7ffffffffffffff3eb655bcaf204c72df8a432eaff439eb1ca484078fc85", "-12345678901234567890.123456789012345678901234567890")]
    [InlineData(65, 30, "800000000000000000000000000000000000000000000000000000000001", "0.000000000000000000000000000001")]
    [InlineData(10, 0, "8000000000", "0")]
    [InlineData(10, 0, "7ffffffffe", "-1")]
    [InlineData(10, 0, "893b9ac9ff", "9999999999")]
    [InlineData(10, 0, "76c4653600", "-9999999999")]
    [InlineData(5, 5, "803039", "0.12345")]
    [InlineData(5, 5, "7ffffe", "-0.00001")]
    [InlineData(5, 5, "800000", "0.00000")]
    [InlineData(3, 2, "7fcd", "-0.50")]
    [InlineData(3, 2, "8963", "9.99")]
    [InlineData(18, 9, "875bcd15075bcd15", "123456789.123456789")]
    [InlineData(18, 9, "7ffffffffffffffe", "-0.000000001")]
    [InlineData(20, 10, "80000000011dcd650000", "1.5000000000")] // DECIMAL(20,10) UNSIGNED: same encoding
    [InlineData(65, 38, "7ffffffffffffffffffffffee2329affffffffffffffffffffffffffff", "-1.50000000000000000000000000000000000000")] // MariaDB's largest scale
    public void New_decimal_decodes_to_mysql_text(int precision, int scale, string hex, string expected)
    {
        var column = Column(ColumnType.NewDecimal, (ushort)((precision << 8) | scale));
        var value = Assert.IsType<MySqlDecimal>(Decode(column, hex));
        Assert.Equal(expected, value.ToString());
        Assert.Equal(MySqlDecimal.Parse(expected), value);
    }

    [Fact]
    public void Negative_zero_prints_without_sign()
    {
        // 0x7F 0xFF... is -0.00 for DECIMAL(3,2): sign bit clear, digits inverted to zero.
        var value = Assert.IsType<MySqlDecimal>(Decode(Column(ColumnType.NewDecimal, 0x0302), "7fff"));
        Assert.Equal("0.00", value.ToString());
        Assert.False(value.IsNegative);
    }

    [Theory]
    [InlineData(0x0302, "8964")] // fraction group 100 does not fit 2 digits
    [InlineData(0x0A00, "80ffffffff")] // 4-byte group above 999999999
    [InlineData(0x0E04, "810dfb38d204")] // one byte short
    public void Bad_decimal_bytes_throw(int metadata, string hex)
    {
        DecodeFails(Column(ColumnType.NewDecimal, (ushort)metadata), hex);
    }

    [Theory]
    [InlineData(0x0000)] // precision 0
    [InlineData(0x4200)] // precision 66
    [InlineData(0x0506)] // scale above precision
    public void Impossible_decimal_metadata_fails_when_a_value_is_read(int metadata)
    {
        var column = Column(ColumnType.NewDecimal, (ushort)metadata);
        DecodeFails(column, "800000000000");
    }

    [Fact]
    public void From_binary_matches_the_column_reader()
    {
        Assert.Equal("-1234567890.1234", MySqlDecimal.FromBinary(Convert.FromHexString("7ef204c72dfb2d"), 14, 4).ToString());
        Assert.Throws<MySqlDecodingException>(() => MySqlDecimal.FromBinary(Convert.FromHexString("7ef2"), 14, 4));
    }

    [Fact]
    public void Old_decimal_reads_its_text_when_a_length_is_known()
    {
        // Pre-5.0 DECIMAL(5,2) kept "-1.50" right-aligned in 7 bytes; servers send no length, so none decodes by default.
        var column = new ColumnInfo { Index = 0, Type = ColumnType.Decimal, WireType = ColumnType.Decimal, Metadata = 7 };
        Assert.Equal("-1.50", Decode(column, "20202d312e3530").ToString());
        DecodeFails(column, "20202d312e3578");
        DecodeFails(Column(ColumnType.Decimal), "20202d312e3530");
    }
}
