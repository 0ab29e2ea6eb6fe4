using System.Text;

namespace Sluice.Replication.Filtering;

/// <summary>
/// A compiled wildcard over Unicode code points: <c>*</c>, <c>?</c>, <c>[set]</c> and <c>[!set]</c>, with DM's
/// reading of sets: the first <c>]</c> after <c>[</c> closes the set (a <c>[</c> without one is a literal),
/// <c>a-z</c> is a range when both ends are present, <c>[!]</c> is the literal <c>!</c> and <c>[]</c> matches
/// nothing. There is no escape character.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/table-selector (DM's table selector).</remarks>
internal sealed class Wildcard
{
    private readonly Token[] _tokens;
    private readonly CodePointRange[] _ranges;
    private readonly bool _ignoreCase;

    private Wildcard(Token[] tokens, CodePointRange[] ranges, bool ignoreCase)
    {
        _tokens = tokens;
        _ranges = ranges;
        _ignoreCase = ignoreCase;
    }

    private enum Kind : byte
    {
        Literal,
        AnyOne,
        AnyRun,
        Set,
    }

    public static Wildcard Compile(string pattern, bool ignoreCase)
    {
        var points = new List<int>(pattern.Length);
        for (var i = 0; i < pattern.Length;)
        {
            var c = Read(pattern, i, out var width);
            points.Add(ignoreCase ? Fold(c) : c);
            i += width;
        }

        var tokens = new List<Token>(points.Count);
        var ranges = new List<CodePointRange>();
        for (var i = 0; i < points.Count;)
        {
            switch (points[i])
            {
                case '*':
                    // Consecutive stars match what one does; keeping one keeps the matcher's backtracking simple.
                    if (tokens.Count == 0 || tokens[^1].Kind != Kind.AnyRun)
                    {
                        tokens.Add(new Token(Kind.AnyRun, 0, 0, 0, false));
                    }

                    i++;
                    break;
                case '?':
                    tokens.Add(new Token(Kind.AnyOne, 0, 0, 0, false));
                    i++;
                    break;
                case '[' when points.IndexOf(']', i + 1) is var close and > 0:
                    tokens.Add(ParseSet(points, i + 1, close, ranges));
                    i = close + 1;
                    break;
                default:
                    tokens.Add(new Token(Kind.Literal, points[i], 0, 0, false));
                    i++;
                    break;
            }
        }

        return new Wildcard([.. tokens], [.. ranges], ignoreCase);
    }

    /// <summary>
    /// Greedy matching that remembers only the last <c>*</c>: every other token consumes exactly one code
    /// point, so letting the last star absorb one more code point is the only retry ever needed.
    /// </summary>
    public bool IsMatch(ReadOnlySpan<char> name)
    {
        var tokens = _tokens;
        int t = 0, n = 0;
        int starToken = -1, starName = 0;
        while (n < name.Length)
        {
            if (t < tokens.Length)
            {
                var token = tokens[t];
                if (token.Kind == Kind.AnyRun)
                {
                    starToken = t++;
                    starName = n;
                    continue;
                }

                var c = Read(name, n, out var width);
                if (Matches(token, _ignoreCase ? Fold(c) : c))
                {
                    t++;
                    n += width;
                    continue;
                }
            }

            if (starToken < 0)
            {
                return false;
            }

            Read(name, starName, out var skipped);
            starName += skipped;
            n = starName;
            t = starToken + 1;
        }

        while (t < tokens.Length && tokens[t].Kind == Kind.AnyRun)
        {
            t++;
        }

        return t == tokens.Length;
    }

    private static Token ParseSet(List<int> points, int start, int close, List<CodePointRange> ranges)
    {
        var negated = start < close && points[start] == '!';
        if (negated)
        {
            start++;
        }

        var first = ranges.Count;
        for (var i = start; i < close;)
        {
            if (i + 2 < close && points[i + 1] == '-')
            {
                ranges.Add(new CodePointRange(points[i], points[i + 2]));
                i += 3;
            }
            else
            {
                ranges.Add(new CodePointRange(points[i], points[i]));
                i++;
            }
        }

        if (ranges.Count == first && negated)
        {
            ranges.Add(new CodePointRange('!', '!'));
            negated = false;
        }

        return new Token(Kind.Set, 0, first, ranges.Count - first, negated);
    }

    private bool Matches(Token token, int c)
    {
        switch (token.Kind)
        {
            case Kind.Literal:
                return token.CodePoint == c;
            case Kind.AnyOne:
                return true;
            default:
                foreach (var range in _ranges.AsSpan(token.SetStart, token.SetLength))
                {
                    if (range.First <= c && c <= range.Last)
                    {
                        return !token.Negated;
                    }
                }

                return token.Negated;
        }
    }

    /// <summary>The code point at <paramref name="index"/>; a lone surrogate stands for itself.</summary>
    internal static int Read(ReadOnlySpan<char> text, int index, out int width)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(c, text[index + 1]);
        }

        width = 1;
        return c;
    }

    /// <summary>Lower-cases a code point the way DM's <c>strings.ToLower</c> does, one code point for one.</summary>
    internal static int Fold(int c)
    {
        if (c < 0x80)
        {
            return c is >= 'A' and <= 'Z' ? c + ('a' - 'A') : c;
        }

        return Rune.IsValid(c) ? Rune.ToLowerInvariant(new Rune(c)).Value : c;
    }

    private readonly record struct Token(Kind Kind, int CodePoint, int SetStart, int SetLength, bool Negated);

    private readonly record struct CodePointRange(int First, int Last);
}
