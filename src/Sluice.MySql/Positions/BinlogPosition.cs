using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Sluice.MySql.Positions;

/// <summary>
/// A place in a server's binary log: the file name and the byte offset of an event in it, printed as
/// <c>mysql-bin.000003:1234</c>. This is what <c>SHOW MASTER STATUS</c> (<c>File</c>, <c>Position</c>)
/// reports and what COM_BINLOG_DUMP takes.
/// </summary>
/// <remarks>
/// Ordering compares the numeric extension of the file name first (the server numbers files
/// <c>base.000001</c>, <c>base.000002</c>, ... and keeps counting past <c>999999</c>, so text order would
/// be wrong), then the position. Names without a numeric extension fall back to ordinal order.
/// https://dev.mysql.com/doc/refman/8.0/en/binary-log.html
/// </remarks>
public readonly record struct BinlogPosition(string FileName, ulong Position) : IComparable<BinlogPosition>, IComparable
{
    /// <summary>Parses <c>file:position</c>; the file name is everything before the last colon.</summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static BinlogPosition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var position))
            throw new FormatException($"expected a binlog position such as 'mysql-bin.000003:1234', found '{text}'");
        return position;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out BinlogPosition position)
    {
        position = default;
        if (string.IsNullOrEmpty(text))
            return false;

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            return false;

        if (!ulong.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            return false;

        var fileName = text[..colon];
        if (string.IsNullOrWhiteSpace(fileName) || fileName.AsSpan().ContainsAny('\r', '\n'))
            return false;

        position = new BinlogPosition(fileName, offset);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FileName}:{Position}");

    public int CompareTo(BinlogPosition other)
    {
        var byFile = CompareFileNames(FileName, other.FileName);
        return byFile != 0 ? byFile : Position.CompareTo(other.Position);
    }

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        BinlogPosition other => CompareTo(other),
        _ => throw new ArgumentException($"expected a {nameof(BinlogPosition)}", nameof(obj)),
    };

    public static bool operator <(BinlogPosition left, BinlogPosition right) => left.CompareTo(right) < 0;

    public static bool operator <=(BinlogPosition left, BinlogPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >(BinlogPosition left, BinlogPosition right) => left.CompareTo(right) > 0;

    public static bool operator >=(BinlogPosition left, BinlogPosition right) => left.CompareTo(right) >= 0;

    /// <summary>Compares by the numeric extension when both names have one; ties (and names without one)
    /// go to ordinal order so that comparing is consistent with equality.</summary>
    private static int CompareFileNames(string? left, string? right)
    {
        if (TryGetSequence(left, out var leftDigits) && TryGetSequence(right, out var rightDigits))
        {
            var bySequence = CompareDigits(leftDigits, rightDigits);
            if (bySequence != 0)
                return bySequence;
        }

        return string.CompareOrdinal(left, right);
    }

    private static bool TryGetSequence(string? fileName, out ReadOnlySpan<char> digits)
    {
        digits = default;
        if (fileName is null)
            return false;
        var dot = fileName.LastIndexOf('.');
        if (dot < 0 || dot == fileName.Length - 1)
            return false;
        digits = fileName.AsSpan(dot + 1);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
                return false;
        }

        return true;
    }

    /// <summary>Compares two digit strings as numbers of any length (no overflow).</summary>
    private static int CompareDigits(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        left = left.TrimStart('0');
        right = right.TrimStart('0');
        if (left.Length != right.Length)
            return left.Length < right.Length ? -1 : 1;
        return left.SequenceCompareTo(right);
    }
}
