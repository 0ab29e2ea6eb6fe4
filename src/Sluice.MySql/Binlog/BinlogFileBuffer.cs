using System.Buffers.Binary;

namespace Sluice.MySql.Binlog;

/// <summary>
/// The read-ahead window of <see cref="BinlogFileReader"/>: a buffer holding the file from <see cref="FilePosition"/>
/// on, refilled in large reads and grown when one event is bigger than the buffer.
/// </summary>
internal sealed class BinlogFileBuffer(int initialSize)
{
    private byte[] _buffer = new byte[initialSize];
    private int _start;
    private int _end;

    /// <summary>File offset of the first unread byte.</summary>
    public long FilePosition { get; private set; }

    public int Available => _end - _start;

    /// <summary>The unread bytes.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, _end - _start);

    /// <summary>event_size of the event whose header starts the unread bytes (at least 19 must be buffered).</summary>
    public uint PeekEventSize() => BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start + 9, 4));

    public void Consume(int count)
    {
        _start += count;
        FilePosition += count;
    }

    /// <summary>Forgets the buffered bytes; the next fill reads from <paramref name="filePosition"/> (the stream was moved there).</summary>
    public void Reset(long filePosition)
    {
        _start = 0;
        _end = 0;
        FilePosition = filePosition;
    }

    public bool Fill(Stream stream, int needed)
    {
        while (Available < needed)
        {
            MakeRoom(needed);
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
                return false;
            _end += read;
        }

        return true;
    }

    public async ValueTask<bool> FillAsync(Stream stream, int needed, CancellationToken cancellationToken)
    {
        while (Available < needed)
        {
            MakeRoom(needed);
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return false;
            _end += read;
        }

        return true;
    }

    // Moves the unread bytes to the front when the tail has no room for the rest of what is needed, and grows
    // the buffer (doubling, at least to the need) when even an empty front would not hold it.
    private void MakeRoom(int needed)
    {
        if (_buffer.Length - _start >= needed && _end < _buffer.Length)
            return;
        var target = _buffer;
        if (needed > _buffer.Length)
            target = new byte[Math.Max(needed, (int)Math.Min(Array.MaxLength, (long)_buffer.Length * 2))];
        Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
        _buffer = target;
        _end -= _start;
        _start = 0;
    }
}
