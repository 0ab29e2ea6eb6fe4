using MySqlConnector;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Replication;
using Sluice.MySql.Session;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;
using Sluice.Testing;

namespace Sluice.Replication.Tests.Apply;

/// <summary>Reads a source's row events back from its binlog and applies them to a target with the writer's statements.</summary>
internal static class BinlogReplay
{
    /// <summary>
    /// Applies <paramref name="events"/> to the same table names in <paramref name="targetSchema"/>, keyed as the
    /// target's keys say, in one transaction; returns the statements run.
    /// </summary>
    public static async Task<List<RowStatement>> ApplyAsync(
        MariaDbInstance target,
        IEnumerable<RowsEvent> events,
        string targetSchema,
        bool safeMode,
        StatementLimits? limits = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        await WriterSession.ApplyAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var builders = new Dictionary<string, RowStatementBuilder>();
        var applied = new List<RowStatement>();
        foreach (var rows in events)
        {
            if (!builders.TryGetValue(rows.Table.TableName, out var builder))
            {
                var name = new TableName(targetSchema, rows.Table.TableName);
                var keys = await UniqueKeys.LoadAsync(connection, name, transaction, cancellationToken);
                builder = new RowStatementBuilder(TargetTable.Create(name, rows.Table.Columns, keys), limits);
                builders[rows.Table.TableName] = builder;
            }

            foreach (var statement in builder.ForEvent(rows, safeMode))
            {
                await using var command = statement.CreateCommand(connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
                applied.Add(statement);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    public static async Task ExecAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
