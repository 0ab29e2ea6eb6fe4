using MySqlConnector;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Load;

/// <summary>
/// Secondary keys built after a table's data: one ALTER TABLE ... ADD KEY for all of them once every file of the
/// table is loaded, which on the 1M-row sysbench set halves the load against maintaining them row by row
/// (bench/load). A checkpoint row for the table's schema file, offset 0 until the keys are there, carries the
/// pending work over a restart; keys already in the target are not added again.
/// </summary>
internal static class DeferredKeys
{
    /// <summary>Adds the keys still missing from the target of <paramref name="tables"/> (source tables routed to one target).</summary>
    public static async Task AddAsync(
        MySqlConnection connection, LoaderCheckpoint checkpoint, IReadOnlyList<TablePlan> tables, CancellationToken cancellationToken)
    {
        var pending = tables.Where(t => t.KeysPending).ToList();
        if (pending.Count == 0)
            return;
        var target = pending[0].Target;
        var existing = await IndexNamesAsync(connection, target, cancellationToken).ConfigureAwait(false);
        var keys = pending
            .SelectMany(t => SchemaStatements.SplitSecondaryKeys(t.CreateTable!).Keys)
            .DistinctBy(SchemaStatements.KeyName, StringComparer.OrdinalIgnoreCase)
            .Where(k => !existing.Contains(SchemaStatements.KeyName(k)))
            .ToList();
        if (keys.Count > 0)
        {
            try
            {
                await TargetSession.ExecuteAsync(
                    connection, null, $"ALTER TABLE {Sql.Quote(target)} " + string.Join(", ", keys.Select(k => "ADD " + k)), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (MySqlException e)
            {
                throw new MigrationException($"adding the secondary keys of {Sql.Quote(target)} after its data failed: {e.Message}", e.Number, e);
            }
        }

        foreach (var table in pending)
        {
            using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await checkpoint.FinishAsync(connection, transaction, table.Dumped.SchemaFile, table.SchemaFileBytes, cancellationToken)
                .ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            table.KeysPending = false;
        }
    }

    private static async Task<HashSet<string>> IndexNamesAsync(MySqlConnection connection, TableName table, CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand(
            "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = @s AND TABLE_NAME = @t", connection);
        command.Parameters.AddWithValue("@s", table.Schema);
        command.Parameters.AddWithValue("@t", table.Table);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            names.Add(reader.GetString(0));
        return names;
    }
}
