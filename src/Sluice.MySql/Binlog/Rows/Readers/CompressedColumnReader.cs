using System.IO.Compression;
using System.Text;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>
/// MariaDB's COMPRESSED columns (VARCHAR_COMPRESSED, BLOB_COMPRESSED): a VARCHAR- or BLOB-style length, then
/// the stored bytes. Their first byte is a header: bit 7 clear means the rest is the value as is; bit 7 set
/// means bits 0-2 give the byte count (1..4) of the original length that follows big-endian, bits 3-6 the
/// algorithm (1 = zlib, written as a raw deflate stream), and the compressed data fills the rest.
/// </summary>
/// <remarks>https://mariadb.com/kb/en/storage-engine-independent-column-compression/ ; sql/field_comp.cc.</remarks>
internal sealed class CompressedColumnReader(int lengthBytes, long maxLength, Encoding? encoding) : ColumnReader
{
    private const int ZlibAlgorithm = 1;

    public override object Read(ref ByteReader reader)
    {
        var length = StringValue.ReadLength(ref reader, lengthBytes, maxLength, "compressed column");
        if (length == 0)
            return StringValue.Create([], encoding);

        var offset = reader.Offset;
        var stored = reader.ReadBytes(length);
        var header = stored[0];
        if ((header & 0x80) == 0)
            return StringValue.Create(stored[1..], encoding);

        var originalLengthBytes = header & 0x07;
        var algorithm = (header >> 3) & 0x0F;
        if (algorithm != ZlibAlgorithm || originalLengthBytes is < 1 or > 4 || stored.Length < 1 + originalLengthBytes)
            throw new MySqlDecodingException($"expected a compressed-column header (zlib, 1..4 length bytes), found 0x{header:X2} in {length} bytes", offset);

        long originalLength = 0;
        for (var i = 1; i <= originalLengthBytes; i++)
            originalLength = (originalLength << 8) | stored[i];
        if (originalLength > maxLength)
            throw new MySqlDecodingException($"expected a compressed value of at most {maxLength} bytes, found a length of {originalLength}", offset);

        var value = Inflate(stored[(1 + originalLengthBytes)..], (int)originalLength, offset);
        return encoding is null ? value : encoding.GetString(value);
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, int originalLength, int offset)
    {
        // Deflate cannot expand data more than 1032 times; a larger claim is corruption, refused before allocating.
        const int maxDeflateRatio = 1032;
        if (originalLength > ((long)compressed.Length * maxDeflateRatio) + 64)
            throw new MySqlDecodingException($"expected a compressed value that can inflate to {originalLength} bytes, found {compressed.Length} bytes", offset);

        var value = new byte[originalLength];
        int filled;
        bool trailing;
        try
        {
            using var input = new MemoryStream(compressed.ToArray(), writable: false);
            using var deflate = new DeflateStream(input, CompressionMode.Decompress);
            filled = deflate.ReadAtLeast(value, originalLength, throwOnEndOfStream: false);
            trailing = filled == originalLength && deflate.ReadByte() >= 0;
        }
        catch (InvalidDataException e)
        {
            throw new MySqlDecodingException("expected a deflate stream in a compressed value, found corrupt data", offset, e);
        }

        if (filled != originalLength || trailing)
            throw new MySqlDecodingException($"expected {originalLength} bytes from a compressed value, found {(trailing ? "more" : filled.ToString(System.Globalization.CultureInfo.InvariantCulture))}", offset);
        return value;
    }
}
