using Sluice.Migration.Sync;
using static Sluice.Migration.Tests.Sync.RowJobs;

namespace Sluice.Migration.Tests.Sync;

/// <summary>The compactor's rules as batches in and batches out (see <see cref="RowJobs"/> for the notation).</summary>
public sealed class BatchCompactorTests
{
    [Theory]
    // DM's five rules.
    [InlineData("INSERT t 1 a; UPDATE t 1 a -> 1 b", "INSERT t 1 b")]
    [InlineData("INSERT t 1 a; DELETE t 1 a", "DELETE t 1 a")]
    [InlineData("UPDATE t 1 a -> 1 b; UPDATE t 1 b -> 1 c", "UPDATE t 1 a -> 1 c")]
    [InlineData("UPDATE t 1 a -> 1 b; DELETE t 1 b", "DELETE t 1 a")]
    [InlineData("DELETE t 1 a; INSERT t 1 b", "REPLACE t 1 b")]
    // Chains.
    [InlineData("INSERT t 1 a; UPDATE t 1 a -> 1 b; UPDATE t 1 b -> 1 c; DELETE t 1 c; INSERT t 1 d", "REPLACE t 1 d")]
    [InlineData("INSERT t 1 a; UPDATE t 1 a -> 1 b; UPDATE t 1 b -> 1 c; DELETE t 1 c; INSERT t 1 d; UPDATE t 1 d -> 1 e", "REPLACE t 1 e")]
    [InlineData("DELETE t 1 a; INSERT t 1 b; DELETE t 1 b", "DELETE t 1 b")]
    [InlineData("UPDATE t 1 a -> 1 b; UPDATE t 1 b -> 1 c; UPDATE t 1 c -> 1 d", "UPDATE t 1 a -> 1 d")]
    // A key-changing UPDATE is split first, then each key is merged on its own.
    [InlineData("INSERT t 1 a; UPDATE t 1 a -> 2 a; UPDATE t 2 a -> 2 b", "DELETE t 1 a; INSERT t 2 b")]
    [InlineData("UPDATE t 1 a -> 2 a; UPDATE t 3 c -> 1 c", "DELETE t 3 c; INSERT t 2 a; REPLACE t 1 c")]
    // Every key once, so grouped: deletes, inserts, replaces, updates, at the table's first change.
    [InlineData(
        "INSERT t 1 a; DELETE t 2 b; UPDATE t 3 c -> 3 d; DELETE t 6 x; INSERT t 6 y; INSERT t 4 e; DELETE t 5 f",
        "DELETE t 2 b; DELETE t 5 f; INSERT t 1 a; INSERT t 4 e; REPLACE t 6 y; UPDATE t 3 c -> 3 d")]
    // A single NOT NULL unique key is as good as a primary key.
    [InlineData("INSERT u 1 a; UPDATE u 1 a -> 1 b; DELETE u 2 c; INSERT u 2 d", "INSERT u 1 b; REPLACE u 2 d")]
    // Minimal images: the key in the before image, only the changed columns in the after image.
    [InlineData("INSERT t 1 a; UPDATE t 1 _ -> _ b", "INSERT t 1 b")]
    [InlineData("UPDATE t 1 _ -> _ b; UPDATE t 1 _ -> _ c", "UPDATE t 1 _ -> _ c")]
    // Safe mode: a merged change is safe when one of its parts was; a safe UPDATE that keeps its key is a REPLACE.
    [InlineData("INSERT t 1 a; safe UPDATE t 1 a -> 1 b", "REPLACE t 1 b")]
    [InlineData("safe UPDATE t 1 a -> 1 b; UPDATE t 2 a -> 2 b", "REPLACE t 1 b; UPDATE t 2 a -> 2 b")]
    [InlineData("safe UPDATE t 1 a -> 2 a", "DELETE t 1 a; REPLACE t 2 a")]
    // Two source tables routed to one target table merge as one table.
    [InlineData("INSERT t 1 a; UPDATE t' 1 a -> 1 b; DELETE t' 2 a; INSERT t 2 c", "INSERT t 1 b; REPLACE t 2 c")]
    public void Changes_to_one_row_are_merged_by_dms_rules(string batch, string expected)
    {
        Assert.Equal(expected, Compact(batch));
    }

    [Theory]
    // Several unique keys: a reordered INSERT could meet a row another change was to move out of its way.
    [InlineData("INSERT m 1 x a; UPDATE m 1 x a -> 1 x b; DELETE m 2 y a; INSERT m 2 z a")]
    // No key, or exactly-once rows.
    [InlineData("INSERT n 1 a; UPDATE n 1 a -> 1 b; DELETE n 1 b; INSERT n 1 b")]
    [InlineData("once INSERT t 1 a; UPDATE t 1 a -> 1 b")]
    // An image without the key.
    [InlineData("INSERT t 1 a; UPDATE t 1 a -> 1 b; DELETE t null c")]
    [InlineData("INSERT t 1 a; UPDATE t 1 a -> 1 b; DELETE t _ c")]
    // A key change that cannot be split (the after image lacks a column).
    [InlineData("INSERT t 3 a; UPDATE t 3 a -> 3 b; UPDATE t 1 a -> 2 _")]
    // A sequence DM's rules do not cover.
    [InlineData("DELETE t 1 a; UPDATE t 1 a -> 1 b; INSERT t 2 x; UPDATE t 2 x -> 2 y")]
    [InlineData("INSERT t 1 a; INSERT t 1 b")]
    [InlineData("UPDATE t 1 a -> 1 b; INSERT t 1 c")]
    [InlineData("DELETE t 1 a; DELETE t 1 a")]
    public void Tables_that_cannot_be_compacted_keep_their_changes_in_order(string batch)
    {
        Assert.Equal(Describe(BatchCompactor.SplitKeyChanges(Parse(batch))), Compact(batch));
        Assert.Equal(Describe(Parse(batch)), Compact(batch));
    }

    [Fact]
    public void Other_tables_keep_their_order_around_a_compacted_table()
    {
        Assert.Equal(
            "INSERT n 1 a; DELETE t 2 b; INSERT t 1 b; INSERT n 2 b; UPDATE m 1 x a -> 1 x b; DELETE n 1 a; UPDATE m 1 x b -> 1 x c",
            Compact("INSERT n 1 a; INSERT t 1 a; INSERT n 2 b; UPDATE m 1 x a -> 1 x b; UPDATE t 1 a -> 1 b; DELETE n 1 a; DELETE t 2 b; UPDATE m 1 x b -> 1 x c"));
    }

    [Theory]
    [InlineData("UPDATE t 1 a -> 2 a", "DELETE t 1 a; INSERT t 2 a")]
    [InlineData("safe UPDATE t 1 a -> 2 b", "DELETE t 1 a; REPLACE t 2 b")]
    [InlineData("UPDATE m 1 x a -> 1 y a", "DELETE m 1 x a; INSERT m 1 y a")]
    [InlineData("UPDATE m 1 null a -> 1 y a", "DELETE m 1 null a; INSERT m 1 y a")]
    [InlineData("UPDATE n 1 a -> 2 a", "UPDATE n 1 a -> 2 a")]
    [InlineData("UPDATE t 1 a -> 1 b", "UPDATE t 1 a -> 1 b")]
    [InlineData("UPDATE t 1 _ -> 2 _", "UPDATE t 1 _ -> 2 _")]
    [InlineData("INSERT t 1 a; UPDATE t 1 a -> 2 a; UPDATE t 2 a -> 2 b", "INSERT t 1 a; DELETE t 1 a; INSERT t 2 a; UPDATE t 2 a -> 2 b")]
    public void Updates_that_change_a_key_are_split_without_compact_too(string batch, string expected)
    {
        Assert.Equal(expected, Describe(BatchCompactor.SplitKeyChanges(Parse(batch))));
    }

    [Fact]
    public void A_split_keeps_the_exactly_once_mark_of_its_change()
    {
        var split = BatchCompactor.SplitKeyChanges(Parse("once UPDATE m 1 x a -> 1 y a"));

        Assert.Equal(2, split.Count);
        Assert.All(split, job => Assert.NotNull(job.ExactlyOnce));
    }

    private static string Compact(string batch) => Describe(BatchCompactor.Compact(BatchCompactor.SplitKeyChanges(Parse(batch))));
}
