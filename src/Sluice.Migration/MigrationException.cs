using System.Diagnostics.CodeAnalysis;

namespace Sluice.Migration;

/// <summary>
/// A full migration unit (dump or load) could not go on: a table dropped meanwhile, a missing privilege, a
/// refused lock. The message names the table or step and the cause; <see cref="MySqlErrorCode"/> carries the
/// server's error number when the server refused, so retry decisions never read the message.
/// </summary>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors", Justification = "Always built with a message; the error number is optional.")]
public sealed class MigrationException : Exception
{
    public MigrationException(string message, int? mySqlErrorCode = null, Exception? inner = null, string? workaround = null)
        : base(message, inner)
    {
        MySqlErrorCode = mySqlErrorCode;
        Workaround = workaround;
    }

    /// <summary>What the operator can do about it, as DM's status gives with an error; null when nothing specific is known.</summary>
    public string? Workaround { get; }

    /// <summary>The MySQL/MariaDB error number behind the failure (e.g. 1146 no such table, 1227 missing privilege).</summary>
    public int? MySqlErrorCode { get; }
}
