namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// MySQL's binary DECIMAL (decimal2bin / bin2decimal), the form of NEWDECIMAL in row images and in JSON:
/// the integer part then the fraction part, each in groups of nine decimal digits stored in 4 big-endian
/// bytes; a partial group of fewer digits (the leading integer group, the trailing fraction group) takes
/// 1-4 bytes. Positive values have the top bit of the first byte set; negative values have every byte
/// inverted instead.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/decimal_8h.html (decimal_bin_size, bin2decimal)</remarks>
internal static class DecimalBinary
{
    private const int DigitsPerGroup = 9;

    /// <summary>Bytes used by a partial group of 0..8 digits (dig2bytes).</summary>
    private static ReadOnlySpan<byte> BytesForDigits => [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];

    private static ReadOnlySpan<int> PowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>decimal_bin_size(precision, scale).</summary>
    public static int Size(int precision, int scale)
    {
        var integerDigits = precision - scale;
        return ((integerDigits / DigitsPerGroup) * 4) + BytesForDigits[integerDigits % DigitsPerGroup]
            + ((scale / DigitsPerGroup) * 4) + BytesForDigits[scale % DigitsPerGroup];
    }

    /// <summary>
    /// Writes all <c>integerDigits + scale</c> digits as ASCII, leading zeros kept, into
    /// <paramref name="digits"/>. Returns false when a group holds a value too big for its digit count.
    /// <paramref name="binary"/> must be <see cref="Size"/> bytes long.
    /// </summary>
    public static bool TryReadDigits(ReadOnlySpan<byte> binary, int integerDigits, int scale, Span<byte> digits, out bool negative)
    {
        negative = binary.Length > 0 && (binary[0] & 0x80) == 0;
        var mask = negative ? 0xFF : 0x00;
        var at = 0;
        var written = 0;

        var leading = integerDigits % DigitsPerGroup;
        if (leading > 0 && !TryReadGroup(binary, ref at, leading, mask, digits, ref written))
            return false;
        for (var i = 0; i < integerDigits / DigitsPerGroup; i++)
        {
            if (!TryReadGroup(binary, ref at, DigitsPerGroup, mask, digits, ref written))
                return false;
        }

        for (var i = 0; i < scale / DigitsPerGroup; i++)
        {
            if (!TryReadGroup(binary, ref at, DigitsPerGroup, mask, digits, ref written))
                return false;
        }

        var trailing = scale % DigitsPerGroup;
        return trailing == 0 || TryReadGroup(binary, ref at, trailing, mask, digits, ref written);
    }

    private static bool TryReadGroup(ReadOnlySpan<byte> binary, ref int at, int digitCount, int mask, Span<byte> digits, ref int written)
    {
        var size = BytesForDigits[digitCount];
        uint value = 0;
        for (var i = 0; i < size; i++)
        {
            var b = binary[at + i] ^ mask;
            if (at + i == 0)
                b ^= 0x80; // the sign bit lives in the very first byte
            value = (value << 8) | (uint)b;
        }

        at += size;
        if (value >= (uint)PowersOfTen[digitCount])
            return false;

        for (var i = digitCount - 1; i >= 0; i--)
        {
            digits[written + i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        written += digitCount;
        return true;
    }
}
