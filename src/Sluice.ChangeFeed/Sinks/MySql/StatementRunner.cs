using MySqlConnector;
using Sluice.Replication.Apply;

namespace Sluice.ChangeFeed.Sinks.MySql;

/// <summary>
/// Sends statements to the target inside a transaction: with <c>multi-stmt-enable</c> as many as fit in one packet per
/// round trip (MySqlConnector joins a batch's commands with ';'), else one at a time. Statements are sent as they come,
/// so a large transaction never sits whole in memory.
/// </summary>
internal static class StatementRunner
{
    private const string Savepoint = "sluice_batch";

    /// <exception cref="FailedStatementException">The target refused a statement; it names it.</exception>
    public static async Task ExecuteAsync(
        MySqlConnection connection, MySqlTransaction transaction, IEnumerable<RowStatement> statements, bool multiStatement, long maxBytes, CancellationToken cancellationToken)
    {
        if (!multiStatement)
        {
            foreach (var statement in statements)
                await ExecuteOneAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            return;
        }

        var batch = new List<RowStatement>();
        long bytes = 0;
        foreach (var statement in statements)
        {
            if (batch.Count > 0 && bytes + statement.Bytes + 1 > maxBytes)
            {
                await ExecuteBatchAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
                bytes = 0;
            }

            batch.Add(statement);
            bytes += statement.Bytes + 1;
        }

        if (batch.Count > 0)
            await ExecuteBatchAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteBatchAsync(MySqlConnection connection, MySqlTransaction transaction, List<RowStatement> statements, CancellationToken cancellationToken)
    {
        if (statements.Count == 1)
        {
            await ExecuteOneAsync(connection, transaction, statements[0], cancellationToken).ConfigureAwait(false);
            return;
        }

        // The server stops a batch at its first error without saying which statement that was; a savepoint at the
        // batch's start (sent with it, no extra round trip) lets a refused batch be run again one statement at a time,
        // from the same state, to name the statement.
        await using var batch = new MySqlBatch(connection, transaction);
        batch.BatchCommands.Add(new MySqlBatchCommand("SAVEPOINT " + Savepoint));
        foreach (var statement in statements)
            batch.BatchCommands.Add(statement.CreateBatchCommand());
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (!MySqlSinkErrors.IsRetryable(ex))
        {
            await NameRefusedStatementAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
            throw new FailedStatementException($"one of {statements.Count} statements, the first {statements[0].CommandText}", ex);
        }
    }

    /// <summary>Runs the statements of a refused batch again one by one from its savepoint; throws for the one refused.</summary>
    private static async Task NameRefusedStatementAsync(MySqlConnection connection, MySqlTransaction transaction, List<RowStatement> statements, CancellationToken cancellationToken)
    {
        try
        {
            await using (var rollback = new MySqlCommand("ROLLBACK TO SAVEPOINT " + Savepoint, connection, transaction))
                await rollback.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException)
        {
            return; // the transaction is gone (the error ended it): the batch's own error is all there is to tell
        }

        foreach (var statement in statements)
            await ExecuteOneAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteOneAsync(MySqlConnection connection, MySqlTransaction transaction, RowStatement statement, CancellationToken cancellationToken)
    {
        await using var command = statement.CreateCommand(connection, transaction);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex)
        {
            throw new FailedStatementException(statement.CommandText, ex);
        }
    }
}
