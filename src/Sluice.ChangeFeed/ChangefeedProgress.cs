using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed;

/// <summary>A running changefeed's numbers, read by the status endpoints; updated as it goes.</summary>
public sealed class ChangefeedProgress
{
    private long _checkpointTs;
    private long _resolvedTs;
    private long _rows;
    private long _ddls;
    private long _transactions;

    /// <summary>Every change up to here is acknowledged by the sink.</summary>
    public Tso CheckpointTs
    {
        get => new((ulong)Interlocked.Read(ref _checkpointTs));
        set => Interlocked.Exchange(ref _checkpointTs, (long)value.Value);
    }

    /// <summary>The upstream has been read up to here.</summary>
    public Tso ResolvedTs
    {
        get => new((ulong)Interlocked.Read(ref _resolvedTs));
        set => Interlocked.Exchange(ref _resolvedTs, (long)value.Value);
    }

    /// <summary>Row changes written to the sink.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    public long Ddls => Interlocked.Read(ref _ddls);

    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>True once the run knows its start position and the captured tables' structures there.</summary>
    public bool Started { get; set; }

    /// <summary>When the checkpoint last moved (null before it did).</summary>
    public DateTimeOffset? LastAdvanced { get; set; }

    internal void AddRows(long n) => Interlocked.Add(ref _rows, n);

    internal void AddDdl() => Interlocked.Increment(ref _ddls);

    internal void AddTransaction() => Interlocked.Increment(ref _transactions);
}
