using System.Globalization;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Replication;
using Sluice.MySql.Session;
using Sluice.Replication.Positioning;
using Sluice.Testing;

namespace Sluice.Replication.Tests.Positioning;

public sealed class BinlogTimeLocatorTests(MariaDbServers servers)
{
    [Fact]
    public async Task A_moment_between_two_writes_locates_the_second_write_exactly()
    {
        var source = servers.Source;
        await source.ExecuteAsync("DROP DATABASE IF EXISTS locate_time; CREATE DATABASE locate_time; CREATE TABLE locate_time.t (id INT PRIMARY KEY, phase VARCHAR(10))");
        await source.ExecuteAsync("INSERT INTO locate_time.t VALUES (1, 'before')");
        await source.ExecuteAsync("FLUSH BINARY LOGS");
        await source.ExecuteAsync("INSERT INTO locate_time.t VALUES (2, 'before')");
        var moment = await ServerNowAsync(source);
        await Task.Delay(1100); // the binlog keeps whole seconds
        while (await ServerNowAsync(source) < moment.AddSeconds(1))
            await Task.Delay(100);
        await source.ExecuteAsync("INSERT INTO locate_time.t VALUES (3, 'after')");
        await source.ExecuteAsync("FLUSH BINARY LOGS");
        await source.ExecuteAsync("INSERT INTO locate_time.t VALUES (4, 'after')");

        var start = await BinlogTimeLocator.LocateAsync(Connection(source), 7001, moment.AddSeconds(1), CancellationToken.None);

        // Reading from there yields the rows written after the moment, and none before.
        var ids = new List<int>();
        await using var client = new BinlogClient(new BinlogClientOptions { Connection = Connection(source), ServerId = 7002, Start = start, StopAtEnd = true });
        await foreach (var e in client.ReadEventsAsync())
        {
            if (e is RowsEvent rows && rows.Table.TableName == "t" && rows.Table.SchemaName == "locate_time")
                ids.AddRange(rows.Rows.Select(r => Convert.ToInt32(r.After![0], CultureInfo.InvariantCulture)));
        }

        Assert.Equal([3, 4], ids);
        Assert.NotNull(start.MariaDbGtids);
    }

    [Fact]
    public async Task A_moment_before_the_oldest_binlog_is_refused_as_purged()
    {
        var error = await Assert.ThrowsAsync<BinlogPurgedException>(() =>
            BinlogTimeLocator.LocateAsync(Connection(servers.Source), 7003, new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None));
        Assert.Contains("purged", error.Message, StringComparison.Ordinal);
        Assert.Contains("2001-01-01 00:00:00", error.Message, StringComparison.Ordinal);
    }

    private static async Task<DateTimeOffset> ServerNowAsync(MariaDbInstance source) =>
        DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(await source.ScalarAsync("SELECT UNIX_TIMESTAMP()"), CultureInfo.InvariantCulture));

    private static MySqlConnectionOptions Connection(MariaDbInstance server) =>
        new() { Host = server.Host, Port = server.Port, User = server.User, Password = server.Password, SslMode = MySqlSslMode.Disabled };
}
