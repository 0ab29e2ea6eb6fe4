using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>MySQL's GTID_LOG_EVENT, ANONYMOUS_GTID_LOG_EVENT and PREVIOUS_GTIDS_LOG_EVENT.</summary>
internal static class GtidEventReaders
{
    /// <summary>LOGICAL_TIMESTAMP_TYPECODE: the only type of the logical clock fields.</summary>
    private const byte LogicalTimestampTypeCode = 2;

    /// <summary>Commit timestamps are 7 bytes; bit 55 of the immediate one says an original one follows.</summary>
    private const int CommitTimestampLength = 7;

    private const ulong OriginalTimestampFollows = 1UL << 55;

    /// <summary>
    /// flags (1), source UUID (16), GNO (8); then, each only when bytes remain (older servers stop early):
    /// logical clock type code 2 with last_committed (8) and sequence_number (8); immediate commit timestamp
    /// (7) and, when its bit 55 is set, the original commit timestamp (7); transaction length (packed integer).
    /// Server versions and newer fields after that are not needed here.
    /// </summary>
    /// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Gtid__event.html</remarks>
    public static GtidEvent ReadGtid(BinlogEventHeader header, ref ByteReader reader)
    {
        var flags = reader.ReadByte();
        var sourceId = new Guid(reader.ReadBytes(16), bigEndian: true);
        var gno = reader.ReadInt64();
        long? lastCommitted = null;
        long? sequenceNumber = null;
        ulong? immediate = null;
        ulong? original = null;
        ulong? transactionLength = null;
        if (!reader.IsAtEnd)
        {
            var typeOffset = reader.Offset;
            var typeCode = reader.ReadByte();
            if (typeCode != LogicalTimestampTypeCode)
                throw new MySqlDecodingException($"expected logical timestamp type code 2, found {typeCode}", typeOffset);
            lastCommitted = reader.ReadInt64();
            sequenceNumber = reader.ReadInt64();
        }

        if (reader.Remaining >= CommitTimestampLength)
        {
            var value = reader.ReadFixedLengthUInt(CommitTimestampLength);
            if ((value & OriginalTimestampFollows) != 0)
            {
                immediate = value & ~OriginalTimestampFollows;
                original = reader.ReadFixedLengthUInt(CommitTimestampLength);
            }
            else
            {
                immediate = value;
                original = value;
            }
        }

        if (!reader.IsAtEnd)
            transactionLength = reader.ReadLengthEncodedInteger();

        return new GtidEvent(header, flags, sourceId, gno, lastCommitted, sequenceNumber, immediate, original, transactionLength);
    }

    /// <summary>
    /// PREVIOUS_GTIDS_LOG_EVENT: the encoded GTID set (number of sources, then per source its UUID, number of
    /// intervals and each interval as start and exclusive end), read by <see cref="GtidSet.Decode"/>.
    /// </summary>
    /// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Previous__gtids__event.html</remarks>
    public static PreviousGtidsEvent ReadPreviousGtids(BinlogEventHeader header, ref ByteReader reader) =>
        new(header, GtidSet.Decode(ref reader));
}
