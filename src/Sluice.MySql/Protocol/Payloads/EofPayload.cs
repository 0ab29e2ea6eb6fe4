namespace Sluice.MySql.Protocol.Payloads;

/// <summary>
/// EOF_Packet: 0xFE, warning count, status flags. Ends column definitions and rows unless
/// CLIENT_DEPRECATE_EOF was agreed. Shorter than 9 bytes, which tells it from a row whose first value
/// has an 8-byte length prefix (also 0xFE).
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_eof_packet.html</remarks>
internal readonly record struct EofPayload(ushort Warnings, ServerStatus Status)
{
    public const byte Header = 0xFE;

    /// <summary>An EOF packet is always shorter than this.</summary>
    public const int MaxLength = 9;

    public static bool IsEof(ReadOnlySpan<byte> payload) => payload.Length is > 0 and < MaxLength && payload[0] == Header;

    public static EofPayload Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new ByteReader(payload);
        var header = reader.ReadByte();
        if (header != Header)
            throw new MySqlDecodingException($"expected an EOF packet header 0xFE, found 0x{header:X2}", 0);
        var warnings = reader.ReadUInt16();
        var status = (ServerStatus)reader.ReadUInt16();
        return new EofPayload(warnings, status);
    }
}
