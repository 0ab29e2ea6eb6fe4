using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;

namespace Sluice.ChangeFeed.Processing;

/// <summary>
/// Drains the <see cref="ChangeQueue"/> into the sink in order and moves the checkpoint: at most every
/// <c>flushInterval</c> it flushes the sink up to the latest resolved mark and, once the sink has acknowledged,
/// saves that mark as the changefeed's checkpoint. Nothing is ever checkpointed that the sink has not acknowledged.
/// </summary>
internal sealed class SinkWriter(
    IChangeSink sink,
    IChangefeedCheckpointStore store,
    ChangefeedProgress progress,
    TimeSpan flushInterval,
    TimeProvider time,
    Action<ChangefeedCheckpoint>? saved = null)
{
    private QueuedResolved? _pending;
    private long _lastFlush = time.GetTimestamp();

    /// <summary>The last checkpoint saved.</summary>
    public ChangefeedCheckpoint? Saved { get; private set; }

    public async Task RunAsync(ChangeQueue queue, IAsyncEnumerator<QueuedChange> items, CancellationToken cancellationToken)
    {
        Task<bool>? next = null;
        while (true)
        {
            next ??= items.MoveNextAsync().AsTask();
            if (_pending is not null && !next.IsCompleted)
            {
                var wait = flushInterval - time.GetElapsedTime(_lastFlush);
                if (wait > TimeSpan.Zero)
                    await Task.WhenAny(next, Task.Delay(wait, time, cancellationToken)).ConfigureAwait(false);
                if (!next.IsCompleted)
                {
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            if (!await next.ConfigureAwait(false))
                break;
            next = null;
            var item = items.Current;
            await WriteAsync(item, cancellationToken).ConfigureAwait(false);
            queue.Release(item);
            if (_pending is not null && time.GetElapsedTime(_lastFlush) >= flushInterval)
                await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteAsync(QueuedChange item, CancellationToken cancellationToken)
    {
        switch (item)
        {
            case QueuedRows rows:
                await sink.WriteRowsAsync(rows.Chunk, cancellationToken).ConfigureAwait(false);
                progress.AddRows(rows.Chunk.Rows.Count);
                if (rows.Chunk.IsLast)
                    progress.AddTransaction();
                break;
            case QueuedDdl ddl:
                await sink.WriteDdlAsync(ddl.Ddl, cancellationToken).ConfigureAwait(false);
                progress.AddDdl();
                break;
            case QueuedResolved resolved:
                _pending = resolved;
                break;
            case QueuedBatch batch:
                foreach (var change in batch.Changes)
                    await WriteAsync(change, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _lastFlush = time.GetTimestamp();
        if (_pending is not { } pending)
            return;
        _pending = null;
        await sink.FlushAsync(pending.ResolvedTs, cancellationToken).ConfigureAwait(false);
        var checkpoint = pending.ToCheckpoint();
        await store.SaveAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        Saved = checkpoint;
        saved?.Invoke(checkpoint);
        if (pending.ResolvedTs > progress.CheckpointTs)
        {
            progress.CheckpointTs = pending.ResolvedTs;
            progress.LastAdvanced = time.GetUtcNow();
        }
    }
}
