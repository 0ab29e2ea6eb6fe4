using Sluice.ChangeFeed.Sinks;
using Sluice.Server.ChangeFeeds;

namespace Sluice.Server.Tests.ChangeFeeds;

/// <summary>The sink URI's password is taken out as written and put back exactly, and the mask is SinkUri.Redact's.</summary>
public sealed class SinkUriSecretTests
{
    [Theory]
    [InlineData("mysql://root:secret@127.0.0.1:3306/", "mysql://root:******@127.0.0.1:3306/", "secret")]
    [InlineData("mysql://root:p%40ss%3Aw@h:3306/?worker-count=4", "mysql://root:******@h:3306/?worker-count=4", "p%40ss%3Aw")]
    [InlineData("kafka://u:p@ss@k1:9092,k2:9092/topic", "kafka://u:******@k1:9092,k2:9092/topic", "p@ss")]
    [InlineData("mysql://root:@h:3306/", "mysql://root:******@h:3306/", "")]
    public void A_password_is_masked_and_comes_back_as_written(string uri, string masked, string password)
    {
        var (kept, taken) = SinkUriSecret.Split(uri);
        Assert.Equal(masked, kept);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(new[] { password }), taken);
        Assert.Equal(SinkUri.Redact(uri), kept);
        Assert.Equal(uri, SinkUriSecret.Join(kept, taken));
        Assert.True(SinkUriSecret.IsMasked(SinkUriSecret.Split(kept).Passwords));
    }

    [Fact]
    public void Kafka_sasl_passwords_in_the_query_are_masked_too_and_come_back_in_order()
    {
        const string uri = "kafka://u:one@k1:9092/topic?protocol=canal-json&sasl-user=u&sasl-password=two%26x&sasl-gssapi-password=three";
        var (kept, taken) = SinkUriSecret.Split(uri);
        Assert.Equal("kafka://u:******@k1:9092/topic?protocol=canal-json&sasl-user=u&sasl-password=******&sasl-gssapi-password=******", kept);
        Assert.Equal("[\"one\",\"two%26x\",\"three\"]", taken);
        Assert.Equal(SinkUri.Redact(uri), kept);
        Assert.Equal(uri, SinkUriSecret.Join(kept, taken));
        Assert.DoesNotContain("two", SinkUri.Parse(uri).Redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blackhole://")]
    [InlineData("mysql://root@h:3306/")]
    [InlineData("file:///tmp/a:b@c")]
    [InlineData("kafka://h:9092/topic?sasl-user=u")]
    public void A_uri_without_a_password_is_kept_as_is(string uri)
    {
        var (kept, taken) = SinkUriSecret.Split(uri);
        Assert.Equal(uri, kept);
        Assert.Null(taken);
        Assert.Equal(uri, SinkUriSecret.Join(kept, null));
    }
}
