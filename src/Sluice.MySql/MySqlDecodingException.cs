namespace Sluice.MySql;

/// <summary>
/// Thrown when bytes from the server (a packet or a binlog event) do not have the shape the protocol
/// documents. Every malformed input surfaces as this one type, so a caller can tell bad bytes from
/// a broken connection or a server error.
/// </summary>
public sealed class MySqlDecodingException : Exception
{
    public MySqlDecodingException(string message, int offset)
        : base($"{message} (at offset {offset})")
    {
        Offset = offset;
    }

    public MySqlDecodingException(string message, int offset, Exception innerException)
        : base($"{message} (at offset {offset})", innerException)
    {
        Offset = offset;
    }

    public MySqlDecodingException()
    {
    }

    public MySqlDecodingException(string message)
        : base(message)
    {
    }

    public MySqlDecodingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Offset in the packet or event where decoding failed.</summary>
    public int Offset { get; }
}
