using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Sluice.ChangeFeed.Model;

/// <summary>
/// A commit timestamp as TiDB's timestamp oracle writes it: the physical time in Unix milliseconds shifted left by
/// 18 bits, plus an 18-bit logical counter that orders events within one millisecond. Sluice gives every source
/// transaction one, from its binlog time (seconds) and its order within that second, so that <c>start_ts</c>,
/// <c>target_ts</c> and <c>checkpoint_ts</c> keep their TiCDC meaning.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/tso</remarks>
public readonly record struct Tso(ulong Value) : IComparable<Tso>
{
    public const int LogicalBits = 18;
    public const ulong MaxLogical = (1UL << LogicalBits) - 1;

    public static Tso Zero => default;

    /// <summary>Unix milliseconds.</summary>
    public long PhysicalMilliseconds => (long)(Value >> LogicalBits);

    public ulong Logical => Value & MaxLogical;

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(PhysicalMilliseconds);

    public static Tso From(DateTimeOffset time, ulong logical = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(logical, MaxLogical);
        var ms = time.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(ms, nameof(time));
        return new Tso(((ulong)ms << LogicalBits) | logical);
    }

    public static Tso FromUnixMilliseconds(long milliseconds, ulong logical = 0) =>
        From(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), logical);

    public static Tso Parse(string text) =>
        TryParse(text, out var tso) ? tso : throw new FormatException($"'{text}' is not a TSO (an unsigned 64-bit number)");

    public static bool TryParse([NotNullWhen(true)] string? text, out Tso tso)
    {
        tso = default;
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return false;
        tso = new Tso(value);
        return true;
    }

    /// <summary>TiCDC's way of showing the time of a TSO: <c>2006-01-02 15:04:05.000</c> in UTC.</summary>
    public string ToTimeText() => Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public int CompareTo(Tso other) => Value.CompareTo(other.Value);

    public static bool operator <(Tso left, Tso right) => left.Value < right.Value;

    public static bool operator >(Tso left, Tso right) => left.Value > right.Value;

    public static bool operator <=(Tso left, Tso right) => left.Value <= right.Value;

    public static bool operator >=(Tso left, Tso right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
