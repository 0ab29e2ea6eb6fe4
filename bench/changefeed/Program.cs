// Runs one changefeed over a recorded stretch of a source's binlog, from a start TSO until its target TSO, into
// the sink URI given, and prints how many row changes it delivered per second (the whole run: start-up, reading,
// decoding, encoding and the sink's acknowledgements). With --decode-only it reads and decodes the same stretch
// with the binlog client alone, for the decoder's own rate. With a kafka://mock/... URI it hosts librdkafka's mock
// cluster in this process and writes there. With --encode-only PROTOCOL it times one protocol's encoder alone on
// sysbench-shaped row changes built in memory (no server needed).
//
//   ChangefeedBench --host H --port P --user U --password W --start-ts T0 --target-ts T1 (--sink-uri URI | --decode-only --file F --pos N --stop-file F2)
//   ChangefeedBench --encode-only PROTOCOL [--rows N]
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Sluice.ChangeFeed;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Replication;
using Sluice.MySql.Session;

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--verbose")
    {
        i--;
        continue;
    }

    options[args[i].TrimStart('-')] = args[i + 1];
}
string Arg(string name) => options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

if (options.TryGetValue("encode-only", out var encodeProtocol))
{
    await EncodeBench.RunAsync(encodeProtocol, int.Parse(options.GetValueOrDefault("rows", "200000"), CultureInfo.InvariantCulture));
    return;
}

if (args.Contains("--decode-only"))
{
    await DecodeAsync();
    return;
}

var source = new ChangefeedSource("bench", Arg("host"), int.Parse(Arg("port"), CultureInfo.InvariantCulture), Arg("user"), Arg("password"));
var sinkUri = Arg("sink-uri");
IProducer<byte[], byte[]>? mockHost = null;
if (sinkUri.StartsWith("kafka://mock/", StringComparison.Ordinal))
{
    var config = new ProducerConfig { BootstrapServers = "127.0.0.1:1", AllowAutoCreateTopics = true };
    config.Set("test.mock.num.brokers", "3");
    mockHost = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
    using var admin = new DependentAdminClientBuilder(mockHost.Handle).Build();
    var brokers = string.Join(",", admin.GetMetadata(TimeSpan.FromSeconds(30)).Brokers.Select(b => $"{b.Host}:{b.Port}"));
    var rest = sinkUri["kafka://mock/".Length..];
    var topic = rest.Split('?')[0];
    admin.GetMetadata(topic, TimeSpan.FromSeconds(30)); // the mock creates it, with 4 partitions
    sinkUri = $"kafka://{brokers}/{rest}";
}

var definition = new ChangefeedDefinition
{
    Id = "bench",
    SourceName = "bench",
    SinkUri = sinkUri,
    StartTs = Tso.Parse(Arg("start-ts")),
    TargetTs = Tso.Parse(Arg("target-ts")),
    Options = new ChangefeedOptions { FilterRules = [options.GetValueOrDefault("filter", "sbtest.*")] },
};
var clock = Stopwatch.StartNew();
var runner = new ChangefeedRunner(definition, source, new MemoryStore(), args.Contains("--verbose") ? new StderrLogger(clock) : null);
var running = runner.RunAsync(CancellationToken.None);
var streamingFrom = TimeSpan.Zero;
while (!running.IsCompleted)
{
    if (streamingFrom == TimeSpan.Zero && runner.Progress.Started)
        streamingFrom = clock.Elapsed;
    await Task.WhenAny(running, Task.Delay(5));
}

var outcome = await running;
clock.Stop();
var streaming = clock.Elapsed - streamingFrom;
mockHost?.Dispose();
if (outcome != ChangefeedOutcome.Finished)
    throw new InvalidOperationException($"the changefeed ended {outcome} before its target TSO");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"rows={runner.Progress.Rows} transactions={runner.Progress.Transactions} seconds={clock.Elapsed.TotalSeconds:F2} rows_per_s={runner.Progress.Rows / clock.Elapsed.TotalSeconds:F0} streaming_seconds={streaming.TotalSeconds:F2} streaming_rows_per_s={runner.Progress.Rows / streaming.TotalSeconds:F0}"));

async Task DecodeAsync()
{
    var stopFile = Arg("stop-file");
    await using var client = new BinlogClient(new BinlogClientOptions
    {
        Connection = new MySqlConnectionOptions
        {
            Host = Arg("host"),
            Port = int.Parse(Arg("port"), CultureInfo.InvariantCulture),
            User = Arg("user"),
            Password = Arg("password"),
        },
        Start = BinlogCheckpoint.At(new BinlogPosition(Arg("file"), ulong.Parse(Arg("pos"), CultureInfo.InvariantCulture))),
        StopAtEnd = true,
        AnnotateRows = false,
    });
    long rows = 0;
    var clock = Stopwatch.StartNew();
    await foreach (var binlogEvent in client.ReadEventsAsync())
    {
        if (binlogEvent is RowsEvent rowsEvent && rowsEvent.Table.SchemaName == "sbtest")
            rows += rowsEvent.Rows.Count;
        if (binlogEvent is RotateEvent rotate && string.CompareOrdinal(rotate.NextFileName, stopFile) >= 0)
            break;
    }

    clock.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows={rows} seconds={clock.Elapsed.TotalSeconds:F2} rows_per_s={rows / clock.Elapsed.TotalSeconds:F0}"));
}

/// <summary>The runner's log lines on stderr with the time since the start, to see where a run spends it.</summary>
internal sealed class StderrLogger(Stopwatch clock) : Microsoft.Extensions.Logging.ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.ElapsedMilliseconds,6} ms  {formatter(state, exception)}"));
}

internal sealed class MemoryStore : IChangefeedCheckpointStore
{
    private ChangefeedCheckpoint? _checkpoint;

    public Task<ChangefeedCheckpoint?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(_checkpoint);

    public Task SaveAsync(ChangefeedCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        _checkpoint = checkpoint;
        return Task.CompletedTask;
    }
}
