using System.Globalization;
using System.Text;
using MySqlConnector;
using Sluice.Migration.Sync;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Replication;
using Sluice.MySql.Session;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;
using Sluice.Testing;

namespace Sluice.Migration.Tests.Sync;

/// <summary>Reads a source's row events back from its binlog and applies them to a target as an apply worker's batches.</summary>
internal static class SyncReplay
{
    /// <summary>
    /// The events' row changes as the dispatcher hands them to a worker, for the same table names in
    /// <paramref name="targetSchema"/>, keyed as the target's keys say; rows of a table without a key are exactly-once.
    /// </summary>
    public static async Task<List<RowJob>> JobsAsync(
        MariaDbInstance target, IEnumerable<RowsEvent> events, string targetSchema, bool safeMode, StatementLimits? limits = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        var builders = new Dictionary<string, RowStatementBuilder>();
        var jobs = new List<RowJob>();
        foreach (var rows in events)
        {
            if (!builders.TryGetValue(rows.Table.TableName, out var builder))
            {
                var name = new TableName(targetSchema, rows.Table.TableName);
                var keys = await UniqueKeys.LoadAsync(connection, name, null, cancellationToken);
                builder = new RowStatementBuilder(TargetTable.Create(name, rows.Table.Columns, keys), limits);
                builders[rows.Table.TableName] = builder;
            }

            var once = builder.Table.HasKey ? null : ((TableName, BinlogPosition)?)(new TableName(rows.Table.SchemaName, rows.Table.TableName), new BinlogPosition("binlog.000001", 4));
            for (var r = 0; r < rows.Rows.Count; r++)
                jobs.Add(new RowJob(builder, rows.Kind, rows.Rows[r].Before, rows.Rows[r].After, safeMode, once, EndsEvent: r == rows.Rows.Count - 1));
        }

        return jobs;
    }

    /// <summary>Applies <paramref name="jobs"/> in batches of <paramref name="batch"/>, one transaction each; returns the statements run.</summary>
    public static async Task<List<RowStatement>> ApplyAsync(MariaDbInstance target, IReadOnlyList<RowJob> jobs, int batch, bool compact, bool multipleRows)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        await WriterSession.ApplyAsync(connection, cancellationToken);
        var applied = new List<RowStatement>();
        foreach (var chunk in jobs.Chunk(batch))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var statement in BatchStatements.For(chunk, forceSafeMode: false, compact, multipleRows))
            {
                await using var command = statement.CreateCommand(connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
                applied.Add(statement);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return applied;
    }

    /// <summary>Every row of <paramref name="table"/> as text, one line each, in the order of all its columns.</summary>
    public static async Task<string> ContentsAsync(MariaDbInstance server, string table)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = await server.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand($"SELECT * FROM {table}", connection);
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var line = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                    line.Append(i == 0 ? string.Empty : " | ").Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                lines.Add(line.ToString());
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    public static async Task ExecAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
