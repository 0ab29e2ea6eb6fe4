using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Server;

/// <summary>
/// <c>sluice server</c> killed with SIGKILL while three changefeeds stream a source's changes — into a MySQL target,
/// into csv files and into Kafka (librdkafka's mock cluster, hosted by this test) — then started again on the same data
/// directory: the target converges to the source, and the files and the topic hold every change at least once.
/// </summary>
public sealed class ChangefeedKillTests(MariaDbServers servers)
{
    private const string Schema = "srv_cf_kill";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kill_9_during_changefeeds_then_a_restart_converges_the_mysql_sink_and_misses_nothing_in_files_or_kafka()
    {
        var create = $"DROP DATABASE IF EXISTS {Schema}; CREATE DATABASE {Schema}; CREATE TABLE {Schema}.t (id INT PRIMARY KEY, v VARCHAR(40))";
        await servers.Source.ExecuteAsync(create, Ct);
        await servers.Target.ExecuteAsync(create, Ct);
        var dataDirectory = Directory.CreateTempSubdirectory("sluice-cf-kill-").FullName;
        var files = Path.Combine(dataDirectory, "files");
        using var kafka = new MockKafka();
        var topic = "cf-kill-" + Guid.NewGuid().ToString("N")[..8];
        var partitions = kafka.CreateTopic(topic);

        var expected = new ConcurrentQueue<string>();
        using var stopWriting = new CancellationTokenSource();
        Task? writer = null;
        var first = StartServer(dataDirectory);
        try
        {
            var api = await ClientAsync(first);
            await SendAsync(api, HttpMethod.Post, "/api/v1/sources", $$"""
                {"source_name": "cf-src", "host": "{{servers.Source.Host}}", "port": {{servers.Source.Port}}, "user": "{{servers.Source.User}}",
                 "password": {{JsonSerializer.Serialize(servers.Source.Password)}}, "enable": true, "enable_gtid": false}
                """, HttpStatusCode.Created);
            var target = servers.Target;
            await CreateChangefeedAsync(api, "cf-mysql", $"mysql://{Uri.EscapeDataString(target.User)}:{Uri.EscapeDataString(target.Password)}@{target.Host}:{target.Port}/?worker-count=4");
            await CreateChangefeedAsync(api, "cf-file", $"file://{files}?protocol=csv&flush-interval=2s");
            await CreateChangefeedAsync(api, "cf-kafka", $"kafka://{kafka.BootstrapServers}/{topic}?protocol=canal-json&partition-num={partitions}");

            writer = Task.Run(() => WriteAsync(expected, stopWriting.Token), CancellationToken.None);
            // Killed once every changefeed has acknowledged some of the changes and more are in flight.
            var marker = await NowTsoAsync();
            await WaitForAsync(first, async () => await AllCheckpointsPastAsync(api, marker), "every changefeed's checkpoint to move");
            await Task.Delay(Random.Shared.Next(200, 1500), Ct);
            first.KillHard();
            await first.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            first.Dispose();
        }

        using var second = StartServer(dataDirectory);
        try
        {
            var api = await ClientAsync(second);
            await Task.Delay(2000, Ct);
            await stopWriting.CancelAsync();
            await writer!;
            var end = await NowTsoAsync();
            await WaitForAsync(second, async () => await AllCheckpointsPastAsync(api, end), "every changefeed to pass the last change after the restart");

            Assert.Equal(await servers.Source.ChecksumAsync($"{Schema}.t", Ct), await servers.Target.ChecksumAsync($"{Schema}.t", Ct));
            var inFiles = FileChanges(files);
            var inKafka = kafka.CanalJsonChanges(topic, partitions);
            var missingFromFiles = expected.Where(change => !inFiles.Contains(change)).ToList();
            var missingFromKafka = expected.Where(change => !inKafka.Contains(change)).ToList();
            Assert.True(missingFromFiles.Count == 0, $"{missingFromFiles.Count} of {expected.Count} changes missing from the files, e.g. {string.Join("; ", missingFromFiles.Take(5))}");
            Assert.True(missingFromKafka.Count == 0, $"{missingFromKafka.Count} of {expected.Count} changes missing from kafka, e.g. {string.Join("; ", missingFromKafka.Take(5))}");
            Assert.True(expected.Count > 100, $"only {expected.Count} changes were made");

            foreach (var id in new[] { "cf-mysql", "cf-file", "cf-kafka" })
                Assert.Equal("normal", (await GetAsync(api, $"/api/v2/changefeeds/{id}")).GetProperty("state").GetString());
            second.Interrupt();
            await second.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await stopWriting.CancelAsync();
            if (writer is not null)
                await writer.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>
    /// Row n is inserted, row n-3 updated and row n-6 deleted in one transaction per n; each change is recorded as
    /// "op|id|v" (the new values, or the old ones for a delete), the way the files and topic are read back.
    /// </summary>
    private async Task WriteAsync(ConcurrentQueue<string> expected, CancellationToken stop)
    {
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            await servers.Source.ExecuteAsync(
                $"BEGIN; INSERT INTO {Schema}.t VALUES ({n}, 'v-{n}'); UPDATE {Schema}.t SET v = 'u-{n - 3}' WHERE id = {n - 3}; DELETE FROM {Schema}.t WHERE id = {n - 6}; COMMIT",
                CancellationToken.None);
            expected.Enqueue($"I|{n}|v-{n}");
            if (n > 3)
                expected.Enqueue($"U|{n - 3}|u-{n - 3}");
            if (n > 6)
                expected.Enqueue($"D|{n - 6}|u-{n - 6}");
            await Task.Delay(5, CancellationToken.None);
        }
    }

    /// <summary>The changes in the csv files: "I"/"U"/"D", then table, schema, id, v (TiCDC's csv layout).</summary>
    private static HashSet<string> FileChanges(string root)
    {
        var changes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, Schema, "t"), "CDC*.csv", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadAllText(file).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = line.Split(',').Select(f => f.Trim('"')).ToArray();
                changes.Add($"{fields[0]}|{fields[3]}|{fields[4]}");
            }
        }

        return changes;
    }

    private static async Task CreateChangefeedAsync(HttpClient api, string id, string sinkUri) =>
        await SendAsync(
            api,
            HttpMethod.Post,
            "/api/v2/changefeeds",
            JsonSerializer.Serialize(new { changefeed_id = id, sink_uri = sinkUri, replica_config = new { filter = new { rules = new[] { $"{Schema}.*" } } } }),
            HttpStatusCode.OK);

    private static async Task<bool> AllCheckpointsPastAsync(HttpClient api, ulong tso)
    {
        foreach (var id in new[] { "cf-mysql", "cf-file", "cf-kafka" })
        {
            if ((await GetAsync(api, $"/api/v2/changefeeds/{id}")).GetProperty("checkpoint_ts").GetUInt64() < tso)
                return false;
        }

        return true;
    }

    /// <summary>A TSO of the next whole second, once it has begun (binlog times keep seconds).</summary>
    private static async Task<ulong> NowTsoAsync()
    {
        var next = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        await Task.Delay(next - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(20), Ct);
        return (ulong)next.ToUnixTimeMilliseconds() << 18;
    }

    private static CliProcess StartServer(string dataDirectory) =>
        CliProcess.Start("server", "--data-dir", dataDirectory, "--addr", "127.0.0.1:0");

    private static async Task<HttpClient> ClientAsync(CliProcess server)
    {
        await server.WaitUntilAsync(() => Task.FromResult(server.StdoutSoFar.Contains("listening on ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        var address = new Uri(Regex.Match(server.StdoutSoFar, @"listening on (\S+)").Groups[1].Value);
        return new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    private static async Task SendAsync(HttpClient api, HttpMethod method, string path, string json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await api.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string path)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync(path, Ct));
        return document.RootElement.Clone();
    }

    /// <summary>Polls <paramref name="condition"/> for up to three minutes.</summary>
    private static async Task WaitForAsync(CliProcess server, Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
                Assert.Fail($"the server exited waiting for {what}: {(await server.WaitAsync(TimeSpan.FromSeconds(5))).Stderr}");
            try
            {
                if (await condition())
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200, Ct);
        }

        Assert.Fail($"waited 3 minutes for {what}; stderr: {server.StdoutSoFar}");
    }

    /// <summary>librdkafka's mock cluster, hosted by a producer of this process (see TESTING.md).</summary>
    private sealed class MockKafka : IDisposable
    {
        private readonly IProducer<byte[], byte[]> _host;

        public MockKafka()
        {
            var config = new ProducerConfig { BootstrapServers = "127.0.0.1:1", AllowAutoCreateTopics = true };
            config.Set("test.mock.num.brokers", "3");
            _host = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
            using var admin = new DependentAdminClientBuilder(_host.Handle).Build();
            BootstrapServers = string.Join(",", admin.GetMetadata(TimeSpan.FromSeconds(30)).Brokers.Select(b => $"{b.Host}:{b.Port}"));
        }

        public string BootstrapServers { get; }

        public int CreateTopic(string topic)
        {
            using var admin = new DependentAdminClientBuilder(_host.Handle).Build();
            return admin.GetMetadata(topic, TimeSpan.FromSeconds(30)).Topics.Single().Partitions.Count;
        }

        /// <summary>Every row change in the topic's canal-json messages, as "op|id|v".</summary>
        public HashSet<string> CanalJsonChanges(string topic, int partitions)
        {
            var changes = new HashSet<string>(StringComparer.Ordinal);
            using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
            {
                BootstrapServers = BootstrapServers,
                GroupId = "kill-test-" + Guid.NewGuid().ToString("N"),
                EnableAutoCommit = false,
                AutoOffsetReset = AutoOffsetReset.Earliest,
            }).SetLogHandler((_, _) => { }).Build();
            consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
            while (consumer.Consume(TimeSpan.FromSeconds(3)) is { } message)
            {
                using var json = JsonDocument.Parse(message.Message.Value);
                var root = json.RootElement;
                if (root.GetProperty("isDdl").GetBoolean() || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                    continue;
                var op = root.GetProperty("type").GetString() switch { "INSERT" => "I", "UPDATE" => "U", _ => "D" };
                foreach (var row in data.EnumerateArray())
                    changes.Add($"{op}|{row.GetProperty("id").GetString()}|{row.GetProperty("v").GetString()}");
            }

            return changes;
        }

        public void Dispose() => _host.Dispose();
    }
}
