using System.Threading.Channels;
using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;

namespace Sluice.ChangeFeed.Processing;

/// <summary>
/// What the capture hands the sink writer, in commit order, bounded by bytes (the changefeed's memory_quota): when
/// the sink falls behind, the reader waits instead of buffering without end.
/// </summary>
internal sealed class ChangeQueue : IDisposable
{
    private readonly Channel<QueuedChange> _channel = Channel.CreateUnbounded<QueuedChange>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _space = new(0);
    private readonly long _quota;
    private long _bytes;

    public ChangeQueue(long quota)
    {
        _quota = Math.Max(quota, 1 << 20);
    }

    /// <summary>Bytes held now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public async ValueTask EnqueueAsync(QueuedChange change, CancellationToken cancellationToken)
    {
        // One item may always go in when the queue is empty, however large: a chunk is bounded by its row count.
        while (Interlocked.Read(ref _bytes) > 0 && Interlocked.Read(ref _bytes) + change.Size > _quota)
            await _space.WaitAsync(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _bytes, change.Size);
        await _channel.Writer.WriteAsync(change, cancellationToken).ConfigureAwait(false);
    }

    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    public IAsyncEnumerable<QueuedChange> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    public void Dispose() => _space.Dispose();

    /// <summary>Called by the writer once it is done with an item.</summary>
    public void Release(QueuedChange change)
    {
        Interlocked.Add(ref _bytes, -change.Size);
        if (_space.CurrentCount == 0)
            _space.Release();
    }
}

/// <summary>An item of the <see cref="ChangeQueue"/>.</summary>
internal abstract record QueuedChange(long Size);

internal sealed record QueuedRows(TransactionChunk Chunk) : QueuedChange(Chunk.ApproximateSize);

internal sealed record QueuedDdl(DdlEvent Ddl) : QueuedChange(256 + Ddl.Query.Length * 2);

/// <summary>
/// Everything up to <paramref name="ResolvedTs"/> is in the queue ahead of this mark, and reading the binlog again from
/// <paramref name="Resume"/> yields what comes after it.
/// </summary>
internal sealed record QueuedResolved(Tso ResolvedTs, ChangefeedCheckpoint Resume) : QueuedChange(64);
