using System.Buffers;
using System.IO.Compression;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>
/// MariaDB's compressed binlog payloads (QUERY_COMPRESSED_EVENT's statement, *_ROWS_COMPRESSED_EVENT's rows):
/// one header byte (bit 7 always set, bits 4..6 the algorithm where 0 is zlib, bits 0..2 how many bytes the
/// length takes), the uncompressed length big-endian in that many bytes (1..4), then a zlib stream.
/// </summary>
/// <remarks>
/// https://mariadb.com/kb/en/compressed-binary-log/ ; the layout is binlog_buf_compress() in MariaDB's
/// sql/log_event.cc (log_bin_compress=ON, log_bin_compress_min_len).
/// </remarks>
internal static class MariaDbCompression
{
    /// <summary>Largest uncompressed length accepted; a bigger claim is treated as corrupt, not allocated.</summary>
    public const int MaxUncompressedLength = 1 << 30;

    // Deflate cannot expand data more than about 1032:1; a claim beyond that for the bytes present is false.
    private const long MaxDeflateRatio = 1032;

    /// <summary>
    /// Decompresses <paramref name="compressed"/> into a buffer rented from <see cref="ArrayPool{T}.Shared"/>;
    /// the caller returns it. <paramref name="baseOffset"/> is where <paramref name="compressed"/> starts in the event.
    /// </summary>
    public static byte[] Decompress(ReadOnlySpan<byte> compressed, int baseOffset, out int length)
    {
        if (compressed.IsEmpty)
            throw new MySqlDecodingException("expected a compressed payload header, found the end of the event", baseOffset);
        var header = compressed[0];
        var algorithm = (header >> 4) & 0x07;
        var lengthOfLength = header & 0x07;
        if ((header & 0x80) == 0 || algorithm != 0)
            throw new MySqlDecodingException($"expected a zlib compressed payload header (0x81..0x84), found 0x{header:X2}", baseOffset);
        if (lengthOfLength is < 1 or > 4)
            throw new MySqlDecodingException($"expected a compressed length of 1..4 bytes, found {lengthOfLength}", baseOffset);
        if (compressed.Length < 1 + lengthOfLength)
            throw new MySqlDecodingException($"expected {lengthOfLength} bytes of uncompressed length, found {compressed.Length - 1}", baseOffset + 1);

        long declared = 0;
        for (var i = 1; i <= lengthOfLength; i++)
            declared = (declared << 8) | compressed[i];
        var data = compressed[(1 + lengthOfLength)..];
        if (declared > MaxUncompressedLength)
            throw new MySqlDecodingException($"expected an uncompressed length of at most {MaxUncompressedLength}, found {declared}", baseOffset + 1);
        if (declared > (data.Length * MaxDeflateRatio) + 64)
            throw new MySqlDecodingException($"expected at most {data.Length * MaxDeflateRatio} bytes from {data.Length} compressed bytes, found a claim of {declared}", baseOffset + 1);

        // zlib reads from a Stream; the compressed bytes are small next to their output, so one pooled copy is cheap.
        var input = ArrayPool<byte>.Shared.Rent(data.Length);
        var output = ArrayPool<byte>.Shared.Rent((int)Math.Max(declared, 1));
        try
        {
            data.CopyTo(input);
            using var stream = new ZLibStream(new MemoryStream(input, 0, data.Length, writable: false), CompressionMode.Decompress);
            var total = 0;
            while (total < declared)
            {
                var read = stream.Read(output, total, (int)declared - total);
                if (read == 0)
                    break;
                total += read;
            }

            // MariaDB accepts fewer bytes than declared; more would overflow its buffer, so it is corrupt.
            Span<byte> probe = stackalloc byte[1];
            if (stream.Read(probe) != 0)
                throw new MySqlDecodingException($"expected {declared} uncompressed bytes, found more", baseOffset + 1 + lengthOfLength);
            length = total;
            return output;
        }
        catch (InvalidDataException ex)
        {
            ArrayPool<byte>.Shared.Return(output);
            throw new MySqlDecodingException($"expected a valid zlib stream, found corrupt data: {ex.Message}", baseOffset + 1 + lengthOfLength, ex);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(output);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }
}
