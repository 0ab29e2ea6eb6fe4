using MySqlConnector;
using Sluice.Replication.Apply;

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
            if (current is ChangefeedException changefeed)
                return changefeed.IsRetryable;
            if (TargetErrors.Classify(current) is { } retryable)
                return retryable;
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
