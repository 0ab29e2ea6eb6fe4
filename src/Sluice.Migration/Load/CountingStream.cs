namespace Sluice.Migration.Load;

/// <summary>
/// A read-only pass-through over a data file that counts its bytes and rows as LOAD DATA consumes it. Rows are
/// counted by their terminating newline: values write a newline as <c>\n</c>, so every raw 0x0A ends a row.
/// </summary>
internal sealed class CountingStream : Stream
{
    private readonly Stream _inner;
    private long _newlines;
    private byte _last = (byte)'\n';

    public CountingStream(Stream inner) => _inner = inner;

    public long BytesRead { get; private set; }

    /// <summary>Rows read so far; a last row without its newline counts too.</summary>
    public long Rows => _newlines + (_last == (byte)'\n' ? 0 : 1);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return;
        BytesRead += bytes.Length;
        _newlines += bytes.Count((byte)'\n');
        _last = bytes[^1];
    }
}
