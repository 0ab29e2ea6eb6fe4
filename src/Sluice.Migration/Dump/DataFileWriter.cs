using System.Buffers;

namespace Sluice.Migration.Dump;

/// <summary>
/// Writes one data file: rows as they are read, escaped into a fixed buffer that is flushed whenever it fills,
/// so memory stays flat whatever the table size. Values larger than the buffer pass through it in pieces.
/// </summary>
internal sealed class DataFileWriter : IAsyncDisposable
{
    private const int BufferSize = 1 << 20;
    private static readonly byte[] Null = "\\N"u8.ToArray();

    private readonly FileStream _file;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _used;
    private long _flushed;
    private bool _fieldWritten;

    public DataFileWriter(string path)
    {
        // Our own buffer does the batching; the FileStream's would only copy twice.
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
    }

    /// <summary>Bytes written so far (flushed or buffered).</summary>
    public long Length => _flushed + _used;

    public ValueTask WriteNullAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Length - _used < 3)
            return SlowAsync(cancellationToken);
        Separate();
        Null.CopyTo(_buffer.AsSpan(_used));
        _used += Null.Length;
        return ValueTask.CompletedTask;

        async ValueTask SlowAsync(CancellationToken token)
        {
            await FlushBufferAsync(token).ConfigureAwait(false);
            await WriteNullAsync(token).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the first <paramref name="length"/> bytes of <paramref name="value"/> as one escaped field.</summary>
    public ValueTask WriteValueAsync(byte[] value, int length, CancellationToken cancellationToken)
    {
        if (LoadDataEscaping.MaxEscapedLength(length) + 1 > _buffer.Length - _used)
            return WriteLargeValueAsync(value, length, cancellationToken);
        Separate();
        LoadDataEscaping.Escape(value.AsSpan(0, length), _buffer.AsSpan(_used), out _, out var written);
        _used += written;
        return ValueTask.CompletedTask;
    }

    public ValueTask EndRowAsync(CancellationToken cancellationToken)
    {
        if (_used == _buffer.Length)
            return SlowAsync(cancellationToken);
        _buffer[_used++] = (byte)'\n';
        _fieldWritten = false;
        return ValueTask.CompletedTask;

        async ValueTask SlowAsync(CancellationToken token)
        {
            await FlushBufferAsync(token).ConfigureAwait(false);
            await EndRowAsync(token).ConfigureAwait(false);
        }
    }

    /// <summary>Flushes everything to disk (fsync): a finished dump's files must survive a crash after the manifest.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        _file.Flush(flushToDisk: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private async ValueTask WriteLargeValueAsync(byte[] value, int length, CancellationToken cancellationToken)
    {
        if (_buffer.Length - _used < 1)
            await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        Separate();
        var offset = 0;
        while (offset < length)
        {
            if (_buffer.Length - _used < 2)
                await FlushBufferAsync(cancellationToken).ConfigureAwait(false);
            LoadDataEscaping.Escape(value.AsSpan(offset, length - offset), _buffer.AsSpan(_used), out var consumed, out var written);
            offset += consumed;
            _used += written;
        }
    }

    /// <summary>The tab before every field but a row's first; callers have made room for it.</summary>
    private void Separate()
    {
        if (_fieldWritten)
            _buffer[_used++] = (byte)'\t';
        _fieldWritten = true;
    }

    private async ValueTask FlushBufferAsync(CancellationToken cancellationToken)
    {
        if (_used == 0)
            return;
        await _file.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken).ConfigureAwait(false);
        _flushed += _used;
        _used = 0;
    }
}
