using Sluice.MySql.Binlog.Rows;
using Xunit;
using static Sluice.MySql.Tests.Binlog.Rows.ColumnFixture;

namespace Sluice.MySql.Tests.Binlog.Rows;

public sealed class FloatingColumnTests
{
    // FLOAT: TABLE_MAP metadata 04; DOUBLE: 08.
    [Theory]
    [InlineData("0000c03f", 1.5f)]
    [InlineData("cdccccbd", -0.1f)]
    [InlineData("eeff7f7f", 3.40282e38f)]
    [InlineData("0000807f", float.PositiveInfinity)]
    public void Float_decodes_little_endian_ieee(string hex, float expected)
    {
        Assert.Equal(expected, Assert.IsType<float>(Decode(Column(ColumnType.Float, 4), hex)));
    }

    [Theory]
    [InlineData("9a9999999999b93f", 0.1)]
    [InlineData("a0c8eb85f3cce1ff", -1e308)]
    [InlineData("0100000000000000", 5e-324)]
    public void Double_decodes_little_endian_ieee(string hex, double expected)
    {
        Assert.Equal(expected, Assert.IsType<double>(Decode(Column(ColumnType.Double, 8), hex)));
    }
}
