using System.Text;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>
/// Turns statement text and user variable strings into .NET strings by their collation id: latin1 (MySQL's latin1
/// is Windows-1252), the UTF-16/UTF-32/UCS-2 families, and UTF-8 for everything else (utf8mb3, utf8mb4, ascii
/// and any collation not listed, which keeps ASCII intact).
/// </summary>
/// <remarks>Collation ids: https://dev.mysql.com/doc/refman/8.0/en/charset-mysql.html (SHOW COLLATION); MariaDB's
/// NO PAD collations are 1024 + the id of the PAD SPACE one.</remarks>
internal static class StatementText
{
    private static readonly Encoding Utf32BigEndian = new UTF32Encoding(bigEndian: true, byteOrderMark: false);

    // Windows-1252 in 0x80..0x9F, where it differs from ISO-8859-1; MySQL keeps the five undefined bytes as C1 controls.
    private static ReadOnlySpan<char> Cp1252High =>
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    public static string Decode(ReadOnlySpan<byte> bytes, uint collationId)
    {
        if (bytes.IsEmpty)
            return string.Empty;
        var id = collationId is >= 1024 and < 2048 ? collationId - 1024 : collationId;
        return id switch
        {
            5 or 8 or 15 or 31 or 47 or 48 or 49 or 94 => DecodeLatin1(bytes),
            35 or 90 or (>= 128 and <= 151) or 159 => Encoding.BigEndianUnicode.GetString(bytes), // ucs2
            54 or 55 or (>= 101 and <= 124) => Encoding.BigEndianUnicode.GetString(bytes), // utf16
            56 or 62 => Encoding.Unicode.GetString(bytes), // utf16le
            60 or 61 or (>= 160 and <= 183) => Utf32BigEndian.GetString(bytes), // utf32
            _ => Encoding.UTF8.GetString(bytes),
        };
    }

    private static string DecodeLatin1(ReadOnlySpan<byte> bytes)
    {
        var chars = bytes.Length <= 512 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        var high = Cp1252High;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            chars[i] = b is >= 0x80 and <= 0x9F ? high[b - 0x80] : (char)b;
        }

        return new string(chars);
    }
}
