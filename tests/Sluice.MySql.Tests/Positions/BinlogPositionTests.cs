using Sluice.MySql.Positions;
using Xunit;

namespace Sluice.MySql.Tests.Positions;

public sealed class BinlogPositionTests
{
    [Fact]
    public void Parse_reads_file_and_position_as_show_master_status_prints_them()
    {
        var position = BinlogPosition.Parse("mysql-bin.000003:1234");

        Assert.Equal("mysql-bin.000003", position.FileName);
        Assert.Equal(1234UL, position.Position);
        Assert.Equal("mysql-bin.000003:1234", position.ToString());
    }

    [Theory]
    [InlineData("mysql-bin.000001:4")]
    [InlineData("mariadb-bin.000042:18446744073709551615")]
    [InlineData("binlog.1000000:0")]
    [InlineData("C:\\logs\\bin.000001:120")]
    public void ToString_round_trips(string text)
    {
        var position = BinlogPosition.Parse(text);

        Assert.Equal(text, position.ToString());
        Assert.Equal(position, BinlogPosition.Parse(position.ToString()));
    }

    [Fact]
    public void The_last_colon_separates_the_position()
    {
        var position = BinlogPosition.Parse("a:b.000001:4");

        Assert.Equal("a:b.000001", position.FileName);
        Assert.Equal(4UL, position.Position);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mysql-bin.000003")]
    [InlineData(":4")]
    [InlineData("mysql-bin.000003:")]
    [InlineData("mysql-bin.000003:-1")]
    [InlineData("mysql-bin.000003:+1")]
    [InlineData("mysql-bin.000003: 4")]
    [InlineData("mysql-bin.000003:4x")]
    [InlineData("mysql-bin.000003:18446744073709551616")]
    [InlineData("  :4")]
    public void Malformed_text_is_rejected(string text)
    {
        Assert.False(BinlogPosition.TryParse(text, out _));
        Assert.Throws<FormatException>(() => BinlogPosition.Parse(text));
    }

    [Fact]
    public void TryParse_of_null_is_false()
    {
        Assert.False(BinlogPosition.TryParse(null, out var position));
        Assert.Equal(default, position);
    }

    [Theory]
    [InlineData("mysql-bin.000003:1234", "mysql-bin.000003:1235")]
    [InlineData("mysql-bin.000003:99999", "mysql-bin.000004:4")]
    [InlineData("mysql-bin.000009:100", "mysql-bin.000010:4")]
    // Past 999999 the server keeps counting with more digits; text order would put this one first.
    [InlineData("mysql-bin.999999:500", "mysql-bin.1000000:4")]
    public void Positions_order_by_file_sequence_then_offset(string earlier, string later)
    {
        var a = BinlogPosition.Parse(earlier);
        var b = BinlogPosition.Parse(later);

        Assert.True(a.CompareTo(b) < 0);
        Assert.True(b.CompareTo(a) > 0);
        Assert.True(a < b);
        Assert.True(a <= b);
        Assert.True(b > a);
        Assert.True(b >= a);
        Assert.False(a > b);
    }

    [Fact]
    public void Comparing_is_consistent_with_equality()
    {
        var a = BinlogPosition.Parse("mysql-bin.000003:1234");
        var b = BinlogPosition.Parse("mysql-bin.000003:1234");
        // Same sequence number under another base name: unequal, so must not compare as 0.
        var c = BinlogPosition.Parse("other-bin.000003:1234");

        Assert.Equal(0, a.CompareTo(b));
        Assert.True(a <= b && a >= b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(0, a.CompareTo(c));
        Assert.Equal(-Math.Sign(a.CompareTo(c)), Math.Sign(c.CompareTo(a)));
    }

    [Fact]
    public void Names_without_a_numeric_extension_fall_back_to_ordinal_order()
    {
        var a = new BinlogPosition("alpha", 10);
        var b = new BinlogPosition("beta", 4);

        Assert.True(a < b);
    }

    [Fact]
    public void Sorting_puts_positions_in_log_order()
    {
        var positions = new[]
        {
            BinlogPosition.Parse("mysql-bin.000010:4"),
            BinlogPosition.Parse("mysql-bin.000002:900"),
            BinlogPosition.Parse("mysql-bin.000002:120"),
            BinlogPosition.Parse("mysql-bin.000009:4"),
        };

        Array.Sort(positions);

        Assert.Equal(
            ["mysql-bin.000002:120", "mysql-bin.000002:900", "mysql-bin.000009:4", "mysql-bin.000010:4"],
            positions.Select(p => p.ToString()));
    }
}
