using System.Globalization;

namespace Sluice.Replication.Expressions;

/// <summary>
/// DATE, DATETIME and TIME values: MySQL's relaxed reading of date strings and numbers, their numeric form
/// (YYYYMMDDhhmmss) and their text.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/date-and-time-literals.html</remarks>
internal static class SqlTemporal
{
    public static object ToNumber(object value) => value switch
    {
        DateOnly d => (long)(d.Year * 10000 + d.Month * 100 + d.Day),
        DateTime t when t.Ticks % TimeSpan.TicksPerSecond == 0 => DateTimeNumber(t),
        DateTime t => DateTimeNumber(t) + (t.Ticks % TimeSpan.TicksPerSecond / 10 / 1_000_000m),
        TimeSpan s => TimeNumber(s),
        _ => throw new InvalidOperationException($"not a temporal value: {value.GetType().Name}"),
    };

    public static string ToText(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(t.Ticks),
        TimeSpan s => (s < TimeSpan.Zero ? "-" : "") +
            ((long)Math.Abs(s.TotalHours)).ToString("00", CultureInfo.InvariantCulture) +
            (s < TimeSpan.Zero ? s.Negate() : s).ToString(@"\:mm\:ss", CultureInfo.InvariantCulture) + Fraction(Math.Abs(s.Ticks)),
        _ => throw new InvalidOperationException($"not a temporal value: {value.GetType().Name}"),
    };

    /// <summary>A DATETIME (or DATE, at midnight) from any value, as MySQL reads one where a date is expected.</summary>
    public static bool TryToDateTime(object value, out DateTime result, out bool hasTime)
    {
        hasTime = true;
        switch (value)
        {
            case DateTime t:
                result = t;
                return true;
            case DateOnly d:
                result = d.ToDateTime(TimeOnly.MinValue);
                hasTime = false;
                return true;
            case TimeSpan:
                result = default;
                return false;
            case long or ulong or decimal or double:
                var number = SqlValues.ToDecimal(value is double dbl ? SqlValues.DoubleToDecimal(dbl) : value);
                if (number < 0)
                {
                    result = default;
                    return false;
                }

                var text = decimal.Truncate(number).ToString(CultureInfo.InvariantCulture);
                return TryParse(text, out result, out hasTime);
            default:
                return TryParse(SqlValues.ToText(value), out result, out hasTime);
        }
    }

    /// <summary>
    /// Reads <c>YYYY-MM-DD[ hh:mm:ss[.ffffff]]</c> with any punctuation as delimiters, <c>T</c> between date and
    /// time, two-digit years (70–99 → 19xx, 00–69 → 20xx), and the delimiter-free forms <c>YYYYMMDD</c>,
    /// <c>YYMMDD</c>, <c>YYYYMMDDhhmmss</c>, <c>YYMMDDhhmmss</c>. Zero and invalid dates are refused.
    /// </summary>
    public static bool TryParse(string text, out DateTime result, out bool hasTime)
    {
        result = default;
        hasTime = false;
        var s = text.Trim();
        var fraction = 0L;
        var parts = new List<int>(7);
        var yearDigits = 0;
        if (s.Length > 0 && s.All(char.IsAsciiDigit))
        {
            int[] widths = s.Length switch
            {
                8 => [4, 2, 2],
                6 => [2, 2, 2],
                14 => [4, 2, 2, 2, 2, 2],
                12 => [2, 2, 2, 2, 2, 2],
                _ => [],
            };
            if (widths.Length == 0)
            {
                return false;
            }

            var at = 0;
            foreach (var width in widths)
            {
                parts.Add(int.Parse(s.AsSpan(at, width), CultureInfo.InvariantCulture));
                at += width;
            }

            yearDigits = widths[0];
        }
        else
        {
            var i = 0;
            while (i < s.Length && parts.Count < 6)
            {
                var start = i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }

                if (i == start || i - start > 9)
                {
                    return false;
                }

                if (parts.Count == 0)
                {
                    yearDigits = i - start;
                }

                parts.Add(int.Parse(s.AsSpan(start, i - start), CultureInfo.InvariantCulture));
                if (i >= s.Length)
                {
                    break;
                }

                if (parts.Count == 6 && s[i] == '.')
                {
                    break;
                }

                // One delimiter between parts; MySQL takes any punctuation, and spaces or 'T' before the time.
                if (!(char.IsPunctuation(s[i]) || char.IsSymbol(s[i]) || s[i] is ' ' or 'T'))
                {
                    return false;
                }

                i++;
                while (parts.Count == 3 && i < s.Length && s[i] == ' ')
                {
                    i++;
                }
            }

            if (i < s.Length && s[i] == '.' && parts.Count == 6)
            {
                var start = ++i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }

                var digits = s[start..Math.Min(i, start + 6)];
                fraction = digits.Length == 0 ? 0 : long.Parse(digits.PadRight(6, '0'), CultureInfo.InvariantCulture);
            }

            if (i < s.Length || parts.Count is not (3 or 5 or 6))
            {
                return false;
            }
        }

        var year = parts[0];
        if (yearDigits <= 2)
        {
            year += year < 70 ? 2000 : 1900;
        }

        int month = parts[1], day = parts[2];
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        int hour = 0, minute = 0, second = 0;
        if (parts.Count > 3)
        {
            hasTime = true;
            hour = parts[3];
            minute = parts[4];
            second = parts.Count > 5 ? parts[5] : 0;
            if (hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }
        }

        result = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction * 10);
        return true;
    }

    private static long DateTimeNumber(DateTime t) =>
        ((((t.Year * 100L + t.Month) * 100 + t.Day) * 100 + t.Hour) * 100 + t.Minute) * 100 + t.Second;

    private static object TimeNumber(TimeSpan s)
    {
        var abs = s < TimeSpan.Zero ? s.Negate() : s;
        var whole = (((long)abs.TotalHours * 100) + abs.Minutes) * 100 + abs.Seconds;
        var sign = s < TimeSpan.Zero ? -1 : 1;
        var ticks = abs.Ticks % TimeSpan.TicksPerSecond;
        return ticks == 0 ? sign * whole : sign * (whole + (ticks / 10 / 1_000_000m));
    }

    private static string Fraction(long ticks)
    {
        var micro = ticks % TimeSpan.TicksPerSecond / 10;
        return micro == 0 ? "" : "." + micro.ToString("000000", CultureInfo.InvariantCulture);
    }
}
