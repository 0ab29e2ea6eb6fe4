using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks;

namespace Sluice.ChangeFeed.Tests.Processing;

/// <summary>A sink that keeps what it is given, for tests of the processor: rows, DDL and flushes, in call order.</summary>
internal sealed class RecordingSink : IChangeSink
{
    private readonly List<object> _calls = [];

    public IReadOnlyList<object> Calls
    {
        get
        {
            lock (_calls)
                return _calls.ToList();
        }
    }

    public IReadOnlyList<RowChangedEvent> Rows => Calls.OfType<TransactionChunk>().SelectMany(c => c.Rows).ToList();

    public IReadOnlyList<DdlEvent> Ddls => Calls.OfType<DdlEvent>().ToList();

    public IReadOnlyList<Tso> Flushes => Calls.OfType<Tso>().ToList();

    public ValueTask WriteRowsAsync(TransactionChunk chunk, CancellationToken cancellationToken)
    {
        lock (_calls)
            _calls.Add(chunk);
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteDdlAsync(DdlEvent ddl, CancellationToken cancellationToken)
    {
        lock (_calls)
            _calls.Add(ddl);
        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(Tso resolvedTs, CancellationToken cancellationToken)
    {
        lock (_calls)
            _calls.Add(resolvedTs);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A checkpoint store in memory.</summary>
internal sealed class MemoryCheckpointStore : IChangefeedCheckpointStore
{
    private ChangefeedCheckpoint? _checkpoint;

    public ChangefeedCheckpoint? Checkpoint => Volatile.Read(ref _checkpoint);

    public Task<ChangefeedCheckpoint?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Checkpoint);

    public Task SaveAsync(ChangefeedCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _checkpoint, checkpoint);
        return Task.CompletedTask;
    }
}

/// <summary>A sink whose disk fails: every write throws the I/O error.</summary>
internal sealed class FailingSink : IChangeSink
{
    public ValueTask WriteRowsAsync(TransactionChunk chunk, CancellationToken cancellationToken) =>
        ValueTask.FromException(new IOException("No space left on device"));

    public ValueTask WriteDdlAsync(DdlEvent ddl, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask FlushAsync(Tso resolvedTs, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
