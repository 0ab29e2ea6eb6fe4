using System.Text;

namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// Reads one pattern of a table-filter rule: a <c>/regular expression/</c>, a <c>"double-quoted"</c> or
/// <c>`backquoted`</c> name (the quote doubled to include it), or a plain name with wildcards and <c>\</c> escapes.
/// The errors say what TiDB's parser says for the same input.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/table-filter#syntax</remarks>
internal static class NamePatternParser
{
    /// <param name="rule">The whole rule as written, for errors.</param>
    /// <param name="line">The rule, trimmed and without its <c>!</c>.</param>
    /// <param name="at">Where the pattern begins; on return, the first character after it.</param>
    /// <param name="endsAtDot">Whether an unescaped <c>.</c> ends the pattern (schema and table patterns) or is an
    /// error (column patterns).</param>
    /// <param name="caseSensitive">Whether the matcher compares with case.</param>
    /// <exception cref="TableFilterRuleException">The pattern breaks the syntax.</exception>
    public static NameMatcher Parse(string rule, string line, ref int at, bool endsAtDot, bool caseSensitive)
    {
        if (at >= line.Length)
            throw new TableFilterRuleException(rule, "syntax error: missing pattern");
        return line[at] switch
        {
            '/' => ParseRegex(rule, line, ref at, caseSensitive),
            '"' or '`' => ParseQuoted(rule, line, ref at, caseSensitive),
            _ => ParseWildcard(rule, line, ref at, endsAtDot, caseSensitive),
        };
    }

    private static RegexNameMatcher ParseRegex(string rule, string line, ref int at, bool caseSensitive)
    {
        var start = at + 1;
        var i = start;
        while (i < line.Length && line[i] != '/')
            i += line[i] == '\\' && i + 1 < line.Length ? 2 : 1;
        if (i >= line.Length || i == start)
            throw new TableFilterRuleException(rule, "syntax error: incomplete regexp");
        var pattern = line[start..i];
        at = i + 1;
        try
        {
            return RegexNameMatcher.Create(pattern, caseSensitive);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new TableFilterRuleException(rule, $"invalid pattern: {ex.Message}", ex);
        }
    }

    private static LiteralNameMatcher ParseQuoted(string rule, string line, ref int at, bool caseSensitive)
    {
        var quote = line[at];
        var name = new StringBuilder();
        var i = at + 1;
        while (true)
        {
            if (i >= line.Length)
                throw new TableFilterRuleException(rule, "syntax error: incomplete quoted identifier");
            if (line[i] != quote)
            {
                name.Append(line[i++]);
                continue;
            }

            if (i + 1 < line.Length && line[i + 1] == quote)
            {
                name.Append(quote);
                i += 2;
                continue;
            }

            break;
        }

        if (name.Length == 0)
            throw new TableFilterRuleException(rule, "syntax error: incomplete quoted identifier");
        at = i + 1;
        return new LiteralNameMatcher(name.ToString(), caseSensitive);
    }

    private static NameMatcher ParseWildcard(string rule, string line, ref int at, bool endsAtDot, bool caseSensitive)
    {
        var items = new List<GlobItem>();
        var isLiteral = true;
        var i = at;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == '.')
            {
                if (endsAtDot)
                    break;
                throw new TableFilterRuleException(rule, "unexpected special character '.'");
            }

            switch (c)
            {
                case '\\':
                    if (i == line.Length - 1)
                        throw new TableFilterRuleException(rule, @"syntax error: cannot place \ at end of line");
                    if (char.IsAsciiLetterOrDigit(line[i + 1]))
                        throw new TableFilterRuleException(rule, $@"cannot escape a letter or number (\{line[i + 1]}), it is reserved for future extension");
                    items.Add(GlobItem.Of(ReadRune(line, i + 1, out var escaped)));
                    i += 1 + escaped;
                    break;
                case '*':
                    isLiteral = false;
                    items.Add(GlobItem.Star);
                    i++;
                    break;
                case '?':
                    isLiteral = false;
                    items.Add(GlobItem.AnyOne);
                    i++;
                    break;
                case '[':
                    isLiteral = false;
                    items.Add(ParseClass(rule, line, ref i));
                    break;
                default:
                    if (!(c is '$' or '_' || char.IsAsciiLetterOrDigit(c) || c >= 0x80))
                        throw new TableFilterRuleException(rule, $"unexpected special character '{c}'");
                    items.Add(GlobItem.Of(ReadRune(line, i, out var width)));
                    i += width;
                    break;
            }
        }

        var text = line[at..i];
        at = i;
        if (isLiteral)
        {
            var name = new StringBuilder();
            foreach (var item in items)
                name.Append(item.Literal.ToString());
            return new LiteralNameMatcher(name.ToString(), caseSensitive);
        }

        return items is [{ Kind: GlobItemKind.Star }] ? AnyNameMatcher.Instance : new GlobNameMatcher(items, caseSensitive, text);
    }

    /// <summary><c>[…]</c> and <c>[!…]</c>: runes and <c>lo-hi</c> ranges, <c>\</c> escaping anything but a letter or
    /// digit; a <c>-</c> first or last is itself, and <c>^</c> first is itself too (not a negation).</summary>
    private static GlobItem ParseClass(string rule, string line, ref int at)
    {
        var i = at + 1;
        var negated = i < line.Length && line[i] == '!';
        if (negated)
            i++;
        var members = new List<(Rune Rune, bool Escaped)>();
        while (true)
        {
            if (i >= line.Length)
                throw new TableFilterRuleException(rule, "syntax error: failed to parse character class");
            var c = line[i];
            if (c == ']')
                break;
            if (c == '\\')
            {
                if (i + 1 >= line.Length || char.IsAsciiLetterOrDigit(line[i + 1]))
                    throw new TableFilterRuleException(rule, "syntax error: failed to parse character class");
                members.Add((ReadRune(line, i + 1, out var escaped), true));
                i += 1 + escaped;
                continue;
            }

            members.Add((ReadRune(line, i, out var width), false));
            i += width;
        }

        if (members.Count == 0)
            throw new TableFilterRuleException(rule, "syntax error: failed to parse character class");
        at = i + 1;

        var ranges = new List<(Rune, Rune)>();
        for (var k = 0; k < members.Count;)
        {
            var low = members[k].Rune;
            if (k + 2 < members.Count && members[k + 1] is { Escaped: false } dash && dash.Rune.Value == '-')
            {
                var high = members[k + 2].Rune;
                if (high < low)
                    throw new TableFilterRuleException(rule, $"invalid pattern: invalid character class range: {low}-{high}");
                ranges.Add((low, high));
                k += 3;
                continue;
            }

            ranges.Add((low, low));
            k++;
        }

        return new GlobItem(GlobItemKind.Class, Ranges: [.. ranges], Negated: negated);
    }

    private static Rune ReadRune(string line, int at, out int width)
    {
        Rune.DecodeFromUtf16(line.AsSpan(at), out var rune, out width);
        return rune;
    }
}
