namespace Sluice.Replication.Expressions;

/// <summary>
/// LIKE under <c>utf8mb4_general_ci</c>: <c>%</c> any run, <c>_</c> one character, an escape character (default
/// backslash) before either makes it literal; characters compare by collation weight and trailing spaces count.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/string-comparison-functions.html#operator_like</remarks>
internal static class SqlLike
{
    private const int AnyRun = -1;
    private const int AnyOne = -2;

    public static bool IsMatch(string text, string pattern, int escape)
    {
        var tokens = Compile(pattern, escape);
        var weights = SqlCollation.Weights(text);
        int t = 0, n = 0, star = -1, starN = 0;
        while (n < weights.Length)
        {
            if (t < tokens.Length && tokens[t] == AnyRun)
            {
                star = t++;
                starN = n;
                continue;
            }

            if (t < tokens.Length && (tokens[t] == AnyOne || tokens[t] == weights[n]))
            {
                t++;
                n++;
                continue;
            }

            if (star < 0)
            {
                return false;
            }

            t = star + 1;
            n = ++starN;
        }

        while (t < tokens.Length && tokens[t] == AnyRun)
        {
            t++;
        }

        return t == tokens.Length;
    }

    private static int[] Compile(string pattern, int escape)
    {
        var tokens = new List<int>(pattern.Length);
        for (var i = 0; i < pattern.Length;)
        {
            var start = i;
            var c = CodePointAt(pattern, i, out var width);
            i += width;
            if (c == escape && i < pattern.Length)
            {
                tokens.Add(SqlCollation.Weight(pattern, ref i));
            }
            else if (c == '%')
            {
                tokens.Add(AnyRun);
            }
            else if (c == '_')
            {
                tokens.Add(AnyOne);
            }
            else
            {
                i = start;
                tokens.Add(SqlCollation.Weight(pattern, ref i));
            }
        }

        return [.. tokens];
    }

    internal static int CodePointAt(string s, int i, out int width)
    {
        if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(s[i], s[i + 1]);
        }

        width = 1;
        return s[i];
    }
}
