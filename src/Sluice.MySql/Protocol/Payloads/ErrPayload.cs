using System.Text;

namespace Sluice.MySql.Protocol.Payloads;

/// <summary>
/// ERR_Packet: 0xFF, int&lt;2&gt; error code, then (4.1 protocol) '#' and a 5-character SQL state, then the
/// message to the end of the payload. Errors sent before the handshake's capabilities are agreed
/// (e.g. "too many connections") may lack the '#' and state; they get the generic state HY000.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_err_packet.html</remarks>
internal readonly record struct ErrPayload(int ErrorCode, string SqlState, string Message)
{
    public const byte Header = 0xFF;

    private const string GenericSqlState = "HY000";

    public static ErrPayload Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new ByteReader(payload);
        var header = reader.ReadByte();
        if (header != Header)
            throw new MySqlDecodingException($"expected an ERR packet header 0xFF, found 0x{header:X2}", 0);
        var errorCode = reader.ReadUInt16();
        var sqlState = GenericSqlState;
        if (reader.Remaining >= 6 && reader.PeekByte() == (byte)'#')
        {
            reader.Skip(1);
            sqlState = Encoding.ASCII.GetString(reader.ReadBytes(5));
        }

        var message = Encoding.UTF8.GetString(reader.ReadRemaining());
        return new ErrPayload(errorCode, sqlState, message);
    }

    public MySqlServerException ToException() => new(ErrorCode, SqlState, Message);
}
