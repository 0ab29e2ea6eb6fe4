using System.Buffers;
using System.Buffers.Binary;

namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// Walks one binary JSON document and writes its text. Offsets inside an object or array count from the
/// start of that container (just after its type byte), and every value must lie inside its container's
/// declared size.
/// </summary>
/// <remarks>
/// Layout (json_binary.h): <c>doc ::= type value</c>; an object is <c>count size key-entry* value-entry* key* value*</c>
/// and an array <c>count size value-entry* value*</c>, where count, size and offsets are 2 bytes in small
/// containers and 4 in large ones, a key entry is <c>offset u16-length</c> and a value entry is
/// <c>type offset-or-inlined-value</c>. https://dev.mysql.com/doc/dev/mysql-server/latest/json__binary_8h.html
/// <para>
/// A well-formed document never shares bytes between two values, so the bytes charged for all values together
/// cannot exceed the document's length. Holding the walk to that budget stops crafted documents whose
/// entries all point at one big value from printing far more text than they hold.
/// </para>
/// </remarks>
internal ref struct JsonBinaryReader
{
    private static readonly SearchValues<byte> s_needEscaping = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\"\\"u8);

    private readonly ReadOnlySpan<byte> _document;
    private JsonTextBuffer _text;
    private long _budget;

    private JsonBinaryReader(ReadOnlySpan<byte> document)
    {
        _document = document;
        // Text is usually under twice the binary size; a larger start is pooled memory wasted.
        _text = new JsonTextBuffer((int)Math.Min(document.Length * 2L, 1 << 20));
        _budget = document.Length;
    }

    public static string ToJsonText(ReadOnlySpan<byte> document)
    {
        if (document.IsEmpty)
            return "null";

        var reader = new JsonBinaryReader(document);
        try
        {
            reader.WriteValue(document[0], 1, document.Length, depth: 0, inlined: false);
            return reader._text.ToString();
        }
        finally
        {
            reader._text.Dispose();
        }
    }

    /// <summary>Writes the value of <paramref name="type"/> whose bytes start at <paramref name="at"/> and
    /// must end by <paramref name="end"/>.</summary>
    private void WriteValue(byte type, int at, int end, int depth, bool inlined)
    {
        switch (type)
        {
            case JsonBinaryType.SmallObject:
                WriteContainer(isObject: true, large: false, at, end, depth);
                break;
            case JsonBinaryType.LargeObject:
                WriteContainer(isObject: true, large: true, at, end, depth);
                break;
            case JsonBinaryType.SmallArray:
                WriteContainer(isObject: false, large: false, at, end, depth);
                break;
            case JsonBinaryType.LargeArray:
                WriteContainer(isObject: false, large: true, at, end, depth);
                break;
            case JsonBinaryType.Literal:
                WriteLiteral(Scalar(at, 1, end, inlined, "a JSON literal")[0], at);
                break;
            case JsonBinaryType.Int16:
                _text.AppendFormatted(BinaryPrimitives.ReadInt16LittleEndian(Scalar(at, 2, end, inlined, "an int16")));
                break;
            case JsonBinaryType.UInt16:
                _text.AppendFormatted(BinaryPrimitives.ReadUInt16LittleEndian(Scalar(at, 2, end, inlined, "a uint16")));
                break;
            case JsonBinaryType.Int32:
                _text.AppendFormatted(BinaryPrimitives.ReadInt32LittleEndian(Scalar(at, 4, end, inlined, "an int32")));
                break;
            case JsonBinaryType.UInt32:
                _text.AppendFormatted(BinaryPrimitives.ReadUInt32LittleEndian(Scalar(at, 4, end, inlined, "a uint32")));
                break;
            case JsonBinaryType.Int64:
                _text.AppendFormatted(BinaryPrimitives.ReadInt64LittleEndian(Scalar(at, 8, end, inlined, "an int64")));
                break;
            case JsonBinaryType.UInt64:
                _text.AppendFormatted(BinaryPrimitives.ReadUInt64LittleEndian(Scalar(at, 8, end, inlined, "a uint64")));
                break;
            case JsonBinaryType.Double:
                JsonDoubleFormat.Write(ref _text, BinaryPrimitives.ReadDoubleLittleEndian(Scalar(at, 8, end, inlined, "a double")), at);
                break;
            case JsonBinaryType.String:
            {
                var length = ReadVariableLength(ref at, end);
                WriteQuoted(ref _text, Scalar(at, length, end, inlined, "string bytes"));
                break;
            }

            case JsonBinaryType.Opaque:
            {
                var fieldType = Scalar(at, 1, end, inlined, "an opaque value's MySQL type")[0];
                var dataAt = at + 1;
                var length = ReadVariableLength(ref dataAt, end);
                JsonOpaqueValue.Write(ref _text, fieldType, Scalar(dataAt, length, end, inlined, "opaque bytes"), dataAt);
                break;
            }

            default:
                throw new MySqlDecodingException($"expected a JSON value type (0x00-0x0C or 0x0F), found 0x{type:X2}", at);
        }
    }

    private void WriteContainer(bool isObject, bool large, int at, int end, int depth)
    {
        if (++depth > JsonBinary.MaxDepth)
            throw new MySqlDecodingException($"expected JSON nested at most {JsonBinary.MaxDepth} deep, found deeper", at);

        var offsetSize = large ? 4 : 2;
        Require(at, 2 * offsetSize, end, isObject ? "an object header" : "an array header");
        var count = ReadOffsetOrSize(at, large);
        var size = ReadOffsetOrSize(at + offsetSize, large);
        if (size > (uint)(end - at))
            throw new MySqlDecodingException($"expected a container size within the {end - at} bytes left, found {size}", at + offsetSize);

        var keyEntrySize = offsetSize + 2;
        var valueEntrySize = 1 + offsetSize;
        var headerSize = (2L * offsetSize) + (count * (long)((isObject ? keyEntrySize : 0) + valueEntrySize));
        if (headerSize > size)
            throw new MySqlDecodingException($"expected {count} entries ({headerSize} bytes) within the container's {size} bytes, found too few", at);
        Charge(headerSize, at);

        var containerEnd = at + (int)size;
        var valueEntries = at + (2 * offsetSize) + (isObject ? (int)count * keyEntrySize : 0);
        _text.Append(isObject ? (byte)'{' : (byte)'[');
        for (var i = 0; i < (int)count; i++)
        {
            if (i > 0)
                _text.Append(", "u8);

            if (isObject)
            {
                var keyEntry = at + (2 * offsetSize) + (i * keyEntrySize);
                var keyOffset = ReadOffsetOrSize(keyEntry, large);
                var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(_document[(keyEntry + offsetSize)..]);
                if ((long)keyOffset + keyLength > size)
                {
                    throw new MySqlDecodingException(
                        $"expected a key within the container's {size} bytes, found offset {keyOffset} and length {keyLength}", keyEntry);
                }

                Charge(keyLength, keyEntry);
                WriteQuoted(ref _text, _document.Slice(at + (int)keyOffset, keyLength));
                _text.Append(": "u8);
            }

            var valueEntry = valueEntries + (i * valueEntrySize);
            var type = _document[valueEntry];
            if (JsonBinaryType.IsInlined(type, large))
            {
                WriteValue(type, valueEntry + 1, valueEntry + valueEntrySize, depth, inlined: true);
                continue;
            }

            var valueOffset = ReadOffsetOrSize(valueEntry + 1, large);
            if (valueOffset >= size)
                throw new MySqlDecodingException($"expected a value offset below the container's size {size}, found {valueOffset}", valueEntry + 1);
            WriteValue(type, at + (int)valueOffset, containerEnd, depth, inlined: false);
        }

        _text.Append(isObject ? (byte)'}' : (byte)']');
    }

    private void WriteLiteral(byte literal, int at)
    {
        switch (literal)
        {
            case JsonBinaryType.NullLiteral:
                _text.Append("null"u8);
                break;
            case JsonBinaryType.TrueLiteral:
                _text.Append("true"u8);
                break;
            case JsonBinaryType.FalseLiteral:
                _text.Append("false"u8);
                break;
            default:
                throw new MySqlDecodingException($"expected a JSON literal (0 null, 1 true, 2 false), found {literal}", at);
        }
    }

    /// <summary>
    /// Writes <paramref name="utf8"/> as a quoted JSON string, escaping as MySQL's double_quote() does:
    /// '"', '\' and control characters, the common ones by letter and the rest as \u00xx.
    /// </summary>
    internal static void WriteQuoted(ref JsonTextBuffer text, ReadOnlySpan<byte> utf8)
    {
        text.Append((byte)'"');
        while (true)
        {
            var special = utf8.IndexOfAny(s_needEscaping);
            if (special < 0)
            {
                text.Append(utf8);
                break;
            }

            text.Append(utf8[..special]);
            var c = utf8[special];
            utf8 = utf8[(special + 1)..];
            switch (c)
            {
                case (byte)'"':
                    text.Append("\\\""u8);
                    break;
                case (byte)'\\':
                    text.Append("\\\\"u8);
                    break;
                case (byte)'\b':
                    text.Append("\\b"u8);
                    break;
                case (byte)'\t':
                    text.Append("\\t"u8);
                    break;
                case (byte)'\n':
                    text.Append("\\n"u8);
                    break;
                case (byte)'\f':
                    text.Append("\\f"u8);
                    break;
                case (byte)'\r':
                    text.Append("\\r"u8);
                    break;
                default:
                    var escape = text.GetSpan(6);
                    "\\u00"u8.CopyTo(escape);
                    escape[4] = HexDigit(c >> 4);
                    escape[5] = HexDigit(c & 0xF);
                    text.Advance(6);
                    break;
            }
        }

        text.Append((byte)'"');
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);

    /// <summary>The <paramref name="length"/> bytes of a scalar at <paramref name="at"/>, charged to the
    /// budget unless they sit inside a value entry (already charged with the container's header).</summary>
    private ReadOnlySpan<byte> Scalar(int at, int length, int end, bool inlined, string what)
    {
        Require(at, length, end, what);
        if (!inlined)
            Charge(length, at);
        return _document.Slice(at, length);
    }

    /// <summary>
    /// Reads a data length: 7 bits a byte, low bits first, the high bit set on every byte but the last;
    /// at most 5 bytes and a value that fits 32 bits, as MySQL's read_variable_length() requires.
    /// </summary>
    private int ReadVariableLength(ref int at, int end)
    {
        var start = at;
        ulong length = 0;
        for (var i = 0; i < 5; i++)
        {
            Require(at, 1, end, "a data length");
            var b = _document[at++];
            length |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (length > (ulong)(end - at))
                    throw new MySqlDecodingException($"expected a data length within the {end - at} bytes left, found {length}", start);
                Charge(at - start, start);
                return (int)length;
            }
        }

        throw new MySqlDecodingException("expected a data length of at most 5 bytes, found a longer one", start);
    }

    private readonly uint ReadOffsetOrSize(int at, bool large) => large
        ? BinaryPrimitives.ReadUInt32LittleEndian(_document[at..])
        : BinaryPrimitives.ReadUInt16LittleEndian(_document[at..]);

    private static void Require(int at, int length, int end, string what)
    {
        if ((uint)length > (uint)(end - at))
            throw new MySqlDecodingException($"expected {what} ({length} bytes), found {Math.Max(0, end - at)} bytes left", at);
    }

    private void Charge(long bytes, int at)
    {
        _budget -= bytes;
        if (_budget < 0)
            throw new MySqlDecodingException("expected values that do not share bytes, found entries that point into the same bytes", at);
    }
}
