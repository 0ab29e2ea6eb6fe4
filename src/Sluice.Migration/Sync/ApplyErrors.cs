using Sluice.Replication.Apply;

namespace Sluice.Migration.Sync;

/// <summary>
/// Whether a failure applying to the target is worth retrying, decided by the server's error number or the
/// exception's type, never by its message: lost connections, deadlocks, lock wait timeouts, a target that is
/// read-only for a moment (a failover in progress) or out of connections are retried with backoff; anything else
/// (a missing table, a type mismatch, a refused privilege) pauses the task with the error.
/// </summary>
/// <remarks>https://mariadb.com/kb/en/mariadb-error-code-reference/</remarks>
public static class ApplyErrors
{
    /// <summary>True when <paramref name="exception"/> (or what it wraps) is a transient failure.</summary>
    public static bool IsRetryable(Exception exception) => TargetErrors.IsRetryable(exception);

    /// <summary>
    /// What the operator can do when the target refused a row change with error <paramref name="number"/> (one that
    /// retrying does not cure); a general hint for numbers without a specific one.
    /// </summary>
    public static string Workaround(int number) => number switch
    {
        1044 or 1045 or 1142 or 1143 or 1227 or 1370 =>
            "grant the target user the privileges the task needs (SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX on the migrated schemas and on the meta schema), then start the task again",
        1062 or 1586 =>
            "the target holds a row with this key that the source does not: it was written outside the task or the table's keys differ from the source's; fix the row or the key, or start the task with safe-mode: true (REPLACE overwrites it)",
        1146 or 1049 =>
            "the table or database is missing on the target: create it as on the source (or check the task's routes), then start the task again",
        1054 or 1136 =>
            "the target table's columns differ from the source's: alter it to match the source's table, then start the task again",
        1048 or 1364 or 1366 or 1264 or 1406 or 1265 =>
            "a target column refuses the source's value (NOT NULL, type or length narrower than the source's): alter the column to match the source's, then start the task again",
        1114 or 1021 or 3 =>
            "the target is out of space: free or add space, then start the task again",
        _ => "see the error; once the target is fixed, start the task again: it resumes from its checkpoint",
    };
}
