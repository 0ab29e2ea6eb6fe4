using System.Text;
using Sluice.MySql.Protocol;
using Sluice.MySql.Protocol.Payloads;

namespace Sluice.MySql.Tests.Protocol.Payloads;

public sealed class HandshakeV10PayloadTests
{
    // Captured from MariaDB 10.11.19 (Debian 12 package) on 127.0.0.1: the first packet after connect,
    // header included (0x68 bytes, sequence 0). Read with a plain socket: connect, recv until 4 + length.
    private const string MariaDbHandshakePacket =
        "680000000a352e352e352d31302e31312e31392d4d6172696144422d302b646562313275312d6c6f6700060000003e7b7351" +
        "79307d4800feff2d0200ff81150000000000001d00000030553e744d65357570532d26006d7973716c5f6e61746976655f70" +
        "617373776f726400";

    [Fact]
    public void Parses_a_captured_MariaDB_handshake_with_extended_capabilities()
    {
        var packet = Convert.FromHexString(MariaDbHandshakePacket);
        Assert.Equal(packet.Length - 4, packet[0]);

        var handshake = HandshakeV10Payload.Parse(packet.AsSpan(4));

        Assert.Equal("5.5.5-10.11.19-MariaDB-0+deb12u1-log", handshake.ServerVersion);
        Assert.Equal("10.11.19-MariaDB-0+deb12u1-log", handshake.DisplayVersion);
        Assert.True(handshake.IsMariaDb);
        Assert.Equal(6u, handshake.ConnectionId);
        Assert.Equal(">{sQy0}H0U>tMe5upS-&", Encoding.ASCII.GetString(handshake.Scramble));
        Assert.Equal(45, handshake.CharacterSet);
        Assert.Equal(ServerStatus.AutoCommit, handshake.Status);
        Assert.Equal("mysql_native_password", handshake.AuthPluginName);

        // Lower 0xFFFE (CLIENT_MYSQL clear: MariaDB), upper 0x81FF, extended 0x1D.
        Assert.Equal((ProtocolCapabilities)0x0000_001D_81FF_FFFEUL, handshake.Capabilities);
        Assert.True(handshake.Capabilities.HasFlag(ProtocolCapabilities.Ssl));
        Assert.True(handshake.Capabilities.HasFlag(ProtocolCapabilities.DeprecateEof));
        Assert.True(handshake.Capabilities.HasFlag(ProtocolCapabilities.MariaDbStmtBulkOperations));
        Assert.False(handshake.Capabilities.HasFlag(ProtocolCapabilities.LongPassword));
    }

    [Fact]
    public void Parses_a_MySQL_8_handshake_without_extended_capabilities()
    {
        // Built from the HandshakeV10 layout: version 8.0.36, id 0x0102, scramble "abcdefgh" + "ijklmnopqrst",
        // capabilities 0xDFFFFFFF (lower 0xFFFF, upper 0xDFFF), collation 255, status 0x0002,
        // auth-plugin-data length 21, 10 zero bytes, scramble part 2 with its NUL, plugin name.
        var payload = Convert.FromHexString(
            "0a" + Hex("8.0.36") + "00" + "02010000" + Hex("abcdefgh") + "00" + "ffff" + "ff" + "0200" + "ffdf" + "15" +
            "00000000000000000000" + Hex("ijklmnopqrst") + "00" + Hex("caching_sha2_password") + "00");

        var handshake = HandshakeV10Payload.Parse(payload);

        Assert.Equal("8.0.36", handshake.DisplayVersion);
        Assert.False(handshake.IsMariaDb);
        Assert.Equal(0x0102u, handshake.ConnectionId);
        Assert.Equal("abcdefghijklmnopqrst", Encoding.ASCII.GetString(handshake.Scramble));
        Assert.Equal((ProtocolCapabilities)0xDFFF_FFFFUL, handshake.Capabilities);
        Assert.Equal(255, handshake.CharacterSet);
        Assert.Equal("caching_sha2_password", handshake.AuthPluginName);
    }

    [Fact]
    public void Plugin_name_without_terminator_is_read_to_the_end()
    {
        var payload = Convert.FromHexString(
            "0a" + Hex("5.5.8") + "00" + "01000000" + Hex("abcdefgh") + "00" + "fff7" + "21" + "0200" + "0f80" + "15" +
            "00000000000000000000" + Hex("ijklmnopqrst") + "00" + Hex("mysql_native_password"));

        Assert.Equal("mysql_native_password", HandshakeV10Payload.Parse(payload).AuthPluginName);
    }

    [Fact]
    public void Other_protocol_versions_are_rejected()
    {
        var error = Assert.Throws<MySqlDecodingException>(() => HandshakeV10Payload.Parse([9, 0x35, 0]));
        Assert.Contains("protocol version 10, found 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_handshake_is_a_decoding_error()
    {
        var packet = Convert.FromHexString(MariaDbHandshakePacket);
        for (var cut = 45; cut < packet.Length - 4 - 22; cut += 3)
            Assert.Throws<MySqlDecodingException>(() => HandshakeV10Payload.Parse(packet.AsSpan(4, cut)));
    }

    private static string Hex(string ascii) => Convert.ToHexString(Encoding.ASCII.GetBytes(ascii));
}
