using System.Globalization;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Replication;
using Sluice.Testing;

namespace Sluice.MySql.Tests.Replication;

/// <summary>
/// The source restarts while the reader is far behind (the server already holds much more than the reader has
/// taken): the stream reconnects from its start (MariaDB GTID and position, as a sync unit starts it) and delivers
/// every transaction written before and after the restart exactly once.
/// </summary>
public sealed class SourceRestartTests
{
    [Fact]
    public async Task A_restart_while_the_reader_lags_loses_and_repeats_no_transaction()
    {
        await using var source = await MariaDbInstance.StartAsync("restart-lag", TestContext.Current.CancellationToken);
        await source.ExecuteAsync("CREATE DATABASE r; CREATE TABLE r.t (id INT PRIMARY KEY, v VARCHAR(200)); CREATE TABLE r.done (x INT)");
        var (file, position) = await source.MasterStatusAsync(TestContext.Current.CancellationToken);
        var gtid = Convert.ToString(await source.ScalarAsync("SELECT @@gtid_binlog_pos"), CultureInfo.InvariantCulture)!;
        var start = new BinlogCheckpoint { Position = new BinlogPosition(file, position), MariaDbGtids = MariaDbGtidList.Parse(gtid) };
        for (var i = 1; i <= 3000; i++)
            await source.ExecuteAsync($"INSERT INTO r.t VALUES ({i}, REPEAT('x', 150))");

        await using var client = new BinlogClient(SourceStream.Options(source, start));
        var inserted = new List<int>();
        var restarted = Task.CompletedTask;
        await SourceStream.ReadUntilAsync(client, e => SourceStream.IsRowsOf(e, "r", "done"), onEvent: e =>
        {
            if (e is not RowsEvent { Kind: RowsEventKind.Insert } rows || rows.Table.SchemaName != "r" || rows.Table.TableName != "t")
                return;
            inserted.AddRange(rows.Rows.Select(r => (int)(long)r.After![0]!));
            if (inserted.Count == 500)
            {
                restarted = Task.Run(async () =>
                {
                    await source.StopServerAsync();
                    await source.StartServerAsync();
                    for (var i = 3001; i <= 3200; i++)
                        await source.ExecuteAsync($"INSERT INTO r.t VALUES ({i}, 'after')");
                    await source.ExecuteAsync("INSERT INTO r.done VALUES (1)");
                });
            }

            // Behind: the reader takes its time while the server has everything up to the restart.
            Thread.Sleep(1);
        });
        await restarted;

        Assert.True(client.Reconnects >= 1, "the restart caused no reconnect");
        Assert.Equal(Enumerable.Range(1, 3200), inserted);
    }
}
