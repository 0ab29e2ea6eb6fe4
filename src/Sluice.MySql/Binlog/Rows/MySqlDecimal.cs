using System.Globalization;

namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// An exact DECIMAL value of up to 65 digits, kept as MySQL's canonical text: optional '-', the integer
/// digits without leading zeros ("0" when there are none) and, for a column with a scale, '.' followed by
/// exactly that many digits ("-0.50", "123.4500"). Two values are equal when their texts are, so 1.5 and
/// 1.50 differ, as they print differently.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/refman/8.0/en/precision-math-decimal-characteristics.html</remarks>
public readonly record struct MySqlDecimal
{
    /// <summary>Most digits a DECIMAL holds (MySQL and MariaDB).</summary>
    public const int MaxDigits = 65;

    private readonly string? _text;

    private MySqlDecimal(string text) => _text = text;

    /// <summary>True below zero. A zero value is never negative.</summary>
    public bool IsNegative => _text is ['-', ..];

    /// <summary>Digits after the decimal point.</summary>
    public int Scale
    {
        get
        {
            var text = ToString();
            var point = text.IndexOf('.', StringComparison.Ordinal);
            return point < 0 ? 0 : text.Length - point - 1;
        }
    }

    /// <summary>Parses "[+|-]digits[.digits]" (or ".5"), keeping the fraction digits as written.</summary>
    /// <exception cref="FormatException">Not a decimal number of at most 65 significant digits.</exception>
    public static MySqlDecimal Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a DECIMAL value");
    }

    /// <summary>Parses "[+|-]digits[.digits]" (or ".5"), keeping the fraction digits as written.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MySqlDecimal value)
    {
        value = default;
        var negative = false;
        if (text is ['-' or '+', ..])
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        var point = text.IndexOf('.');
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        if ((integer.IsEmpty && fraction.IsEmpty) || (point >= 0 && fraction.IsEmpty)
            || integer.ContainsAnyExceptInRange('0', '9') || fraction.ContainsAnyExceptInRange('0', '9'))
            return false;

        integer = integer.TrimStart('0');
        if (integer.Length + fraction.Length > MaxDigits)
            return false;

        var isZero = !integer.ContainsAnyExcept('0') && !fraction.ContainsAnyExcept('0');
        Span<char> buffer = stackalloc char[MaxDigits + 3];
        var length = 0;
        if (negative && !isZero)
            buffer[length++] = '-';
        if (integer.IsEmpty)
        {
            buffer[length++] = '0';
        }
        else
        {
            integer.CopyTo(buffer[length..]);
            length += integer.Length;
        }

        if (!fraction.IsEmpty)
        {
            buffer[length++] = '.';
            fraction.CopyTo(buffer[length..]);
            length += fraction.Length;
        }

        value = new MySqlDecimal(new string(buffer[..length]));
        return true;
    }

    /// <summary>The value of a <see cref="decimal"/>, keeping its scale (1.50m gives "1.50").</summary>
    public static MySqlDecimal FromDecimal(decimal value) => Parse(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Decodes MySQL's packed binary DECIMAL (the row-event and key format) of a DECIMAL(precision, scale).
    /// </summary>
    /// <exception cref="MySqlDecodingException">Wrong length, bad precision or scale, or a digit group out of range.</exception>
    public static MySqlDecimal FromBinary(ReadOnlySpan<byte> bytes, int precision, int scale) =>
        DecimalBinary.Decode(bytes, precision, scale, 0);

    /// <summary>Creates a value from text already in canonical form (the binary decoder's output).</summary>
    internal static MySqlDecimal FromCanonical(string text) => new(text);

    /// <summary>
    /// The value as a <see cref="decimal"/> when it fits exactly (at most 28 fraction digits once trailing
    /// zeros are dropped, and within decimal's range); false when converting would round or overflow.
    /// </summary>
    public bool TryToDecimal(out decimal value)
    {
        const int maxDecimalScale = 28;
        var text = ToString().AsSpan();
        var point = text.IndexOf('.');
        if (point >= 0 && text.Length - point - 1 > maxDecimalScale)
        {
            // Only zeros may be cut: they carry no value, and decimal holds at most 28 fraction digits.
            if (text[(point + 1 + maxDecimalScale)..].ContainsAnyExcept('0'))
            {
                value = default;
                return false;
            }

            text = text[..(point + 1 + maxDecimalScale)];
        }

        // decimal keeps 28-29 significant digits and rounds the rest away; accept only exact results.
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            || !value.ToString(CultureInfo.InvariantCulture).AsSpan().SequenceEqual(text))
        {
            value = default;
            return false;
        }

        return true;
    }

    /// <summary>The value as a <see cref="decimal"/>.</summary>
    /// <exception cref="OverflowException">The value does not fit a decimal exactly.</exception>
    public decimal ToDecimal() =>
        TryToDecimal(out var value) ? value : throw new OverflowException($"DECIMAL {this} does not fit System.Decimal exactly");

    public bool Equals(MySqlDecimal other) => string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    public override string ToString() => _text ?? "0";
}
