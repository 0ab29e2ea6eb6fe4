using System.Text;

namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// A wildcard pattern as TiDB's table filter reads it (fnmatch-like): <c>*</c> any run of characters, <c>?</c> one
/// character, <c>[a-z]</c> one of a set, <c>[!a-z]</c> one not in it. A character is a Unicode code point, as the
/// document says (é written as e plus a combining accent is two), so names are walked rune by rune rather than by
/// UTF-16 unit. Matching allocates nothing.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/table-filter#wildcards</remarks>
internal sealed class GlobNameMatcher : NameMatcher
{
    private readonly GlobItem[] _items;
    private readonly bool _caseSensitive;
    private readonly string _text;

    public GlobNameMatcher(IReadOnlyList<GlobItem> items, bool caseSensitive, string text)
    {
        _items = [.. items];
        _caseSensitive = caseSensitive;
        _text = text;
    }

    public override bool Matches(string name)
    {
        // The classic one-star-backtrack walk: every item but * takes exactly one rune, so on a mismatch the
        // last * takes one more rune and the items after it are tried again.
        int item = 0, at = 0, starItem = -1, starAt = 0;
        while (at < name.Length)
        {
            if (item < _items.Length && _items[item].Kind == GlobItemKind.Star)
            {
                starItem = ++item;
                starAt = at;
                continue;
            }

            var rune = ReadRune(name, at, out var width);
            if (item < _items.Length && MatchesOne(_items[item], rune))
            {
                item++;
                at += width;
                continue;
            }

            if (starItem < 0)
                return false;
            ReadRune(name, starAt, out var skipped);
            starAt += skipped;
            at = starAt;
            item = starItem;
        }

        while (item < _items.Length && _items[item].Kind == GlobItemKind.Star)
            item++;
        return item == _items.Length;
    }

    public override string ToString() => _text;

    private static Rune ReadRune(string name, int at, out int width)
    {
        Rune.DecodeFromUtf16(name.AsSpan(at), out var rune, out width);
        return rune;
    }

    private bool MatchesOne(GlobItem item, Rune rune) => item.Kind switch
    {
        GlobItemKind.AnyOne => true,
        GlobItemKind.Literal => item.Literal == rune || (!_caseSensitive && Rune.ToLowerInvariant(item.Literal) == Rune.ToLowerInvariant(rune)),
        _ => InClass(item, rune) != item.Negated,
    };

    private bool InClass(GlobItem item, Rune rune)
    {
        if (item.Contains(rune))
            return true;
        return !_caseSensitive && (item.Contains(Rune.ToLowerInvariant(rune)) || item.Contains(Rune.ToUpperInvariant(rune)));
    }
}

internal enum GlobItemKind
{
    Literal,
    AnyOne,
    Star,
    Class,
}

/// <summary>One item of a wildcard: a literal rune, <c>?</c>, <c>*</c> or a set of rune ranges.</summary>
internal readonly record struct GlobItem(GlobItemKind Kind, Rune Literal = default, (Rune Low, Rune High)[]? Ranges = null, bool Negated = false)
{
    public static GlobItem Star => new(GlobItemKind.Star);

    public static GlobItem AnyOne => new(GlobItemKind.AnyOne);

    public static GlobItem Of(Rune literal) => new(GlobItemKind.Literal, literal);

    public bool Contains(Rune rune)
    {
        foreach (var (low, high) in Ranges!)
        {
            if (rune >= low && rune <= high)
                return true;
        }

        return false;
    }
}
