using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Sluice.ChangeFeed;
using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks.Blackhole;
using Sluice.ChangeFeed.Supervision;
using Sluice.Server.ChangeFeeds;
using Sluice.Testing;

namespace Sluice.Server.Tests.ChangeFeeds;

/// <summary>
/// End to end through the API: a changefeed created with curl's body runs the real processor over the source's
/// binlog into a blackhole sink (kept by the test to count what arrives), moves its checkpoint, and goes on from it
/// after pause and resume; and the server's own wiring (no scripted part) does the same and survives a restart.
/// </summary>
public sealed class ChangefeedBlackholeTests(MariaDbServers servers)
{
    private const string Schema = "cdc_api_blackhole";

    [Fact]
    public async Task The_servers_own_runner_moves_a_blackhole_changefeeds_checkpoint_past_new_rows_and_keeps_it_over_a_restart()
    {
        const string Own = "cdc_api_blackhole_own";
        await servers.Source.ExecuteAsync($"DROP DATABASE IF EXISTS `{Own}`", CdcHost.Ct);
        await servers.Source.ExecuteAsync($"CREATE DATABASE `{Own}`", CdcHost.Ct);
        await servers.Source.ExecuteAsync($"CREATE TABLE `{Own}`.`t` (`id` INT PRIMARY KEY)", CdcHost.Ct);
        await using var host = await ServerHost.StartAsync(CdcHost.Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, CdcHost.Ct);
        var created = await host.CreateChangefeedAsync(
            """{"changefeed_id":"own-runner","sink_uri":"blackhole://","replica_config":{"filter":{"rules":["SCHEMA.*"]}}}""".Replace("SCHEMA", Own, StringComparison.Ordinal));
        var startTs = new Tso(created.GetProperty("start_ts").GetUInt64());
        await CdcHost.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow > startTs.Time.AddSeconds(1.1)), "a second after start_ts");
        var written = Tso.From(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await servers.Source.ExecuteAsync($"INSERT INTO `{Own}`.`t` VALUES (1), (2)", CdcHost.Ct);

        await CdcHost.UntilAsync(
            async () => (await host.GetJsonAsync("/api/v2/changefeeds/own-runner")).GetProperty("checkpoint_ts").GetUInt64() >= written.Value,
            "the checkpoint past the rows");
        Assert.Equal("normal", (await host.GetJsonAsync("/api/v2/changefeeds/own-runner")).GetProperty("state").GetString());

        await host.RestartAsync(CdcHost.Ct);
        var back = await host.GetJsonAsync("/api/v2/changefeeds/own-runner");
        Assert.Equal("normal", back.GetProperty("state").GetString());
        Assert.True(back.GetProperty("checkpoint_ts").GetUInt64() >= written.Value, back.ToString());
    }

    [Fact]
    public async Task A_blackhole_changefeed_carries_the_sources_rows_moves_its_checkpoint_and_goes_on_after_pause_and_resume()
    {
        await servers.Source.ExecuteAsync($"DROP DATABASE IF EXISTS `{Schema}`", CdcHost.Ct);
        await servers.Source.ExecuteAsync($"CREATE DATABASE `{Schema}`", CdcHost.Ct);
        await servers.Source.ExecuteAsync($"CREATE TABLE `{Schema}`.`orders` (`id` INT PRIMARY KEY, `total` DECIMAL(10,2))", CdcHost.Ct);
        var sinks = new ConcurrentQueue<BlackholeSink>();
        ChangefeedRunFactory runs = (definition, source, checkpoints) => ChangefeedRun.FromRunner(new ChangefeedRunner(
            definition,
            source,
            checkpoints,
            sinkFactory: _ =>
            {
                var sink = new BlackholeSink();
                sinks.Enqueue(sink);
                return sink;
            }));
        await using var host = await ServerHost.StartAsync(o => o with { ConfigureServices = services => services.AddSingleton(runs) }, CdcHost.Ct);
        await host.CreateSourceAsync("mysql-01", servers.Source, CdcHost.Ct);
        var created = await host.CreateChangefeedAsync(
            """{"changefeed_id":"blackhole-e2e","sink_uri":"blackhole://","replica_config":{"filter":{"rules":["SCHEMA.*"]}}}""".Replace("SCHEMA", Schema, StringComparison.Ordinal));

        // Binlog times have whole seconds: the rows are written in a second after start_ts, so that they come after it.
        var startTs = new Tso(created.GetProperty("start_ts").GetUInt64());
        await CdcHost.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow > startTs.Time.AddSeconds(1.1)), "a second after start_ts");
        var written = Tso.From(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        for (var id = 1; id <= 3; id++)
            await servers.Source.ExecuteAsync($"INSERT INTO `{Schema}`.`orders` VALUES ({id}, {id}.50)", CdcHost.Ct);

        await CdcHost.UntilAsync(() => Task.FromResult(sinks.Sum(s => s.Rows) >= 3), "three rows in the blackhole");
        await CdcHost.UntilAsync(
            async () => (await host.GetJsonAsync("/api/v2/changefeeds/blackhole-e2e")).GetProperty("checkpoint_ts").GetUInt64() >= written.Value,
            "the checkpoint past the rows");
        Assert.Equal("normal", (await host.GetJsonAsync("/api/v2/changefeeds/blackhole-e2e")).GetProperty("state").GetString());

        using (var pause = await host.PostAsync("/api/v2/changefeeds/blackhole-e2e/pause", ""))
            await CdcAssert.EmptyOkAsync(pause);
        var stopped = await host.GetJsonAsync("/api/v2/changefeeds/blackhole-e2e");
        Assert.Equal("stopped", stopped.GetProperty("state").GetString());
        Assert.True(stopped.GetProperty("checkpoint_ts").GetUInt64() >= written.Value);
        var firstSinks = sinks.Count;

        for (var id = 4; id <= 5; id++)
            await servers.Source.ExecuteAsync($"INSERT INTO `{Schema}`.`orders` VALUES ({id}, {id}.50)", CdcHost.Ct);
        using (var resume = await host.PostAsync("/api/v2/changefeeds/blackhole-e2e/resume", "{}"))
            await CdcAssert.EmptyOkAsync(resume);
        await CdcHost.UntilAsync(() => Task.FromResult(sinks.Skip(firstSinks).Sum(s => s.Rows) >= 2), "the two rows written while paused");
        Assert.Equal("normal", (await host.GetJsonAsync("/api/v2/changefeeds/blackhole-e2e")).GetProperty("state").GetString());
    }
}
