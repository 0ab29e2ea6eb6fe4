using Sluice.ChangeFeed.Sinks;

namespace Sluice.ChangeFeed.Tests.Sinks;

public sealed class SinkUriTests
{
    [Fact]
    public void A_kafka_uri_gives_brokers_topic_and_parameters()
    {
        var uri = SinkUri.Parse("kafka://127.0.0.1:9092,127.0.0.1:9093/cdc-test?protocol=canal-json&partition-num=6&Enable-TiDB-Extension=true");

        Assert.Equal("kafka", uri.Scheme);
        Assert.Equal("127.0.0.1:9092,127.0.0.1:9093", uri.Hosts);
        Assert.Equal("cdc-test", uri.Path);
        Assert.Equal("canal-json", uri.Get("protocol"));
        Assert.Equal(6, uri.GetInt("partition-num", 3));
        Assert.True(uri.GetBool("enable-tidb-extension", false));
    }

    [Fact]
    public void A_mysql_uri_gives_user_and_password_and_hides_the_password_when_shown()
    {
        var uri = SinkUri.Parse("mysql://root:p%40ss@127.0.0.1:3306/?worker-count=8&safe-mode=true");

        Assert.Equal("root", uri.User);
        Assert.Equal("p@ss", uri.Password);
        Assert.Equal("127.0.0.1:3306", uri.Hosts);
        Assert.Equal("mysql://root:******@127.0.0.1:3306/?worker-count=8&safe-mode=true", uri.Redacted);
        Assert.DoesNotContain("p%40ss", uri.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_uri_keeps_its_path()
    {
        var uri = SinkUri.Parse("file:///tmp/cdc data?protocol=csv&flush-interval=5s");

        Assert.Equal("file", uri.Scheme);
        Assert.Equal("/tmp/cdc data", uri.Path);
        Assert.Equal("5s", uri.Get("flush-interval"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:3306")]
    [InlineData("://nothing")]
    public void What_is_not_a_uri_is_refused_with_a_reason(string text)
    {
        Assert.False(SinkUri.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void A_parameter_that_is_not_a_number_is_refused()
    {
        var uri = SinkUri.Parse("kafka://h/t?partition-num=many");

        Assert.Throws<FormatException>(() => uri.GetInt("partition-num", 3, 1));
    }
}
