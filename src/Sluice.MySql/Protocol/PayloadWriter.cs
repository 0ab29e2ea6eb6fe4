using System.Buffers.Binary;
using System.Text;

namespace Sluice.MySql.Protocol;

/// <summary>
/// Builds a payload in a growable buffer using the protocol's basic data types (little-endian fixed
/// integers, length-encoded integers and strings, NUL-terminated strings).
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_data_types.html</remarks>
internal sealed class PayloadWriter
{
    private byte[] _buffer;
    private int _length;

    public PayloadWriter(int initialCapacity = 256)
    {
        _buffer = new byte[Math.Max(16, initialCapacity)];
    }

    public int Length => _length;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public void WriteByte(byte value) => GetSpan(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(GetSpan(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(GetSpan(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(GetSpan(8), value);

    public void WriteZeros(int count) => GetSpan(count).Clear();

    public void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(GetSpan(value.Length));

    /// <summary>UTF-8 bytes of <paramref name="value"/>, with no length or terminator (string&lt;EOF&gt;, string&lt;fix&gt;).</summary>
    public void WriteString(string value)
    {
        var span = GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, span);
        _length -= span.Length - written;
    }

    public void WriteNullTerminatedString(string value)
    {
        WriteString(value);
        WriteByte(0);
    }

    /// <summary>A length-encoded integer: 1, 3, 4 or 9 bytes.</summary>
    public void WriteLengthEncodedInteger(ulong value)
    {
        switch (value)
        {
            case < 0xFB:
                WriteByte((byte)value);
                break;
            case <= 0xFFFF:
                WriteByte(0xFC);
                WriteUInt16((ushort)value);
                break;
            case <= 0xFFFFFF:
                WriteByte(0xFD);
                WriteUInt16((ushort)value);
                WriteByte((byte)(value >> 16));
                break;
            default:
                WriteByte(0xFE);
                WriteUInt64(value);
                break;
        }
    }

    public void WriteLengthEncodedBytes(ReadOnlySpan<byte> value)
    {
        WriteLengthEncodedInteger((ulong)value.Length);
        WriteBytes(value);
    }

    public void WriteLengthEncodedString(string value) => WriteLengthEncodedBytes(Encoding.UTF8.GetBytes(value));

    /// <summary>Reserves <paramref name="count"/> bytes at the end and returns them.</summary>
    private Span<byte> GetSpan(int count)
    {
        if (_buffer.Length - _length < count)
            Array.Resize(ref _buffer, (int)Math.Min(Array.MaxLength, Math.Max(_length + (long)count, 2L * _buffer.Length)));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
