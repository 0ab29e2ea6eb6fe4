namespace Sluice.MySql;

/// <summary>
/// The connection to the server failed or was lost: refused, timed out, closed by the server, reset,
/// or aborted locally. It is an <see cref="IOException"/>, so callers that only know "I/O failed"
/// still catch it; the replication layer reads it as "reconnect", unlike <see cref="MySqlServerException"/>
/// which means "the server said no".
/// </summary>
public sealed class MySqlConnectionException : IOException
{
    public MySqlConnectionException()
    {
    }

    public MySqlConnectionException(string message)
        : base(message)
    {
    }

    public MySqlConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
