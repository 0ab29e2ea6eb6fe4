using System.Text;

namespace Sluice.MySql.Protocol.Payloads;

/// <summary>
/// OK_Packet: header 0x00 (or 0xFE when it ends a result set under CLIENT_DEPRECATE_EOF), affected rows and
/// last insert id as length-encoded integers, status flags, warning count, then human-readable info.
/// </summary>
/// <remarks>
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_ok_packet.html
/// Session-state tracking is never requested by this client, so the info runs to the end of the payload.
/// </remarks>
internal readonly record struct OkPayload(ulong AffectedRows, ulong LastInsertId, ServerStatus Status, ushort Warnings, string Info)
{
    public const byte Header = 0x00;
    public const byte EofHeader = 0xFE;

    public static OkPayload Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new ByteReader(payload);
        var header = reader.ReadByte();
        if (header is not (Header or EofHeader))
            throw new MySqlDecodingException($"expected an OK packet header 0x00 or 0xFE, found 0x{header:X2}", 0);
        var affectedRows = reader.ReadLengthEncodedInteger();
        var lastInsertId = reader.ReadLengthEncodedInteger();
        var status = (ServerStatus)reader.ReadUInt16();
        var warnings = reader.ReadUInt16();
        var info = reader.IsAtEnd ? string.Empty : Encoding.UTF8.GetString(reader.ReadRemaining());
        return new OkPayload(affectedRows, lastInsertId, status, warnings, info);
    }
}
