using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Sluice.MySql.Positions;

// The text form: https://dev.mysql.com/doc/refman/8.0/en/replication-gtids-concepts.html#replication-gtids-concepts-gtid-sets
public sealed partial class GtidSet
{
    private const int UuidTextLength = 36;

    /// <summary>
    /// Parses MySQL's text form: <c>uuid:interval[:interval...]</c> entries separated by ','. Blanks (and the
    /// newlines <c>@@gtid_executed</c> puts after its commas) are allowed around every separator; empty
    /// entries and a uuid with no intervals are accepted as MySQL accepts them. Upper- or lowercase uuids.
    /// </summary>
    /// <exception cref="FormatException">The text is not a GTID set; the message says where.</exception>
    public static GtidSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan());
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static GtidSet Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var set, out var error) ? set : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out GtidSet? set)
    {
        if (text is null)
        {
            set = null;
            return false;
        }

        return TryParse(text.AsSpan(), out set, out _);
    }

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out GtidSet? set) =>
        TryParse(text, out set, out _);

    /// <summary>
    /// The text form with lowercase uuids in sorted order and merged intervals, with no blanks:
    /// <c>3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:11-18,...</c>; the empty set prints as "".
    /// </summary>
    public override string ToString()
    {
        if (IsEmpty)
            return string.Empty;

        var text = new StringBuilder(_sourceIds.Length * 48);
        Span<char> uuid = stackalloc char[UuidTextLength];
        for (var i = 0; i < _sourceIds.Length; i++)
        {
            if (i > 0)
                text.Append(',');
            _sourceIds[i].TryFormat(uuid, out _, "D");
            text.Append(uuid);
            foreach (var interval in _intervals[i])
            {
                text.Append(':').Append(interval.Start);
                if (interval.End != interval.Start)
                    text.Append('-').Append(interval.End);
            }
        }

        return text.ToString();
    }

    private static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out GtidSet? set, [NotNullWhen(false)] out string? error)
    {
        set = null;
        var bySource = new Dictionary<Guid, List<GtidInterval>>();
        var at = SkipBlanks(text, 0);
        while (true)
        {
            while (at < text.Length && text[at] == ',')
                at = SkipBlanks(text, at + 1);
            if (at >= text.Length)
                break;

            if (text.Length - at < UuidTextLength
                || !Guid.TryParseExact(text.Slice(at, UuidTextLength), "D", out var sourceId))
            {
                error = Unexpected("a source uuid such as '3e11fa47-71ca-11e1-9e33-c80aa9429562'", text, at);
                return false;
            }

            at = SkipBlanks(text, at + UuidTextLength);
            if (!bySource.TryGetValue(sourceId, out var intervals))
                bySource[sourceId] = intervals = [];

            while (at < text.Length && text[at] == ':')
            {
                at = SkipBlanks(text, at + 1);
                if (!TryReadNumber(text, ref at, out var start))
                {
                    error = Unexpected("a transaction number (1 to 2^63-2)", text, at);
                    return false;
                }

                var end = start;
                at = SkipBlanks(text, at);
                if (at < text.Length && text[at] == '-')
                {
                    at = SkipBlanks(text, at + 1);
                    var endAt = at;
                    if (!TryReadNumber(text, ref at, out end))
                    {
                        error = Unexpected("the last transaction number of an interval", text, at);
                        return false;
                    }

                    if (end < start)
                    {
                        error = $"expected an interval whose end is not below its start, found {start}-{end} at offset {endAt}";
                        return false;
                    }

                    at = SkipBlanks(text, at);
                }

                intervals.Add(new GtidInterval(start, end));
            }

            if (at < text.Length && text[at] != ',')
            {
                error = Unexpected("',', ':' or the end of the GTID set", text, at);
                return false;
            }
        }

        set = FromUnsorted(bySource);
        error = null;
        return true;
    }

    private static bool TryReadNumber(ReadOnlySpan<char> text, ref int at, out long value)
    {
        var length = 0;
        while (at + length < text.Length && char.IsAsciiDigit(text[at + length]))
            length++;
        if (!GtidInterval.TryParseNumber(text.Slice(at, length), out value))
            return false;
        at += length;
        return true;
    }

    private static int SkipBlanks(ReadOnlySpan<char> text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
            at++;
        return at;
    }

    private static string Unexpected(string expected, ReadOnlySpan<char> text, int at)
    {
        var found = at >= text.Length ? "the end of the text" : $"'{text.Slice(at, Math.Min(16, text.Length - at))}'";
        return $"expected {expected} at offset {at}, found {found}";
    }
}
