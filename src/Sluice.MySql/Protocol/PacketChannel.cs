using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Sluice.MySql.Protocol;

/// <summary>
/// MySQL packet framing over a stream (TCP or TLS): a 4-byte header (3-byte payload length, 1-byte
/// sequence id) before each payload; payloads of 0xFFFFFF bytes or more are split into 0xFFFFFF-byte
/// packets followed by a shorter one (possibly empty), and reassembled here.
/// </summary>
/// <remarks>
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_packets.html
/// This path carries the whole binlog stream, so reads go into one reusable buffer and return slices of
/// it: a payload is valid only until the next read. Only payloads split over several packets are copied
/// (into a second reusable buffer). Not thread-safe: one reader and one writer at a time, not concurrently.
/// </remarks>
internal sealed class PacketChannel
{
    /// <summary>The largest payload one packet carries; a packet this long is continued by the next one.</summary>
    public const int MaxPacketPayloadLength = 0xFFFFFF;

    /// <summary>The largest reassembled payload accepted: MySQL's own max_allowed_packet ceiling (1 GiB).</summary>
    public const int MaxPayloadLength = 1 << 30;

    private const int HeaderLength = 4;
    private const int DefaultReadBufferSize = 256 * 1024;
    private const int WriteBufferSize = 16 * 1024;

    private readonly byte[] _writeBuffer = new byte[WriteBufferSize];
    private Stream _stream;
    private byte[] _readBuffer;
    private int _readStart;
    private int _readEnd;
    private byte[] _assemblyBuffer = [];
    private volatile bool _broken;

    public PacketChannel(Stream stream, int readBufferSize = DefaultReadBufferSize)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(readBufferSize, HeaderLength);
        _stream = stream;
        _readBuffer = new byte[readBufferSize];
    }

    /// <summary>The sequence id of the next packet read or written. A command starts it at 0.</summary>
    public byte SequenceId { get; set; }

    /// <summary>True once a read or write failed part-way: the framing can no longer be trusted.</summary>
    public bool IsBroken => _broken;

    /// <summary>The stream the packets travel over.</summary>
    public Stream Stream => _stream;

    /// <summary>Swaps the underlying stream, for the switch to TLS after an SSLRequest.</summary>
    public void ReplaceStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (_readEnd != _readStart)
        {
            throw new MySqlDecodingException(
                $"expected no bytes from the server before the TLS handshake, found {_readEnd - _readStart}", 0);
        }

        _stream = stream;
    }

    /// <summary>Marks the channel unusable, e.g. after a cancelled command left a response half-read.</summary>
    public void MarkBroken() => _broken = true;

    /// <summary>
    /// Reads the next payload, reassembled across continuation packets. The memory is valid until the
    /// next call. A connection that closes or fails throws <see cref="MySqlConnectionException"/>.
    /// </summary>
    public ValueTask<ReadOnlyMemory<byte>> ReadPayloadAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfBroken();

        // Fast path: a whole, unsplit packet is already buffered.
        var buffered = _readEnd - _readStart;
        if (buffered >= HeaderLength)
        {
            var length = ReadPayloadLength(_readStart);
            if (length < MaxPacketPayloadLength && buffered - HeaderLength >= length)
            {
                CheckSequenceId(_readStart);
                var payload = new ReadOnlyMemory<byte>(_readBuffer, _readStart + HeaderLength, length);
                _readStart += HeaderLength + length;
                return new ValueTask<ReadOnlyMemory<byte>>(payload);
            }
        }

        return ReadPayloadSlowAsync(cancellationToken);
    }

    /// <summary>
    /// Writes one payload as one or more packets, numbering them from <see cref="SequenceId"/>.
    /// </summary>
    public async ValueTask WritePayloadAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        ThrowIfBroken();
        try
        {
            if (payload.Length <= WriteBufferSize - HeaderLength && payload.Length < MaxPacketPayloadLength)
            {
                WriteHeader(_writeBuffer, payload.Length);
                payload.Span.CopyTo(_writeBuffer.AsSpan(HeaderLength));
                await _stream.WriteAsync(_writeBuffer.AsMemory(0, HeaderLength + payload.Length), cancellationToken)
                    .ConfigureAwait(false);
                return;
            }

            // A payload of exactly n * 0xFFFFFF bytes ends with an empty packet, so the reader knows it ended.
            var offset = 0;
            int chunk;
            do
            {
                chunk = Math.Min(MaxPacketPayloadLength, payload.Length - offset);
                WriteHeader(_writeBuffer, chunk);
                await _stream.WriteAsync(_writeBuffer.AsMemory(0, HeaderLength), cancellationToken).ConfigureAwait(false);
                if (chunk > 0)
                    await _stream.WriteAsync(payload.Slice(offset, chunk), cancellationToken).ConfigureAwait(false);
                offset += chunk;
            }
            while (chunk == MaxPacketPayloadLength);
        }
        catch (Exception exception) when (BreakOnFailure(exception))
        {
            throw new MySqlConnectionException($"The connection to the server was lost: {exception.Message}", exception);
        }
    }

    // Pooled builders: the binlog stream suspends here once per buffer refill; avoid an allocation each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadOnlyMemory<byte>> ReadPayloadSlowAsync(CancellationToken cancellationToken)
    {
        try
        {
            var length = await ReadPacketAsync(cancellationToken).ConfigureAwait(false);
            if (length < MaxPacketPayloadLength)
            {
                var payload = new ReadOnlyMemory<byte>(_readBuffer, _readStart + HeaderLength, length);
                _readStart += HeaderLength + length;
                return payload;
            }

            var total = 0;
            while (true)
            {
                if (length > MaxPayloadLength - total)
                {
                    throw new MySqlDecodingException(
                        $"expected a payload of at most {MaxPayloadLength} bytes, found more than {total + (long)length}", 0);
                }

                if (_assemblyBuffer.Length < total + length)
                    Array.Resize(ref _assemblyBuffer, (int)Math.Min(MaxPayloadLength, Math.Max(total + (long)length, 2L * _assemblyBuffer.Length)));
                Buffer.BlockCopy(_readBuffer, _readStart + HeaderLength, _assemblyBuffer, total, length);
                total += length;
                _readStart += HeaderLength + length;
                if (length < MaxPacketPayloadLength)
                    return new ReadOnlyMemory<byte>(_assemblyBuffer, 0, total);
                length = await ReadPacketAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (BreakOnFailure(exception))
        {
            throw new MySqlConnectionException($"The connection to the server was lost: {exception.Message}", exception);
        }
    }

    /// <summary>Buffers one whole packet at <see cref="_readStart"/>, checks its sequence id, returns its payload length.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadPacketAsync(CancellationToken cancellationToken)
    {
        await FillAsync(HeaderLength, cancellationToken).ConfigureAwait(false);
        var length = ReadPayloadLength(_readStart);
        CheckSequenceId(_readStart);
        await FillAsync(HeaderLength + length, cancellationToken).ConfigureAwait(false);
        return length;
    }

    /// <summary>Reads from the stream until at least <paramref name="count"/> bytes are buffered from <see cref="_readStart"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        while (_readEnd - _readStart < count)
        {
            if (_readBuffer.Length - _readStart < count)
            {
                // Not enough room after the current packet: move it to the front, into a larger buffer if needed.
                var buffered = _readEnd - _readStart;
                var target = count <= _readBuffer.Length
                    ? _readBuffer
                    : new byte[Math.Max(count, (int)Math.Min(Array.MaxLength, 2L * _readBuffer.Length))];
                Buffer.BlockCopy(_readBuffer, _readStart, target, 0, buffered);
                _readBuffer = target;
                _readStart = 0;
                _readEnd = buffered;
            }

            var read = await _stream.ReadAsync(_readBuffer.AsMemory(_readEnd), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                throw new MySqlConnectionException("The server closed the connection.");
            _readEnd += read;
        }
    }

    private int ReadPayloadLength(int headerOffset) =>
        _readBuffer[headerOffset] | (_readBuffer[headerOffset + 1] << 8) | (_readBuffer[headerOffset + 2] << 16);

    private void CheckSequenceId(int headerOffset)
    {
        var found = _readBuffer[headerOffset + 3];
        if (found != SequenceId)
        {
            _broken = true;
            throw new MySqlDecodingException($"expected packet sequence id {SequenceId}, found {found}", 3);
        }

        SequenceId++;
    }

    private void WriteHeader(Span<byte> header, int payloadLength)
    {
        header[0] = (byte)payloadLength;
        BinaryPrimitives.WriteUInt16LittleEndian(header[1..], (ushort)(payloadLength >> 8));
        header[3] = SequenceId++;
    }

    private void ThrowIfBroken()
    {
        if (_broken)
            throw new MySqlConnectionException("The connection is unusable after an earlier failure; reconnect.");
    }

    /// <summary>
    /// Any failure mid-packet (I/O, cancellation, bad bytes) leaves the framing unknown, so the channel is
    /// marked broken. Returns true for the I/O failures to be rethrown as <see cref="MySqlConnectionException"/>;
    /// everything else propagates unchanged.
    /// </summary>
    private bool BreakOnFailure(Exception exception)
    {
        _broken = true;
        return exception is (IOException or SocketException or ObjectDisposedException) and not MySqlConnectionException;
    }
}
