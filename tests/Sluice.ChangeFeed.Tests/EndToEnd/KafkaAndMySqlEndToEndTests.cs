using System.Text;
using Confluent.Kafka;
using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Tests.Codecs.Decoding;
using Sluice.ChangeFeed.Tests.Sinks.Kafka;
using Sluice.Testing;

namespace Sluice.ChangeFeed.Tests.EndToEnd;

/// <summary>A real source and a mixed workload into a MySQL target and into Kafka (librdkafka's mock cluster).</summary>
public sealed class KafkaAndMySqlEndToEndTests(MariaDbServers servers)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_mysql_sink_leaves_the_target_table_equal_to_the_source()
    {
        const string schema = "cf_e2e_mysql";
        await MixedWorkload.CreateAsync(servers.Source, schema, Token);
        await MixedWorkload.CreateAsync(servers.Target, schema, Token);
        var workload = new MixedWorkload(schema);
        var target = servers.Target;
        var uri = $"mysql://{Uri.EscapeDataString(target.User)}:{Uri.EscapeDataString(target.Password)}@{target.Host}:{target.Port}/?worker-count=4";
        await ChangefeedHarness.RunAsync(servers, schema, uri, () => workload.RunAsync(servers.Source, Token));

        var table = $"`{schema}`.`{MixedWorkload.Table}`";
        Assert.Equal(await servers.Source.ChecksumAsync(table, Token), await target.ChecksumAsync(table, Token));
        Assert.Equal(30 - 4 + 5, Convert.ToInt32(await target.ScalarAsync($"SELECT COUNT(*) FROM {table}", Token), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_kafka_sink_delivers_every_change_decodable_and_in_order_per_key()
    {
        const string schema = "cf_e2e_kafka";
        using var cluster = new KafkaMockCluster();
        var topic = "cdc-e2e-" + Guid.NewGuid().ToString("N")[..8];
        var partitions = cluster.CreateTopic(topic);
        await MixedWorkload.CreateAsync(servers.Source, schema, Token);
        var workload = new MixedWorkload(schema);
        var options = new ChangefeedOptions { Dispatchers = [new DispatchRule(["*.*"], "index-value", null)] };
        await ChangefeedHarness.RunAsync(
            servers,
            schema,
            $"kafka://{cluster.BootstrapServers}/{topic}?protocol=canal-json&partition-num={partitions}&enable-tidb-extension=true",
            () => workload.RunAsync(servers.Source, Token),
            options);

        var received = Consume(cluster, topic, partitions);
        var rows = received.SelectMany(p => p).Where(m => m.IsRow).ToList();
        Assert.Equal(workload.Changes.Count, rows.Count);
        Assert.True(received.Count(p => p.Any(m => m.IsRow)) > 1, "index-value spreads the keys over several partitions");
        Assert.All(received, p => Assert.Contains(p, m => m.IsDdl));
        Assert.All(received, p => Assert.Contains(p, m => m.IsWatermark));

        // Per key, the partition holds that key's changes in the order they were made.
        var expectedByKey = workload.Changes.GroupBy(c => (c.After ?? c.Before)![0]);
        foreach (var key in expectedByKey)
        {
            var partition = received.Single(p => p.Any(m => m.IsRow && Id(m) == key.Key));
            var actual = partition.Where(m => m.IsRow && Id(m) == key.Key).ToList();
            Assert.Equal(key.Select(c => c.Kind.ToString().ToUpperInvariant()), actual.Select(m => m.Type));
            Assert.Equal(key.Select(c => c.After ?? c.Before), actual.Select(m => m.Data!.Select(p => p.Value).ToArray()));
        }
    }

    private static string? Id(CanalJsonMessage message) => message.Data!.First(p => p.Key == "id").Value;

    private static List<List<CanalJsonMessage>> Consume(KafkaMockCluster cluster, string topic, int partitions)
    {
        using var consumer = cluster.Consumer();
        var result = new List<List<CanalJsonMessage>>();
        for (var p = 0; p < partitions; p++)
        {
            consumer.Assign(new TopicPartitionOffset(topic, p, Offset.Beginning));
            var messages = new List<CanalJsonMessage>();
            while (true)
            {
                var next = consumer.Consume(TimeSpan.FromSeconds(2));
                if (next is null || next.IsPartitionEOF)
                    break;
                messages.Add(CanalJsonDecoder.Decode(next.Message.Value));
            }

            result.Add(messages);
        }

        return result;
    }
}
