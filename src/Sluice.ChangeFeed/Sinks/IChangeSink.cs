using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Sinks;

/// <summary>
/// Where a changefeed's changes go. Calls come from one task at a time, in commit order: chunks of transactions,
/// DDL between them, and flushes. The changefeed's checkpoint moves to a flush's <c>resolvedTs</c> only after the
/// flush returned, so a sink must not return from <see cref="FlushAsync"/> before everything written so far is
/// acknowledged (delivered, committed, on disk).
/// </summary>
public interface IChangeSink : IAsyncDisposable
{
    /// <summary>Writes (or buffers) rows of a transaction.</summary>
    ValueTask WriteRowsAsync(TransactionChunk chunk, CancellationToken cancellationToken);

    /// <summary>A DDL, after every row committed before it was written. A sink that must, flushes those first.</summary>
    ValueTask WriteDdlAsync(DdlEvent ddl, CancellationToken cancellationToken);

    /// <summary>
    /// Makes everything written so far durable and acknowledged. Every transaction with a commit TSO up to
    /// <paramref name="resolvedTs"/> has been written; a sink that records watermarks or a checkpoint of its own
    /// (storage metadata, resolved messages) records this one.
    /// </summary>
    ValueTask FlushAsync(Tso resolvedTs, CancellationToken cancellationToken);
}
