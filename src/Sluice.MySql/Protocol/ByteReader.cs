using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Sluice.MySql.Protocol;

/// <summary>
/// Bounds-checked little-endian reader over a packet or event. Every read that would run past the end
/// throws <see cref="MySqlDecodingException"/> naming what was expected and where.
/// </summary>
/// <remarks>Integer encodings: https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_dt_integers.html</remarks>
public ref struct ByteReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _offset;

    public ByteReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _offset = 0;
    }

    public readonly int Offset => _offset;

    public readonly int Remaining => _buffer.Length - _offset;

    public readonly int Length => _buffer.Length;

    public readonly bool IsAtEnd => _offset >= _buffer.Length;

    public readonly ReadOnlySpan<byte> RemainingSpan => _buffer[_offset..];

    public readonly ReadOnlySpan<byte> Buffer => _buffer;

    public byte ReadByte()
    {
        Require(1, "a byte");
        return _buffer[_offset++];
    }

    public readonly byte PeekByte()
    {
        Require(1, "a byte");
        return _buffer[_offset];
    }

    public sbyte ReadSByte() => unchecked((sbyte)ReadByte());

    public ushort ReadUInt16()
    {
        Require(2, "a 2-byte integer");
        var value = BinaryPrimitives.ReadUInt16LittleEndian(_buffer[_offset..]);
        _offset += 2;
        return value;
    }

    public short ReadInt16() => unchecked((short)ReadUInt16());

    public uint ReadUInt24()
    {
        Require(3, "a 3-byte integer");
        var s = _buffer.Slice(_offset, 3);
        _offset += 3;
        return (uint)(s[0] | (s[1] << 8) | (s[2] << 16));
    }

    public int ReadInt24()
    {
        var value = ReadUInt24();
        return (value & 0x800000) != 0 ? (int)(value | 0xFF000000) : (int)value;
    }

    public uint ReadUInt32()
    {
        Require(4, "a 4-byte integer");
        var value = BinaryPrimitives.ReadUInt32LittleEndian(_buffer[_offset..]);
        _offset += 4;
        return value;
    }

    public int ReadInt32() => unchecked((int)ReadUInt32());

    public ulong ReadUInt48()
    {
        Require(6, "a 6-byte integer");
        var s = _buffer.Slice(_offset, 6);
        _offset += 6;
        return BinaryPrimitives.ReadUInt32LittleEndian(s) | ((ulong)BinaryPrimitives.ReadUInt16LittleEndian(s[4..]) << 32);
    }

    public ulong ReadUInt64()
    {
        Require(8, "an 8-byte integer");
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_buffer[_offset..]);
        _offset += 8;
        return value;
    }

    public long ReadInt64() => unchecked((long)ReadUInt64());

    public float ReadSingle()
    {
        Require(4, "a FLOAT");
        var value = BinaryPrimitives.ReadSingleLittleEndian(_buffer[_offset..]);
        _offset += 4;
        return value;
    }

    public double ReadDouble()
    {
        Require(8, "a DOUBLE");
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_buffer[_offset..]);
        _offset += 8;
        return value;
    }

    /// <summary>Reads an unsigned little-endian integer of 1..8 bytes.</summary>
    public ulong ReadFixedLengthUInt(int length)
    {
        if (length is < 1 or > 8)
            throw new MySqlDecodingException($"expected an integer width of 1..8 bytes, found {length}", _offset);
        Require(length, "an integer");
        ulong value = 0;
        for (var i = length - 1; i >= 0; i--)
            value = (value << 8) | _buffer[_offset + i];
        _offset += length;
        return value;
    }

    /// <summary>Reads an unsigned big-endian integer of 1..8 bytes (DECIMAL, TIME2, DATETIME2, BIT use this order).</summary>
    public ulong ReadBigEndianUInt(int length)
    {
        if (length is < 1 or > 8)
            throw new MySqlDecodingException($"expected an integer width of 1..8 bytes, found {length}", _offset);
        Require(length, "a big-endian integer");
        ulong value = 0;
        for (var i = 0; i < length; i++)
            value = (value << 8) | _buffer[_offset + i];
        _offset += length;
        return value;
    }

    /// <summary>Length-encoded integer; returns null for the 0xFB NULL marker.</summary>
    public ulong? ReadLengthEncodedIntegerOrNull()
    {
        var first = PeekByte();
        if (first == 0xFB)
        {
            _offset++;
            return null;
        }

        return ReadLengthEncodedInteger();
    }

    public ulong ReadLengthEncodedInteger()
    {
        var start = _offset;
        var first = ReadByte();
        return first switch
        {
            < 0xFB => first,
            0xFC => ReadUInt16(),
            0xFD => ReadUInt24(),
            0xFE => ReadUInt64(),
            _ => throw new MySqlDecodingException($"expected a length-encoded integer, found prefix 0x{first:X2}", start),
        };
    }

    /// <summary>A length-encoded integer that must fit an int and the remaining bytes (a count or a length).</summary>
    public int ReadLengthEncodedLength()
    {
        var start = _offset;
        var value = ReadLengthEncodedInteger();
        if (value > int.MaxValue)
            throw new MySqlDecodingException($"expected a length below 2^31, found {value}", start);
        return (int)value;
    }

    public ReadOnlySpan<byte> ReadBytes(int length)
    {
        if (length < 0)
            throw new MySqlDecodingException($"expected a non-negative length, found {length}", _offset);
        Require(length, "data");
        var span = _buffer.Slice(_offset, length);
        _offset += length;
        return span;
    }

    public ReadOnlySpan<byte> ReadLengthEncodedBytes()
    {
        var start = _offset;
        var length = ReadLengthEncodedInteger();
        if (length > (ulong)Remaining)
            throw new MySqlDecodingException($"expected {length} bytes of a length-encoded string, found {Remaining}", start);
        return ReadBytes((int)length);
    }

    public ReadOnlySpan<byte> ReadNullTerminatedBytes()
    {
        var rest = _buffer[_offset..];
        var end = rest.IndexOf((byte)0);
        if (end < 0)
            throw new MySqlDecodingException("expected a NUL-terminated string, found no terminator", _offset);
        _offset += end + 1;
        return rest[..end];
    }

    public string ReadNullTerminatedString() => Encoding.UTF8.GetString(ReadNullTerminatedBytes());

    public string ReadString(int length) => Encoding.UTF8.GetString(ReadBytes(length));

    public string ReadLengthEncodedString() => Encoding.UTF8.GetString(ReadLengthEncodedBytes());

    public ReadOnlySpan<byte> ReadRemaining()
    {
        var span = _buffer[_offset..];
        _offset = _buffer.Length;
        return span;
    }

    public void Skip(int length) => ReadBytes(length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void Require(int length, string what)
    {
        if ((uint)length > (uint)(_buffer.Length - _offset))
            ThrowTooShort(length, what);
    }

    private readonly void ThrowTooShort(int length, string what) =>
        throw new MySqlDecodingException($"expected {what} ({length} bytes), found {_buffer.Length - _offset} bytes left", _offset);
}
