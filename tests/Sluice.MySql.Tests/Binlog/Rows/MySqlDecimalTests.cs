using Sluice.MySql.Binlog.Rows;
using Xunit;

namespace Sluice.MySql.Tests.Binlog.Rows;

public sealed class MySqlDecimalTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0.50", "-0.50")]
    [InlineData("123.4500", "123.4500")]
    [InlineData("+7", "7")]
    [InlineData("007.5", "7.5")]
    [InlineData(".5", "0.5")]
    [InlineData("-0.00", "0.00")]
    [InlineData("-000", "0")]
    public void Parse_keeps_the_scale_and_canonicalises_the_rest(string text, string expected)
    {
        Assert.Equal(expected, MySqlDecimal.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData("1e5")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("1.2.3")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345.6")] // 66 digits
    public void Parse_rejects_what_is_not_a_decimal(string text)
    {
        Assert.False(MySqlDecimal.TryParse(text, out _));
        Assert.Throws<FormatException>(() => MySqlDecimal.Parse(text));
    }

    [Theory]
    [InlineData("123.4500", "123.4500")]
    [InlineData("-0.50", "-0.50")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("0.1000000000000000000000000000", "0.1000000000000000000000000000")]
    [InlineData("1.000000000000000000000000000000", "1.0000000000000000000000000000")] // scale 30 of zeros: cut to 28
    public void Try_to_decimal_converts_exact_values(string text, string expected)
    {
        Assert.True(MySqlDecimal.Parse(text).TryToDecimal(out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("79228162514264337593543950336")] // decimal.MaxValue + 1
    [InlineData("0.000000000000000000000000000001")] // 30 fraction digits
    [InlineData("12345678901234567890123456789.1")] // 30 significant digits: decimal would round
    [InlineData("99999999999999999999999999999999999.999999999999999999999999999999")]
    public void Try_to_decimal_refuses_values_that_would_round_or_overflow(string text)
    {
        var value = MySqlDecimal.Parse(text);
        Assert.False(value.TryToDecimal(out _));
        Assert.Throws<OverflowException>(() => value.ToDecimal());
    }

    [Fact]
    public void From_decimal_keeps_the_scale()
    {
        Assert.Equal("1.50", MySqlDecimal.FromDecimal(1.50m).ToString());
        Assert.Equal("-3", MySqlDecimal.FromDecimal(-3m).ToString());
    }

    [Fact]
    public void Equality_is_textual_and_default_is_zero()
    {
        Assert.Equal(MySqlDecimal.Parse("1.50"), MySqlDecimal.Parse("001.50"));
        Assert.NotEqual(MySqlDecimal.Parse("1.5"), MySqlDecimal.Parse("1.50"));
        Assert.Equal(MySqlDecimal.Parse("0"), default);
        Assert.Equal("0", default(MySqlDecimal).ToString());
        Assert.Equal(2, MySqlDecimal.Parse("-0.50").Scale);
        Assert.True(MySqlDecimal.Parse("-0.50").IsNegative);
    }
}
