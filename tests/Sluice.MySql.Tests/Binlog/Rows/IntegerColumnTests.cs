using Sluice.MySql.Binlog.Rows;
using Xunit;
using static Sluice.MySql.Tests.Binlog.Rows.ColumnFixture;

namespace Sluice.MySql.Tests.Binlog.Rows;

public sealed class IntegerColumnTests
{
    [Theory]
    [InlineData(ColumnType.Tiny, "80", -128L)]
    [InlineData(ColumnType.Tiny, "7f", 127L)]
    [InlineData(ColumnType.Tiny, "00", 0L)]
    [InlineData(ColumnType.Tiny, "ff", -1L)]
    [InlineData(ColumnType.Short, "0080", -32768L)]
    [InlineData(ColumnType.Short, "ff7f", 32767L)]
    [InlineData(ColumnType.Int24, "000080", -8388608L)]
    [InlineData(ColumnType.Int24, "ffff7f", 8388607L)]
    [InlineData(ColumnType.Int24, "ffffff", -1L)]
    [InlineData(ColumnType.Long, "00000080", -2147483648L)]
    [InlineData(ColumnType.Long, "ffffff7f", 2147483647L)]
    [InlineData(ColumnType.LongLong, "0000000000000080", long.MinValue)]
    [InlineData(ColumnType.LongLong, "ffffffffffffff7f", long.MaxValue)]
    public void Signed_integers_decode_to_long(ColumnType type, string hex, long expected)
    {
        var value = Decode(Column(type, 0, unsigned: false), hex);
        Assert.Equal(expected, Assert.IsType<long>(value));
    }

    [Theory]
    [InlineData(ColumnType.Tiny, "00", 0UL)]
    [InlineData(ColumnType.Tiny, "ff", 255UL)]
    [InlineData(ColumnType.Short, "ffff", 65535UL)]
    [InlineData(ColumnType.Int24, "ffffff", 16777215UL)]
    [InlineData(ColumnType.Long, "ffffffff", 4294967295UL)]
    [InlineData(ColumnType.LongLong, "ffffffffffffffff", ulong.MaxValue)]
    [InlineData(ColumnType.LongLong, "0000000000000080", 9223372036854775808UL)]
    public void Unsigned_integers_decode_to_ulong(ColumnType type, string hex, ulong expected)
    {
        var value = Decode(Column(type, 0, unsigned: true), hex);
        Assert.Equal(expected, Assert.IsType<ulong>(value));
    }

    [Fact]
    public void Signedness_is_signed_without_optional_metadata_or_schema()
    {
        Assert.Equal(-1L, Decode(Column(ColumnType.Tiny), "ff"));
    }

    [Theory]
    [InlineData(ColumnType.Tiny, "")]
    [InlineData(ColumnType.Short, "ff")]
    [InlineData(ColumnType.Int24, "ffff")]
    [InlineData(ColumnType.Long, "ffffff")]
    [InlineData(ColumnType.LongLong, "ffffffffffffff")]
    public void Truncated_integers_throw(ColumnType type, string hex)
    {
        DecodeFails(Column(type), hex);
    }
}
