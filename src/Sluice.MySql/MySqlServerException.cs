namespace Sluice.MySql;

/// <summary>
/// A server's ERR packet: the one exception every server-side error becomes.
/// Retry decisions are made from <see cref="ErrorCode"/>, never from the message.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_err_packet.html</remarks>
public sealed class MySqlServerException : Exception
{
    public MySqlServerException(int errorCode, string sqlState, string message)
        : base($"ERROR {errorCode} ({sqlState}): {message}")
    {
        ErrorCode = errorCode;
        SqlState = sqlState;
        ServerMessage = message;
    }

    public MySqlServerException()
    {
        SqlState = "HY000";
        ServerMessage = string.Empty;
    }

    public MySqlServerException(string message)
        : base(message)
    {
        SqlState = "HY000";
        ServerMessage = message;
    }

    public MySqlServerException(string message, Exception innerException)
        : base(message, innerException)
    {
        SqlState = "HY000";
        ServerMessage = message;
    }

    /// <summary>MySQL/MariaDB error number, e.g. 1045 for access denied.</summary>
    public int ErrorCode { get; }

    /// <summary>Five-character SQLSTATE, e.g. "28000".</summary>
    public string SqlState { get; }

    /// <summary>The server's message without the code prefix.</summary>
    public string ServerMessage { get; }
}
