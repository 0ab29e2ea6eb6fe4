using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;
using Sluice.ChangeFeed.Sinks.Blackhole;
using static Sluice.ChangeFeed.Tests.Sinks.Storage.StorageFixtures;

namespace Sluice.ChangeFeed.Tests.Sinks.Blackhole;

public sealed class BlackholeSinkTests
{
    [Fact]
    public async Task It_counts_rows_transactions_ddls_and_flushes()
    {
        await using var sink = BlackholeSink.FromUri(SinkUri.Parse("blackhole://"));

        await sink.WriteRowsAsync(Chunk(Insert(T1, C1, 1L, "a"), Insert(T1, C1, 2L, "b")) with { IsLast = false }, default);
        await sink.WriteRowsAsync(Chunk(Insert(T1, C1, 3L, "c")) with { IsFirst = false }, default);
        await sink.WriteRowsAsync(Chunk(Insert(T2, C2, 1UL, "1.00", null)), default);
        await sink.WriteDdlAsync(AddAgeColumn, default);
        await sink.FlushAsync(C2, default);
        await sink.FlushAsync(D1, default);

        Assert.Equal(4, sink.Rows);
        Assert.Equal(2, sink.Transactions);
        Assert.Equal(1, sink.Ddls);
        Assert.Equal(2, sink.Flushes);
        Assert.Equal(D1, sink.ResolvedTs);
    }

    [Fact]
    public void Another_scheme_is_refused()
    {
        var error = Assert.Throws<ChangefeedException>(() => BlackholeSink.FromUri(SinkUri.Parse("file:///tmp/x")));

        Assert.Equal("CDC:ErrSinkURIInvalid", error.Code);
    }

    [Fact]
    public async Task A_new_sink_has_counted_nothing()
    {
        await using var sink = new BlackholeSink();

        Assert.Equal(0, sink.Rows + sink.Ddls + sink.Flushes + sink.Transactions);
        Assert.Equal(Tso.Zero, sink.ResolvedTs);
    }
}
