using System.Text;
using Sluice.MySql.Binlog.Rows;
using Xunit;

namespace Sluice.MySql.Tests.Binlog.Rows;

public sealed class CharsetsTests
{
    [Theory]
    [InlineData(33, "utf8mb3")] // utf8mb3_general_ci
    [InlineData(45, "utf8mb4")] // utf8mb4_general_ci
    [InlineData(46, "utf8mb4")] // utf8mb4_bin
    [InlineData(224, "utf8mb4")] // utf8mb4_unicode_ci
    [InlineData(247, "utf8mb4")] // utf8mb4_vietnamese_ci
    [InlineData(255, "utf8mb4")] // MySQL 8 utf8mb4_0900_ai_ci
    [InlineData(309, "utf8mb4")] // MySQL 8 utf8mb4_0900_bin
    [InlineData(8, "latin1")]
    [InlineData(47, "latin1")]
    [InlineData(63, "binary")]
    [InlineData(11, "ascii")]
    [InlineData(35, "ucs2")]
    [InlineData(54, "utf16")]
    [InlineData(56, "utf16le")]
    [InlineData(60, "utf32")]
    [InlineData(28, "gbk")]
    [InlineData(1, "big5")]
    [InlineData(13, "sjis")]
    [InlineData(95, "cp932")]
    [InlineData(19, "euckr")]
    [InlineData(12, "ujis")]
    [InlineData(24, "gb2312")]
    [InlineData(248, "gb18030")]
    [InlineData(7, "koi8r")]
    [InlineData(25, "greek")]
    [InlineData(16, "hebrew")]
    [InlineData(26, "cp1250")]
    [InlineData(51, "cp1251")]
    [InlineData(57, "cp1256")]
    [InlineData(59, "cp1257")]
    [InlineData(608, "utf8mb4")] // MariaDB utf8mb4_croatian_mysql561_ci
    [InlineData(576, "utf8mb3")] // MariaDB utf8mb3_croatian_mysql561_ci
    [InlineData(1069, "utf8mb4")] // MariaDB utf8mb4_general_nopad_ci = 1024 + 45
    [InlineData(1070, "utf8mb4")] // MariaDB utf8mb4_nopad_bin
    [InlineData(1032, "latin1")] // MariaDB latin1_swedish_nopad_ci
    [InlineData(2048, "utf8mb3")] // MariaDB utf8mb3_uca1400_ai_ci
    [InlineData(2304, "utf8mb4")] // MariaDB utf8mb4_uca1400_ai_ci
    [InlineData(2560, "ucs2")]
    [InlineData(2816, "utf16")]
    [InlineData(3072, "utf32")]
    public void Collation_ids_name_their_charset(int id, string expected)
    {
        Assert.Equal(expected, Charsets.GetCharsetName(id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(100)]
    [InlineData(400)]
    [InlineData(5000)]
    [InlineData(-1)]
    public void Unknown_ids_are_assumed_utf8(int id)
    {
        Assert.Null(Charsets.GetCharsetName(id));
        Assert.Same(Encoding.UTF8, Charsets.FromCollationId(id));
    }

    [Fact]
    public void Binary_has_no_encoding()
    {
        Assert.Null(Charsets.FromCollationId(Charsets.BinaryCollationId));
        Assert.Null(Charsets.FromCharsetName("binary"));
        Assert.Null(Charsets.FromCollationName("binary"));
    }

    [Theory]
    [InlineData("utf8mb4", "f09f9880", "\U0001F600")]
    [InlineData("utf8mb3", "c3a9", "é")]
    [InlineData("utf8", "c3a9", "é")]
    [InlineData("latin1", "e980", "é€")] // MySQL latin1 is Windows-1252
    [InlineData("ascii", "41", "A")]
    [InlineData("ucs2", "00e9", "é")]
    [InlineData("utf16", "d83dde00", "\U0001F600")]
    [InlineData("utf16le", "e900", "é")]
    [InlineData("utf32", "0001f600", "\U0001F600")]
    [InlineData("cp1251", "cff0e8e2e5f2", "Привет")]
    [InlineData("gbk", "d6d0cec4", "中文")]
    [InlineData("gb2312", "d6d0cec4", "中文")]
    [InlineData("gb18030", "d6d0cec4", "中文")]
    [InlineData("big5", "a4a4a4e5", "中文")]
    [InlineData("sjis", "93fa967b", "日本")]
    [InlineData("ujis", "c6fccbdc", "日本")]
    [InlineData("euckr", "c7d1b1b9", "한국")]
    [InlineData("koi8r", "f0f2e9f7e5f4", "ПРИВЕТ")]
    [InlineData("greek", "e1", "α")]
    [InlineData("hebrew", "e0", "א")]
    [InlineData("cp1250", "9a", "š")]
    [InlineData("cp1256", "c7", "ا")]
    [InlineData("cp1257", "e0", "ą")]
    public void Charset_names_decode_their_bytes(string charset, string hex, string expected)
    {
        var encoding = Charsets.FromCharsetName(charset);
        Assert.NotNull(encoding);
        Assert.Equal(expected, encoding.GetString(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Collation_names_use_their_first_word()
    {
        Assert.Same(Encoding.UTF8, Charsets.FromCollationName("utf8mb4_0900_ai_ci"));
        Assert.Equal(Encoding.Unicode, Charsets.FromCollationName("utf16le_general_ci"));
        Assert.Same(Encoding.UTF8, Charsets.FromCharsetName("no-such-charset"));
        Assert.True(Charsets.IsKnownCharset("LATIN1"));
        Assert.False(Charsets.IsKnownCharset("no-such-charset"));
    }
}
