using Sluice.MySql.Binlog.Rows;
using Xunit;
using static Sluice.MySql.Tests.Binlog.Rows.ColumnFixture;

namespace Sluice.MySql.Tests.Binlog.Rows;

/// <summary>MariaDB's COMPRESSED columns, with bytes from a MariaDB 10.11 binlog (see <see cref="ColumnFixture"/>).</summary>
public sealed class CompressedColumnTests
{
    // VARCHAR(1000) COMPRESSED CHARACTER SET utf8mb4: wire type 141, metadata 4001 (TABLE_MAP bytes a1 0f).
    [Theory]
    [InlineData("040000616263", "abc")] // header 00: stored as is
    [InlineData("0000", "")]
    public void Compressed_varchar_stored_as_is(string hex, string expected)
    {
        Assert.Equal(expected, Decode(Column(ColumnType.VarCharCompressed, 4001, collationId: 45), hex));
    }

    [Fact]
    public void Compressed_varchar_inflates()
    {
        // REPEAT('ab', 200): header 8a = compressed, zlib, 2 length bytes; length 0x0190 = 400 big-endian; raw deflate.
        var value = Decode(Column(ColumnType.VarCharCompressed, 4001, collationId: 45), "0c008a01904b4c4a1c8583080200");
        Assert.Equal(string.Concat(Enumerable.Repeat("ab", 200)), value);
    }

    // BLOB COMPRESSED: wire type 140, metadata 2.
    [Fact]
    public void Compressed_blob_decodes_to_bytes()
    {
        var column = Column(ColumnType.BlobCompressed, 2, collationId: 63);
        Assert.Equal(new byte[] { 1, 2 }, Decode(column, "0300000102"));
        Assert.Equal(Enumerable.Repeat((byte)'x', 500).ToArray(), Decode(column, "0b008a01f4aba81805230d0000"));
        Assert.Equal(Array.Empty<byte>(), Decode(column, "0000"));
    }

    [Fact]
    public void Compressed_text_decodes_in_its_charset()
    {
        // TEXT COMPRESSED utf8mb4: REPEAT('😀', 100).
        var value = Decode(Column(ColumnType.BlobCompressed, 2, collationId: 45), "0e008a0190fb307f46c387513c683000");
        Assert.Equal(string.Concat(Enumerable.Repeat("\U0001F600", 100)), value);
    }

    [Theory]
    [InlineData("0c008a01914b4c4a1c8583080200")] // claims 401 bytes, inflates to 400
    [InlineData("0c008a018f4b4c4a1c8583080200")] // claims 399 bytes, inflates to 400
    [InlineData("0c0082019000000000000000ffff")] // algorithm 0
    [InlineData("0c008a0190ffffffffffffffffff")] // not a deflate stream
    [InlineData("05008cffffffff")] // 4 GiB claimed from 0 bytes of data
    [InlineData("02008a01")] // length bytes cut off
    public void Corrupt_compressed_values_throw(string hex)
    {
        DecodeFails(Column(ColumnType.BlobCompressed, 2, collationId: 45), hex);
    }
}
