using System.Buffers.Binary;
using System.Text;
using Sluice.MySql.Positions;

namespace Sluice.MySql.Replication;

/// <summary>Payloads of the replication commands a replica sends.</summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_replication.html</remarks>
internal static class ReplicationCommands
{
    private const byte ComRegisterSlave = 0x15;
    private const byte ComBinlogDump = 0x12;
    private const byte ComBinlogDumpGtid = 0x1E;

    /// <summary>BINLOG_THROUGH_GTID: the GTID set follows in COM_BINLOG_DUMP_GTID.</summary>
    private const ushort BinlogThroughGtid = 0x04;

    /// <summary>BINLOG_DUMP_NON_BLOCK: send EOF at the end of the binlog instead of waiting for new events.</summary>
    private const ushort NonBlock = 0x01;

    /// <summary>MariaDB's BINLOG_SEND_ANNOTATE_ROWS_EVENT: include ANNOTATE_ROWS events (https://mariadb.com/kb/en/com_binlog_dump/).</summary>
    private const ushort SendAnnotateRows = 0x02;

    /// <summary>COM_REGISTER_SLAVE: https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_register_slave.html</summary>
    public static byte[] RegisterSlave(uint serverId, string hostname, string user, string password, ushort port)
    {
        var host = Truncated(hostname);
        var userBytes = Truncated(user);
        var passwordBytes = Truncated(password);
        var payload = new byte[1 + 4 + 1 + host.Length + 1 + userBytes.Length + 1 + passwordBytes.Length + 2 + 4 + 4];
        var span = payload.AsSpan();
        span[0] = ComRegisterSlave;
        BinaryPrimitives.WriteUInt32LittleEndian(span[1..], serverId);
        var offset = 5;
        offset = WriteShortString(span, offset, host);
        offset = WriteShortString(span, offset, userBytes);
        offset = WriteShortString(span, offset, passwordBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], port);
        offset += 2;
        BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], 0); // replication rank, unused
        offset += 4;
        BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], 0); // master id, filled by the server
        return payload;
    }

    /// <summary>COM_BINLOG_DUMP: https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_binlog_dump.html</summary>
    /// <remarks>MariaDB starts a GTID dump with this command too, after setting @slave_connect_state, with an empty file name.</remarks>
    public static byte[] BinlogDump(uint serverId, string fileName, uint position, bool stopAtEnd = false, bool annotateRows = false)
    {
        var name = Encoding.UTF8.GetBytes(fileName);
        var payload = new byte[1 + 4 + 2 + 4 + name.Length];
        var span = payload.AsSpan();
        span[0] = ComBinlogDump;
        BinaryPrimitives.WriteUInt32LittleEndian(span[1..], position);
        BinaryPrimitives.WriteUInt16LittleEndian(span[5..], (ushort)((stopAtEnd ? NonBlock : 0) | (annotateRows ? SendAnnotateRows : 0)));
        BinaryPrimitives.WriteUInt32LittleEndian(span[7..], serverId);
        name.CopyTo(span[11..]);
        return payload;
    }

    /// <summary>COM_BINLOG_DUMP_GTID: https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_binlog_dump_gtid.html</summary>
    public static byte[] BinlogDumpGtid(uint serverId, GtidSet executed, bool stopAtEnd = false)
    {
        var gtids = executed.Encode();
        var payload = new byte[1 + 2 + 4 + 4 + 0 + 8 + 4 + gtids.Length];
        var span = payload.AsSpan();
        span[0] = ComBinlogDumpGtid;
        BinaryPrimitives.WriteUInt16LittleEndian(span[1..], (ushort)(BinlogThroughGtid | (stopAtEnd ? NonBlock : 0)));
        BinaryPrimitives.WriteUInt32LittleEndian(span[3..], serverId);
        BinaryPrimitives.WriteUInt32LittleEndian(span[7..], 0); // empty file name: the server finds the first missing GTID
        BinaryPrimitives.WriteUInt64LittleEndian(span[11..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(span[19..], (uint)gtids.Length);
        gtids.CopyTo(span[23..]);
        return payload;
    }

    private static byte[] Truncated(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return bytes.Length <= 255 ? bytes : bytes[..255];
    }

    private static int WriteShortString(Span<byte> span, int offset, byte[] value)
    {
        span[offset] = (byte)value.Length;
        value.CopyTo(span[(offset + 1)..]);
        return offset + 1 + value.Length;
    }
}
