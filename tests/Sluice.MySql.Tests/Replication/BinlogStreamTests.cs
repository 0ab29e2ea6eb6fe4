using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Replication;

namespace Sluice.MySql.Tests.Replication;

/// <summary>The workload of <see cref="StreamWorkload"/> streamed whole and from its middle by GTID.</summary>
public sealed class BinlogStreamTests(StreamWorkload workload) : IClassFixture<StreamWorkload>
{
    [Fact]
    public async Task Whole_workload_decodes_with_the_right_row_counts_across_a_rotate()
    {
        Assert.True(workload.TotalRows >= 50_000);
        await using var client = new BinlogClient(SourceStream.Options(workload.Source, workload.Start));
        var events = await SourceStream.ReadUntilAsync(client, StreamWorkload.IsEnd);

        Assert.Equal(StreamWorkload.Describe(Merge(workload.Phase1, workload.Phase2)), StreamWorkload.Describe(Count(events)));
        Assert.Contains(events, e => e is RotateEvent { IsFake: false });
        Assert.Contains(events, e => e is AnnotateRowsEvent a && a.Query.StartsWith("INSERT INTO stream_workload.a", StringComparison.Ordinal));
        Assert.Contains(events, e => e is QueryEvent q && q.Query.Contains("ADD COLUMN extra", StringComparison.Ordinal));
        Assert.Contains(events, e => e is QueryEvent q && q.Query.StartsWith("TRUNCATE", StringComparison.Ordinal));
        var alteredInsert = events.OfType<RowsEvent>().Last(e => e.Table.TableName == "a" && e.Kind == RowsEventKind.Insert);
        Assert.Equal(["id", "v", "n", "extra"], alteredInsert.Table.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Restart_by_gtid_from_the_middle_yields_exactly_the_remaining_events()
    {
        var start = BinlogCheckpoint.At(workload.Middle);
        await using var client = new BinlogClient(SourceStream.Options(workload.Source, start));
        var events = await SourceStream.ReadUntilAsync(client, StreamWorkload.IsEnd);

        Assert.Equal(StreamWorkload.Describe(workload.Phase2), StreamWorkload.Describe(Count(events)));
        var firstGtid = events.OfType<MariaDbGtidEvent>().First().Gtid;
        var middle = workload.Middle.Gtids.Single(g => g.DomainId == firstGtid.DomainId);
        Assert.Equal(middle.Sequence + 1, firstGtid.Sequence);
    }

    private static Dictionary<string, int> Count(IEnumerable<BinlogEvent> events)
    {
        var counts = new Dictionary<string, int>();
        foreach (var rows in events.OfType<RowsEvent>().Where(r => r.Table.SchemaName == StreamWorkload.Schema))
            counts[StreamWorkload.Key(rows)] = counts.GetValueOrDefault(StreamWorkload.Key(rows)) + rows.Rows.Count;
        return counts;
    }

    private static Dictionary<string, int> Merge(Dictionary<string, int> first, Dictionary<string, int> second)
    {
        var merged = new Dictionary<string, int>(first);
        foreach (var (key, value) in second)
            merged[key] = merged.GetValueOrDefault(key) + value;
        return merged;
    }
}
