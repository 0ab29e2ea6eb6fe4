using System.Globalization;
using System.Text;

namespace Sluice.ChangeFeed.Codecs;

/// <summary>
/// FLOAT and DOUBLE values written as TiCDC's Go code writes them, from the shortest digits that round-trip at the
/// column's width (32 bits for FLOAT, 64 for DOUBLE): canal-json uses <c>strconv.FormatFloat(v, 'f', -1, bits)</c>,
/// open-protocol <c>encoding/json</c>, csv <c>fmt</c>'s <c>%v</c>.
/// </summary>
/// <remarks>https://pkg.go.dev/strconv#FormatFloat, https://pkg.go.dev/encoding/json#Marshal</remarks>
internal static class GoFloatText
{
    /// <summary><c>strconv.FormatFloat(value, 'f', -1, bits)</c>: plain decimal, never an exponent.</summary>
    public static string Fixed(double value, bool single)
    {
        var (negative, digits, point) = Shortest(value, single);
        return Sign(negative) + FixedDigits(digits, point);
    }

    /// <summary><c>fmt.Sprintf("%v", value)</c>: Go's shortest <c>%g</c>, which switches to the exponent form (two-digit
    /// exponent at least) when the exponent is below -4 or at least 6 (1e+06, 1.5e-07).</summary>
    public static string General(double value, bool single)
    {
        var (negative, digits, point) = Shortest(value, single);
        var exponent = point - 1;
        return Sign(negative) + (digits.Length > 0 && (exponent < -4 || exponent >= 6)
            ? ExponentDigits(digits, exponent, twoDigitExponent: true)
            : FixedDigits(digits, point));
    }

    /// <summary><c>encoding/json</c>'s number: fixed for 1e-6 ≤ |v| &lt; 1e21, else exponent form without a padded exponent.</summary>
    public static string Json(double value, bool single)
    {
        var (negative, digits, point) = Shortest(value, single);
        var abs = Math.Abs(value);
        var useExponent = abs != 0 && (single
            ? (float)abs < 1e-6f || (float)abs >= 1e21f
            : abs < 1e-6 || abs >= 1e21);
        return Sign(negative) + (useExponent
            ? ExponentDigits(digits, point - 1, twoDigitExponent: false)
            : FixedDigits(digits, point));
    }

    private static string Sign(bool negative) => negative ? "-" : string.Empty;

    /// <summary>The shortest round-trip digits (no leading or trailing zeros) and the decimal point's position:
    /// value = 0.digits × 10^point.</summary>
    private static (bool Negative, string Digits, int Point) Shortest(double value, bool single)
    {
        var text = single
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        if (negative)
            text = text[1..];

        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var point = (dot < 0 ? text.Length : dot) + exponent;
        var digits = dot < 0 ? text : text.Remove(dot, 1);
        var leading = 0;
        while (leading < digits.Length && digits[leading] == '0')
            leading++;
        digits = digits[leading..].TrimEnd('0');
        point -= leading;
        return (negative && digits.Length > 0, digits, digits.Length == 0 ? 0 : point);
    }

    private static string FixedDigits(string digits, int point)
    {
        if (digits.Length == 0)
            return "0";
        var text = new StringBuilder(digits.Length + Math.Abs(point) + 2);
        if (point <= 0)
            text.Append('0');
        else
            text.Append(digits.AsSpan(0, Math.Min(point, digits.Length))).Append('0', Math.Max(0, point - digits.Length));
        if (digits.Length > point)
        {
            text.Append('.');
            if (point < 0)
                text.Append('0', -point);
            text.Append(digits.AsSpan(Math.Max(point, 0)));
        }

        return text.ToString();
    }

    private static string ExponentDigits(string digits, int exponent, bool twoDigitExponent)
    {
        var text = new StringBuilder(digits.Length + 6);
        text.Append(digits[0]);
        if (digits.Length > 1)
            text.Append('.').Append(digits.AsSpan(1));
        text.Append('e').Append(exponent < 0 ? '-' : '+');
        var magnitude = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        if (twoDigitExponent && magnitude.Length < 2)
            text.Append('0');
        return text.Append(magnitude).ToString();
    }
}
