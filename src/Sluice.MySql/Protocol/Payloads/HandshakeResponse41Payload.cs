namespace Sluice.MySql.Protocol.Payloads;

/// <summary>
/// Protocol::HandshakeResponse41: the client's capabilities, user, first auth response, optional default
/// schema and the name of the plugin that produced the auth response.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_response.html</remarks>
internal static class HandshakeResponse41Payload
{
    public static byte[] Create(
        ProtocolCapabilities capabilities,
        uint maxPacketSize,
        byte collation,
        string user,
        ReadOnlySpan<byte> authResponse,
        string? database,
        string authPluginName)
    {
        var writer = new PayloadWriter(128 + user.Length + authResponse.Length);
        SslRequestPayload.WriteFixedPart(writer, capabilities, maxPacketSize, collation);
        writer.WriteNullTerminatedString(user);
        if ((capabilities & ProtocolCapabilities.PluginAuthLengthEncodedClientData) != 0)
        {
            writer.WriteLengthEncodedBytes(authResponse);
        }
        else
        {
            if (authResponse.Length > byte.MaxValue)
                throw new ArgumentException("An auth response longer than 255 bytes needs CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA.", nameof(authResponse));
            writer.WriteByte((byte)authResponse.Length);
            writer.WriteBytes(authResponse);
        }

        if ((capabilities & ProtocolCapabilities.ConnectWithDb) != 0)
            writer.WriteNullTerminatedString(database ?? string.Empty);
        if ((capabilities & ProtocolCapabilities.PluginAuth) != 0)
            writer.WriteNullTerminatedString(authPluginName);
        return writer.ToArray();
    }
}
