using System.Globalization;

namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// MySQL's packed binary DECIMAL (strings/decimal.cc, decimal2bin/bin2decimal): the integer digits and the
/// fraction digits are each cut into groups of nine, every full group stored as a 4-byte big-endian
/// integer and a leftover group of k digits in <see cref="DigitBytes"/>[k] bytes; the leftover integer
/// group comes first and the leftover fraction group last. The top bit of the first byte is flipped so
/// that the bytes sort as numbers, and a negative value has every byte inverted.
/// </summary>
/// <remarks>
/// https://dev.mysql.com/doc/dev/mysql-server/latest/decimal_8h.html ;
/// the worked example in decimal.cc: DECIMAL(14,4) 1234567890.1234 is 81 0D FB 38 D2 04 D2 and its
/// negation is 7E F2 04 C7 2D FB 2D.
/// </remarks>
internal static class DecimalBinary
{
    private const int DigitsPerGroup = 9;

    private static ReadOnlySpan<byte> DigitBytes => [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];

    private static ReadOnlySpan<int> PowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>Precision and scale that MySQL or MariaDB can declare (scale up to 38 on MariaDB).</summary>
    public static bool IsValid(int precision, int scale) =>
        precision is >= 1 and <= MySqlDecimal.MaxDigits && scale >= 0 && scale <= precision;

    /// <summary>Bytes taken by a DECIMAL(precision, scale) (decimal_bin_size).</summary>
    public static int Size(int precision, int scale)
    {
        var integerDigits = precision - scale;
        return (integerDigits / DigitsPerGroup * 4) + DigitBytes[integerDigits % DigitsPerGroup]
            + (scale / DigitsPerGroup * 4) + DigitBytes[scale % DigitsPerGroup];
    }

    /// <summary>Decodes exactly <see cref="Size"/> bytes; <paramref name="offset"/> is where they start, for error messages.</summary>
    public static MySqlDecimal Decode(ReadOnlySpan<byte> source, int precision, int scale, int offset)
    {
        if (!IsValid(precision, scale))
            throw new MySqlDecodingException($"expected a DECIMAL precision of 1..65 and a scale of 0..precision, found ({precision},{scale})", offset);
        var size = Size(precision, scale);
        if (source.Length != size)
            throw new MySqlDecodingException($"expected {size} bytes of DECIMAL({precision},{scale}), found {source.Length}", offset);

        Span<byte> bytes = stackalloc byte[size];
        source.CopyTo(bytes);
        var negative = (bytes[0] & 0x80) == 0;
        bytes[0] ^= 0x80;
        if (negative)
        {
            for (var i = 0; i < bytes.Length; i++)
                bytes[i] = (byte)~bytes[i];
        }

        // All digits, integer part then fraction, each group zero-padded to its width.
        Span<char> digits = stackalloc char[precision];
        var integerDigits = precision - scale;
        var position = 0;
        var written = 0;
        ReadGroup(bytes, ref position, digits, ref written, integerDigits % DigitsPerGroup, precision, scale, offset);
        for (var i = 0; i < integerDigits / DigitsPerGroup; i++)
            ReadGroup(bytes, ref position, digits, ref written, DigitsPerGroup, precision, scale, offset);
        for (var i = 0; i < scale / DigitsPerGroup; i++)
            ReadGroup(bytes, ref position, digits, ref written, DigitsPerGroup, precision, scale, offset);
        ReadGroup(bytes, ref position, digits, ref written, scale % DigitsPerGroup, precision, scale, offset);

        var integer = digits[..integerDigits].TrimStart('0');
        var fraction = digits[integerDigits..];
        var isZero = integer.IsEmpty && !fraction.ContainsAnyExcept('0');

        Span<char> text = stackalloc char[precision + 3];
        var length = 0;
        if (negative && !isZero)
            text[length++] = '-';
        if (integer.IsEmpty)
        {
            text[length++] = '0';
        }
        else
        {
            integer.CopyTo(text[length..]);
            length += integer.Length;
        }

        if (scale > 0)
        {
            text[length++] = '.';
            fraction.CopyTo(text[length..]);
            length += fraction.Length;
        }

        return MySqlDecimal.FromCanonical(new string(text[..length]));
    }
    private static void ReadGroup(
        ReadOnlySpan<byte> bytes,
        ref int position,
        Span<char> digits,
        ref int written,
        int digitCount,
        int precision,
        int scale,
        int offset)
    {
        if (digitCount == 0)
            return;
        var byteCount = DigitBytes[digitCount];
        uint value = 0;
        for (var i = 0; i < byteCount; i++)
            value = (value << 8) | bytes[position + i];
        if (value >= (uint)PowersOfTen[digitCount])
        {
            throw new MySqlDecodingException(
                string.Create(CultureInfo.InvariantCulture, $"expected a {digitCount}-digit group of DECIMAL({precision},{scale}), found {value}"),
                offset + position);
        }

        for (var i = digitCount - 1; i >= 0; i--)
        {
            digits[written + i] = (char)('0' + (int)(value % 10));
            value /= 10;
        }

        position += byteCount;
        written += digitCount;
    }
}
