using System.Text.Json.Nodes;
using Sluice.Cli.Dmctl;

namespace Sluice.Cli.Tests.Dmctl;

public sealed class StatusFormatTests
{
    [Theory]
    [InlineData("45.00 %", 45)]
    [InlineData("100.00 %", 100)]
    [InlineData("0.5%", 0.5)]
    [InlineData("", 0)]
    [InlineData("n/a", 0)]
    [InlineData("250.00 %", 100)]
    public void Dms_percentages_are_read(string progress, double expected) =>
        Assert.Equal(expected, StatusFormat.Percent(progress));

    [Fact]
    public void The_current_units_progress_is_shown()
    {
        var dump = JsonNode.Parse("""
            {"unit": "dump", "dump_status": {"total_tables": 3, "completed_tables": 1, "finished_bytes": 2048, "finished_rows": 1200,
             "estimate_total_rows": 3000, "bps": 2097152, "progress": "40.00 %"}}
            """)!;
        Assert.Equal("dump 40.00 %: 1,200 of ~3,000 rows, 1 of 3 tables, 2.0 MiB/s", StatusFormat.Progress(dump));

        var load = JsonNode.Parse("""
            {"unit": "load", "load_status": {"finished_bytes": 1258291, "total_bytes": 10485760, "progress": "12.00 %", "meta_binlog": "", "meta_binlog_gtid": "", "bps": 512}}
            """)!;
        Assert.Equal("load 12.00 %: 1.2 MiB of 10.0 MiB, 512 B/s", StatusFormat.Progress(load));

        Assert.Equal("", StatusFormat.Progress(JsonNode.Parse("""{"unit": "sync"}""")!));
    }

    [Fact]
    public void The_sync_line_has_the_rate_the_events_and_the_lag()
    {
        var sync = JsonNode.Parse("""{"total_events": 34567, "recent_tps": 12, "seconds_behind_master": 3, "synced": false}""")!;
        Assert.Equal("12 rows/s (34,567 events), lag 3 s", StatusFormat.Sync(sync));
        sync["synced"] = true;
        Assert.EndsWith(", synced", StatusFormat.Sync(sync), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(binlog.000003, 1234)", "0-1-10", "(binlog.000003, 1234) gtid 0-1-10")]
    [InlineData("(binlog.000003, 1234)", "", "(binlog.000003, 1234)")]
    [InlineData("", "0-1-10", "gtid 0-1-10")]
    public void A_binlog_position_shows_its_gtid_set_when_there_is_one(string position, string gtid, string expected) =>
        Assert.Equal(expected, StatusFormat.Binlog(position, gtid));

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(5368709120, "5.0 GiB")]
    public void Byte_counts_are_readable(double bytes, string expected) => Assert.Equal(expected, StatusFormat.Bytes(bytes));

    [Fact]
    public void Missing_or_mistyped_fields_read_as_empty()
    {
        var node = JsonNode.Parse("""{"stage": 5, "port": "x", "synced": "yes"}""")!;
        Assert.Equal("", StatusFormat.Text(node, "stage"));
        Assert.Equal("", StatusFormat.Text(node, "absent"));
        Assert.Equal(0, StatusFormat.Number(node, "port"));
        Assert.False(StatusFormat.Flag(node, "synced"));
        Assert.Equal("", StatusFormat.Text(null, "stage"));
    }
}
