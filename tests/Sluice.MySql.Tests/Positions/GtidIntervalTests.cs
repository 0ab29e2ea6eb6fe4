using Sluice.MySql.Positions;
using Xunit;

namespace Sluice.MySql.Tests.Positions;

public sealed class GtidIntervalTests
{
    [Theory]
    [InlineData("1-100", 1, 100)]
    [InlineData("7", 7, 7)]
    [InlineData("9223372036854775806", 9223372036854775806, 9223372036854775806)]
    public void Parse_reads_mysql_interval_text(string text, long start, long end)
    {
        var interval = GtidInterval.Parse(text);

        Assert.Equal(new GtidInterval(start, end), interval);
        Assert.Equal(text, interval.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0-5")]
    [InlineData("5-3")]
    [InlineData("-5")]
    [InlineData("1-")]
    [InlineData("a")]
    // 2^63-1 is MySQL's exclusive end marker, never a transaction number.
    [InlineData("9223372036854775807")]
    public void Malformed_text_is_rejected(string text)
    {
        Assert.False(GtidInterval.TryParse(text, out _));
        Assert.Throws<FormatException>(() => GtidInterval.Parse(text));
    }

    [Fact]
    public void The_constructor_rejects_empty_and_out_of_range_intervals()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GtidInterval(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GtidInterval(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GtidInterval(1, long.MaxValue));
    }

    [Fact]
    public void Count_and_Contains_are_inclusive()
    {
        var interval = new GtidInterval(11, 18);

        Assert.Equal(8, interval.Count);
        Assert.True(interval.Contains(11));
        Assert.True(interval.Contains(18));
        Assert.False(interval.Contains(10));
        Assert.False(interval.Contains(19));
    }
}
