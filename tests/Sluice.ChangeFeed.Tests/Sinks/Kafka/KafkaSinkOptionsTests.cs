using Sluice.ChangeFeed.Sinks;
using Sluice.ChangeFeed.Sinks.Kafka;

namespace Sluice.ChangeFeed.Tests.Sinks.Kafka;

/// <summary>Sink URIs as https://docs.pingcap.com/tidb/stable/ticdc-sink-to-kafka writes them.</summary>
public sealed class KafkaSinkOptionsTests
{
    [Fact]
    public void The_documented_example_reads_with_its_values()
    {
        var options = Read("kafka://127.0.0.1:9092/topic-name?protocol=canal-json&kafka-version=2.4.0&partition-num=6&max-message-bytes=67108864&replication-factor=1");

        Assert.Equal("127.0.0.1:9092", options.Brokers);
        Assert.Equal("topic-name", options.Topic);
        Assert.Equal("canal-json", options.Protocol);
        Assert.Equal(6, options.PartitionNum);
        Assert.Equal(67108864, options.MaxMessageBytes);
        Assert.Equal(1, options.ReplicationFactor);
        Assert.Equal("2.4.0", options.KafkaVersion);
    }

    [Fact]
    public void Defaults_are_TiCDCs()
    {
        var options = Read("kafka://k1:9092,k2:9092/cdc");

        Assert.Equal("k1:9092,k2:9092", options.Brokers);
        Assert.Null(options.PartitionNum);
        Assert.Equal(3, options.PartitionNumOrDefault);
        Assert.Equal(1, options.ReplicationFactor);
        Assert.Equal(10 * 1024 * 1024, options.MaxMessageBytes);
        Assert.Equal(-1, options.RequiredAcks);
        Assert.Equal("none", options.Compression);
        Assert.True(options.AutoCreateTopic);
        Assert.False(options.EnableTidbExtension);
        Assert.False(options.EnableTls);
        Assert.Null(options.SaslMechanism);
        Assert.Null(options.Protocol);
        Assert.Equal(TimeSpan.FromSeconds(10), options.DialTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ReadTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.WriteTimeout);
    }

    [Fact]
    public void Every_documented_parameter_is_read()
    {
        var options = Read(
            "kafka://k:9092/t?protocol=Avro&kafka-client-id=sluice_1&required-acks=1&compression=ZSTD&auto-create-topic=false" +
            "&enable-tidb-extension=true&max-batch-size=32&ca=/ca.pem&cert=/c.pem&key=/k.pem&insecure-skip-verify=true" +
            "&sasl-user=alice&sasl-password=s%40cret&sasl-mechanism=SCRAM-SHA-512&dial-timeout=1m30s&read-timeout=500ms&write-timeout=2s" +
            "&avro-decimal-handling-mode=string&avro-bigint-unsigned-handling-mode=string&content-compatible=true");

        Assert.Equal("avro", options.Protocol);
        Assert.Equal("sluice_1", options.ClientId);
        Assert.Equal(1, options.RequiredAcks);
        Assert.Equal("zstd", options.Compression);
        Assert.False(options.AutoCreateTopic);
        Assert.True(options.EnableTidbExtension);
        Assert.Equal(32, options.MaxBatchSize);
        Assert.True(options.EnableTls); // a certificate turns TLS on, as in TiCDC
        Assert.Equal(("/ca.pem", "/c.pem", "/k.pem"), (options.CaPath, options.CertPath, options.KeyPath));
        Assert.True(options.InsecureSkipVerify);
        Assert.Equal(("alice", "s@cret", "scram-sha-512"), (options.SaslUser, options.SaslPassword, options.SaslMechanism));
        Assert.Equal(TimeSpan.FromSeconds(90), options.DialTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.ReadTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.WriteTimeout);
        Assert.Equal("string", options.AvroDecimalHandlingMode);
        Assert.Equal("string", options.AvroBigintUnsignedHandlingMode);
        Assert.True(options.ContentCompatible);
    }

    [Fact]
    public void Gssapi_parameters_are_kept_and_a_sasl_user_alone_means_plain()
    {
        var gssapi = Read("kafka://k:9092/t?sasl-mechanism=gssapi&sasl-gssapi-auth-type=keytab&sasl-gssapi-keytab-path=/a.key&sasl-gssapi-user=alice/for-kafka&sasl-gssapi-realm=example.com&sasl-gssapi-service-name=kafka");
        Assert.Equal("gssapi", gssapi.SaslMechanism);
        Assert.Equal("/a.key", gssapi.SaslGssapi["keytab-path"]);
        Assert.Equal("example.com", gssapi.SaslGssapi["realm"]);

        var plain = Read("kafka://k:9092/t?sasl-user=alice-user&sasl-password=alice-secret");
        Assert.Equal("plain", plain.SaslMechanism);
        Assert.Equal("kafka+ssl", SinkUri.Parse("kafka+ssl://k:9092/t").Scheme);
        Assert.True(Read("kafka+ssl://k:9092/t").EnableTls);
    }

    [Fact]
    public void Protocol_parameters_reach_the_encoder_options()
    {
        var encoder = Read("kafka://k:9092/t?enable-tidb-extension=true&max-message-bytes=1048576&avro-decimal-handling-mode=string")
            .ApplyTo(new Sluice.ChangeFeed.Codecs.EncoderOptions { ChangefeedId = "cf" });

        Assert.True(encoder.EnableTidbExtension);
        Assert.Equal(1048576, encoder.MaxMessageBytes);
        Assert.Equal("string", encoder.AvroDecimalHandlingMode);
        Assert.Equal("long", encoder.AvroBigintUnsignedHandlingMode);
        Assert.Equal("cf", encoder.ChangefeedId);
    }

    [Fact]
    public void The_password_is_not_shown()
    {
        var options = Read("kafka://k:9092/t?sasl-user=alice&sasl-password=hunter2");

        Assert.DoesNotContain("hunter2", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("alice", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kafka://k:9092/t?partition=3", "partition")]
    [InlineData("kafka://k:9092/t?partition-num=0", "partition-num")]
    [InlineData("kafka://k:9092/t?partition-num=x", "partition-num")]
    [InlineData("kafka://k:9092/t?replication-factor=0", "replication-factor")]
    [InlineData("kafka://k:9092/t?max-message-bytes=0", "max-message-bytes")]
    [InlineData("kafka://k:9092/t?required-acks=2", "required-acks")]
    [InlineData("kafka://k:9092/t?compression=brotli", "compression")]
    [InlineData("kafka://k:9092/t?protocol=json", "protocol")]
    [InlineData("kafka://k:9092/t?auto-create-topic=yes", "auto-create-topic")]
    [InlineData("kafka://k:9092/t?sasl-mechanism=oauthbearer", "sasl-mechanism")]
    [InlineData("kafka://k:9092/t?sasl-mechanism=plain&sasl-user=a", "sasl-user and sasl-password")]
    [InlineData("kafka://k:9092/t?cert=/c.pem", "cert and key")]
    [InlineData("kafka://k:9092/t?dial-timeout=10", "dial-timeout")]
    [InlineData("kafka://k:9092/t?kafka-client-id=a%20b", "kafka-client-id")]
    [InlineData("kafka://k:9092/", "no topic")]
    [InlineData("kafka://k:9092/a%20b", "not a valid Kafka topic")]
    [InlineData("kafka:///t", "no Kafka broker")]
    [InlineData("mysql://k:3306/t", "not kafka")]
    public void Wrong_parameters_are_refused_with_what_is_wrong(string uri, string mentions)
    {
        var error = Assert.Throws<ChangefeedException>(() => Read(uri));

        Assert.Equal("CDC:ErrKafkaInvalidConfig", error.Code);
        Assert.False(error.IsRetryable);
        Assert.Contains(mentions, error.Message, StringComparison.Ordinal);
    }

    private static KafkaSinkOptions Read(string uri) => KafkaSinkOptions.FromUri(SinkUri.Parse(uri));
}
