using System.Net.Sockets;
using MySqlConnector;

namespace Sluice.Replication.Apply;

/// <summary>
/// Whether a failure writing to a MySQL-compatible target is worth retrying, decided by the server's error number or
/// the exception's type, never by its message: lost connections, deadlocks, lock wait timeouts, a target that is
/// read-only for a moment (a failover in progress) or out of connections are transient; anything else (a missing
/// table, a type mismatch, a refused privilege) is not. DM's sync unit and the changefeeds' MySQL sink both ask here.
/// </summary>
/// <remarks>https://mariadb.com/kb/en/mariadb-error-code-reference/</remarks>
public static class TargetErrors
{
    private static readonly HashSet<int> RetryableNumbers =
    [
        1040, // ER_CON_COUNT_ERROR: too many connections
        1053, // ER_SERVER_SHUTDOWN
        1205, // ER_LOCK_WAIT_TIMEOUT
        1213, // ER_LOCK_DEADLOCK
        1290, // ER_OPTION_PREVENTS_STATEMENT: --read-only / --super-read-only
        1317, // ER_QUERY_INTERRUPTED
        1792, // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
        1836, // ER_READ_ONLY_MODE
        1927, // ER_CONNECTION_KILLED (MariaDB)
        2002, // CR_CONNECTION_ERROR
        2003, // CR_CONN_HOST_ERROR
        2006, // CR_SERVER_GONE_ERROR
        2013, // CR_SERVER_LOST
        4031, // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8.0.24+)
    ];

    /// <summary>
    /// True, false, or null when <paramref name="exception"/> itself says nothing (then what it wraps may): a MySQL
    /// error the server sent is decided by its number, a client-side one by its code, sockets and timeouts are transient.
    /// </summary>
    public static bool? Classify(Exception exception) => exception switch
    {
        MySqlException mysql when RetryableNumbers.Contains(mysql.Number)
            || mysql.ErrorCode is MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.CommandTimeoutExpired => true,
        MySqlException { InnerException: null } => false, // the server's own answer; a client-side one wraps its cause
        SocketException or IOException or TimeoutException => true,
        _ => null,
    };

    /// <summary>True when <paramref name="exception"/> (or what it wraps) is a transient failure.</summary>
    public static bool IsRetryable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (Classify(current) is { } retryable)
                return retryable;
        }

        return false;
    }
}
