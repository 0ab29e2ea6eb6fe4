using System.Text;

namespace Sluice.MySql.Protocol.Payloads;

/// <summary>
/// Protocol::HandshakeV10, the server's first packet: version, connection id, the scramble
/// (auth-plugin-data, normally 20 bytes), capabilities, collation, status and default auth plugin.
/// MariaDB 10.2+ clears CLIENT_MYSQL (bit 0) and puts 32 extended capability bits in the last four of the
/// ten reserved bytes; MariaDB 10.x also prefixes its version with "5.5.5-" for old replicas.
/// </summary>
/// <remarks>
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_v10.html
/// https://mariadb.com/kb/en/connection/#initial-handshake-packet
/// </remarks>
internal sealed record HandshakeV10Payload(
    string ServerVersion,
    uint ConnectionId,
    byte[] Scramble,
    ProtocolCapabilities Capabilities,
    byte CharacterSet,
    ServerStatus Status,
    string? AuthPluginName)
{
    public const byte ProtocolVersion = 10;

    private const string MariaDbReplicationPrefix = "5.5.5-";

    /// <summary>The version string with MariaDB's "5.5.5-" replication prefix removed.</summary>
    public string DisplayVersion =>
        IsMariaDb && ServerVersion.StartsWith(MariaDbReplicationPrefix, StringComparison.Ordinal)
            ? ServerVersion[MariaDbReplicationPrefix.Length..]
            : ServerVersion;

    public bool IsMariaDb => ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);

    public static HandshakeV10Payload Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new ByteReader(payload);
        var protocolVersion = reader.ReadByte();
        if (protocolVersion != ProtocolVersion)
            throw new MySqlDecodingException($"expected handshake protocol version 10, found {protocolVersion}", 0);
        var serverVersion = Encoding.UTF8.GetString(reader.ReadNullTerminatedBytes());
        var connectionId = reader.ReadUInt32();
        var scramble1 = reader.ReadBytes(8);
        reader.Skip(1);
        var capabilities = (ProtocolCapabilities)reader.ReadUInt16();
        if (reader.IsAtEnd)
        {
            // A pre-4.1 server ends here; the caller rejects it for lacking CLIENT_PROTOCOL_41.
            return new HandshakeV10Payload(serverVersion, connectionId, scramble1.ToArray(), capabilities, 0, ServerStatus.None, null);
        }

        var characterSet = reader.ReadByte();
        var status = (ServerStatus)reader.ReadUInt16();
        capabilities |= (ProtocolCapabilities)((ulong)reader.ReadUInt16() << 16);
        var authPluginDataLength = reader.ReadByte();
        reader.Skip(6);
        var extended = reader.ReadUInt32();
        if ((capabilities & ProtocolCapabilities.LongPassword) == 0)
            capabilities |= (ProtocolCapabilities)((ulong)extended << 32);

        var scramble2 = ReadOnlySpan<byte>.Empty;
        if ((capabilities & ProtocolCapabilities.SecureConnection) != 0)
        {
            // The second part includes a trailing NUL that is not part of the scramble.
            scramble2 = reader.ReadBytes(Math.Max(13, authPluginDataLength - 8));
            if (scramble2[^1] == 0)
                scramble2 = scramble2[..^1];
        }

        string? authPluginName = null;
        if ((capabilities & ProtocolCapabilities.PluginAuth) != 0 && !reader.IsAtEnd)
        {
            // Some MySQL 5.5 releases omit the terminator (bug #59453): take the rest then.
            authPluginName = reader.RemainingSpan.Contains((byte)0)
                ? Encoding.UTF8.GetString(reader.ReadNullTerminatedBytes())
                : Encoding.UTF8.GetString(reader.ReadRemaining());
        }

        byte[] scramble = [.. scramble1, .. scramble2];
        return new HandshakeV10Payload(serverVersion, connectionId, scramble, capabilities, characterSet, status, authPluginName);
    }
}
