using System.Buffers;
using System.Text;

namespace Sluice.Replication.Apply;

/// <summary>
/// The text of statements being built, in a pooled char buffer that grows as needed, with the UTF-8 size of what
/// it holds (what the statement weighs on the wire) counted as it is written.
/// </summary>
/// <remarks>
/// A buffer lives for one call of the statement builder and goes back to the pool when disposed: the builder of a
/// table is shared by the apply workers, so it holds no buffer of its own.
/// </remarks>
internal sealed class SqlTextBuffer : IDisposable
{
    private char[] _chars;
    private int _length;
    private long _bytes;

    public SqlTextBuffer(int capacity = 1024) => _chars = ArrayPool<char>.Shared.Rent(capacity);

    /// <summary>Chars written.</summary>
    public int Length => _length;

    /// <summary>UTF-8 bytes of the chars written (a lone surrogate counts as the 3 bytes of U+FFFD it is sent as).</summary>
    public long ByteCount => _bytes;

    public ReadOnlySpan<char> Written => _chars.AsSpan(0, _length);

    /// <summary>Appends text known to be ASCII: keywords, numbers, hex digits.</summary>
    public void AppendAscii(ReadOnlySpan<char> text)
    {
        text.CopyTo(GetSpan(text.Length));
        _length += text.Length;
        _bytes += text.Length;
    }

    public void AppendAscii(char c)
    {
        GetSpan(1)[0] = c;
        _length++;
        _bytes++;
    }

    /// <summary>Appends any text, counting its UTF-8 bytes.</summary>
    public void AppendText(ReadOnlySpan<char> text) => AppendText(text, Encoding.UTF8.GetByteCount(text));

    /// <summary>Appends text whose UTF-8 size is already known.</summary>
    public void AppendText(ReadOnlySpan<char> text, long bytes)
    {
        text.CopyTo(GetSpan(text.Length));
        _length += text.Length;
        _bytes += bytes;
    }

    /// <summary>Room for at least <paramref name="size"/> more chars; <see cref="Advance"/> then says what was written.</summary>
    public Span<char> GetSpan(int size)
    {
        if (_chars.Length - _length < size)
            Grow(size);
        return _chars.AsSpan(_length);
    }

    public void Advance(int chars, long bytes)
    {
        _length += chars;
        _bytes += bytes;
    }

    /// <summary>Goes back to <paramref name="length"/> chars of <paramref name="bytes"/> bytes, a point written before.</summary>
    public void Truncate(int length, long bytes)
    {
        _length = length;
        _bytes = bytes;
    }

    public void Clear() => Truncate(0, 0);

    public override string ToString() => new(Written);

    public void Dispose()
    {
        var chars = _chars;
        _chars = [];
        _length = 0;
        if (chars.Length > 0)
            ArrayPool<char>.Shared.Return(chars);
    }

    private void Grow(int size)
    {
        var capacity = (int)Math.Min(Array.MaxLength, Math.Max((long)_length + size, 2L * _chars.Length));
        var grown = ArrayPool<char>.Shared.Rent(capacity);
        Written.CopyTo(grown);
        var old = _chars;
        _chars = grown;
        if (old.Length > 0)
            ArrayPool<char>.Shared.Return(old);
    }
}
