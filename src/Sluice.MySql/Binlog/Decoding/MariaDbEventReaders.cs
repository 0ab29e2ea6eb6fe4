using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>MariaDB's own events: GTID, GTID_LIST, BINLOG_CHECKPOINT, ANNOTATE_ROWS.</summary>
/// <remarks>https://mariadb.com/kb/en/replication-protocol/ and its event pages</remarks>
internal static class MariaDbEventReaders
{
    // Flags2 bits that bring optional fields: the group commit id, and the XID of an XA transaction.
    private const byte GroupCommitIdFlag = MariaDbGtidEvent.GroupCommitIdFlag;
    private const byte XaFlags = MariaDbGtidEvent.PreparedXaFlag | MariaDbGtidEvent.CompletedXaFlag;

    /// <summary>
    /// GTID_EVENT: sequence number (8), domain id (4), flags (1), then the commit id (8) when FL_GROUP_COMMIT_ID,
    /// then for XA the XID: format id (4), gtrid length (1), bqual length (1), gtrid and bqual. The server id of
    /// the GTID is the header's. Padding and the extra flags of newer servers follow and are not needed.
    /// </summary>
    /// <remarks>https://mariadb.com/kb/en/gtid_event/</remarks>
    public static MariaDbGtidEvent ReadGtid(BinlogEventHeader header, ref ByteReader reader)
    {
        var sequence = reader.ReadUInt64();
        var domain = reader.ReadUInt32();
        var flags = reader.ReadByte();
        ulong? commitId = (flags & GroupCommitIdFlag) != 0 ? reader.ReadUInt64() : null;
        MariaDbXid? xid = null;
        if ((flags & XaFlags) != 0)
        {
            var formatId = reader.ReadInt32();
            var gtridLength = reader.ReadByte();
            var bqualLength = reader.ReadByte();
            var gtrid = reader.ReadBytes(gtridLength).ToArray();
            xid = new MariaDbXid(formatId, gtrid, reader.ReadBytes(bqualLength).ToArray());
        }

        return new MariaDbGtidEvent(header, new MariaDbGtid(domain, header.ServerId, sequence), flags, commitId, xid);
    }

    /// <summary>GTID_LIST_EVENT: count (low 28 bits) and flags (high 4 bits) in 4 bytes, then domain (4), server (4), sequence (8) each.</summary>
    /// <remarks>https://mariadb.com/kb/en/gtid_list_event/</remarks>
    public static MariaDbGtidListEvent ReadGtidList(BinlogEventHeader header, ref ByteReader reader)
    {
        const int entryLength = 16;
        var countOffset = reader.Offset;
        var countAndFlags = reader.ReadUInt32();
        var count = (int)(countAndFlags & 0x0FFFFFFF);
        if (count > reader.Remaining / entryLength)
            throw new MySqlDecodingException($"expected {count} GTIDs of 16 bytes, found {reader.Remaining} bytes", countOffset);
        var gtids = new MariaDbGtid[count];
        for (var i = 0; i < count; i++)
        {
            var domain = reader.ReadUInt32();
            var server = reader.ReadUInt32();
            gtids[i] = new MariaDbGtid(domain, server, reader.ReadUInt64());
        }

        return new MariaDbGtidListEvent(header, new MariaDbGtidList(gtids), countAndFlags >> 28);
    }

    /// <summary>BINLOG_CHECKPOINT_EVENT: file name length (4), file name.</summary>
    /// <remarks>https://mariadb.com/kb/en/binlog_checkpoint_event/</remarks>
    public static BinlogCheckpointEvent ReadBinlogCheckpoint(BinlogEventHeader header, ref ByteReader reader)
    {
        var lengthOffset = reader.Offset;
        var length = reader.ReadUInt32();
        if (length > (uint)reader.Remaining)
            throw new MySqlDecodingException($"expected a file name of {length} bytes, found {reader.Remaining}", lengthOffset);
        return new BinlogCheckpointEvent(header, reader.ReadString((int)length));
    }

    /// <summary>ANNOTATE_ROWS_EVENT: the statement is the whole body.</summary>
    /// <remarks>https://mariadb.com/kb/en/annotate_rows_event/</remarks>
    public static AnnotateRowsEvent ReadAnnotateRows(BinlogEventHeader header, ref ByteReader reader) =>
        new(header, reader.ReadString(reader.Remaining));
}
