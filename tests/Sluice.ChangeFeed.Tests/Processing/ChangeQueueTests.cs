using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Processing;
using Sluice.ChangeFeed.Sinks;

namespace Sluice.ChangeFeed.Tests.Processing;

public sealed class ChangeQueueTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_slow_reader_holds_the_writer_back_at_the_memory_quota()
    {
        const long quota = 1 << 20;
        using var queue = new ChangeQueue(quota);
        var chunk = Chunk(rows: 64);
        var size = new QueuedRows(chunk).Size;
        long most = 0;
        var written = 0;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 2000; i++)
            {
                await queue.EnqueueAsync(new QueuedRows(chunk), Token);
                Interlocked.Increment(ref written);
                most = Math.Max(most, queue.Bytes);
            }

            queue.Complete();
        }, Token);

        // Nothing is read for a while: the writer must stop at the quota instead of queueing all 2000.
        await Task.Delay(500, Token);
        Assert.True(Volatile.Read(ref written) < 2000, "the writer went on past the quota");
        Assert.True(queue.Bytes <= quota, $"{queue.Bytes} bytes held with a quota of {quota}");

        var read = 0;
        await foreach (var item in queue.ReadAllAsync(Token))
        {
            queue.Release(item);
            read++;
            if (read % 100 == 0)
                await Task.Delay(1, Token);
        }

        await writer;
        Assert.Equal(2000, read);
        Assert.True(most <= quota, $"at most {most} bytes were held with a quota of {quota} (items of {size} bytes)");
        Assert.Equal(0, queue.Bytes);
    }

    [Fact]
    public async Task One_item_larger_than_the_quota_still_goes_through_an_empty_queue()
    {
        using var queue = new ChangeQueue(1 << 20);
        var big = new QueuedRows(Chunk(rows: 20_000));
        Assert.True(big.Size > 1 << 20);

        await queue.EnqueueAsync(big, Token);
        queue.Complete();
        var items = new List<QueuedChange>();
        await foreach (var item in queue.ReadAllAsync(Token))
            items.Add(item);
        Assert.Same(big, Assert.Single(items));
    }

    private static TransactionChunk Chunk(int rows)
    {
        var table = new ChangeTable("s", "t", [new ChangeColumn("id", Sluice.MySql.Binlog.Rows.ColumnType.Long, "int", "int", false)], Tso.Zero);
        var events = Enumerable.Range(0, rows).Select(i => new RowChangedEvent
        {
            Table = table,
            Kind = RowChangeKind.Insert,
            CommitTs = new Tso(1),
            After = [(long)i],
        }).ToArray();
        return new TransactionChunk(new Tso(1), new Tso(1), events);
    }
}
