using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Decoding;

/// <summary>The small fixed-layout events of both servers: ROTATE, XID, INTVAR, RAND, HEARTBEAT (v1 and v2), ROWS_QUERY.</summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_replication_binlog_event.html ,
/// https://mariadb.com/kb/en/replication-protocol/</remarks>
internal static class ControlEventReaders
{
    /// <summary>ROTATE_EVENT: position of the first event in the next file (8, the post-header), then the file name to the end.</summary>
    public static RotateEvent ReadRotate(BinlogEventHeader header, ref ByteReader reader, int postHeaderLength)
    {
        var postHeaderStart = reader.Offset;
        var position = postHeaderLength >= 8 ? reader.ReadUInt64() : 4UL;
        reader.Skip(postHeaderStart + postHeaderLength - reader.Offset);
        return new RotateEvent(header, position, reader.ReadString(reader.Remaining));
    }

    /// <summary>XID_EVENT: the storage engine's transaction id (8).</summary>
    public static XidEvent ReadXid(BinlogEventHeader header, ref ByteReader reader) => new(header, reader.ReadUInt64());

    /// <summary>INTVAR_EVENT: which variable (1), its value (8).</summary>
    public static IntVarEvent ReadIntVar(BinlogEventHeader header, ref ByteReader reader)
    {
        var kindOffset = reader.Offset;
        var kind = reader.ReadByte();
        if (kind > (byte)IntVarKind.InsertId)
            throw new MySqlDecodingException($"expected INTVAR type 0..2, found {kind}", kindOffset);
        return new IntVarEvent(header, (IntVarKind)kind, reader.ReadUInt64());
    }

    /// <summary>RAND_EVENT: the two seeds (8 each).</summary>
    public static RandEvent ReadRand(BinlogEventHeader header, ref ByteReader reader)
    {
        var seed1 = reader.ReadUInt64();
        return new RandEvent(header, seed1, reader.ReadUInt64());
    }

    /// <summary>HEARTBEAT_LOG_EVENT: the current file name is the whole body; the position is the header's.</summary>
    public static HeartbeatEvent ReadHeartbeat(BinlogEventHeader header, ref ByteReader reader) =>
        new(header, reader.ReadString(reader.Remaining), null);

    /// <summary>
    /// HEARTBEAT_LOG_EVENT_V2 (MySQL 8.0.26+): fields of type, length (both packed integers) and value until
    /// the end mark 0; type 1 is the file name, type 2 the position (a packed integer); others are skipped.
    /// </summary>
    public static HeartbeatEvent ReadHeartbeatV2(BinlogEventHeader header, ref ByteReader reader)
    {
        const ulong endMark = 0;
        const ulong fileNameField = 1;
        const ulong positionField = 2;
        var fileName = string.Empty;
        ulong? position = null;
        while (!reader.IsAtEnd)
        {
            var type = reader.ReadLengthEncodedInteger();
            if (type == endMark)
                break;
            var lengthOffset = reader.Offset;
            var length = reader.ReadLengthEncodedInteger();
            if (length > (ulong)reader.Remaining)
                throw new MySqlDecodingException($"expected a heartbeat field of {length} bytes, found {reader.Remaining} left", lengthOffset);
            var value = new ByteReader(reader.ReadBytes((int)length));
            switch (type)
            {
                case fileNameField:
                    fileName = value.ReadString(value.Remaining);
                    break;
                case positionField:
                    position = value.ReadLengthEncodedInteger();
                    break;
            }
        }

        return new HeartbeatEvent(header, fileName, position);
    }

    /// <summary>ROWS_QUERY_LOG_EVENT: a length byte (truncated at 255, so ignored), then the statement to the end.</summary>
    public static RowsQueryEvent ReadRowsQuery(BinlogEventHeader header, ref ByteReader reader)
    {
        reader.Skip(1);
        return new RowsQueryEvent(header, reader.ReadString(reader.Remaining));
    }
}
