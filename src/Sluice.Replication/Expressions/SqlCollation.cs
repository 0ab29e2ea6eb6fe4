using System.Text;

namespace Sluice.Replication.Expressions;

/// <summary>
/// String comparison as <c>utf8mb4_general_ci</c> does it, MariaDB's default: each character weighs as its upper
/// case with Latin-1 accents dropped (<c>'a' = 'Á'</c>, <c>'ß' = 's'</c>), every character outside the BMP weighs
/// the same, and PAD SPACE ignores trailing spaces.
/// </summary>
/// <remarks>https://mariadb.com/kb/en/character-set-and-collation-overview/, https://dev.mysql.com/doc/refman/8.0/en/charset-binary-collations.html#charset-binary-collations-trailing-space-comparisons</remarks>
internal static class SqlCollation
{
    // Weights of U+00C0..U+00FF in utf8mb4_general_ci.
    private const string Latin1 =
        "AAAAAA\u00C6CEEEEIIII\u00D0NOOOOO\u00D7\u00D8UUUUY\u00DES" +
        "AAAAAA\u00C6CEEEEIIII\u00D0NOOOOO\u00F7\u00D8UUUUY\u00DEY";

    /// <summary>Compares two strings; trailing spaces do not count.</summary>
    public static int Compare(string a, string b)
    {
        var x = a.AsSpan().TrimEnd(' ');
        var y = b.AsSpan().TrimEnd(' ');
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            var wx = Weight(x, ref i);
            var wy = Weight(y, ref j);
            if (wx != wy)
            {
                return wx.CompareTo(wy);
            }
        }

        return (x.Length - i).CompareTo(y.Length - j) switch
        {
            0 => 0,
            var c => c > 0 ? 1 : -1,
        };
    }

    /// <summary>The weights of every code point of <paramref name="s"/>, for LIKE and LOCATE.</summary>
    public static int[] Weights(string s)
    {
        var weights = new List<int>(s.Length);
        for (var i = 0; i < s.Length;)
        {
            weights.Add(Weight(s, ref i));
        }

        return [.. weights];
    }

    /// <summary>
    /// Code points folded to upper case only, as LOCATE and INSTR compare under general_ci: case-insensitive but
    /// accent-sensitive (<c>LOCATE('e', 'é')</c> is 0), with every character outside the BMP alike.
    /// </summary>
    public static int[] CaseFolded(string s)
    {
        var folded = new List<int>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                folded.Add(0xFFFD);
                i++;
            }
            else
            {
                folded.Add(char.ToUpperInvariant(s[i]));
            }
        }

        return [.. folded];
    }

    /// <summary>The number of code points (a lone surrogate counts as one).</summary>
    public static int CodePointCount(string s)
    {
        var count = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (!(char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The UTF-16 index of the code point numbered <paramref name="codePoint"/> (0-based), or the length.</summary>
    public static int IndexOfCodePoint(string s, long codePoint)
    {
        var i = 0;
        for (long n = 0; n < codePoint && i < s.Length; n++)
        {
            i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
        }

        return i;
    }

    public static int Weight(ReadOnlySpan<char> s, ref int i)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            i += 2;
            return 0xFFFD;
        }

        i++;
        if (c < 0x80)
        {
            return c is >= 'a' and <= 'z' ? c - 32 : c;
        }

        if (c is >= '\u00C0' and <= '\u00FF')
        {
            return Latin1[c - 0xC0];
        }

        return c == '\u00B5' ? '\u039C' : char.ToUpperInvariant(c);
    }

    /// <summary>Binary strings compare byte by byte, without padding.</summary>
    public static int CompareBinary(byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b) switch
    {
        0 => 0,
        var c => c > 0 ? 1 : -1,
    };

    public static byte[] ToBytes(object value) => value as byte[] ?? Encoding.UTF8.GetBytes(SqlValues.ToText(value));
}
