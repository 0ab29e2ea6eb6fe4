using System.Globalization;
using System.Text;
using MySqlConnector;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Replication;
using Sluice.Testing;

namespace Sluice.MySql.Tests.Replication;

/// <summary>
/// While a writer keeps committing, the server KILLs the replication connection several times; the stream
/// must reconnect from the acknowledged checkpoint and deliver every row exactly once.
/// </summary>
public sealed class KilledConnectionTests(MariaDbServers servers)
{
    private const string Schema = "killed_connection";
    private const int Transactions = 80;
    private const int RowsPerTransaction = 250;

    [Fact]
    public async Task Killing_the_dump_connection_mid_stream_resumes_with_no_gap_and_no_duplicate()
    {
        var source = servers.Source;
        await source.ExecuteAsync($"DROP DATABASE IF EXISTS {Schema}; CREATE DATABASE {Schema}; CREATE TABLE {Schema}.t (id INT PRIMARY KEY, n INT); CREATE TABLE {Schema}.done (x INT)");
        var start = await SourceStream.EndAsync(source);
        await using var client = new BinlogClient(SourceStream.Options(source, start));

        var inserted = new List<int>();
        var updated = 0;
        var acknowledged = 0;
        var writer = Task.Run(() => WriteAsync(source));
        var killer = Task.Run(() => KillRepeatedlyAsync(source, client, writer));

        await SourceStream.ReadUntilAsync(client, e => SourceStream.IsRowsOf(e, Schema, "done"), onEvent: e =>
        {
            if (e is RowsEvent rows && rows.Table.SchemaName == Schema && rows.Table.TableName == "t")
            {
                if (rows.Kind == RowsEventKind.Insert)
                    inserted.AddRange(rows.Rows.Select(r => (int)(long)r.After![0]!));
                else if (rows.Kind == RowsEventKind.Update)
                    updated += rows.Rows.Count;
            }

            // Acknowledge every other transaction, so resumes start both at and before the last delivered one.
            if (e is XidEvent && client.Checkpoint is { } checkpoint && ++acknowledged % 2 == 0)
                client.Acknowledge(checkpoint);
        });
        await writer;
        var kills = await killer;

        Assert.True(kills >= 3, $"expected at least 3 kills while the writer ran, made {kills}");
        // The last kill may land after the reader saw the end marker and stopped reading: it needs no reconnect.
        Assert.True(client.Reconnects >= kills - 1, $"{kills} kills but {client.Reconnects} reconnects");
        Assert.Equal(Transactions * RowsPerTransaction, inserted.Count);
        Assert.Equal(inserted.Count, inserted.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, Transactions * RowsPerTransaction), inserted.Order());
        Assert.Equal(Transactions / 2 * RowsPerTransaction, updated);
    }

    private static async Task WriteAsync(MariaDbInstance source)
    {
        await using var connection = await source.OpenConnectionAsync();
        for (var txn = 0; txn < Transactions; txn++)
        {
            var sql = new StringBuilder($"INSERT INTO {Schema}.t VALUES ");
            for (var i = 1; i <= RowsPerTransaction; i++)
                sql.Append(i == 1 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"({(txn * RowsPerTransaction) + i}, 0)");
            await Execute(connection, sql.ToString());
            if (txn % 2 == 1)
                await Execute(connection, string.Create(CultureInfo.InvariantCulture, $"UPDATE {Schema}.t SET n = n + 1 WHERE id > {(txn - 1) * RowsPerTransaction} AND id <= {txn * RowsPerTransaction}"));
            await Task.Delay(25);
        }

        await Execute(connection, $"INSERT INTO {Schema}.done VALUES (1)");
    }

    /// <summary>Kills the client's current replication connection every 400 ms while the writer runs; returns how often.</summary>
    private static async Task<int> KillRepeatedlyAsync(MariaDbInstance source, BinlogClient client, Task writer)
    {
        var kills = 0;
        uint lastKilled = 0;
        while (!writer.IsCompleted)
        {
            await Task.Delay(400);
            var id = client.ConnectionId;
            if (id == 0 || id == lastKilled)
                continue;
            await using var connection = await source.OpenConnectionAsync();
            try
            {
                await Execute(connection, string.Create(CultureInfo.InvariantCulture, $"KILL {id}"));
                kills++;
            }
            catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.NoSuchThread)
            {
                // The connection ended by itself between the look and the kill.
            }

            lastKilled = id;
        }

        return kills;
    }

    private static async Task Execute(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
