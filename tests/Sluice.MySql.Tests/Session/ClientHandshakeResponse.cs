using System.Text;
using Sluice.MySql.Protocol;

namespace Sluice.MySql.Tests.Session;

/// <summary>The scripted server's reading of a HandshakeResponse41 (or the SSLRequest that precedes one).</summary>
internal sealed record ClientHandshakeResponse(
    ProtocolCapabilities Capabilities,
    uint MaxPacketSize,
    byte Collation,
    string? User,
    byte[] AuthResponse,
    string? Database,
    string? PluginName)
{
    public bool IsSslRequest => User is null;

    public static ClientHandshakeResponse Parse(byte[] payload)
    {
        var reader = new ByteReader(payload);
        var capabilities = (ProtocolCapabilities)reader.ReadUInt32();
        var maxPacketSize = reader.ReadUInt32();
        var collation = reader.ReadByte();
        var filler = reader.ReadBytes(23);
        Assert.True(filler.IndexOfAnyExcept((byte)0) < 0, "the 23 reserved bytes are zero");
        if (reader.IsAtEnd)
            return new ClientHandshakeResponse(capabilities, maxPacketSize, collation, null, [], null, null);

        var user = Encoding.UTF8.GetString(reader.ReadNullTerminatedBytes());
        var auth = (capabilities & ProtocolCapabilities.PluginAuthLengthEncodedClientData) != 0
            ? reader.ReadLengthEncodedBytes().ToArray()
            : reader.ReadBytes(reader.ReadByte()).ToArray();
        string? database = null;
        if ((capabilities & ProtocolCapabilities.ConnectWithDb) != 0)
            database = Encoding.UTF8.GetString(reader.ReadNullTerminatedBytes());
        string? plugin = null;
        if ((capabilities & ProtocolCapabilities.PluginAuth) != 0)
            plugin = Encoding.UTF8.GetString(reader.ReadNullTerminatedBytes());
        Assert.True(reader.IsAtEnd, "no connection attributes are sent");
        return new ClientHandshakeResponse(capabilities, maxPacketSize, collation, user, auth, database, plugin);
    }
}
