using System.Globalization;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Model;
using Sluice.Testing;

namespace Sluice.ChangeFeed.Tests.Processing;

public sealed class InitialSnapshotTests(MariaDbServers servers)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_snapshot_sends_every_row_once_with_the_values_the_binlog_decoder_gives_then_streams_from_its_position()
    {
        const string schema = "cf_snapshot_types";
        await TypeCases.CreateTablesAsync(servers.Source, schema);
        var sink = new RecordingSink();
        var store = new MemoryCheckpointStore();
        var runner = new ChangefeedRunner(
            new ChangefeedDefinition
            {
                Id = "snapshot-types",
                SourceName = "source",
                SinkUri = "blackhole://",
                StartTs = Tso.From(DateTimeOffset.UtcNow),
                Snapshot = true,
                Options = new ChangefeedOptions { FilterRules = [$"{schema}.*"] },
            },
            new ChangefeedSource("source", servers.Source.Host, servers.Source.Port, servers.Source.User, servers.Source.Password),
            store,
            sinkFactory: _ => sink);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var run = runner.RunAsync(stop.Token);
        var snapshotRows = TypeCases.All.Sum(c => c.Values.Length + 1);
        await WaitUntilAsync(() => sink.Rows.Count >= snapshotRows, run);

        // The same values written again reach the changefeed through the binlog.
        foreach (var (name, _, _) in TypeCases.All)
            await servers.Source.ExecuteAsync($"INSERT INTO `{schema}`.`{name}` SELECT id + 1000, v FROM `{schema}`.`{name}`", Token);
        await WaitUntilAsync(() => sink.Rows.Count >= 2 * snapshotRows, run);
        await Task.Delay(1500, Token); // anything sent twice would arrive by now
        await stop.CancelAsync();
        await run;

        var rows = sink.Rows;
        Assert.Equal(2 * snapshotRows, rows.Count);
        var snapshot = rows.Take(snapshotRows).ToList();
        Assert.All(snapshot, r => Assert.Equal(RowChangeKind.Insert, r.Kind));
        Assert.Single(snapshot.Select(r => r.CommitTs).Distinct());
        var streamed = rows.Skip(snapshotRows).ToDictionary(r => (r.Table.Name, Id: (long)r.After![0]! - 1000));
        foreach (var row in snapshot)
        {
            var twin = streamed[(row.Table.Name, (long)row.After![0]!)];
            var expected = twin.After![1];
            var actual = row.After[1];
            var context = string.Create(CultureInfo.InvariantCulture, $"{row.Table.Name} id {row.After[0]}");
            Assert.True(expected?.GetType() == actual?.GetType(), $"{context}: {expected?.GetType()} from the binlog, {actual?.GetType()} from the snapshot");
            if (expected is byte[] bytes)
                Assert.True(bytes.AsSpan().SequenceEqual((byte[])actual!), context);
            else
                Assert.True(Equals(expected, actual), $"{context}: '{ColumnValueText.Format(expected)}' from the binlog, '{ColumnValueText.Format(actual)}' from the snapshot");
            Assert.True(twin.CommitTs > row.CommitTs);
        }

        Assert.True(store.Checkpoint!.CheckpointTs >= rows[^1].CommitTs);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Task run)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (run.IsCompleted)
                await run; // a failed run says why
            await Task.Delay(50, timeout.Token);
        }
    }
}
