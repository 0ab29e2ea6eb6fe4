using System.Collections.Frozen;
using System.Text;

namespace Sluice.Replication.Expressions;

/// <summary>
/// The built-in functions an expression filter may call, by name (without case), with their argument counts.
/// IF, IFNULL, COALESCE, CASE and CAST are parsed into their own nodes.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/string-functions.html, https://dev.mysql.com/doc/refman/8.0/en/mathematical-functions.html</remarks>
internal static class SqlFunctions
{
    public const int Unbounded = int.MaxValue;

    private static readonly FrozenDictionary<string, (int Min, int Max, Func<object?[], object?> Function)> Table =
        new Dictionary<string, (int, int, Func<object?[], object?>)>(StringComparer.OrdinalIgnoreCase)
        {
            ["LENGTH"] = (1, 1, Strict(a => (long)(a[0] is byte[] b ? b.Length : Encoding.UTF8.GetByteCount(SqlValues.ToText(a[0]!))))),
            ["OCTET_LENGTH"] = (1, 1, Strict(a => (long)(a[0] is byte[] b ? b.Length : Encoding.UTF8.GetByteCount(SqlValues.ToText(a[0]!))))),
            ["CHAR_LENGTH"] = (1, 1, Strict(CharLength)),
            ["CHARACTER_LENGTH"] = (1, 1, Strict(CharLength)),
            ["UPPER"] = (1, 1, Strict(a => a[0] is byte[] ? a[0] : SqlValues.ToText(a[0]!).ToUpperInvariant())),
            ["UCASE"] = (1, 1, Strict(a => a[0] is byte[] ? a[0] : SqlValues.ToText(a[0]!).ToUpperInvariant())),
            ["LOWER"] = (1, 1, Strict(a => a[0] is byte[] ? a[0] : SqlValues.ToText(a[0]!).ToLowerInvariant())),
            ["LCASE"] = (1, 1, Strict(a => a[0] is byte[] ? a[0] : SqlValues.ToText(a[0]!).ToLowerInvariant())),
            ["CONCAT"] = (1, Unbounded, Strict(a => string.Concat(a.Select(v => SqlValues.ToText(v!))))),
            ["CONCAT_WS"] = (2, Unbounded, ConcatWs),
            ["SUBSTRING"] = (2, 3, Strict(Substring)),
            ["SUBSTR"] = (2, 3, Strict(Substring)),
            ["MID"] = (3, 3, Strict(Substring)),
            ["LEFT"] = (2, 2, Strict(a => Left(SqlValues.ToText(a[0]!), SqlValues.ToInt64(a[1]!)))),
            ["RIGHT"] = (2, 2, Strict(Right)),
            ["TRIM"] = (1, 1, Strict(a => SqlValues.ToText(a[0]!).Trim(' '))),
            ["LTRIM"] = (1, 1, Strict(a => SqlValues.ToText(a[0]!).TrimStart(' '))),
            ["RTRIM"] = (1, 1, Strict(a => SqlValues.ToText(a[0]!).TrimEnd(' '))),
            ["REPLACE"] = (3, 3, Strict(Replace)),
            ["LOCATE"] = (2, 3, Strict(a => Locate(SqlValues.ToText(a[0]!), SqlValues.ToText(a[1]!), a.Length > 2 ? SqlValues.ToInt64(a[2]!) : 1))),
            ["INSTR"] = (2, 2, Strict(a => Locate(SqlValues.ToText(a[1]!), SqlValues.ToText(a[0]!), 1))),
            ["ABS"] = (1, 1, a => SqlArithmetic.Abs(a[0])),
            ["ROUND"] = (1, 2, Strict(a => SqlRounding.Round(a[0]!, a.Length > 1 ? SqlValues.ToInt64(a[1]!) : 0))),
            ["TRUNCATE"] = (2, 2, Strict(a => SqlRounding.Truncate(a[0]!, SqlValues.ToInt64(a[1]!)))),
            ["FLOOR"] = (1, 1, Strict(a => SqlRounding.Floor(a[0]!, ceiling: false))),
            ["CEIL"] = (1, 1, Strict(a => SqlRounding.Floor(a[0]!, ceiling: true))),
            ["CEILING"] = (1, 1, Strict(a => SqlRounding.Floor(a[0]!, ceiling: true))),
            ["MOD"] = (2, 2, a => SqlArithmetic.Modulo(a[0], a[1])),
            ["GREATEST"] = (2, Unbounded, Strict(a => SqlRounding.Extreme(a, greatest: true))),
            ["LEAST"] = (2, Unbounded, Strict(a => SqlRounding.Extreme(a, greatest: false))),
            ["NULLIF"] = (2, 2, a => SqlComparison.Compare(a[0], a[1]) == 0 ? null : a[0]),
            ["ISNULL"] = (1, 1, a => SqlValues.Bool(a[0] is null)),
            ["YEAR"] = (1, 1, Strict(a => DatePart(a[0]!, d => d.Year))),
            ["MONTH"] = (1, 1, Strict(a => DatePart(a[0]!, d => d.Month))),
            ["DAY"] = (1, 1, Strict(a => DatePart(a[0]!, d => d.Day))),
            ["DAYOFMONTH"] = (1, 1, Strict(a => DatePart(a[0]!, d => d.Day))),
            ["DATE"] = (1, 1, Strict(a => SqlTemporal.TryToDateTime(a[0]!, out var d, out _) ? DateOnly.FromDateTime(d) : null)),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool TryGet(string name, out (int Min, int Max, Func<object?[], object?> Function) function) =>
        Table.TryGetValue(name, out function);

    /// <summary>TRIM([BOTH | LEADING | TRAILING] remstr FROM str): removes whole copies of remstr, with case.</summary>
    public static object? Trim(object? text, object? remove, bool leading, bool trailing)
    {
        if (text is null || remove is null)
        {
            return null;
        }

        var s = SqlValues.ToText(text);
        var r = SqlValues.ToText(remove);
        if (r.Length == 0)
        {
            return s;
        }

        int start = 0, end = s.Length;
        while (leading && end - start >= r.Length && string.CompareOrdinal(s, start, r, 0, r.Length) == 0)
        {
            start += r.Length;
        }

        while (trailing && end - start >= r.Length && string.CompareOrdinal(s, end - r.Length, r, 0, r.Length) == 0)
        {
            end -= r.Length;
        }

        return s[start..end];
    }

    /// <summary>Any null argument makes the result null.</summary>
    private static Func<object?[], object?> Strict(Func<object?[], object?> function) =>
        arguments => Array.IndexOf(arguments, null) >= 0 ? null : function(arguments);

    private static object CharLength(object?[] a) =>
        (long)(a[0] is byte[] b ? b.Length : SqlCollation.CodePointCount(SqlValues.ToText(a[0]!)));

    private static string? ConcatWs(object?[] a)
    {
        if (a[0] is null)
        {
            return null;
        }

        return string.Join(SqlValues.ToText(a[0]!), a.Skip(1).Where(v => v is not null).Select(v => SqlValues.ToText(v!)));
    }

    /// <summary>SUBSTRING(str, pos[, len]): 1-based, a negative pos counts from the end, pos 0 gives ''.</summary>
    private static object Substring(object?[] a)
    {
        var s = SqlValues.ToText(a[0]!);
        var pos = SqlValues.ToInt64(a[1]!);
        var length = a.Length > 2 ? SqlValues.ToInt64(a[2]!) : long.MaxValue;
        var count = SqlCollation.CodePointCount(s);
        long start = pos > 0 ? pos - 1 : pos < 0 ? count + pos : -1;
        if (start < 0 || start >= count || length <= 0)
        {
            return "";
        }

        var from = SqlCollation.IndexOfCodePoint(s, start);
        var to = SqlCollation.IndexOfCodePoint(s, Math.Min(count, start + Math.Min(length, count)));
        return s[from..to];
    }

    private static string Left(string s, long n) => n <= 0 ? "" : s[..SqlCollation.IndexOfCodePoint(s, n)];

    private static object Right(object?[] a)
    {
        var s = SqlValues.ToText(a[0]!);
        var n = SqlValues.ToInt64(a[1]!);
        var count = SqlCollation.CodePointCount(s);
        return n <= 0 ? "" : n >= count ? s : s[SqlCollation.IndexOfCodePoint(s, count - n)..];
    }

    /// <summary>REPLACE compares with case, whatever the collation.</summary>
    private static object Replace(object?[] a)
    {
        var s = SqlValues.ToText(a[0]!);
        var from = SqlValues.ToText(a[1]!);
        return from.Length == 0 ? s : s.Replace(from, SqlValues.ToText(a[2]!), StringComparison.Ordinal);
    }

    /// <summary>LOCATE(substr, str, pos): the 1-based position of substr at or after pos, without case; 0 if none.</summary>
    private static long Locate(string needle, string haystack, long pos)
    {
        var hay = SqlCollation.CaseFolded(haystack);
        var find = SqlCollation.CaseFolded(needle);
        if (pos < 1 || pos > hay.Length + 1)
        {
            return 0;
        }

        for (var i = (int)pos - 1; i + find.Length <= hay.Length; i++)
        {
            if (hay.AsSpan(i, find.Length).SequenceEqual(find))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static long? DatePart(object value, Func<DateTime, int> part) =>
        SqlTemporal.TryToDateTime(value, out var d, out _) ? part(d) : null;
}
