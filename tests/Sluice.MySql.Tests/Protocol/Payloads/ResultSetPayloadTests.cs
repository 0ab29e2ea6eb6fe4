using Sluice.MySql.Protocol;
using Sluice.MySql.Protocol.Payloads;

namespace Sluice.MySql.Tests.Protocol.Payloads;

public sealed class ResultSetPayloadTests
{
    [Fact]
    public void Column_definition_gives_name_table_and_type()
    {
        // SELECT user AS u FROM mysql.user: catalog "def", schema "mysql", table "u1" (alias), org_table "user",
        // name "u", org_name "User", 0x0C, collation 45, length 512, type 0xFE (STRING), flags 0x1003, decimals 0.
        var payload = Convert.FromHexString(
            "03646566" + "056d7973716c" + "027531" + "0475736572" + "0175" + "0455736572" +
            "0c" + "2d00" + "00020000" + "fe" + "0310" + "00" + "0000");

        var column = ColumnDefinition41Payload.Parse(payload);

        Assert.Equal("mysql", column.Schema);
        Assert.Equal("u1", column.Table);
        Assert.Equal("u", column.Name);
        Assert.Equal(45, column.CharacterSet);
        Assert.Equal(512u, column.ColumnLength);
        Assert.Equal(0xFE, column.ColumnType);
        Assert.Equal(0x1003, column.Flags);
    }

    [Fact]
    public void Text_row_decodes_values_and_nulls()
    {
        // Row ('abc', NULL, '', 'é'): lenenc strings, 0xFB for NULL.
        var payload = Convert.FromHexString("03616263" + "fb" + "00" + "02c3a9");

        Assert.Equal(new string?[] { "abc", null, "", "é" }, TextRowPayload.Parse(payload, 4));
    }

    [Fact]
    public void Text_row_with_missing_or_extra_values_is_a_decoding_error()
    {
        Assert.Throws<MySqlDecodingException>(() => TextRowPayload.Parse(Convert.FromHexString("03616263"), 2));
        Assert.Throws<MySqlDecodingException>(() => TextRowPayload.Parse(Convert.FromHexString("03616263fb"), 1));
        Assert.Throws<MySqlDecodingException>(() => TextRowPayload.Parse(Convert.FromHexString("0561"), 1));
    }

    [Fact]
    public void Eof_is_told_from_a_row_by_its_length()
    {
        byte[] eof = [0xFE, 0x00, 0x00, 0x82, 0x00];
        Assert.True(EofPayload.IsEof(eof));
        Assert.Equal(ServerStatus.AutoCommit | ServerStatus.LastRowSent, EofPayload.Parse(eof).Status);
        Assert.False(EofPayload.IsEof([0xFE, 1, 0, 0, 0, 0, 0, 0, 0, 0x41]));
    }

    [Fact]
    public void Auth_switch_request_gives_plugin_and_scramble_without_the_trailing_nul()
    {
        var payload = Convert.FromHexString("fe" + Convert.ToHexString("caching_sha2_password"u8) + "00" + Convert.ToHexString("0123456789abcdefghij"u8) + "00");

        var request = AuthSwitchRequestPayload.Parse(payload);

        Assert.Equal("caching_sha2_password", request.PluginName);
        Assert.Equal("0123456789abcdefghij"u8.ToArray(), request.PluginData);
        Assert.Throws<NotSupportedException>(() => AuthSwitchRequestPayload.Parse([0xFE]));
    }
}
