using Sluice.MySql.Binlog.Rows;
using Xunit;
using static Sluice.MySql.Tests.Binlog.Rows.ColumnFixture;

namespace Sluice.MySql.Tests.Binlog.Rows;

public sealed class StringColumnTests
{
    private const int Utf8Mb4GeneralCi = 45;
    private const int Latin1SwedishCi = 8;
    private const int Binary = 63;

    // VARCHAR metadata: the maximum byte length, TABLE_MAP bytes little-endian ("2800" = 40 for VARCHAR(10) utf8mb4).
    [Theory]
    [InlineData(40, Utf8Mb4GeneralCi, "00", "")] // VARCHAR(10) utf8mb4: ''
    [InlineData(40, Utf8Mb4GeneralCi, "03616263", "abc")]
    [InlineData(40, Utf8Mb4GeneralCi, "04f09f9880", "\U0001F600")] // emoji, 4 bytes
    [InlineData(1200, Utf8Mb4GeneralCi, "0300616263", "abc")] // VARCHAR(300) utf8mb4: 2-byte length
    [InlineData(252, Utf8Mb4GeneralCi, "02c3a9", "é")] // VARCHAR(63) utf8mb4: 252 bytes, 1-byte length
    [InlineData(256, Utf8Mb4GeneralCi, "0200c3a9", "é")] // VARCHAR(64) utf8mb4: 256 bytes, 2-byte length
    [InlineData(100, Latin1SwedishCi, "06636166e92080", "café €")] // latin1 is cp1252: 0x80 is the euro sign
    [InlineData(20, 35, "0200e9", "é")] // ucs2: big-endian
    [InlineData(40, 54, "04d83dde00", "\U0001F600")] // utf16: big-endian surrogate pair
    [InlineData(40, 56, "02e900", "é")] // utf16le
    [InlineData(40, 60, "040001f600", "\U0001F600")] // utf32: big-endian
    [InlineData(10, 51, "06cff0e8e2e5f2", "Привет")] // cp1251
    [InlineData(20, 28, "04d6d0cec4", "中文")] // gbk
    public void Varchar_decodes_in_the_column_charset(int maxLength, int collationId, string hex, string expected)
    {
        var column = Column(ColumnType.VarChar, (ushort)maxLength, collationId: collationId);
        Assert.Equal(expected, Assert.IsType<string>(Decode(column, hex)));
    }

    [Fact]
    public void Varchar_of_300_bytes_uses_a_two_byte_length()
    {
        var column = Column(ColumnType.VarChar, 1200, collationId: Utf8Mb4GeneralCi);
        Assert.Equal(new string('x', 300), Decode(column, "2c01" + string.Concat(Enumerable.Repeat("78", 300))));
    }

    [Fact]
    public void Varbinary_decodes_to_bytes()
    {
        // VARBINARY(300): metadata 300, collation binary.
        var column = Column(ColumnType.VarChar, 300, collationId: Binary);
        Assert.Equal(new byte[] { 0x00, 0xFF, 0x10 }, Assert.IsType<byte[]>(Decode(column, "030000ff10")));
    }

    [Fact]
    public void Varchar_without_charset_information_is_utf8()
    {
        Assert.Equal("\U0001F600", Decode(Column(ColumnType.VarChar, 40), "04f09f9880"));
    }

    [Theory]
    [InlineData(40, "29")] // length 41 above the maximum 40
    [InlineData(40, "0461")] // 4 bytes announced, 1 there
    [InlineData(300, "01")] // 2-byte length cut short
    public void Bad_varchar_lengths_throw(int maxLength, string hex)
    {
        DecodeFails(Column(ColumnType.VarChar, (ushort)maxLength), hex);
    }

    // STRING metadata: real type << 8 | length, with CHAR lengths over 255 folded into the real-type byte.
    [Theory]
    [InlineData(0xFE28, Utf8Mb4GeneralCi, "026162", "ab")] // CHAR(10) utf8mb4 'ab  ': trailing spaces stripped, as SELECT shows
    [InlineData(0xFE28, Utf8Mb4GeneralCi, "00", "")]
    [InlineData(0xFE28, Utf8Mb4GeneralCi, "022061", " a")]
    [InlineData(0xCEFC, Utf8Mb4GeneralCi, "0300616263", "abc")] // CHAR(255) utf8mb4: 1020 bytes, 2-byte length
    [InlineData(0xEE90, Utf8Mb4GeneralCi, "010078", "x")] // CHAR(100) utf8mb4: 400 bytes, 2-byte length
    [InlineData(0xDE58, 33, "010078", "x")] // CHAR(200) utf8mb3: 600 bytes, 2-byte length
    [InlineData(0xFE0A, Latin1SwedishCi, "01e9", "é")] // CHAR(10) latin1
    [InlineData(0xFE00, Utf8Mb4GeneralCi, "00", "")] // CHAR(0)
    public void Char_decodes_in_the_column_charset(int metadata, int collationId, string hex, string expected)
    {
        var column = Column(ColumnType.String, (ushort)metadata, collationId: collationId);
        Assert.Equal(ColumnType.String, column.Type);
        Assert.Equal(expected, Assert.IsType<string>(Decode(column, hex)));
    }

    [Fact]
    public void Char_255_of_four_byte_characters_fills_1020_bytes()
    {
        var column = Column(ColumnType.String, 0xCEFC, collationId: Utf8Mb4GeneralCi);
        var hex = "fc03" + string.Concat(Enumerable.Repeat("f09f9880", 255));
        Assert.Equal(string.Concat(Enumerable.Repeat("\U0001F600", 255)), Decode(column, hex));
    }

    // BINARY(4): the binlog drops trailing 0x00 (Field_string::pack strips the binary pad byte);
    // SELECT returns the value padded back to 4 bytes.
    [Theory]
    [InlineData("0161", "61000000")] // 'a'
    [InlineData("020001", "00010000")] // 0x00010000
    [InlineData("00", "00000000")] // 0x00000000
    [InlineData("0401020304", "01020304")]
    public void Binary_is_padded_to_its_length_as_select_returns_it(string hex, string expectedHex)
    {
        var column = Column(ColumnType.String, 0xFE04, collationId: Binary);
        Assert.Equal(Convert.FromHexString(expectedHex), Assert.IsType<byte[]>(Decode(column, hex)));
    }

    [Theory]
    [InlineData(0xFE04, "050102030405")] // 5 bytes in BINARY(4)
    [InlineData(0xCEFC, "fd03")] // 1021 bytes announced in a 1020-byte CHAR
    [InlineData(0x0A0A, "00")] // real-type byte 0x0A names no string type
    [InlineData(0xF70A, "01")] // ENUM with pack length 10
    [InlineData(0xF805, "01")] // SET with pack length 5
    public void Bad_char_values_and_metadata_throw(int metadata, string hex)
    {
        DecodeFails(Column(ColumnType.String, (ushort)metadata, collationId: Binary), hex);
    }

    // BLOB metadata: the pack length of the value's length prefix; every BLOB/TEXT size is wire type BLOB.
    [Theory]
    [InlineData(1, "020102")] // TINYBLOB
    [InlineData(2, "02000102")] // BLOB
    [InlineData(3, "0200000102")] // MEDIUMBLOB
    [InlineData(4, "020000000102")] // LONGBLOB
    public void Blob_of_each_pack_length_decodes_to_bytes(int packLength, string hex)
    {
        var column = Column(ColumnType.Blob, (ushort)packLength, collationId: Binary);
        Assert.Equal(new byte[] { 1, 2 }, Assert.IsType<byte[]>(Decode(column, hex)));
    }

    [Fact]
    public void Empty_blob_and_blob_without_charset_information_are_bytes()
    {
        Assert.Equal(Array.Empty<byte>(), Decode(Column(ColumnType.Blob, 2, collationId: Binary), "0000"));
        Assert.Equal(new byte[] { 0x68 }, Decode(Column(ColumnType.Blob, 2), "010068"));
    }

    [Fact]
    public void Text_decodes_in_its_charset()
    {
        // TEXT utf8mb4: wire BLOB, metadata 2.
        Assert.Equal("h\U0001F600", Decode(Column(ColumnType.Blob, 2, collationId: Utf8Mb4GeneralCi), "050068f09f9880"));
    }

    [Fact]
    public void MariaDb_json_is_longtext_and_decodes_as_text()
    {
        // MariaDB JSON column '{"a": 1}': wire BLOB, metadata 4, utf8mb4_bin (46).
        Assert.Equal("{\"a\": 1}", Decode(Column(ColumnType.Blob, 4, collationId: 46), "080000007b2261223a20317d"));
    }

    [Fact]
    public void MySql_json_of_length_zero_is_the_null_literal()
    {
        // An empty JSON value (left by INSERT IGNORE of NULL) reads as JSON null; no binary JSON to parse.
        Assert.Equal("null", Decode(Column(ColumnType.Json, 4), "00000000"));
        DecodeFails(Column(ColumnType.Json, 4), "05000000aa");
        DecodeFails(Column(ColumnType.Json, 0), "00000000");
    }

    [Theory]
    [InlineData("19000000000000000101000000000000000000f03f0000000000000040", "000000000101000000000000000000f03f0000000000000040")] // POINT(1 2), SRID 0
    [InlineData("19000000e61000000101000000000000000000f03f0000000000000040", "e61000000101000000000000000000f03f0000000000000040")] // POINT(1 2), SRID 4326
    public void Geometry_is_srid_and_wkb_bytes(string hex, string expectedHex)
    {
        Assert.Equal(Convert.FromHexString(expectedHex), Assert.IsType<byte[]>(Decode(Column(ColumnType.Geometry, 4), hex)));
    }

    [Theory]
    [InlineData(2, "0300aabb")] // 3 bytes announced, 2 there
    [InlineData(4, "ffffffff")] // 4 GiB announced
    [InlineData(1, "")]
    public void Bad_blob_lengths_throw(int packLength, string hex)
    {
        DecodeFails(Column(ColumnType.Blob, (ushort)packLength), hex);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Impossible_blob_pack_length_fails_when_a_value_is_read(int packLength)
    {
        DecodeFails(Column(ColumnType.Blob, (ushort)packLength), "0000000000");
    }
}
