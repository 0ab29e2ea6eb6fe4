using System.Text;

namespace Sluice.MySql.Protocol.Payloads;

/// <summary>
/// Protocol::AuthSwitchRequest: 0xFE, the plugin name (NUL-terminated), then the plugin's data (for the
/// password plugins, a new 20-byte scramble followed by a NUL that is not part of it).
/// A lone 0xFE is the pre-4.1 "old password" switch, which this client does not support.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_switch_request.html</remarks>
internal sealed record AuthSwitchRequestPayload(string PluginName, byte[] PluginData)
{
    public const byte Header = 0xFE;

    public static AuthSwitchRequestPayload Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new ByteReader(payload);
        var header = reader.ReadByte();
        if (header != Header)
            throw new MySqlDecodingException($"expected an AuthSwitchRequest header 0xFE, found 0x{header:X2}", 0);
        if (reader.IsAtEnd)
            throw new NotSupportedException("The server asked for the pre-4.1 'mysql_old_password' authentication, which is not supported.");
        var pluginName = Encoding.UTF8.GetString(reader.ReadNullTerminatedBytes());
        var data = reader.ReadRemaining();
        if (data.Length > 0 && data[^1] == 0)
            data = data[..^1];
        return new AuthSwitchRequestPayload(pluginName, data.ToArray());
    }
}
