using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Sluice.ChangeFeed.Dispatching;
using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;
using Sluice.ChangeFeed.Sinks.Kafka;
using Sluice.ChangeFeed.Tests.Dispatching;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Tests.Sinks.Kafka;

/// <summary>The Kafka sink against librdkafka's mock cluster, read back with a Confluent consumer.</summary>
public sealed class KafkaSinkTests : IDisposable
{
    private readonly KafkaMockCluster _cluster = new();
    private long _clock = 1_700_000_000_000;

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task Every_change_arrives_in_order_per_key_with_the_ddl_on_every_partition_and_resolved_last()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var topic = "cdc_" + Guid.NewGuid().ToString("N");
        Assert.Equal(4, _cluster.CreateTopic(topic));
        var options = KafkaSinkOptions.FromUri(SinkUri.Parse($"kafka://{_cluster.BootstrapServers}/{topic}?partition-num=3&replication-factor=1"));
        var router = new EventRouter([new(["*.*"], "index-value", null)], topic, options.PartitionNumOrDefault);
        var expected = new Dictionary<long, List<string>>();
        var table = RouterFixtures.Table("shop", "orders");
        Tso ddlTs;
        Tso resolvedTs;
        var rows = 0;

        await using (var sink = await KafkaSink.CreateAsync(options, new JsonTestEncoder(), router, null, cancellationToken))
        {
            async Task Transaction(params (RowChangeKind Kind, long Id, string B)[] changes)
            {
                var commitTs = Next();
                var events = changes.Select(c => Row(table, c.Kind, c.Id, c.B, commitTs)).ToArray();
                foreach (var (kind, id, b) in changes)
                {
                    (expected.TryGetValue(id, out var list) ? list : expected[id] = []).Add($"{kind}:{b}");
                }

                rows += events.Length;
                await sink.WriteRowsAsync(new TransactionChunk(commitTs, commitTs, events), cancellationToken);
            }

            await Transaction([.. Enumerable.Range(1, 8).Select(i => (RowChangeKind.Insert, (long)i, "v0"))]);
            for (var round = 1; round <= 5; round++)
                await Transaction([.. Enumerable.Range(1, 8).Select(i => (RowChangeKind.Update, (long)i, $"v{round}"))]);
            await Transaction((RowChangeKind.Delete, 3, "v5"), (RowChangeKind.Delete, 6, "v5"));

            ddlTs = Next();
            await sink.WriteDdlAsync(new DdlEvent { CommitTs = ddlTs, Schema = "shop", Table = "orders", Query = "ALTER TABLE `orders` ADD COLUMN `c` INT", Kind = DdlKind.AlterTable }, cancellationToken);

            await Transaction((RowChangeKind.Insert, 3, "again"), (RowChangeKind.Update, 1, "after"), (RowChangeKind.Insert, 9, "new"));
            resolvedTs = Next();
            await sink.FlushAsync(resolvedTs, cancellationToken);

            // FlushAsync returned only once the brokers had acknowledged everything: the partitions already hold it
            // all. partition-num=3 on a topic of 4 leaves the fourth unused, as TiCDC does.
            Assert.Equal(0, sink.InFlightMessages);
            using var probe = _cluster.Consumer();
            var held = Enumerable.Range(0, 4).Select(p => probe.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(30)).High.Value).ToArray();
            Assert.Equal(rows + 3 + 3, held.Sum());
            Assert.Equal(0, held[3]);
        }

        var partitions = Consume(topic, 3, rows + 6, cancellationToken);

        var seen = new Dictionary<long, List<string>>();
        var partitionOf = new Dictionary<long, int>();
        for (var p = 0; p < 3; p++)
        {
            var messages = partitions[p];
            var ddlAt = messages.FindIndex(m => m.Type == "ddl");
            Assert.Equal(1, messages.Count(m => m.Type == "ddl"));
            Assert.Equal(ddlTs.Value, messages[ddlAt].Ts);
            Assert.Equal("resolved", messages[^1].Type);
            Assert.Equal(resolvedTs.Value, messages[^1].Ts);
            Assert.Equal(1, messages.Count(m => m.Type == "resolved"));
            for (var i = 0; i < messages.Count; i++)
            {
                var message = messages[i];
                if (message.Type != "row")
                    continue;

                // Rows committed before the DDL come before it in every partition, the others after it.
                Assert.Equal(message.Ts < ddlTs.Value, i < ddlAt);
                var id = message.Id;
                Assert.Equal(p, partitionOf.TryGetValue(id, out var first) ? first : partitionOf[id] = p);
                (seen.TryGetValue(id, out var list) ? list : seen[id] = []).Add(message.Change);
            }
        }

        Assert.Equal(expected.Keys.Order(), seen.Keys.Order());
        foreach (var (id, changes) in expected)
            Assert.Equal(changes, seen[id]);
        Assert.True(partitionOf.Values.Distinct().Count() > 1, "index-value spreads the keys over partitions");
    }

    [Fact]
    public async Task Rows_follow_the_dispatchers_topics_and_resolved_reaches_every_partition_of_every_topic_used()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var topic = "default_" + suffix;
        var ordersTopic = "shop_orders_" + suffix;
        _cluster.CreateTopic(topic);
        _cluster.CreateTopic(ordersTopic);
        var options = KafkaSinkOptions.FromUri(SinkUri.Parse($"kafka://{_cluster.BootstrapServers}/{topic}"));
        var router = new EventRouter([new(["shop.orders"], "ts", "{schema}_{table}_" + suffix)], topic, 4);
        var commitTs = Next();
        var resolvedTs = Next();

        await using (var sink = await KafkaSink.CreateAsync(options, new JsonTestEncoder(), router, null, cancellationToken))
        {
            await sink.WriteRowsAsync(new TransactionChunk(commitTs, commitTs, [
                Row(RouterFixtures.Table("shop", "orders"), RowChangeKind.Insert, 1, "o", commitTs),
                Row(RouterFixtures.Table("shop", "items"), RowChangeKind.Insert, 2, "i", commitTs),
            ]), cancellationToken);
            await sink.FlushAsync(resolvedTs, cancellationToken);
        }

        var orders = ConsumeAll(ordersTopic, 4, 1 + 4, cancellationToken);
        var items = ConsumeAll(topic, 4, 1 + 4, cancellationToken);

        // ts dispatcher: the commit ts modulo 4 picks the partition.
        var tsPartition = (int)(commitTs.Value % 4);
        Assert.Equal("row", orders[tsPartition][0].Type);
        Assert.Equal(1, orders[tsPartition][0].Id);
        Assert.Equal(2, items.SelectMany(p => p).Single(m => m.Type == "row").Id);
        foreach (var partition in orders.Concat(items))
            Assert.Equal(("resolved", resolvedTs.Value), (partition[^1].Type, partition[^1].Ts));
    }

    [Fact]
    public async Task A_message_over_max_message_bytes_is_refused_for_good()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var topic = "big_" + Guid.NewGuid().ToString("N");
        _cluster.CreateTopic(topic);
        var options = KafkaSinkOptions.FromUri(SinkUri.Parse($"kafka://{_cluster.BootstrapServers}/{topic}?max-message-bytes=200"));
        await using var sink = await KafkaSink.CreateAsync(options, new JsonTestEncoder(), new EventRouter([], topic, 3), null, cancellationToken);
        var commitTs = Next();

        var error = await Assert.ThrowsAsync<ChangefeedException>(async () =>
            await sink.WriteRowsAsync(new TransactionChunk(commitTs, commitTs, [Row(RouterFixtures.Table("db", "t"), RowChangeKind.Insert, 1, new string('x', 300), commitTs)]), cancellationToken));

        Assert.Equal("CDC:ErrMessageTooLarge", error.Code);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task A_failed_delivery_fails_the_flush_as_retryable()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var cluster = new KafkaMockCluster();
        var topic = "lost_" + Guid.NewGuid().ToString("N");
        cluster.CreateTopic(topic);
        var options = KafkaSinkOptions.FromUri(SinkUri.Parse($"kafka://{cluster.BootstrapServers}/{topic}"));
        var overrides = new Dictionary<string, string> { ["message.timeout.ms"] = "1500" };
        await using var sink = await KafkaSink.CreateAsync(options, new JsonTestEncoder(), new EventRouter([], topic, 3), null, overrides, cancellationToken);

        // The cluster goes away: nothing written from now on can be acknowledged.
        cluster.Dispose();
        var commitTs = Next();
        await sink.WriteRowsAsync(new TransactionChunk(commitTs, commitTs, [Row(RouterFixtures.Table("db", "t"), RowChangeKind.Insert, 1, "x", commitTs)]), cancellationToken);

        var error = await Assert.ThrowsAsync<ChangefeedException>(async () => await sink.FlushAsync(commitTs, cancellationToken));
        Assert.Equal("CDC:ErrKafkaSendMessage", error.Code);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task A_missing_topic_is_refused_when_auto_create_topic_is_false()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var topic = "absent_" + Guid.NewGuid().ToString("N");
        var options = KafkaSinkOptions.FromUri(SinkUri.Parse($"kafka://{_cluster.BootstrapServers}/{topic}?auto-create-topic=false"));

        var error = await Assert.ThrowsAsync<ChangefeedException>(async () =>
            await KafkaSink.CreateAsync(options, new JsonTestEncoder(), new EventRouter([], topic, 3), null, cancellationToken));

        Assert.Equal("CDC:ErrKafkaInvalidConfig", error.Code);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task A_topic_with_fewer_partitions_than_partition_num_is_refused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var topic = "small_" + Guid.NewGuid().ToString("N");
        _cluster.CreateTopic(topic);
        var options = KafkaSinkOptions.FromUri(SinkUri.Parse($"kafka://{_cluster.BootstrapServers}/{topic}?partition-num=5"));

        var error = await Assert.ThrowsAsync<ChangefeedException>(async () =>
            await KafkaSink.CreateAsync(options, new JsonTestEncoder(), new EventRouter([], topic, 5), null, cancellationToken));

        Assert.Equal("CDC:ErrKafkaInvalidPartitionNum", error.Code);
        Assert.False(error.IsRetryable);
    }

    private Tso Next() => Tso.FromUnixMilliseconds(_clock++);

    private static RowChangedEvent Row(ChangeTable table, RowChangeKind kind, long id, string b, Tso commitTs) => new()
    {
        Table = table,
        Kind = kind,
        CommitTs = commitTs,
        StartTs = commitTs,
        Before = kind == RowChangeKind.Insert ? null : [id, "before"],
        After = kind == RowChangeKind.Delete ? null : [id, b],
    };

    private List<Received>[] ConsumeAll(string topic, int partitionCount, int total, CancellationToken cancellationToken) =>
        Consume(topic, partitionCount, total, cancellationToken);

    private List<Received>[] Consume(string topic, int partitionCount, int total, CancellationToken cancellationToken)
    {
        // Everything is already in the partitions; the limit only keeps a broken run from hanging.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(1));
        using var consumer = _cluster.Consumer();
        consumer.Assign(Enumerable.Range(0, partitionCount).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var partitions = Enumerable.Range(0, partitionCount).Select(_ => new List<Received>()).ToArray();
        var count = 0;

        while (count < total)
        {
            var result = consumer.Consume(limit.Token);
            if (result.IsPartitionEOF)
                continue;
            partitions[result.Partition.Value].Add(Received.Parse(result.Message.Value));
            count++;
        }

        return partitions;
    }

    private sealed record Received(string Type, ulong Ts, long Id, string Change)
    {
        public static Received Parse(byte[] value)
        {
            using var json = JsonDocument.Parse(value);
            var root = json.RootElement;
            var type = root.GetProperty("type").GetString()!;
            return type switch
            {
                "row" => new Received(
                    type,
                    root.GetProperty("commitTs").GetUInt64(),
                    long.Parse(root.GetProperty("values")[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                    $"{root.GetProperty("kind").GetString()}:{(root.GetProperty("kind").GetString() == "Delete" ? "v5" : root.GetProperty("values")[1].GetString())}"),
                "ddl" => new Received(type, root.GetProperty("commitTs").GetUInt64(), 0, Encoding.UTF8.GetString(value)),
                _ => new Received(type, root.GetProperty("ts").GetUInt64(), 0, string.Empty),
            };
        }
    }
}
