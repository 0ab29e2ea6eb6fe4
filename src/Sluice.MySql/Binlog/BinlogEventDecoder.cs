using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Sluice.MySql.Binlog.Decoding;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog;

/// <summary>
/// Decodes binlog events one at a time, as a server sends them (after the OK byte) or as a file holds them.
/// Stateful, one per stream: it keeps the last FORMAT_DESCRIPTION (post-header lengths, checksum algorithm,
/// server flavour) and the TABLE_MAPs by table id for the row events that follow them. Not thread-safe.
/// </summary>
/// <remarks>
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_replication_binlog_event.html ,
/// https://mariadb.com/kb/en/replication-protocol/ . Every malformed event throws <see cref="MySqlDecodingException"/>
/// naming the event type, its log position and the offset in the event; the decoder stays usable afterwards.
/// </remarks>
public sealed class BinlogEventDecoder
{
    /// <summary>Length of the CRC32 checksum at the end of each event when binlog_checksum=CRC32.</summary>
    public const int ChecksumLength = 4;

    // Table ids only matter between a TABLE_MAP and the row events of its statement; past this many live ids the
    // map is cleared rather than grown, so a long stream of ever-new ids (FLUSH TABLES, DDL) holds no memory.
    private const int MaxTableMaps = 10_000;

    // The last TABLE_MAP per table id with its body bytes: servers repeat the same map before every statement,
    // and a repeat reuses the decoded columns instead of building them again.
    private readonly Dictionary<ulong, (byte[] Body, TableMapEvent Map)> _tableMaps = [];
    private readonly Func<ulong, TableMapEvent?> _findTable;
    private BinlogChecksumAlgorithm? _checksum;

    /// <param name="verifyChecksums">Compare each event's CRC32 with its bytes (the checksum is stripped either way).</param>
    /// <param name="checksumAlgorithm">
    /// The checksum the events before the first FORMAT_DESCRIPTION carry (a server's fake ROTATE), when the caller
    /// knows it (from @@global.binlog_checksum). When null the decoder takes an event's last 4 bytes as a CRC32
    /// exactly when they match it; the first FORMAT_DESCRIPTION then says for sure.
    /// </param>
    public BinlogEventDecoder(bool verifyChecksums = true, BinlogChecksumAlgorithm? checksumAlgorithm = null)
    {
        VerifyChecksums = verifyChecksums;
        _checksum = checksumAlgorithm;
        _findTable = FindTableMap;
    }

    public bool VerifyChecksums { get; }

    /// <summary>The last FORMAT_DESCRIPTION decoded, or null before the first.</summary>
    public FormatDescriptionEvent? FormatDescription { get; private set; }

    /// <summary>The checksum algorithm events carry now; null while it is still being detected.</summary>
    public BinlogChecksumAlgorithm? ChecksumAlgorithm => _checksum;

    /// <summary>True once a FORMAT_DESCRIPTION from a MariaDB server was seen.</summary>
    public bool IsMariaDb { get; private set; }

    /// <summary>Reads the 19-byte common header at the start of <paramref name="bytes"/>.</summary>
    public static BinlogEventHeader ReadHeader(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < BinlogEventHeader.Size)
            throw new MySqlDecodingException($"expected a 19-byte event header, found {bytes.Length} bytes", 0);
        return new BinlogEventHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            (BinlogEventType)bytes[4],
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[5..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[9..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[13..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[17..]));
    }

    /// <summary>The TABLE_MAP last seen for <paramref name="tableId"/>.</summary>
    public bool TryGetTableMap(ulong tableId, [MaybeNullWhen(false)] out TableMapEvent tableMap)
    {
        tableMap = _tableMaps.TryGetValue(tableId, out var entry) ? entry.Map : null;
        return tableMap is not null;
    }

    /// <summary>Forgets all table maps (after reconnecting at a new position, say).</summary>
    public void ClearTableMaps() => _tableMaps.Clear();

    /// <summary>Decodes one whole event: header, body and checksum, exactly as long as the header's event size.</summary>
    public BinlogEvent Decode(ReadOnlySpan<byte> eventBytes)
    {
        var header = ReadHeader(eventBytes);
        try
        {
            if (header.EventSize != eventBytes.Length)
                throw new MySqlDecodingException($"expected an event of {header.EventSize} bytes (the header's event size), found {eventBytes.Length} bytes", 9);
            if (header.EventType == BinlogEventType.FormatDescription)
                return DecodeFormatDescription(header, eventBytes);
            var reader = new ByteReader(eventBytes[..PayloadLength(eventBytes)]);
            reader.Skip(BinlogEventHeader.Size);
            return DecodeBody(header, ref reader);
        }
        catch (MySqlDecodingException ex)
        {
            throw new MySqlDecodingException($"cannot decode {Describe(header)}: {DecodingErrors.BareMessage(ex)}", ex.Offset, ex);
        }
        catch (Exception ex) when (!DecodingErrors.IsFatal(ex))
        {
            throw new MySqlDecodingException($"cannot decode {Describe(header)}: {ex.GetType().Name}: {ex.Message}", BinlogEventHeader.Size, ex);
        }
    }

    internal static MySqlDecodingException ChecksumMismatch(uint computed, uint found, int offset) =>
        new($"checksum mismatch: expected CRC32 0x{computed:X8} computed over the event, found 0x{found:X8}", offset);

    private static string Describe(BinlogEventHeader header) =>
        $"{DecodingErrors.Describe(header.EventType)} event ending at log position {header.LogPosition}";

    private FormatDescriptionEvent DecodeFormatDescription(BinlogEventHeader header, ReadOnlySpan<byte> eventBytes)
    {
        var description = FormatDescriptionReader.Read(header, eventBytes, VerifyChecksums);
        FormatDescription = description;
        IsMariaDb = FormatDescriptionReader.IsMariaDb(description.ServerVersion);
        _checksum = description.ChecksumAlgorithm == BinlogChecksumAlgorithm.Crc32 ? BinlogChecksumAlgorithm.Crc32 : BinlogChecksumAlgorithm.None;

        // A FORMAT_DESCRIPTION starts a file (or a stream); table ids of the previous one mean nothing here.
        _tableMaps.Clear();
        return description;
    }

    /// <summary>The event length without its checksum, verifying the checksum when asked.</summary>
    private int PayloadLength(ReadOnlySpan<byte> eventBytes)
    {
        var checksum = _checksum ?? DetectChecksum(eventBytes);
        if (checksum != BinlogChecksumAlgorithm.Crc32)
            return eventBytes.Length;
        var payloadLength = eventBytes.Length - ChecksumLength;
        if (payloadLength < BinlogEventHeader.Size)
            throw new MySqlDecodingException($"expected a 4-byte CRC32 after the 19-byte header, found {eventBytes.Length} bytes in all", BinlogEventHeader.Size);
        if (VerifyChecksums)
        {
            var computed = Crc32.Compute(eventBytes[..payloadLength]);
            var found = BinaryPrimitives.ReadUInt32LittleEndian(eventBytes[payloadLength..]);
            if (computed != found)
                throw ChecksumMismatch(computed, found, payloadLength);
        }

        return payloadLength;
    }

    // Before the first FORMAT_DESCRIPTION nothing says whether events end with a CRC32; a match of the last four
    // bytes with the CRC32 of the rest is that answer (a chance match is one in 2^32).
    private static BinlogChecksumAlgorithm DetectChecksum(ReadOnlySpan<byte> eventBytes)
    {
        if (eventBytes.Length < BinlogEventHeader.Size + ChecksumLength)
            return BinlogChecksumAlgorithm.None;
        var payloadLength = eventBytes.Length - ChecksumLength;
        return Crc32.Compute(eventBytes[..payloadLength]) == BinaryPrimitives.ReadUInt32LittleEndian(eventBytes[payloadLength..])
            ? BinlogChecksumAlgorithm.Crc32
            : BinlogChecksumAlgorithm.None;
    }

    private BinlogEvent DecodeBody(BinlogEventHeader header, ref ByteReader reader)
    {
        var type = header.EventType;
        var postHeaderLength = PostHeaderLengths.For(type, FormatDescription?.PostHeaderLengths);
        switch (type)
        {
            case BinlogEventType.Query or BinlogEventType.MariaDbQueryCompressed:
                var query = QueryEventReader.Read(header, ref reader, postHeaderLength, compressed: type == BinlogEventType.MariaDbQueryCompressed);
                // After DDL a byte-identical TABLE_MAP may stand for other columns (a renamed one, say): forget the maps.
                if (QueryStatements.IsSchemaChange(query.Query))
                    _tableMaps.Clear();
                return query;
            case BinlogEventType.Stop:
                return new StopEvent(header);
            case BinlogEventType.Rotate:
                return ControlEventReaders.ReadRotate(header, ref reader, postHeaderLength);
            case BinlogEventType.IntVar:
                return ControlEventReaders.ReadIntVar(header, ref reader);
            case BinlogEventType.Rand:
                return ControlEventReaders.ReadRand(header, ref reader);
            case BinlogEventType.UserVar:
                return UserVarEventReader.Read(header, ref reader);
            case BinlogEventType.Xid:
                return ControlEventReaders.ReadXid(header, ref reader);
            case BinlogEventType.Heartbeat:
                return ControlEventReaders.ReadHeartbeat(header, ref reader);
            case BinlogEventType.HeartbeatV2:
                return ControlEventReaders.ReadHeartbeatV2(header, ref reader);
            case BinlogEventType.RowsQuery:
                return ControlEventReaders.ReadRowsQuery(header, ref reader);
            case BinlogEventType.TableMap:
                return DecodeTableMap(header, ref reader, postHeaderLength);
            case BinlogEventType.WriteRowsV1 or BinlogEventType.WriteRowsV2 or BinlogEventType.UpdateRowsV1 or BinlogEventType.UpdateRowsV2
                or BinlogEventType.DeleteRowsV1 or BinlogEventType.DeleteRowsV2 or BinlogEventType.MariaDbWriteRowsCompressedV1
                or BinlogEventType.MariaDbWriteRowsCompressed or BinlogEventType.MariaDbUpdateRowsCompressedV1
                or BinlogEventType.MariaDbUpdateRowsCompressed or BinlogEventType.MariaDbDeleteRowsCompressedV1
                or BinlogEventType.MariaDbDeleteRowsCompressed:
                return RowsEventReader.Read(header, ref reader, postHeaderLength, RowsKind(type), IsCompressedRows(type), _findTable);
            case BinlogEventType.Gtid or BinlogEventType.AnonymousGtid:
                return GtidEventReaders.ReadGtid(header, ref reader);
            case BinlogEventType.PreviousGtids:
                return GtidEventReaders.ReadPreviousGtids(header, ref reader);
            case BinlogEventType.MariaDbGtid:
                return MariaDbEventReaders.ReadGtid(header, ref reader);
            case BinlogEventType.MariaDbGtidList:
                return MariaDbEventReaders.ReadGtidList(header, ref reader);
            case BinlogEventType.MariaDbBinlogCheckpoint:
                return MariaDbEventReaders.ReadBinlogCheckpoint(header, ref reader);
            case BinlogEventType.MariaDbAnnotateRows:
                return MariaDbEventReaders.ReadAnnotateRows(header, ref reader);
            default:
                // START_ENCRYPTION, TRANSACTION_PAYLOAD, PARTIAL_UPDATE_ROWS, INCIDENT, LOAD events and codes
                // no server documents: passed through, never fatal.
                return new UnknownEvent(header, reader.ReadRemaining().ToArray());
        }
    }

    private static RowsEventKind RowsKind(BinlogEventType type) => type switch
    {
        BinlogEventType.WriteRowsV1 or BinlogEventType.WriteRowsV2 or BinlogEventType.MariaDbWriteRowsCompressedV1
            or BinlogEventType.MariaDbWriteRowsCompressed => RowsEventKind.Insert,
        BinlogEventType.UpdateRowsV1 or BinlogEventType.UpdateRowsV2 or BinlogEventType.MariaDbUpdateRowsCompressedV1
            or BinlogEventType.MariaDbUpdateRowsCompressed => RowsEventKind.Update,
        _ => RowsEventKind.Delete,
    };

    private static bool IsCompressedRows(BinlogEventType type) =>
        type is >= BinlogEventType.MariaDbWriteRowsCompressedV1 and <= BinlogEventType.MariaDbDeleteRowsCompressed;

    private TableMapEvent? FindTableMap(ulong tableId) => _tableMaps.TryGetValue(tableId, out var entry) ? entry.Map : null;

    private TableMapEvent DecodeTableMap(BinlogEventHeader header, ref ByteReader reader, int postHeaderLength)
    {
        var body = reader.RemainingSpan;
        var peek = reader;
        var tableId = RowsEventReader.ReadTableId(ref peek, postHeaderLength);
        if (_tableMaps.TryGetValue(tableId, out var cached) && body.SequenceEqual(cached.Body))
        {
            reader.ReadRemaining();
            var repeat = cached.Map.Repeat(header);
            _tableMaps[tableId] = (cached.Body, repeat);
            return repeat;
        }

        var map = TableMapEventReader.Read(header, ref reader, postHeaderLength, IsMariaDb);
        if (_tableMaps.Count >= MaxTableMaps && !_tableMaps.ContainsKey(map.TableId))
            _tableMaps.Clear();
        _tableMaps[map.TableId] = (body.ToArray(), map);
        return map;
    }
}
