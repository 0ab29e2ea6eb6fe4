using Sluice.Cli.Dmctl;

namespace Sluice.Cli.Tests.Dmctl;

public sealed class MasterAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:8261", "http://127.0.0.1:8261/")]
    [InlineData("http://127.0.0.1:8261", "http://127.0.0.1:8261/")]
    [InlineData("https://dm.example:443", "https://dm.example/")]
    [InlineData("dm-master", "http://dm-master:8261/")]
    [InlineData("http://dm-master", "http://dm-master/")]
    [InlineData(" 10.0.0.1:9000 ", "http://10.0.0.1:9000/")]
    [InlineData("[::1]:8261", "http://[::1]:8261/")]
    public void An_address_is_read_with_or_without_http(string text, string expected) =>
        Assert.Equal(expected, Assert.Single(MasterAddress.Parse(text)).ToString());

    [Fact]
    public void Several_addresses_are_kept_in_order() =>
        Assert.Equal(["http://a:1/", "http://b:2/"], MasterAddress.Parse("a:1, http://b:2").Select(u => u.ToString()));

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("ftp://x:1")]
    [InlineData("x:1/api/v1")]
    [InlineData("x:notaport")]
    [InlineData("user:pw@x:1")]
    public void What_is_not_host_port_is_refused(string text) =>
        Assert.Throws<ArgumentException>(() => MasterAddress.Parse(text));

    [Fact]
    public void The_option_wins_over_the_environment_which_wins_over_the_default()
    {
        Assert.Equal("http://a:1/", MasterAddress.Resolve("a:1", "b:2")[0].ToString());
        Assert.Equal("http://b:2/", MasterAddress.Resolve(null, "b:2")[0].ToString());
        Assert.Equal("http://127.0.0.1:8261/", MasterAddress.Resolve(null, " ")[0].ToString());
    }
}
