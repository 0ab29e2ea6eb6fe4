using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// Growable UTF-8 output for <see cref="JsonBinaryReader"/>, on a pooled array. The text is built as UTF-8
/// because string bytes in the document are UTF-8 already and can be copied as they are; the one
/// conversion to a .NET string happens at the end.
/// </summary>
internal struct JsonTextBuffer : IDisposable
{
    private byte[] _bytes;
    private int _length;

    public JsonTextBuffer(int capacity)
    {
        _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 64));
        _length = 0;
    }

    public readonly int Length => _length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(byte value)
    {
        if (_length == _bytes.Length)
            Grow(1);
        _bytes[_length++] = value;
    }

    public void Append(ReadOnlySpan<byte> value)
    {
        if (value.Length > _bytes.Length - _length)
            Grow(value.Length);
        value.CopyTo(_bytes.AsSpan(_length));
        _length += value.Length;
    }

    /// <summary>Space for at least <paramref name="size"/> bytes; follow with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (size > _bytes.Length - _length)
            Grow(size);
        return _bytes.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    /// <summary>Appends a number (or anything that formats itself as UTF-8) in the invariant culture.</summary>
    public void AppendFormatted<T>(T value, ReadOnlySpan<char> format = default)
        where T : IUtf8SpanFormattable
    {
        // 32 bytes hold any integer; retry bigger for anything longer.
        var size = 32;
        while (true)
        {
            if (value.TryFormat(GetSpan(size), out var written, format, System.Globalization.CultureInfo.InvariantCulture))
            {
                _length += written;
                return;
            }

            size *= 2;
        }
    }

    public override readonly string ToString() => Encoding.UTF8.GetString(_bytes, 0, _length);

    public void Dispose()
    {
        var bytes = _bytes;
        _bytes = [];
        _length = 0;
        if (bytes.Length > 0)
            ArrayPool<byte>.Shared.Return(bytes);
    }

    private void Grow(int needed)
    {
        var required = (long)_length + needed;
        if (required > Array.MaxLength)
            throw new MySqlDecodingException($"expected JSON text below {Array.MaxLength} bytes, found a document that prints longer");
        var size = (int)Math.Min(Array.MaxLength, Math.Max(required, (long)_bytes.Length * 2));
        var grown = ArrayPool<byte>.Shared.Rent(size);
        _bytes.AsSpan(0, _length).CopyTo(grown);
        var old = _bytes;
        _bytes = grown;
        if (old.Length > 0)
            ArrayPool<byte>.Shared.Return(old);
    }
}
