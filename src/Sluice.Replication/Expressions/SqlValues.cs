using System.Globalization;
using System.Text;

namespace Sluice.Replication.Expressions;

/// <summary>
/// The values an expression works on and MySQL's implicit conversions between them. Inside the evaluator a value
/// is null, <see cref="long"/>, <see cref="ulong"/> (BIGINT UNSIGNED), <see cref="decimal"/> (its scale is the
/// DECIMAL scale), <see cref="double"/>, <see cref="string"/>, <see cref="byte"/>[] (binary string),
/// <see cref="DateTime"/>, <see cref="DateOnly"/> or <see cref="TimeSpan"/> (TIME); booleans are 1 and 0.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/type-conversion.html</remarks>
internal static class SqlValues
{
    public static readonly object True = 1L;
    public static readonly object False = 0L;

    public static object Bool(bool value) => value ? True : False;

    /// <summary>Brings a row value to the evaluator's types.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null or DBNull => null,
        long or ulong or decimal or double or string or byte[] or DateTime or DateOnly or TimeSpan => value,
        bool b => Bool(b),
        int v => (long)v,
        short v => (long)v,
        sbyte v => (long)v,
        uint v => (long)v,
        ushort v => (long)v,
        byte v => (long)v,
        float v => (double)v,
        char v => v.ToString(),
        TimeOnly v => v.ToTimeSpan(),
        DateTimeOffset v => v.DateTime,
        ReadOnlyMemory<byte> v => v.ToArray(),
        _ => throw new SqlExpressionException($"A row value of type {value.GetType().Name} cannot be used in an expression."),
    };

    public static bool IsInteger(object value) => value is long or ulong;

    public static bool IsExact(object value) => value is long or ulong or decimal;

    public static bool IsNumber(object value) => value is long or ulong or decimal or double;

    public static bool IsText(object value) => value is string or byte[];

    public static bool IsTemporal(object value) => value is DateTime or DateOnly or TimeSpan;

    /// <summary>A number for arithmetic: strings become DOUBLE, temporal values their YYYYMMDDhhmmss number.</summary>
    public static object ToNumber(object value) => value switch
    {
        long or ulong or decimal or double => value,
        string s => ParseDoublePrefix(s),
        byte[] b => ParseDoublePrefix(Encoding.UTF8.GetString(b)),
        _ => SqlTemporal.ToNumber(value),
    };

    public static double ToDouble(object value) => ToNumber(value) switch
    {
        long l => l,
        ulong u => u,
        decimal d => (double)d,
        var other => (double)other,
    };

    /// <summary>An exact number (for long, ulong, decimal and temporal values only).</summary>
    public static decimal ToDecimal(object value) => ToNumber(value) switch
    {
        long l => l,
        ulong u => u,
        decimal d => d,
        double d => DoubleToDecimal(d),
        _ => throw new InvalidOperationException(),
    };

    public static decimal DoubleToDecimal(double d) =>
        Math.Abs(d) < 7.9e28 ? (decimal)d : throw new SqlExpressionException("DECIMAL value is out of range.");

    /// <summary>MySQL's truth of a value: non-zero as a number. Null stays null.</summary>
    public static bool? Truth(object? value) => value switch
    {
        null => null,
        long l => l != 0,
        ulong u => u != 0,
        decimal d => d != 0,
        double d => d != 0,
        _ => ToDouble(value) != 0,
    };

    /// <summary>An integer argument (a length or position): numbers are rounded, strings read as DOUBLE first.</summary>
    public static long ToInt64(object value) => ToNumber(value) switch
    {
        long l => l,
        ulong u => u > long.MaxValue ? long.MaxValue : (long)u,
        decimal d => decimal.Round(d, MidpointRounding.AwayFromZero) is var r && r > long.MaxValue ? long.MaxValue : r < long.MinValue ? long.MinValue : (long)r,
        var other => ClampToInt64(Math.Round((double)other, MidpointRounding.AwayFromZero)),
    };

    public static long ClampToInt64(double d) =>
        d >= 9.2233720368547758E18 ? long.MaxValue : d <= -9.2233720368547758E18 ? long.MinValue : double.IsNaN(d) ? 0 : (long)d;

    /// <summary>The text MySQL shows for a value.</summary>
    public static string ToText(object value) => value switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        double d => FormatDouble(d),
        byte[] b => Encoding.UTF8.GetString(b),
        _ => SqlTemporal.ToText(value),
    };

    /// <summary>
    /// A DOUBLE as MariaDB prints it: the shortest digits that read back to the same value, in fixed notation for
    /// decimal exponents from -15 to 14 and as <c>1.5e16</c> / <c>1e-16</c> outside.
    /// </summary>
    public static string FormatDouble(double d)
    {
        if (d == 0)
        {
            return "0";
        }

        // "R" is the shortest text that reads back to d; print that many significant digits in E notation.
        var digitsWanted = SignificantDigits(d.ToString("R", CultureInfo.InvariantCulture));
        var r = d.ToString("E" + (digitsWanted - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        var body = negative ? r[1..] : r;
        var e = body.IndexOf('E', StringComparison.Ordinal);
        var digits = body[..e].Replace(".", "", StringComparison.Ordinal).TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var exponent = int.Parse(body[(e + 1)..], CultureInfo.InvariantCulture);
        string text;
        if (exponent is < -15 or > 14)
        {
            text = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            text += "e" + exponent.ToString(CultureInfo.InvariantCulture);
        }
        else if (exponent < 0)
        {
            text = "0." + new string('0', -exponent - 1) + digits;
        }
        else if (digits.Length <= exponent + 1)
        {
            text = digits + new string('0', exponent + 1 - digits.Length);
        }
        else
        {
            text = digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
        }

        return negative ? "-" + text : text;
    }

    private static int SignificantDigits(string roundTrip)
    {
        var mantissa = roundTrip.Split('E')[0].TrimStart('-').Replace(".", "", StringComparison.Ordinal).TrimStart('0').TrimEnd('0');
        return Math.Max(1, mantissa.Length);
    }

    /// <summary>
    /// Reads the longest numeric prefix of a string as MySQL does when a string meets a number: leading spaces,
    /// a sign, digits, a fraction and an exponent; no digits at all is 0 (<c>'abc' + 1</c> is 1).
    /// </summary>
    public static double ParseDoublePrefix(string s)
    {
        var end = NumericPrefixLength(s, out var start, allowFraction: true);
        if (end == start)
        {
            return 0;
        }

        var value = double.Parse(s.AsSpan(start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsInfinity(value) ? (value > 0 ? double.MaxValue : double.MinValue) : value;
    }

    /// <summary>The numeric prefix of a string as an exact DECIMAL (for CAST AS DECIMAL).</summary>
    public static decimal ParseDecimalPrefix(string s)
    {
        var end = NumericPrefixLength(s, out var start, allowFraction: true);
        if (end == start)
        {
            return 0;
        }

        var span = s.AsSpan(start, end - start);
        return decimal.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : DoubleToDecimal(double.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>Where the numeric prefix of <paramref name="s"/> ends; <paramref name="start"/> is past leading spaces.</summary>
    public static int NumericPrefixLength(string s, out int start, bool allowFraction)
    {
        var i = 0;
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        start = i;
        if (i < s.Length && s[i] is '+' or '-')
        {
            i++;
        }

        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (allowFraction && i < s.Length && s[i] == '.')
        {
            var j = i + 1;
            var fraction = 0;
            while (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                j++;
                fraction++;
            }

            if (digits + fraction > 0)
            {
                i = j;
                digits += fraction;
            }
        }

        if (digits == 0)
        {
            return start;
        }

        if (allowFraction && i < s.Length && s[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < s.Length && s[j] is '+' or '-')
            {
                j++;
            }

            if (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                while (j < s.Length && char.IsAsciiDigit(s[j]))
                {
                    j++;
                }

                i = j;
            }
        }

        return i;
    }

    /// <summary>A DECIMAL with exactly <paramref name="scale"/> digits after the point (MySQL shows the scale).</summary>
    public static decimal WithScale(decimal value, int scale)
    {
        scale = Math.Clamp(scale, 0, 28);
        var rounded = decimal.Round(value, scale, MidpointRounding.AwayFromZero);
        return rounded + new decimal(0, 0, 0, false, (byte)scale);
    }

    public static int Scale(decimal value) => value.Scale;
}
