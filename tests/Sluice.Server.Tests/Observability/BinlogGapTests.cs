using Sluice.Server.Observability;

namespace Sluice.Server.Tests.Observability;

/// <summary>sluice_sync_binlog_pos_gap from the positions the sync status prints.</summary>
public sealed class BinlogGapTests
{
    [Theory]
    [InlineData("(mysql-bin.000003, 1500)", "(mysql-bin.000003, 1200)", 300L)]
    [InlineData("(mysql-bin.000003, 1200)", "(mysql-bin.000003, 1200)", 0L)]
    [InlineData("(mysql-bin.000005, 4)", "(mysql-bin.000003, 99999)", 2L)]
    [InlineData("(mysql-bin.000003, 1200)", "(mysql-bin.000003, 1500)", 0L)]
    [InlineData("(mysql-bin.000003, 1200)", "(mysql-bin.000004, 4)", 0L)]
    [InlineData("(a.b.000010, 7)", "(a.b.000009, 7)", 1L)]
    public void The_gap_is_bytes_in_the_same_file_else_files_and_never_below_zero(string master, string syncer, long gap) =>
        Assert.Equal(gap, BinlogGap.Of(master, syncer));

    [Theory]
    [InlineData("", "(mysql-bin.000003, 1200)")]
    [InlineData("(mysql-bin.000003, 1200)", "")]
    [InlineData("(mysql-bin.000003, x)", "(mysql-bin.000003, 1200)")]
    [InlineData("(other-bin.000004, 4)", "(mysql-bin.000003, 1200)")]
    [InlineData("(mysql-bin, 4)", "(mysql-bin.000003, 1200)")]
    [InlineData("mysql-bin.000003, 4", "(mysql-bin.000003, 1200)")]
    public void No_gap_without_two_comparable_positions(string master, string syncer) =>
        Assert.Null(BinlogGap.Of(master, syncer));
}
