using System.Text;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks.Blackhole;
using Sluice.ChangeFeed.Tests.Codecs.Decoding;
using Sluice.Testing;

namespace Sluice.ChangeFeed.Tests.EndToEnd;

/// <summary>A real source, a mixed workload, a changefeed into files: the files decode back to exactly the changes made.</summary>
public sealed class FileSinkEndToEndTests(MariaDbServers servers) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sluice-e2e-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Csv_files_decode_back_to_exactly_the_changes_made()
    {
        const string schema = "cf_e2e_csv";
        await MixedWorkload.CreateAsync(servers.Source, schema, Token);
        var workload = new MixedWorkload(schema);
        await ChangefeedHarness.RunAsync(servers, schema, $"file://{_root}?protocol=csv&flush-interval=2s", () => workload.RunAsync(servers.Source, Token));

        var decoder = new CsvDecoder(new CsvOptions());
        var records = DataFiles(schema, ".csv").SelectMany(file => decoder.ReadRecords(File.ReadAllText(file, Encoding.UTF8))).ToList();
        var expected = workload.Changes.Select(c => c.Kind switch
        {
            RowChangeKind.Insert => ("I", c.After!),
            RowChangeKind.Update => ("U", c.After!),
            _ => ("D", c.Before!),
        }).ToList();
        Assert.Equal(expected.Count, records.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Item1, records[i].Operation);
            Assert.Equal(schema, records[i].Schema);
            Assert.Equal(MixedWorkload.Table, records[i].Table);
            Assert.Equal(expected[i].Item2, records[i].Values);
        }

        Assert.True(File.Exists(Path.Combine(_root, "metadata")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_root, schema, MixedWorkload.Table, "meta"), "schema_*.json"));
    }

    [Fact]
    public async Task Canal_json_files_decode_back_to_exactly_the_changes_made_with_old_values()
    {
        const string schema = "cf_e2e_canal";
        await MixedWorkload.CreateAsync(servers.Source, schema, Token);
        var workload = new MixedWorkload(schema);
        await ChangefeedHarness.RunAsync(servers, schema, $"file://{_root}?protocol=canal-json&flush-interval=2s", () => workload.RunAsync(servers.Source, Token));

        var messages = DataFiles(schema, ".json")
            .SelectMany(file => File.ReadAllText(file, Encoding.UTF8).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
            .Select(line => CanalJsonDecoder.Decode(Encoding.UTF8.GetBytes(line)))
            .Where(m => m.IsRow)
            .ToList();
        var expected = workload.Changes;
        Assert.Equal(expected.Count, messages.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (change, message) = (expected[i], messages[i]);
            Assert.Equal(change.Kind.ToString().ToUpperInvariant(), message.Type);
            Assert.Equal(change.After ?? change.Before, message.Data!.Select(p => p.Value));
            if (change.Kind == RowChangeKind.Update)
                Assert.Equal(change.Before, message.Old!.Select(p => p.Value));
            Assert.Equal(["id"], message.PkNames!);
        }
    }

    [Fact]
    public async Task Blackhole_counts_every_change_and_the_DDL()
    {
        const string schema = "cf_e2e_blackhole";
        await MixedWorkload.CreateAsync(servers.Source, schema, Token);
        var workload = new MixedWorkload(schema);
        BlackholeSink? sink = null;
        var runner = await ChangefeedHarness.RunAsync(
            servers, schema, "blackhole://", () => workload.RunAsync(servers.Source, Token), sinkFactory: _ => sink = BlackholeSink.FromUri(Sluice.ChangeFeed.Sinks.SinkUri.Parse("blackhole://")));

        Assert.Equal(workload.RowChanges, sink!.Rows);
        Assert.Equal(1, sink.Ddls);
        Assert.Equal(3 + 1 + 1 + 5 + 1, sink.Transactions);
        Assert.Equal(workload.RowChanges, runner.Progress.Rows);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    /// <summary>The table's data files in the order they were written: table version, date, file index.</summary>
    private List<string> DataFiles(string schema, string extension) =>
        Directory.EnumerateFiles(Path.Combine(_root, schema, MixedWorkload.Table), "CDC*" + extension, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
}
