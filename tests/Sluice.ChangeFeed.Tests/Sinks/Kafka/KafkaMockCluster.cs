using Confluent.Kafka;

namespace Sluice.ChangeFeed.Tests.Sinks.Kafka;

/// <summary>
/// librdkafka's mock cluster (three brokers speaking the Kafka protocol on loopback), hosted by a producer of this
/// process for as long as it lives; see TESTING.md. Each test class starts its own. The mock serves no CreateTopics
/// request (its admin side waits for a controller it never names), so topics are made the way the mock does: auto-created
/// with 4 partitions by a Metadata request that allows it.
/// </summary>
internal sealed class KafkaMockCluster : IDisposable
{
    private readonly IProducer<byte[], byte[]> _host;

    public KafkaMockCluster()
    {
        var config = new ProducerConfig { BootstrapServers = "127.0.0.1:1", AllowAutoCreateTopics = true };
        config.Set("test.mock.num.brokers", "3");
        _host = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(_host.Handle).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(30));
        BootstrapServers = string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
    }

    public string BootstrapServers { get; }

    /// <summary>Creates a topic with the mock's 4 partitions; returns the partition count.</summary>
    public int CreateTopic(string topic)
    {
        using var admin = new DependentAdminClientBuilder(_host.Handle).Build();
        return admin.GetMetadata(topic, TimeSpan.FromSeconds(30)).Topics.Single().Partitions.Count;
    }

    public IConsumer<byte[], byte[]> Consumer() =>
        new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = "test-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).SetLogHandler((_, _) => { }).Build();

    public IAdminClient Admin() =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).SetLogHandler((_, _) => { }).Build();

    public void Dispose() => _host.Dispose();
}
