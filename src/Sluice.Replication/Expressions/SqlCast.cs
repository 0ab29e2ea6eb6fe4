using System.Globalization;
using System.Text;

namespace Sluice.Replication.Expressions;

internal enum SqlCastKind
{
    Signed,
    Unsigned,
    Decimal,
    Char,
    Binary,
    Date,
    DateTime,
    Double,
}

/// <summary>The target of CAST(x AS type) / CONVERT(x, type) and how MySQL converts to it.</summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/cast-functions.html</remarks>
internal sealed record SqlCastType(SqlCastKind Kind, int? Length = null, int? Scale = null)
{
    public object? Convert(object? value)
    {
        if (value is null)
        {
            return null;
        }

        switch (Kind)
        {
            case SqlCastKind.Signed:
                return ToSigned(value);
            case SqlCastKind.Unsigned:
                return ToUnsigned(value);
            case SqlCastKind.Decimal:
                return ToDecimal(value, Length ?? 10, Scale ?? 0);
            case SqlCastKind.Char:
                var text = SqlValues.ToText(value);
                return Length is { } n && SqlCollation.CodePointCount(text) > n ? text[..SqlCollation.IndexOfCodePoint(text, n)] : text;
            case SqlCastKind.Binary:
                var bytes = SqlCollation.ToBytes(value);
                return Length is { } m && bytes.Length != m ? Pad(bytes, m) : bytes;
            case SqlCastKind.Date:
                return SqlTemporal.TryToDateTime(value, out var date, out _) ? DateOnly.FromDateTime(date) : null;
            case SqlCastKind.DateTime:
                if (!SqlTemporal.TryToDateTime(value, out var time, out _))
                {
                    return null;
                }

                // MariaDB truncates extra fractional digits (CAST('… 05:06:07.5' AS DATETIME) is 05:06:07).
                var keep = (long)Math.Pow(10, 7 - Math.Clamp(Length ?? 0, 0, 6));
                return new DateTime(time.Ticks - (time.Ticks % keep), DateTimeKind.Unspecified);
            default:
                return SqlValues.ToDouble(value);
        }
    }

    private static byte[] Pad(byte[] bytes, int length)
    {
        var result = new byte[length];
        bytes.AsSpan(0, Math.Min(length, bytes.Length)).CopyTo(result);
        return result;
    }

    private static object ToSigned(object value) => value switch
    {
        long => value,
        ulong u => unchecked((long)u),
        decimal d => decimal.Round(d, MidpointRounding.AwayFromZero) is var r && r > long.MaxValue ? long.MaxValue : r < long.MinValue ? long.MinValue : (long)r,
        double d => SqlValues.ClampToInt64(Math.Round(d, MidpointRounding.ToEven)),
        string or byte[] => unchecked((long)ParseInteger(SqlValues.ToText(value))),
        _ => ToSigned(SqlTemporal.ToNumber(value)),
    };

    private static object ToUnsigned(object value) => value switch
    {
        long l => unchecked((ulong)l),
        ulong => value,
        decimal d => d <= 0 ? 0UL : decimal.Round(d, MidpointRounding.AwayFromZero) is var r && r > ulong.MaxValue ? ulong.MaxValue : (ulong)r,
        double d => d <= 0 ? 0UL : d >= 1.8446744073709552E19 ? ulong.MaxValue : (ulong)Math.Round(d, MidpointRounding.ToEven),
        string or byte[] => ParseInteger(SqlValues.ToText(value)),
        _ => ToUnsigned(SqlTemporal.ToNumber(value)),
    };

    /// <summary>
    /// The integer prefix of a string, as MariaDB's string-to-integer conversion: digits only (no fraction), a
    /// minus sign wraps into the unsigned range, and too many digits saturate.
    /// </summary>
    private static ulong ParseInteger(string s)
    {
        var end = SqlValues.NumericPrefixLength(s, out var start, allowFraction: false);
        if (end == start)
        {
            return 0;
        }

        var negative = s[start] == '-';
        var digits = s.AsSpan(s[start] is '+' or '-' ? start + 1 : start, end - start - (s[start] is '+' or '-' ? 1 : 0));
        if (negative)
        {
            return Int128.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= (Int128)long.MaxValue + 1
                ? unchecked((ulong)(long)-n)
                : unchecked((ulong)long.MinValue);
        }

        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : ulong.MaxValue;
    }

    private static decimal ToDecimal(object value, int precision, int scale)
    {
        var d = value switch
        {
            string or byte[] => SqlValues.ParseDecimalPrefix(value as string ?? Encoding.UTF8.GetString((byte[])value)),
            double x => SqlValues.DoubleToDecimal(x),
            _ => SqlValues.ToDecimal(value),
        };

        // Out of the type's range: the nearest value it holds (999.9 for DECIMAL(4,1)), as MySQL does with a warning.
        var limit = precision - scale >= 28 ? decimal.MaxValue : (decimal)Math.Pow(10, precision - scale) - (decimal)Math.Pow(10, -Math.Min(scale, 28));
        d = Math.Clamp(decimal.Round(d, Math.Min(scale, 28), MidpointRounding.AwayFromZero), -limit, limit);
        return SqlValues.WithScale(d, scale);
    }
}
