using MySqlConnector;
using Sluice.Migration.Sync;

namespace Sluice.Migration.Supervision;

/// <summary>
/// An error as a task's status shows it: the message, DM's numeric error code where one fits (10001 when a server
/// could not be reached or refused the login, 10006 when it refused a statement, 32001 a dump that failed otherwise),
/// the MySQL error number behind it, and what the operator can do.
/// </summary>
/// <remarks>Codes from DM's catalogue: https://docs.pingcap.com/tidb/stable/dm-error-handling</remarks>
public sealed record TaskError(string Message, int? Code, int? MySqlErrorCode, string? Workaround)
{
    /// <summary>codeDBDriverError.</summary>
    public const int DbDriverError = 10001;

    /// <summary>codeDBExecuteFailed.</summary>
    public const int DbExecuteFailed = 10006;

    /// <summary>codeDumpUnitRuntime.</summary>
    public const int DumpUnitRuntime = 32001;

    /// <summary>The status of <paramref name="exception"/>, thrown while the source was in <paramref name="unit"/>.</summary>
    public static TaskError From(Exception exception, TaskUnit unit)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var number = exception switch
        {
            MigrationException { MySqlErrorCode: { } n } => n,
            MySqlException mysql => mysql.Number,
            _ => exception.InnerException is MySqlException inner ? inner.Number : (int?)null,
        };
        int? code = number switch
        {
            // Refused logins and unreachable servers (client-side numbers are 2000 and up).
            1045 or 1040 or >= 2000 and < 3000 => DbDriverError,
            not null => DbExecuteFailed,
            null when unit == TaskUnit.Dump => DumpUnitRuntime,
            _ => null,
        };
        var workaround = (exception as MigrationException)?.Workaround ?? (number is { } k ? ApplyErrors.Workaround(k) : null);
        return new TaskError(exception.Message, code, number, workaround);
    }
}
