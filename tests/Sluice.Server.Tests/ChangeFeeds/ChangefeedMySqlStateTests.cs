using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sluice.Server.Tests.Observability;
using Sluice.Testing;

namespace Sluice.Server.Tests.ChangeFeeds;

/// <summary>
/// A changefeed into a MySQL target through the server's own wiring (the real processor and sink): pause and resume,
/// a changed filter while paused, a target that goes away and comes back, and where a changefeed without start_ts begins. The target's tables must end equal to
/// the source's every time: nothing lost, nothing doubled.
/// </summary>
public sealed class ChangefeedMySqlStateTests(MariaDbServers servers)
{
    private static CancellationToken Ct => CdcHost.Ct;

    [Fact]
    public async Task Pause_and_resume_keep_the_target_equal_with_an_update_accepted_while_paused()
    {
        const string schema = "cdc_state_pause";
        var create = $"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; " +
            $"CREATE TABLE `{schema}`.`a` (id INT PRIMARY KEY, v INT); CREATE TABLE `{schema}`.`b` (id INT PRIMARY KEY, v INT)";
        await servers.Source.ExecuteAsync(create, Ct);
        await servers.Target.ExecuteAsync(create, Ct);
        using var log = new LogCapture();
        await using var host = await ServerHost.StartAsync(options => options with { LogLevel = LogLevel.Trace, LogWriter = log }, Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        await host.CreateChangefeedAsync(Body("pause-mysql", MySqlUri(servers.Target), [$"{schema}.a"]));

        await WriteAsync(schema, "a", 1, 50);
        await UntilEqualAsync(schema, "a", log: log);

        using (var paused = await host.PostAsync("/api/v2/changefeeds/pause-mysql/pause", "{}"))
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        await host.UntilStateAsync("pause-mysql", "stopped");
        await WriteAsync(schema, "a", 51, 100);
        await WriteAsync(schema, "b", 1, 30);
        using (var updated = await host.PutAsync("/api/v2/changefeeds/pause-mysql", JsonSerializer.Serialize(new
        {
            replica_config = new { filter = new { rules = new[] { $"{schema}.a", $"{schema}.b" } } },
        })))
        {
            Assert.True(updated.StatusCode == HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(Ct));
        }

        Assert.NotEqual(await servers.Source.ChecksumAsync($"`{schema}`.`a`", Ct), await servers.Target.ChecksumAsync($"`{schema}`.`a`", Ct));
        using (var resumed = await host.PostAsync("/api/v2/changefeeds/pause-mysql/resume", "{}"))
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);

        // What was written while paused arrives once, the table selected while paused included.
        await UntilEqualAsync(schema, "a", log: log);
        await UntilEqualAsync(schema, "b", log: log);
        Assert.Equal("normal", (await host.GetJsonAsync("/api/v2/changefeeds/pause-mysql")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_target_that_goes_away_makes_the_changefeed_pending_then_normal_when_it_returns_with_nothing_lost()
    {
        const string schema = "cdc_state_outage";
        await using var target = await MariaDbInstance.StartAsync("cdc-outage-target", Ct);
        var create = $"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.`t` (id INT PRIMARY KEY, v INT)";
        await servers.Source.ExecuteAsync(create, Ct);
        await target.ExecuteAsync(create, Ct);
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);
        await host.CreateChangefeedAsync(Body("outage-mysql", MySqlUri(target), [$"{schema}.*"]));

        await WriteAsync(schema, "t", 1, 20);
        await UntilEqualAsync(schema, "t", target);

        await target.StopServerAsync();
        await WriteAsync(schema, "t", 21, 60);
        var pending = await host.UntilStateAsync("outage-mysql", "pending");
        var error = pending.GetProperty("error");
        Assert.StartsWith("CDC:Err", error.GetProperty("code").GetString(), StringComparison.Ordinal);

        await target.StartServerAsync();
        await WriteAsync(schema, "t", 61, 80);
        await host.UntilStateAsync("outage-mysql", "normal");
        await UntilEqualAsync(schema, "t", target);
        Assert.Equal(80L - 0, Convert.ToInt64(await target.ScalarAsync($"SELECT COUNT(*) FROM `{schema}`.`t`", Ct), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_changefeed_without_start_ts_captures_what_commits_after_its_creation_not_what_its_second_held_before()
    {
        const string schema = "cdc_state_start";
        var create = $"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.`t` (id INT PRIMARY KEY)";
        await servers.Source.ExecuteAsync(create, Ct);
        await servers.Target.ExecuteAsync(create, Ct);
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, Ct);

        // The binlog keeps seconds: the row before the creation and the creation fall in one second.
        while (DateTime.UtcNow.Millisecond > 300)
            await Task.Delay(20, Ct);
        await servers.Source.ExecuteAsync($"INSERT INTO `{schema}`.`t` VALUES (1)", Ct);
        await host.CreateChangefeedAsync(Body("start-now", MySqlUri(servers.Target), [$"{schema}.*"]));
        await servers.Source.ExecuteAsync($"INSERT INTO `{schema}`.`t` VALUES (2)", Ct);

        var rows = $"SELECT GROUP_CONCAT(id ORDER BY id) FROM `{schema}`.`t`";
        await CdcHost.UntilAsync(async () => await servers.Target.ScalarAsync(rows, Ct) is not null, "row 2 on the target");
        Assert.Equal("2", await servers.Target.ScalarAsync(rows, Ct));
    }

    private static string Body(string id, string sinkUri, string[] rules) =>
        JsonSerializer.Serialize(new { changefeed_id = id, sink_uri = sinkUri, replica_config = new { filter = new { rules } } });

    private static string MySqlUri(MariaDbInstance target) =>
        $"mysql://{Uri.EscapeDataString(target.User)}:{Uri.EscapeDataString(target.Password)}@{target.Host}:{target.Port}/?worker-count=4";

    /// <summary>Rows <paramref name="from"/>..<paramref name="to"/>: inserted, then every third updated and every fifth deleted and written again.</summary>
    private async Task WriteAsync(string schema, string table, int from, int to)
    {
        for (var id = from; id <= to; id++)
            await servers.Source.ExecuteAsync($"INSERT INTO `{schema}`.`{table}` VALUES ({id}, {id})", Ct);
        await servers.Source.ExecuteAsync($"UPDATE `{schema}`.`{table}` SET v = v * 10 WHERE id BETWEEN {from} AND {to} AND id % 3 = 0", Ct);
        await servers.Source.ExecuteAsync($"DELETE FROM `{schema}`.`{table}` WHERE id BETWEEN {from} AND {to} AND id % 5 = 0", Ct);
        await servers.Source.ExecuteAsync($"INSERT INTO `{schema}`.`{table}` SELECT seq, -seq FROM `{schema}`.seq_{from}_to_{to} WHERE seq % 5 = 0", Ct);
    }

    /// <param name="log">The server's log, told in the failure when the tables never become equal.</param>
    private async Task UntilEqualAsync(string schema, string table, MariaDbInstance? target = null, LogCapture? log = null)
    {
        var name = $"`{schema}`.`{table}`";
        var source = await servers.Source.ChecksumAsync(name, Ct);
        var what = $"{name} on the target equal to the source";
        try
        {
            await CdcHost.UntilAsync(async () => await (target ?? servers.Target).ChecksumAsync(name, Ct) == source, what);
        }
        catch (Exception) when (log is not null)
        {
            var rows = await (target ?? servers.Target).ScalarAsync($"SELECT COUNT(*) FROM {name}", Ct);
            Assert.Fail($"never: {what} ({rows} rows on the target); the server's log:\n{log.Text}");
        }
    }
}
