using System.Collections.Frozen;
using System.Text;

namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// MySQL and MariaDB character sets as .NET encodings, found by collation id (TABLE_MAP optional metadata,
/// handshake) or by name (information_schema CHARACTER_SET_NAME / COLLATION_NAME).
/// </summary>
/// <remarks>
/// Collation ids follow information_schema.COLLATIONS of MySQL 8.0 and MariaDB 10.11
/// (https://dev.mysql.com/doc/refman/8.0/en/charset-mysql.html,
/// https://mariadb.com/kb/en/supported-character-sets-and-collations/). Ids 1..247 are shared by both;
/// 248..250 (gb18030) and 255..323 (utf8mb4_0900_*) are MySQL's; MariaDB numbers its NO PAD collations
/// 1024 + the id of the PAD collation they copy, groups the "mysql561"/myanmar/thai_520 collations in
/// blocks of 32 from 576, and its UCA-14.0 collations in blocks of 256 from 2048 (utf8mb3, utf8mb4, ucs2,
/// utf16, utf32). An id outside all of these is assumed to be utf8mb4, the default character set of every
/// current server, so unknown text still decodes the common case right.
/// </remarks>
public static class Charsets
{
    /// <summary>The "binary" pseudo-collation: bytes, not text.</summary>
    public const int BinaryCollationId = 63;

    private const int MariaDbNoPadOffset = 1024;

    private static readonly string?[] BaseCollations = BuildBaseCollations();

    private static readonly UTF32Encoding Utf32BigEndian = new(bigEndian: true, byteOrderMark: false);

    private static readonly FrozenDictionary<string, Encoding?> ByCharsetName = BuildEncodings();

    /// <summary>The character set of a collation id, or null when the id is not known.</summary>
    public static string? GetCharsetName(int collationId)
    {
        switch (collationId)
        {
            case >= 0 and < 256:
                return BaseCollations[collationId];
            case >= 255 and <= 323:
                return "utf8mb4";
            case >= 576 and < 608:
                return "utf8mb3";
            case >= 608 and < 640:
                return "utf8mb4";
            case >= 640 and < 672:
                return "ucs2";
            case >= 672 and < 704:
                return "utf16";
            case >= 736 and < 768:
                return "utf32";
            case >= MariaDbNoPadOffset and < MariaDbNoPadOffset + 256:
                return BaseCollations[collationId - MariaDbNoPadOffset];
            case >= 2048 and < 3328:
                return ((collationId - 2048) >> 8) switch
                {
                    0 => "utf8mb3",
                    1 => "utf8mb4",
                    2 => "ucs2",
                    3 => "utf16",
                    _ => "utf32",
                };
            default:
                return null;
        }
    }

    /// <summary>The encoding of a collation id: null for binary, UTF-8 for ids not known (see remarks).</summary>
    public static Encoding? FromCollationId(int collationId) =>
        GetCharsetName(collationId) is { } name ? FromCharsetName(name) : Encoding.UTF8;

    /// <summary>
    /// The encoding of a character set name ("utf8mb4", "latin1", ...): null for "binary", UTF-8 for names not known.
    /// </summary>
    public static Encoding? FromCharsetName(string charsetName)
    {
        ArgumentNullException.ThrowIfNull(charsetName);
        return ByCharsetName.TryGetValue(charsetName, out var encoding) ? encoding : Encoding.UTF8;
    }

    /// <summary>The encoding of a collation name ("utf8mb4_general_ci", "binary"): the character set is its first word.</summary>
    public static Encoding? FromCollationName(string collationName)
    {
        ArgumentNullException.ThrowIfNull(collationName);
        var underscore = collationName.IndexOf('_', StringComparison.Ordinal);
        return FromCharsetName(underscore < 0 ? collationName : collationName[..underscore]);
    }

    /// <summary>True for a character set name this table knows (binary included).</summary>
    public static bool IsKnownCharset(string charsetName) => ByCharsetName.ContainsKey(charsetName);

    private static string?[] BuildBaseCollations()
    {
        var names = new string?[256];
        void Set(int first, int last, string charset)
        {
            for (var id = first; id <= last; id++)
                names[id] = charset;
        }

        Set(1, 1, "big5");
        Set(2, 2, "latin2");
        Set(3, 3, "dec8");
        Set(4, 4, "cp850");
        Set(5, 5, "latin1");
        Set(6, 6, "hp8");
        Set(7, 7, "koi8r");
        Set(8, 8, "latin1");
        Set(9, 9, "latin2");
        Set(10, 10, "swe7");
        Set(11, 11, "ascii");
        Set(12, 12, "ujis");
        Set(13, 13, "sjis");
        Set(14, 14, "cp1251");
        Set(15, 15, "latin1");
        Set(16, 16, "hebrew");
        Set(18, 18, "tis620");
        Set(19, 19, "euckr");
        Set(20, 20, "latin7");
        Set(21, 21, "latin2");
        Set(22, 22, "koi8u");
        Set(23, 23, "cp1251");
        Set(24, 24, "gb2312");
        Set(25, 25, "greek");
        Set(26, 26, "cp1250");
        Set(27, 27, "latin2");
        Set(28, 28, "gbk");
        Set(29, 29, "cp1257");
        Set(30, 30, "latin5");
        Set(31, 31, "latin1");
        Set(32, 32, "armscii8");
        Set(33, 33, "utf8mb3");
        Set(34, 34, "cp1250");
        Set(35, 35, "ucs2");
        Set(36, 36, "cp866");
        Set(37, 37, "keybcs2");
        Set(38, 38, "macce");
        Set(39, 39, "macroman");
        Set(40, 40, "cp852");
        Set(41, 42, "latin7");
        Set(43, 43, "macce");
        Set(44, 44, "cp1250");
        Set(45, 46, "utf8mb4");
        Set(47, 49, "latin1");
        Set(50, 52, "cp1251");
        Set(53, 53, "macroman");
        Set(54, 55, "utf16");
        Set(56, 56, "utf16le");
        Set(57, 57, "cp1256");
        Set(58, 59, "cp1257");
        Set(60, 61, "utf32");
        Set(62, 62, "utf16le");
        Set(63, 63, "binary");
        Set(64, 64, "armscii8");
        Set(65, 65, "ascii");
        Set(66, 66, "cp1250");
        Set(67, 67, "cp1256");
        Set(68, 68, "cp866");
        Set(69, 69, "dec8");
        Set(70, 70, "greek");
        Set(71, 71, "hebrew");
        Set(72, 72, "hp8");
        Set(73, 73, "keybcs2");
        Set(74, 74, "koi8r");
        Set(75, 75, "koi8u");
        Set(76, 76, "utf8mb3"); // MySQL 8.0.30 utf8mb3_tolower_ci
        Set(77, 77, "latin2");
        Set(78, 78, "latin5");
        Set(79, 79, "latin7");
        Set(80, 80, "cp850");
        Set(81, 81, "cp852");
        Set(82, 82, "swe7");
        Set(83, 83, "utf8mb3");
        Set(84, 84, "big5");
        Set(85, 85, "euckr");
        Set(86, 86, "gb2312");
        Set(87, 87, "gbk");
        Set(88, 88, "sjis");
        Set(89, 89, "tis620");
        Set(90, 90, "ucs2");
        Set(91, 91, "ujis");
        Set(92, 93, "geostd8");
        Set(94, 94, "latin1");
        Set(95, 96, "cp932");
        Set(97, 98, "eucjpms");
        Set(99, 99, "cp1250");
        Set(101, 124, "utf16");
        Set(128, 151, "ucs2");
        Set(159, 159, "ucs2");
        Set(160, 183, "utf32");
        Set(192, 215, "utf8mb3");
        Set(223, 223, "utf8mb3");
        Set(224, 247, "utf8mb4");
        Set(248, 250, "gb18030"); // MySQL only
        Set(255, 255, "utf8mb4"); // MySQL utf8mb4_0900_ai_ci
        return names;
    }

    private static FrozenDictionary<string, Encoding?> BuildEncodings()
    {
        var codePages = CodePagesEncodingProvider.Instance;
        Encoding CodePage(int codePage) => codePages.GetEncoding(codePage) ?? Encoding.Latin1;

        // ISO-8859-1 stands in for the single-byte sets .NET has no table for: ASCII text decodes right
        // and every other byte still becomes exactly one character, so nothing is dropped.
        var approximate = Encoding.Latin1;
        var map = new Dictionary<string, Encoding?>(StringComparer.OrdinalIgnoreCase)
        {
            ["binary"] = null,
            ["utf8mb4"] = Encoding.UTF8,
            ["utf8mb3"] = Encoding.UTF8,
            ["utf8"] = Encoding.UTF8,
            ["ucs2"] = Encoding.BigEndianUnicode,
            ["utf16"] = Encoding.BigEndianUnicode,
            ["utf16le"] = Encoding.Unicode,
            ["utf32"] = Utf32BigEndian,

            // MySQL's latin1 is Windows-1252 (with the five undefined bytes mapped to C1 controls, as .NET does).
            ["latin1"] = CodePage(1252),
            ["ascii"] = Encoding.Latin1,
            ["latin2"] = CodePage(28592),
            ["latin5"] = CodePage(28599),
            ["latin7"] = CodePage(28603),
            ["greek"] = CodePage(28597),
            ["hebrew"] = CodePage(28598),
            ["koi8r"] = CodePage(20866),
            ["koi8u"] = CodePage(21866),
            ["cp1250"] = CodePage(1250),
            ["cp1251"] = CodePage(1251),
            ["cp1256"] = CodePage(1256),
            ["cp1257"] = CodePage(1257),
            ["cp850"] = CodePage(850),
            ["cp852"] = CodePage(852),
            ["cp866"] = CodePage(866),
            ["tis620"] = CodePage(874),
            ["macroman"] = CodePage(10000),
            ["macce"] = CodePage(10029),
            ["big5"] = CodePage(950),
            ["gbk"] = CodePage(936),
            ["gb2312"] = CodePage(936),
            ["gb18030"] = CodePage(54936),
            ["sjis"] = CodePage(932),
            ["cp932"] = CodePage(932),
            ["ujis"] = CodePage(51932),
            ["eucjpms"] = CodePage(51932),
            ["euckr"] = CodePage(51949),
            ["armscii8"] = approximate,
            ["geostd8"] = approximate,
            ["dec8"] = approximate,
            ["hp8"] = approximate,
            ["keybcs2"] = approximate,
            ["swe7"] = approximate,
        };
        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
