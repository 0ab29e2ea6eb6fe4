using Sluice.ChangeFeed.Codecs;

namespace Sluice.ChangeFeed.Tests.Codecs;

/// <summary>Expected texts are what Go prints for the same numbers (strconv 'f' -1, encoding/json, fmt %v).</summary>
public sealed class GoFloatTextTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1e21, "1000000000000000000000")]
    [InlineData(1.5e-7, "0.00000015")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(123456789.0, "123456789")]
    public void Fixed_never_uses_an_exponent(double value, string expected) =>
        Assert.Equal(expected, GoFloatText.Fixed(value, single: false));

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(0.0, "0")]
    public void Json_switches_to_an_exponent_outside_1e_minus_6_to_1e21(double value, string expected) =>
        Assert.Equal(expected, GoFloatText.Json(value, single: false));

    [Theory]
    [InlineData(1e6, "1e+06")]
    [InlineData(123456.0, "123456")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1e100, "1e+100")]
    [InlineData(3.25, "3.25")]
    public void General_is_fmts_v(double value, string expected) =>
        Assert.Equal(expected, GoFloatText.General(value, single: false));

    [Fact]
    public void A_float_uses_the_shortest_digits_of_32_bits()
    {
        Assert.Equal("3.14", GoFloatText.Fixed(3.14f, single: true));
        Assert.Equal("0.1", GoFloatText.Json(0.1f, single: true));
        Assert.Equal("1.6777216e+07", GoFloatText.General(16777216f, single: true));
    }
}
