namespace Sluice.MySql.Protocol.Payloads;

/// <summary>
/// Protocol::AuthMoreData: 0x01 followed by plugin-specific data (caching_sha2_password's 0x03 / 0x04
/// status byte, or a PEM public key).
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_more_data.html</remarks>
internal static class AuthMoreDataPayload
{
    public const byte Header = 0x01;

    /// <summary>The plugin data after the header.</summary>
    public static ReadOnlySpan<byte> GetData(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || payload[0] != Header)
        {
            throw new MySqlDecodingException(
                $"expected an AuthMoreData header 0x01, found {(payload.IsEmpty ? "an empty payload" : $"0x{payload[0]:X2}")}", 0);
        }

        return payload[1..];
    }
}
