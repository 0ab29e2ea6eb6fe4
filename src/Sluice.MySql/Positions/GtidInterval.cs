using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Sluice.MySql.Positions;

/// <summary>
/// A closed range of MySQL transaction numbers (GNOs) from one source, printed as MySQL prints it:
/// <c>1-100</c>, or <c>7</c> for a single transaction.
/// </summary>
/// <remarks>
/// GNOs run from 1 to 2^63-2: MySQL keeps 2^63-1 as the exclusive end in its binary encoding, where
/// intervals are half-open. https://dev.mysql.com/doc/refman/8.0/en/replication-gtids-concepts.html
/// </remarks>
public readonly record struct GtidInterval(long Start, long End)
{
    /// <summary>The largest transaction number MySQL hands out.</summary>
    public const long MaxTransactionNumber = long.MaxValue - 1;

    public long Start { get; } = Start is >= 1 and <= MaxTransactionNumber
        ? Start
        : throw new ArgumentOutOfRangeException(nameof(Start), Start, $"a transaction number is 1..{MaxTransactionNumber}");

    public long End { get; } = End >= Start && End <= MaxTransactionNumber
        ? End
        : throw new ArgumentOutOfRangeException(nameof(End), End, $"the end is {Start}..{MaxTransactionNumber} (inclusive, not before the start)");

    /// <summary>Number of transactions in the interval.</summary>
    public long Count => End - Start + 1;

    public bool Contains(long transactionNumber) => transactionNumber >= Start && transactionNumber <= End;

    /// <exception cref="FormatException">Not <c>N</c> or <c>N-M</c> with 1 &lt;= N &lt;= M.</exception>
    public static GtidInterval Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.AsSpan(), out var interval)
            ? interval
            : throw new FormatException($"expected a GTID interval such as '1-100' or '7', found '{text}'");
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out GtidInterval interval)
    {
        if (text is null)
        {
            interval = default;
            return false;
        }

        return TryParse(text.AsSpan(), out interval);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out GtidInterval interval)
    {
        interval = default;
        var dash = text.IndexOf('-');
        var startText = (dash < 0 ? text : text[..dash]).Trim();
        if (!TryParseNumber(startText, out var start))
            return false;
        var end = start;
        if (dash >= 0 && !TryParseNumber(text[(dash + 1)..].Trim(), out end))
            return false;
        if (end < start)
            return false;
        interval = new GtidInterval(start, end);
        return true;
    }

    public override string ToString() => Start == End
        ? Start.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Start}-{End}");

    internal static bool TryParseNumber(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
        && value is >= 1 and <= MaxTransactionNumber;
}
