using System.Buffers.Binary;
using System.Buffers.Text;

namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// Prints an opaque (custom data) JSON value as MySQL's JSON_EXTRACT shows it (json_dom.cc,
/// wrapper_to_string): DECIMAL as a number, DATE/TIME/DATETIME/TIMESTAMP as quoted strings with six
/// fractional digits, VAR_STRING as a string, and every other type as <c>"base64:typeNN:..."</c>.
/// </summary>
internal static class JsonOpaqueValue
{
    // enum_field_types values (mysql_com.h / field_types.h).
    private const byte MySqlTypeTimestamp = 7;
    private const byte MySqlTypeDate = 10;
    private const byte MySqlTypeTime = 11;
    private const byte MySqlTypeDateTime = 12;
    private const byte MySqlTypeNewDecimal = 246;
    private const byte MySqlTypeVarString = 253;

    /// <summary>Input bytes per base64 line: MySQL's base64_encode() breaks lines every 76 characters.</summary>
    private const int Base64LineInput = 57;

    public static void Write(ref JsonTextBuffer text, byte fieldType, ReadOnlySpan<byte> data, int offset)
    {
        switch (fieldType)
        {
            case MySqlTypeNewDecimal:
                WriteDecimal(ref text, data, offset);
                break;
            case MySqlTypeDate:
            case MySqlTypeTime:
            case MySqlTypeDateTime:
            case MySqlTypeTimestamp:
                WriteTemporal(ref text, fieldType, data, offset);
                break;
            case MySqlTypeVarString:
                JsonBinaryReader.WriteQuoted(ref text, data);
                break;
            default:
                WriteBase64(ref text, fieldType, data);
                break;
        }
    }

    /// <summary>
    /// A DECIMAL is stored as precision, scale, then MySQL's binary decimal (decimal2bin): groups of nine
    /// digits in 4 big-endian bytes, a shorter leading integer group and trailing fraction group, the sign
    /// bit inverted and every byte inverted for negatives. Printed as decimal2string() does: no leading
    /// zeros, exactly <c>scale</c> fraction digits.
    /// https://dev.mysql.com/doc/dev/mysql-server/latest/decimal_8h.html
    /// </summary>
    private static void WriteDecimal(ref JsonTextBuffer text, ReadOnlySpan<byte> data, int offset)
    {
        if (data.Length < 2)
            throw new MySqlDecodingException($"expected a JSON DECIMAL's precision and scale (2 bytes), found {data.Length} bytes", offset);

        int precision = data[0], scale = data[1];
        if (precision > 127 || scale > precision)
            throw new MySqlDecodingException($"expected a JSON DECIMAL with scale <= precision <= 127, found precision {precision} and scale {scale}", offset);

        var integerDigits = precision - scale;
        var binary = data[2..];
        var expected = DecimalBinary.Size(precision, scale);
        if (binary.Length != expected)
            throw new MySqlDecodingException($"expected {expected} bytes for DECIMAL({precision},{scale}), found {binary.Length}", offset + 2);

        Span<byte> digits = stackalloc byte[precision + 1];
        if (!DecimalBinary.TryReadDigits(binary, integerDigits, scale, digits, out var negative))
            throw new MySqlDecodingException($"expected DECIMAL({precision},{scale}) digit groups below 10^9, found an out-of-range group", offset + 2);

        ReadOnlySpan<byte> integerPart = digits[..integerDigits];
        ReadOnlySpan<byte> fractionPart = digits.Slice(integerDigits, scale);
        var firstNonZero = integerPart.IndexOfAnyExcept((byte)'0');
        integerPart = firstNonZero < 0 ? "0"u8 : integerPart[firstNonZero..];
        var isZero = firstNonZero < 0 && fractionPart.IndexOfAnyExcept((byte)'0') < 0;

        if (negative && !isZero)
            text.Append((byte)'-');
        text.Append(integerPart);
        if (scale > 0)
        {
            text.Append((byte)'.');
            text.Append(fractionPart);
        }
    }

    /// <summary>
    /// Temporal values are stored as MySQL's packed 64-bit form (TIME_to_longlong_packed, little-endian):
    /// the low 24 bits are microseconds; above them, for DATE/DATETIME/TIMESTAMP,
    /// ((year*13+month)&lt;&lt;5 | day)&lt;&lt;17 | hour&lt;&lt;12 | minute&lt;&lt;6 | second, and for TIME
    /// hour&lt;&lt;12 | minute&lt;&lt;6 | second; negative TIMEs are negated. Printed as my_TIME_to_str(t, 6).
    /// </summary>
    private static void WriteTemporal(ref JsonTextBuffer text, byte fieldType, ReadOnlySpan<byte> data, int offset)
    {
        if (data.Length != 8)
            throw new MySqlDecodingException($"expected a packed temporal value of 8 bytes, found {data.Length}", offset);

        var packed = BinaryPrimitives.ReadInt64LittleEndian(data);
        var negative = packed < 0;
        var magnitude = negative ? 0UL - unchecked((ulong)packed) : (ulong)packed;
        var microseconds = (int)(magnitude & 0xFF_FFFF);
        var integerPart = magnitude >> 24;

        Span<byte> buffer = stackalloc byte[32];
        var at = 0;
        if (fieldType == MySqlTypeTime)
        {
            var hour = (int)((integerPart >> 12) % 1024);
            var minute = (int)((integerPart >> 6) % 64);
            var second = (int)(integerPart % 64);
            if (minute > 59 || second > 59 || microseconds > 999_999)
                throw new MySqlDecodingException($"expected a TIME, found packed value {packed}", offset);

            buffer[at++] = (byte)'"';
            if (negative)
                buffer[at++] = (byte)'-';
            at += Digits(buffer[at..], hour, hour >= 1000 ? 4 : hour >= 100 ? 3 : 2);
            buffer[at++] = (byte)':';
            at += Digits(buffer[at..], minute, 2);
            buffer[at++] = (byte)':';
            at += Digits(buffer[at..], second, 2);
            buffer[at++] = (byte)'.';
            at += Digits(buffer[at..], microseconds, 6);
            buffer[at++] = (byte)'"';
            text.Append(buffer[..at]);
            return;
        }

        var yearMonthDay = integerPart >> 17;
        var yearMonth = yearMonthDay >> 5;
        var day = (int)(yearMonthDay % 32);
        var month = (int)(yearMonth % 13);
        var yearValue = yearMonth / 13;
        var hourMinuteSecond = integerPart % (1 << 17);
        var hours = (int)(hourMinuteSecond >> 12);
        var minutes = (int)((hourMinuteSecond >> 6) % 64);
        var seconds = (int)(hourMinuteSecond % 64);
        if (negative || yearValue > 9999 || month > 12 || hours > 23 || minutes > 59 || seconds > 59 || microseconds > 999_999)
            throw new MySqlDecodingException($"expected a DATE, DATETIME or TIMESTAMP, found packed value {packed}", offset);

        buffer[at++] = (byte)'"';
        at += Digits(buffer[at..], (int)yearValue, 4);
        buffer[at++] = (byte)'-';
        at += Digits(buffer[at..], month, 2);
        buffer[at++] = (byte)'-';
        at += Digits(buffer[at..], day, 2);
        if (fieldType != MySqlTypeDate)
        {
            buffer[at++] = (byte)' ';
            at += Digits(buffer[at..], hours, 2);
            buffer[at++] = (byte)':';
            at += Digits(buffer[at..], minutes, 2);
            buffer[at++] = (byte)':';
            at += Digits(buffer[at..], seconds, 2);
            buffer[at++] = (byte)'.';
            at += Digits(buffer[at..], microseconds, 6);
        }

        buffer[at++] = (byte)'"';
        text.Append(buffer[..at]);
    }

    /// <summary><c>"base64:typeNN:...</c> with a "\n" (escaped in the JSON string) after every 76 characters,
    /// as MySQL's base64_encode() writes it.</summary>
    private static void WriteBase64(ref JsonTextBuffer text, byte fieldType, ReadOnlySpan<byte> data)
    {
        text.Append("\"base64:type"u8);
        text.AppendFormatted(fieldType);
        text.Append((byte)':');
        while (true)
        {
            var line = data[..Math.Min(Base64LineInput, data.Length)];
            var output = text.GetSpan(Base64.GetMaxEncodedToUtf8Length(line.Length));
            Base64.EncodeToUtf8(line, output, out _, out var written);
            text.Advance(written);
            data = data[line.Length..];
            if (data.IsEmpty)
                break;
            text.Append("\\n"u8);
        }

        text.Append((byte)'"');
    }

    /// <summary>Writes <paramref name="value"/> zero-padded to at least <paramref name="width"/> digits.</summary>
    private static int Digits(Span<byte> destination, int value, int width)
    {
        value.TryFormat(destination, out var written, width switch
        {
            2 => "D2",
            3 => "D3",
            4 => "D4",
            _ => "D6",
        }, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }
}
