using Sluice.MySql.Protocol;
using Sluice.MySql.Protocol.Payloads;

namespace Sluice.MySql.Tests.Protocol.Payloads;

public sealed class HandshakeResponse41PayloadTests
{
    [Fact]
    public void Lays_out_capabilities_user_auth_response_database_and_plugin()
    {
        const ProtocolCapabilities capabilities = ProtocolCapabilities.Protocol41 | ProtocolCapabilities.SecureConnection |
            ProtocolCapabilities.PluginAuth | ProtocolCapabilities.PluginAuthLengthEncodedClientData | ProtocolCapabilities.ConnectWithDb |
            ProtocolCapabilities.LongPassword;

        var payload = HandshakeResponse41Payload.Create(capabilities, 0x40000000, 45, "app", [0xAA, 0xBB], "db1", "mysql_native_password");

        var expected = Convert.FromHexString(
            "09822800" + "00000040" + "2d" + new string('0', 46) +
            "61707000" + "02aabb" + "64623100" + Convert.ToHexString("mysql_native_password"u8) + "00");
        Assert.Equal(expected, payload);
    }

    [Fact]
    public void Ssl_request_is_the_32_byte_prefix_and_carries_MariaDB_extended_capabilities_without_CLIENT_MYSQL()
    {
        var withMySqlFlag = SslRequestPayload.Create(ProtocolCapabilities.Protocol41 | ProtocolCapabilities.Ssl | ProtocolCapabilities.LongPassword, 16, 45);
        Assert.Equal(Convert.FromHexString("010a0000" + "10000000" + "2d" + new string('0', 46)), withMySqlFlag);

        var mariaDb = SslRequestPayload.Create(ProtocolCapabilities.Protocol41 | ProtocolCapabilities.Ssl | ProtocolCapabilities.MariaDbStmtBulkOperations, 16, 45);
        Assert.Equal(Convert.FromHexString("000a0000" + "10000000" + "2d" + new string('0', 38) + "04000000"), mariaDb);
    }
}
