using System.Net.Sockets;
using MySqlConnector;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>
/// How the MySQL sink classifies a failure, by the server's error number or the exception's type, never by its
/// message: lost connections, deadlocks, lock wait timeouts and a target that is read-only for a moment are worth
/// trying again; anything else (a missing table, a refused value, a privilege) is not.
/// </summary>
/// <remarks>https://mariadb.com/kb/en/mariadb-error-code-reference/, https://docs.pingcap.com/tidb/stable/ticdc-error-codes</remarks>
internal static class MySqlSinkErrors
{
    public const string TxnError = "CDC:ErrMySQLTxnError";
    public const string DdlError = "CDC:ErrExecDDLFailed";

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
    /// DDL errors that mean the statement's effect is already there, as when a changefeed restarted from its checkpoint
    /// replays a DDL the target already ran; TiCDC skips the same ones (pkg/errorutil IsIgnorableMySQLDDLError).
    /// </summary>
    private static readonly HashSet<int> IgnorableDdlNumbers =
    [
        1007, // ER_DB_CREATE_EXISTS
        1008, // ER_DB_DROP_EXISTS
        1050, // ER_TABLE_EXISTS_ERROR
        1051, // ER_BAD_TABLE_ERROR (DROP of a table that is gone)
        1060, // ER_DUP_FIELDNAME
        1061, // ER_DUP_KEYNAME
        1068, // ER_MULTIPLE_PRI_KEY
        1091, // ER_CANT_DROP_FIELD_OR_KEY
        1507, // ER_DROP_PARTITION_NON_EXISTENT
        1517, // ER_SAME_NAME_PARTITION
        1826, // ER_FK_DUP_NAME
        1828, // ER_FK_COLUMN_CANNOT_DROP
    ];

    /// <summary>True when <paramref name="exception"/> (or what it wraps) is a transient failure.</summary>
    public static bool IsRetryable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case ChangefeedException changefeed:
                    return changefeed.IsRetryable;
                case MySqlException mysql when RetryableNumbers.Contains(mysql.Number)
                    || mysql.ErrorCode is MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.CommandTimeoutExpired:
                    return true;
                case MySqlException { InnerException: null }:
                    return false; // the server's own answer; a client-side one wraps its cause, looked at next
                case SocketException or IOException or TimeoutException:
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    public static bool IsIgnorableDdl(MySqlException exception) => IgnorableDdlNumbers.Contains(exception.Number);

    /// <summary>The message of the innermost server error, with its number: "Duplicate entry '1' for key 'PRIMARY' [MySQL error 1062]".</summary>
    public static string Describe(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is MySqlException { Number: > 0 } mysql)
                return $"{mysql.Message} [MySQL error {mysql.Number}]";
        }

        return exception.Message;
    }
}
