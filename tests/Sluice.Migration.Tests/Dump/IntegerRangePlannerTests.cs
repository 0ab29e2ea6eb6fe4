using Sluice.Migration.Dump;

namespace Sluice.Migration.Tests.Dump;

public sealed class IntegerRangePlannerTests
{
    [Fact]
    public void A_dense_range_splits_into_about_chunk_rows_each()
    {
        var ranges = IntegerRangePlanner.Plan(1, 10_000, 10_000, 1_000);

        Assert.Equal(10, ranges.Count);
        Assert.Equal((null, (Int128?)1_001), ranges[0]);
        Assert.Equal(((Int128?)9_001, null), ranges[^1]);
        AssertCovers(ranges, 1, 10_000);
    }

    [Fact]
    public void Few_rows_make_one_unbounded_range() =>
        Assert.Equal([(null, null)], IntegerRangePlanner.Plan(5, 900, 500, 1_000));

    [Fact]
    public void A_range_never_holds_less_than_one_value()
    {
        var ranges = IntegerRangePlanner.Plan(-2, 2, 1_000_000, 10);

        Assert.Equal(5, ranges.Count);
        AssertCovers(ranges, -2, 2);
    }

    [Fact]
    public void The_whole_unsigned_bigint_range_is_covered()
    {
        var max = (Int128)ulong.MaxValue;
        var ranges = IntegerRangePlanner.Plan(0, max, 4, 1);

        Assert.Equal(4, ranges.Count);
        AssertCovers(ranges, 0, max);
    }

    [Fact]
    public void A_missing_estimate_assumes_dense_keys()
    {
        var ranges = IntegerRangePlanner.Plan(1, 100, 0, 10);

        Assert.Equal(10, ranges.Count);
    }

    /// <summary>Consecutive ranges meet exactly, the first is open below, the last open above, none is empty.</summary>
    private static void AssertCovers(IReadOnlyList<(Int128? From, Int128? To)> ranges, Int128 min, Int128 max)
    {
        Assert.Null(ranges[0].From);
        Assert.Null(ranges[^1].To);
        for (var i = 1; i < ranges.Count; i++)
            Assert.Equal(ranges[i - 1].To, ranges[i].From);
        var lower = min;
        foreach (var (_, to) in ranges)
        {
            var upper = to ?? max + 1;
            Assert.True(upper > lower, $"empty range ending at {upper}");
            lower = upper;
        }
    }
}
