using System.Text;

namespace Sluice.Replication.Tests.Filtering;

/// <summary>
/// The plainest wildcard matcher: recursion that tries every split for <c>*</c>, on code points, after
/// lower-casing both sides when case does not matter (what DM does). Slow and obviously right, to check the
/// real matcher against.
/// </summary>
internal static class ReferenceWildcard
{
    public static bool IsMatch(string pattern, string name, bool caseSensitive)
    {
        if (!caseSensitive)
        {
            pattern = Lower(pattern);
            name = Lower(name);
        }

        return Match(CodePoints(pattern), 0, CodePoints(name), 0);
    }

    private static bool Match(int[] p, int i, int[] s, int j)
    {
        if (i == p.Length)
        {
            return j == s.Length;
        }

        switch (p[i])
        {
            case '*':
                for (var k = j; k <= s.Length; k++)
                {
                    if (Match(p, i + 1, s, k))
                    {
                        return true;
                    }
                }

                return false;
            case '?':
                return j < s.Length && Match(p, i + 1, s, j + 1);
            case '[' when Array.IndexOf(p, ']', i + 1) is var close and >= 0:
                return j < s.Length && InSet(p, i + 1, close, s[j]) && Match(p, close + 1, s, j + 1);
            default:
                return j < s.Length && p[i] == s[j] && Match(p, i + 1, s, j + 1);
        }
    }

    private static bool InSet(int[] p, int start, int close, int c)
    {
        var negated = start < close && p[start] == '!';
        if (negated)
        {
            start++;
        }

        if (start == close)
        {
            // [] holds nothing; [!] is the character ! itself.
            return negated && c == '!';
        }

        var inside = false;
        for (var k = start; k < close;)
        {
            if (k + 2 < close && p[k + 1] == '-')
            {
                inside |= p[k] <= c && c <= p[k + 2];
                k += 3;
            }
            else
            {
                inside |= p[k] == c;
                k++;
            }
        }

        return inside != negated;
    }

    private static int[] CodePoints(string text) => [.. text.EnumerateRunes().Select(r => r.Value)];

    private static string Lower(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        return builder.ToString();
    }
}
