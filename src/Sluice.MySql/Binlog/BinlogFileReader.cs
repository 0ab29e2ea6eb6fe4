using System.Runtime.CompilerServices;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.MySql.Binlog;

/// <summary>
/// Reads a binlog file from disk (a server's binlog, a relay log, a copy): the magic 0xFE 'b' 'i' 'n', then
/// events back to back, each as long as its header's event_size. Each enumeration opens the file and decodes
/// with a fresh <see cref="BinlogEventDecoder"/>.
/// </summary>
/// <remarks>
/// A file that ends inside an event throws <see cref="MySqlDecodingException"/>, even when the server may still be
/// writing it: a reader of a live file should stop at the last complete event it has been told about (the
/// position from SHOW MASTER STATUS) rather than guess whether bytes are missing or merely late.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_replication_binlog_event.html
/// </remarks>
public sealed class BinlogFileReader
{
    /// <summary>The first event's offset: right after the 4-byte magic.</summary>
    public const long FirstEventPosition = 4;

    /// <summary>Initial read-ahead buffer; it grows for an event bigger than this.</summary>
    public const int DefaultBufferSize = 1 << 20;

    /// <summary>Largest event accepted: max_allowed_packet's ceiling (1 GiB) plus headroom; bigger sizes are corrupt.</summary>
    public const int MaxEventSize = (1 << 30) + (1 << 20);

    private readonly bool _verifyChecksums;
    private readonly Func<TableMapEvent, TableSchema?>? _tableSchemaProvider;

    /// <param name="path">The binlog file.</param>
    /// <param name="verifyChecksums">Verify each event's CRC32 when the file has checksums.</param>
    /// <param name="tableSchemaProvider">
    /// Called after each TABLE_MAP is decoded; when it returns a schema (from information_schema, a schema
    /// tracker), the map's columns are rebuilt with it, so names and types reach the row events that follow.
    /// </param>
    public BinlogFileReader(string path, bool verifyChecksums = true, Func<TableMapEvent, TableSchema?>? tableSchemaProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _verifyChecksums = verifyChecksums;
        _tableSchemaProvider = tableSchemaProvider;
    }

    /// <summary>The 4 bytes every binlog file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0xFE, (byte)'b', (byte)'i', (byte)'n'];

    public string Path { get; }

    /// <summary>
    /// Events from <paramref name="startPosition"/> on. The FORMAT_DESCRIPTION at the start of the file is always
    /// decoded and returned first, since the events after it cannot be read without it (a server's dump does the same);
    /// <paramref name="startPosition"/> is then 4 or the offset of an event after it.
    /// </summary>
    public IEnumerable<BinlogEvent> ReadEvents(long startPosition = FirstEventPosition)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(startPosition, FirstEventPosition);
        return ReadEventsCore(startPosition);
    }

    /// <inheritdoc cref="ReadEvents(long)"/>
    public IAsyncEnumerable<BinlogEvent> ReadEventsAsync(CancellationToken cancellationToken = default) =>
        ReadEventsAsync(FirstEventPosition, cancellationToken);

    /// <inheritdoc cref="ReadEvents(long)"/>
    public IAsyncEnumerable<BinlogEvent> ReadEventsAsync(long startPosition, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(startPosition, FirstEventPosition);
        return ReadEventsAsyncCore(startPosition, cancellationToken);
    }

    private IEnumerable<BinlogEvent> ReadEventsCore(long startPosition)
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan);
        var buffer = new BinlogFileBuffer(DefaultBufferSize);
        ExpectMagic(buffer, buffer.Fill(stream, Magic.Length));
        var decoder = new BinlogEventDecoder(_verifyChecksums);
        var first = true;
        while (true)
        {
            if (!buffer.Fill(stream, BinlogEventHeader.Size))
            {
                ExpectCleanEnd(buffer, BinlogEventHeader.Size);
                yield break;
            }

            var size = ExpectEventSize(buffer);
            if (!buffer.Fill(stream, size))
                ExpectCleanEnd(buffer, size);
            var decoded = DecodeNext(buffer, decoder, size);
            if (first)
            {
                first = false;
                if (SkipTo(buffer, decoded, startPosition))
                {
                    stream.Seek(startPosition, SeekOrigin.Begin);
                    buffer.Reset(startPosition);
                }
            }

            yield return decoded;
        }
    }

    private async IAsyncEnumerable<BinlogEvent> ReadEventsAsyncCore(long startPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new BinlogFileBuffer(DefaultBufferSize);
            ExpectMagic(buffer, await buffer.FillAsync(stream, Magic.Length, cancellationToken).ConfigureAwait(false));
            var decoder = new BinlogEventDecoder(_verifyChecksums);
            var first = true;
            while (true)
            {
                if (!await buffer.FillAsync(stream, BinlogEventHeader.Size, cancellationToken).ConfigureAwait(false))
                {
                    ExpectCleanEnd(buffer, BinlogEventHeader.Size);
                    yield break;
                }

                var size = ExpectEventSize(buffer);
                if (!await buffer.FillAsync(stream, size, cancellationToken).ConfigureAwait(false))
                    ExpectCleanEnd(buffer, size);
                var decoded = DecodeNext(buffer, decoder, size);
                if (first)
                {
                    first = false;
                    if (SkipTo(buffer, decoded, startPosition))
                    {
                        stream.Seek(startPosition, SeekOrigin.Begin);
                        buffer.Reset(startPosition);
                    }
                }

                yield return decoded;
            }
        }
    }

    private static void ExpectMagic(BinlogFileBuffer buffer, bool filled)
    {
        if (!filled || !buffer.Span[..Magic.Length].SequenceEqual(Magic))
        {
            var found = Convert.ToHexString(buffer.Span[..Math.Min(buffer.Available, Magic.Length)]);
            throw new MySqlDecodingException($"expected the binlog magic FE62696E, found {(found.Length == 0 ? "an empty file" : found)}", 0);
        }

        buffer.Consume(Magic.Length);
    }

    // End of file between events is the normal end; inside one it is a truncated file.
    private static void ExpectCleanEnd(BinlogFileBuffer buffer, int needed)
    {
        if (buffer.Available == 0 && needed == BinlogEventHeader.Size)
            return;
        throw new MySqlDecodingException(
            $"expected {needed} bytes of the event at file offset {buffer.FilePosition}, found {buffer.Available} before the end of the file (truncated)",
            checked((int)Math.Min(buffer.FilePosition, int.MaxValue)));
    }

    private static int ExpectEventSize(BinlogFileBuffer buffer)
    {
        var size = buffer.PeekEventSize();
        if (size is < BinlogEventHeader.Size or > MaxEventSize)
        {
            throw new MySqlDecodingException(
                $"expected an event size of {BinlogEventHeader.Size}..{MaxEventSize} at file offset {buffer.FilePosition}, found {size}",
                checked((int)Math.Min(buffer.FilePosition, int.MaxValue)));
        }

        return (int)size;
    }

    private BinlogEvent DecodeNext(BinlogFileBuffer buffer, BinlogEventDecoder decoder, int size)
    {
        BinlogEvent decoded;
        try
        {
            decoded = decoder.Decode(buffer.Span[..size]);
        }
        catch (MySqlDecodingException ex)
        {
            var fileOffset = buffer.FilePosition + ex.Offset;
            throw new MySqlDecodingException($"{Path} at file offset {buffer.FilePosition}: {ex.Message}", (int)Math.Min(fileOffset, int.MaxValue), ex);
        }

        buffer.Consume(size);
        if (decoded is TableMapEvent { HasSchemaColumns: false } map && _tableSchemaProvider?.Invoke(map) is { } schema)
            map.UseSchema(schema);
        return decoded;
    }

    // After the first event: whether to jump ahead to the start position (which must come after a FORMAT_DESCRIPTION).
    private static bool SkipTo(BinlogFileBuffer buffer, BinlogEvent first, long startPosition)
    {
        if (startPosition == FirstEventPosition)
            return false;
        if (first is not FormatDescriptionEvent)
            throw new MySqlDecodingException($"expected a FORMAT_DESCRIPTION event at file offset 4, found {first.EventType}", (int)FirstEventPosition);
        if (startPosition < buffer.FilePosition)
            throw new ArgumentOutOfRangeException(nameof(startPosition), startPosition, $"the start position falls inside the FORMAT_DESCRIPTION event (4..{buffer.FilePosition})");
        if (startPosition - buffer.FilePosition <= buffer.Available)
        {
            buffer.Consume((int)(startPosition - buffer.FilePosition));
            return false;
        }

        return true;
    }
}
