namespace Sluice.MySql.Protocol.Payloads;

/// <summary>
/// Protocol::SSLRequest: the first 32 bytes of a HandshakeResponse41 (capabilities with CLIENT_SSL, max
/// packet size, collation, 23 reserved bytes), sent before the TLS handshake. MariaDB reads the last four
/// reserved bytes as extended client capabilities when the client does not set CLIENT_MYSQL.
/// </summary>
/// <remarks>
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_ssl_request.html
/// https://mariadb.com/kb/en/connection/#sslrequest-packet
/// </remarks>
internal static class SslRequestPayload
{
    public const int Length = 32;

    public static byte[] Create(ProtocolCapabilities capabilities, uint maxPacketSize, byte collation)
    {
        var writer = new PayloadWriter(Length);
        WriteFixedPart(writer, capabilities, maxPacketSize, collation);
        return writer.ToArray();
    }

    /// <summary>The part shared with HandshakeResponse41.</summary>
    internal static void WriteFixedPart(PayloadWriter writer, ProtocolCapabilities capabilities, uint maxPacketSize, byte collation)
    {
        writer.WriteUInt32((uint)capabilities);
        writer.WriteUInt32(maxPacketSize);
        writer.WriteByte(collation);
        writer.WriteZeros(19);
        var extended = (capabilities & ProtocolCapabilities.LongPassword) == 0 ? (uint)((ulong)capabilities >> 32) : 0;
        writer.WriteUInt32(extended);
    }
}
