using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>What the sink hands a worker: a chunk of a transaction, or a barrier it must pass.</summary>
internal abstract record SinkJob;

/// <summary>Rows of a transaction for one worker; <paramref name="Tables"/> holds each row's table, in order.</summary>
/// <param name="SafeMode">Write the rows idempotently (REPLACE, DELETE + REPLACE).</param>
internal sealed record ChunkJob(TransactionChunk Chunk, SinkTable[] Tables, bool SafeMode) : SinkJob;

/// <summary>Completes once everything the worker was given before it is applied (and committed, unless a transaction is still arriving in chunks).</summary>
internal sealed record BarrierJob : SinkJob
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
