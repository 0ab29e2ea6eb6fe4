using System.Text;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>Turns the bytes of a string value into text in the column's charset, or a byte array for binary columns.</summary>
internal static class StringValue
{
    public static object Create(ReadOnlySpan<byte> bytes, Encoding? encoding) =>
        encoding is null ? bytes.ToArray() : bytes.IsEmpty ? string.Empty : encoding.GetString(bytes);

    /// <summary>Reads a little-endian length of 1..4 bytes that must not exceed <paramref name="maxLength"/>.</summary>
    public static int ReadLength(ref ByteReader reader, int lengthBytes, long maxLength, string what)
    {
        var offset = reader.Offset;
        var length = reader.ReadFixedLengthUInt(lengthBytes);
        if (length > (ulong)maxLength)
            throw new MySqlDecodingException($"expected a {what} length of at most {maxLength}, found {length}", offset);
        if (length > (ulong)reader.Remaining)
            throw new MySqlDecodingException($"expected {length} bytes of {what}, found {reader.Remaining}", reader.Offset);
        return (int)length;
    }
}

/// <summary>
/// VARCHAR / VARBINARY (and the old VAR_STRING): a length of 1 byte when the column's maximum byte length is
/// below 256, else 2 bytes little-endian, then the bytes.
/// </summary>
internal sealed class VarStringColumnReader(int maxLength, Encoding? encoding) : ColumnReader
{
    private readonly int _lengthBytes = maxLength < 256 ? 1 : 2;

    public override object Read(ref ByteReader reader)
    {
        var length = StringValue.ReadLength(ref reader, _lengthBytes, maxLength, "VARCHAR");
        return StringValue.Create(reader.ReadBytes(length), encoding);
    }
}

/// <summary>
/// CHAR / BINARY: like VARCHAR, a length of 1 byte (2 when the column holds more than 255 bytes), then the
/// value with its trailing pad stripped: spaces for text (which SELECT strips as well) and 0x00 for BINARY(n)
/// (Field_string::pack strips the charset's pad character, 0x00 for binary). SELECT returns BINARY(n) padded
/// to n bytes, so binary values are padded back here.
/// </summary>
internal sealed class CharColumnReader(int fieldLength, Encoding? encoding) : ColumnReader
{
    private readonly int _lengthBytes = fieldLength > 255 ? 2 : 1;

    public override object Read(ref ByteReader reader)
    {
        var length = StringValue.ReadLength(ref reader, _lengthBytes, fieldLength, "CHAR");
        var bytes = reader.ReadBytes(length);
        if (encoding is not null)
            return bytes.IsEmpty ? string.Empty : encoding.GetString(bytes);
        var padded = new byte[fieldLength];
        bytes.CopyTo(padded);
        return padded;
    }
}

/// <summary>
/// BLOB / TEXT of every size, GEOMETRY (4-byte SRID then WKB, what SELECT of the column returns) and
/// VECTOR: a little-endian length of the column's pack length (1..4 bytes), then the bytes.
/// </summary>
internal sealed class BlobColumnReader(int packLength, Encoding? encoding) : ColumnReader
{
    private readonly long _maxLength = Math.Min((1L << (8 * packLength)) - 1, int.MaxValue);

    public override object Read(ref ByteReader reader)
    {
        var length = StringValue.ReadLength(ref reader, packLength, _maxLength, "BLOB");
        return StringValue.Create(reader.ReadBytes(length), encoding);
    }
}

/// <summary>
/// MySQL's JSON: a BLOB-style length of the column's pack length, then MySQL's binary JSON, returned as JSON
/// text. An empty value is the JSON null literal, as json_binary::parse_binary reads it (IGNORE or
/// non-strict inserts leave one). MariaDB's JSON is LONGTEXT and goes through <see cref="BlobColumnReader"/>.
/// </summary>
internal sealed class JsonColumnReader(int packLength) : ColumnReader
{
    private readonly long _maxLength = Math.Min((1L << (8 * packLength)) - 1, int.MaxValue);

    public override object Read(ref ByteReader reader)
    {
        var length = StringValue.ReadLength(ref reader, packLength, _maxLength, "JSON");
        return length == 0 ? "null" : JsonBinary.ToJsonText(reader.ReadBytes(length));
    }
}
