using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Sinks.Blackhole;

/// <summary>
/// TiCDC's <c>blackhole://</c> sink: accepts everything and writes nothing, acknowledging at once. Used to measure
/// how fast a changefeed reads and decodes, and to test a changefeed without a downstream. It counts what it gets.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-mysql (sink URI schemes)</remarks>
public sealed class BlackholeSink : IChangeSink
{
    private long _rows;
    private long _transactions;
    private long _ddls;
    private long _flushes;
    private ulong _resolvedTs;

    /// <summary>Row changes received.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Transactions completed (chunks marked last).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>DDL events received.</summary>
    public long Ddls => Interlocked.Read(ref _ddls);

    /// <summary>Flushes received.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>The resolved TSO of the last flush.</summary>
    public Tso ResolvedTs => new(Interlocked.Read(ref _resolvedTs));

    /// <summary>A blackhole sink for a <c>blackhole://</c> URI.</summary>
    /// <exception cref="ChangefeedException"><c>CDC:ErrSinkURIInvalid</c> for another scheme.</exception>
    public static BlackholeSink FromUri(SinkUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Scheme != "blackhole")
            throw new ChangefeedException("CDC:ErrSinkURIInvalid", $"a blackhole sink takes blackhole://, not {uri.Scheme}://", false);
        return new BlackholeSink();
    }

    public ValueTask WriteRowsAsync(TransactionChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Add(ref _rows, chunk.Rows.Count);
        if (chunk.IsLast)
            Interlocked.Increment(ref _transactions);
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteDdlAsync(DdlEvent ddl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _ddls);
        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(Tso resolvedTs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _flushes);
        Interlocked.Exchange(ref _resolvedTs, resolvedTs.Value);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
