namespace Sluice.Migration;

/// <summary>A migration unit (dump, load) could not go on: the message names what failed and where.</summary>
public sealed class MigrationException : Exception
{
    public MigrationException(string message, int? mySqlErrorCode = null, Exception? inner = null)
        : base(message, inner)
    {
        MySqlErrorCode = mySqlErrorCode;
    }

    /// <summary>The server's error number when the server refused; null otherwise.</summary>
    public int? MySqlErrorCode { get; }
}
