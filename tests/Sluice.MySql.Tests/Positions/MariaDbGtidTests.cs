using Sluice.MySql.Positions;
using Xunit;

namespace Sluice.MySql.Tests.Positions;

public sealed class MariaDbGtidTests
{
    [Fact]
    public void Parse_reads_domain_server_and_sequence()
    {
        var gtid = MariaDbGtid.Parse("0-3307-10");

        Assert.Equal(new MariaDbGtid(0, 3307, 10), gtid);
        Assert.Equal("0-3307-10", gtid.ToString());
    }

    [Theory]
    [InlineData("0-1-1")]
    [InlineData("4294967295-4294967295-18446744073709551615")]
    [InlineData("7-0-0")]
    public void ToString_round_trips(string text)
    {
        Assert.Equal(text, MariaDbGtid.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0-1")]
    [InlineData("0-1-2-3")]
    [InlineData("a-1-2")]
    [InlineData("-1-2-3")]
    [InlineData("0--1")]
    [InlineData("0-1-")]
    [InlineData(" 0-1-2")]
    [InlineData("0-1-2 ")]
    [InlineData("+0-1-2")]
    [InlineData("4294967296-1-1")]
    [InlineData("0-4294967296-1")]
    [InlineData("0-1-18446744073709551616")]
    public void Malformed_text_is_rejected(string text)
    {
        Assert.False(MariaDbGtid.TryParse(text, out _));
        Assert.Throws<FormatException>(() => MariaDbGtid.Parse(text));
    }
}
