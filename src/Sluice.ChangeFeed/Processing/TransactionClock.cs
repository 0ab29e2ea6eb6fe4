using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Processing;

/// <summary>
/// Gives source transactions their commit TSOs: the binlog time of the transaction's first event (seconds) as the
/// physical part, kept strictly increasing by the logical counter (the next TSO is always above the last one
/// given, or announced as resolved). Seeded with the checkpoint after a restart, so the TSOs after it continue the
/// same sequence; a binlog clock that steps back cannot make them go backwards.
/// </summary>
internal sealed class TransactionClock(Tso last)
{
    public Tso Last { get; private set; } = last;

    /// <summary>The commit TSO of a transaction begun at <paramref name="unixSeconds"/> (binlog event time).</summary>
    public Tso Next(uint unixSeconds)
    {
        var candidate = Tso.FromUnixMilliseconds((long)unixSeconds * 1000);
        Last = candidate > Last ? candidate : new Tso(Last.Value + 1);
        return Last;
    }

    /// <summary>
    /// Announces that nothing at or below <paramref name="resolved"/> is still to come (the reader is idle at the
    /// source's end); later transactions get TSOs above it. Returns the resolved TSO actually granted.
    /// </summary>
    public Tso Resolve(Tso resolved)
    {
        if (resolved > Last)
            Last = resolved;
        return Last;
    }
}
