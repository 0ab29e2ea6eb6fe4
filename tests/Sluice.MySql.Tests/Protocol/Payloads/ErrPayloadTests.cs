using Sluice.MySql.Protocol.Payloads;

namespace Sluice.MySql.Tests.Protocol.Payloads;

public sealed class ErrPayloadTests
{
    [Fact]
    public void Parses_code_sql_state_and_message()
    {
        // ERROR 1045 (28000): Access denied for user 'x'@'localhost' (using password: YES)
        var payload = Convert.FromHexString("ff1504" + "233238303030" + Convert.ToHexString("Access denied for user 'x'@'localhost' (using password: YES)"u8));

        var error = ErrPayload.Parse(payload);

        Assert.Equal(1045, error.ErrorCode);
        Assert.Equal("28000", error.SqlState);
        Assert.Equal("Access denied for user 'x'@'localhost' (using password: YES)", error.Message);
    }

    [Fact]
    public void Pre_41_form_without_sql_state_gets_HY000()
    {
        // ERROR 1040: Too many connections, as sent before capabilities are agreed.
        var payload = Convert.FromHexString("ff1004" + Convert.ToHexString("Too many connections"u8));

        var error = ErrPayload.Parse(payload);

        Assert.Equal(1040, error.ErrorCode);
        Assert.Equal("HY000", error.SqlState);
        Assert.Equal("Too many connections", error.Message);
    }

    [Fact]
    public void Becomes_a_server_exception_through_the_session_helper()
    {
        var payload = Convert.FromHexString("ff1904" + "233432303030" + Convert.ToHexString("Unknown database 'nope'"u8));

        var exception = Assert.Throws<MySqlServerException>(() => Sluice.MySql.Session.MySqlSession.ThrowIfError(payload));

        Assert.Equal(1049, exception.ErrorCode);
        Assert.Equal("42000", exception.SqlState);
        Assert.Equal("Unknown database 'nope'", exception.ServerMessage);
        Sluice.MySql.Session.MySqlSession.ThrowIfError([0x00, 0, 0, 2, 0, 0, 0]);
        Sluice.MySql.Session.MySqlSession.ThrowIfError([]);
    }

    [Fact]
    public void Truncated_err_packet_is_a_decoding_error()
    {
        Assert.Throws<MySqlDecodingException>(() => ErrPayload.Parse([0xFF, 0x15]));
        Assert.Throws<MySqlDecodingException>(() => ErrPayload.Parse([0x00, 0x15, 0x04]));
    }
}
