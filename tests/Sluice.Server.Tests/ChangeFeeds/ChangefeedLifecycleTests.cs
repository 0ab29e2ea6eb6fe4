using System.Text.Json;
using Sluice.ChangeFeed.Model;
using Sluice.Testing;

namespace Sluice.Server.Tests.ChangeFeeds;

/// <summary>
/// Pause, resume (with overwrite_checkpoint_ts), update, remove, list with its state filter, processors, synced,
/// and a restart: changefeeds come back in their stored state and the normal ones run again from their checkpoints.
/// </summary>
public sealed class ChangefeedLifecycleTests(MariaDbServers servers)
{
    [Fact]
    public async Task Pause_stops_it_update_is_refused_until_then_and_resume_runs_the_updated_changefeed()
    {
        var runs = new ScriptedChangefeedRuns();
        await using var host = await CdcHost.StartWithSourceAsync(runs, servers);
        await host.CreateChangefeedAsync("""{"changefeed_id":"feed-1","sink_uri":"blackhole://"}""");
        await runs.NextStartAsync("feed-1");

        using (var refused = await host.PutAsync("/api/v2/changefeeds/feed-1", """{"target_ts": 18446744073709551615}"""))
            await CdcAssert.ErrorAsync(refused, "CDC:ErrChangefeedUpdateRefused");

        using (var pause = await host.PostAsync("/api/v2/changefeeds/feed-1/pause", ""))
            await CdcAssert.EmptyOkAsync(pause);
        var paused = await host.GetJsonAsync("/api/v2/changefeeds/feed-1");
        Assert.Equal("stopped", paused.GetProperty("state").GetString());
        Assert.Equal(1, paused.GetProperty("admin_job_type").GetInt32());
        Assert.Empty(paused.GetProperty("task_status").EnumerateArray());
        using (var again = await host.PostAsync("/api/v2/changefeeds/feed-1/pause", ""))
            await CdcAssert.EmptyOkAsync(again);

        using (var update = await host.PutAsync("/api/v2/changefeeds/feed-1", """
            {"sink_uri": "mysql://root:pw@127.0.0.1:3306/", "target_ts": 18446744073709551615, "replica_config": {"filter": {"rules": ["db1.*"]}}}
            """))
        {
            var text = await update.Content.ReadAsStringAsync(CdcHost.Ct);
            Assert.True(update.IsSuccessStatusCode, text);
            var updated = JsonDocument.Parse(text).RootElement;
            Assert.Equal("mysql://root:******@127.0.0.1:3306/", updated.GetProperty("sink_uri").GetString());
            Assert.Equal(ulong.MaxValue, updated.GetProperty("target_ts").GetUInt64());
            Assert.Equal("db1.*", updated.GetProperty("config").GetProperty("filter").GetProperty("rules")[0].GetString());
            Assert.Equal(16, updated.GetProperty("config").GetProperty("mounter").GetProperty("worker_num").GetInt32());
            Assert.Equal("stopped", updated.GetProperty("state").GetString());
        }

        // The masked URI sent back keeps the password.
        using (var masked = await host.PutAsync("/api/v2/changefeeds/feed-1", """{"sink_uri": "mysql://root:******@127.0.0.1:3307/"}"""))
            Assert.True(masked.IsSuccessStatusCode, await masked.Content.ReadAsStringAsync(CdcHost.Ct));

        using (var resume = await host.PostAsync("/api/v2/changefeeds/feed-1/resume", "{}"))
            await CdcAssert.EmptyOkAsync(resume);
        var run = await runs.NextStartAsync("feed-1");
        Assert.Equal("mysql://root:pw@127.0.0.1:3307/", run.Definition.SinkUri);
        Assert.Equal(new Tso(ulong.MaxValue), run.Definition.TargetTs);
        Assert.Equal(["db1.*"], run.Definition.Options.FilterRules);
        Assert.Equal("normal", (await host.GetJsonAsync("/api/v2/changefeeds/feed-1")).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("""{"target_ts": 5}""", "CDC:ErrTargetTsBeforeStartTs")]
    [InlineData("""{"sink_uri": "pulsar://h/t"}""", "CDC:ErrSinkURIInvalid")]
    [InlineData("""{"replica_config": {"sink": {"protocol": "craft"}}}""", "CDC:ErrSinkUnknownProtocol")]
    [InlineData("""{"start_ts": 5}""", "CDC:ErrAPIInvalidParam")]
    [InlineData("{}", "CDC:ErrAPIInvalidParam")]
    [InlineData("", "CDC:ErrAPIInvalidParam")]
    public async Task Bad_updates_of_a_stopped_changefeed_are_400_and_change_nothing(string body, string code)
    {
        await using var host = await CdcHost.StartWithSourceAsync(new ScriptedChangefeedRuns(), servers);
        var created = await host.CreateChangefeedAsync("""{"changefeed_id":"feed-2","sink_uri":"blackhole://"}""");
        using (var pause = await host.PostAsync("/api/v2/changefeeds/feed-2/pause", ""))
            await CdcAssert.EmptyOkAsync(pause);
        using (var update = await host.PutAsync("/api/v2/changefeeds/feed-2", body))
            await CdcAssert.ErrorAsync(update, code);
        var read = await host.GetJsonAsync("/api/v2/changefeeds/feed-2");
        Assert.Equal(created.GetProperty("config").ToString(), read.GetProperty("config").ToString());
        Assert.Equal("blackhole://", read.GetProperty("sink_uri").GetString());
    }

    [Fact]
    public async Task Operations_on_an_unknown_changefeed_are_400_not_exists_but_delete_is_idempotent()
    {
        await using var host = await CdcHost.StartAsync(new ScriptedChangefeedRuns());
        using (var pause = await host.PostAsync("/api/v2/changefeeds/nothing/pause", ""))
            await CdcAssert.ErrorAsync(pause, "CDC:ErrChangeFeedNotExists");
        using (var resume = await host.PostAsync("/api/v2/changefeeds/nothing/resume", "{}"))
            await CdcAssert.ErrorAsync(resume, "CDC:ErrChangeFeedNotExists");
        using (var update = await host.PutAsync("/api/v2/changefeeds/nothing", """{"target_ts": 10}"""))
            await CdcAssert.ErrorAsync(update, "CDC:ErrChangeFeedNotExists");
        using (var delete = await host.Client.DeleteAsync("/api/v2/changefeeds/nothing", CdcHost.Ct))
            await CdcAssert.EmptyOkAsync(delete);
        using (var bad = await host.Client.DeleteAsync("/api/v2/changefeeds/bad_id", CdcHost.Ct))
            await CdcAssert.ErrorAsync(bad, "CDC:ErrAPIInvalidParam");
    }

    [Fact]
    public async Task Delete_removes_it_and_its_checkpoint_so_the_id_can_be_used_again()
    {
        var runs = new ScriptedChangefeedRuns();
        await using var host = await CdcHost.StartWithSourceAsync(runs, servers);
        // A past start_ts: no first checkpoint at the source's end, so one found later was saved by a run.
        var body = $$"""{"changefeed_id":"save-gone","sink_uri":"blackhole://","start_ts":{{Tso.From(DateTimeOffset.UtcNow.AddMinutes(-1))}}}""";
        await host.CreateChangefeedAsync(body);
        Assert.Null((await runs.NextStartAsync("save-gone")).Checkpoint);
        using (var delete = await host.Client.DeleteAsync("/api/v2/changefeeds/save-gone", CdcHost.Ct))
            await CdcAssert.EmptyOkAsync(delete);
        using (var get = await host.Client.GetAsync("/api/v2/changefeeds/save-gone", CdcHost.Ct))
            await CdcAssert.ErrorAsync(get, "CDC:ErrChangeFeedNotExists");
        Assert.Equal(0, (await host.GetJsonAsync("/api/v2/changefeeds?state=all")).GetProperty("total").GetInt32());

        await host.CreateChangefeedAsync(body);
        Assert.Null((await runs.NextStartAsync("save-gone")).Checkpoint);
    }

    [Fact]
    public async Task A_failed_changefeed_shows_its_error_and_resume_clears_it()
    {
        var runs = new ScriptedChangefeedRuns();
        await using var host = await CdcHost.StartWithSourceAsync(runs, servers);
        await host.CreateChangefeedAsync("""{"changefeed_id":"fail-1","sink_uri":"blackhole://"}""");
        Assert.Equal("blackhole://", (await runs.NextStartAsync("fail-1")).Definition.SinkUri);
        var failed = await host.UntilStateAsync("fail-1", "failed");
        var error = failed.GetProperty("error");
        Assert.Equal(ScriptedChangefeedRuns.FailureCode, error.GetProperty("code").GetString());
        Assert.Equal("the source refused the connection", error.GetProperty("message").GetString());
        Assert.NotEmpty(error.GetProperty("time").GetString()!);
        var address = host.Server.Addresses[0];
        Assert.Equal($"{address.Host}:{address.Port}", error.GetProperty("addr").GetString());

        var list = await host.GetJsonAsync("/api/v2/changefeeds");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(ScriptedChangefeedRuns.FailureCode, item.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("failed", item.GetProperty("state").GetString());

        using (var update = await host.PutAsync("/api/v2/changefeeds/fail-1", """{"sink_uri": "file:///tmp/sluice-fail-1"}"""))
            Assert.True(update.IsSuccessStatusCode, await update.Content.ReadAsStringAsync(CdcHost.Ct));
        using (var resume = await host.PostAsync("/api/v2/changefeeds/fail-1/resume", ""))
            await CdcAssert.EmptyOkAsync(resume);
        Assert.Equal("file:///tmp/sluice-fail-1", (await runs.NextStartAsync("fail-1")).Definition.SinkUri);
    }

    [Fact]
    public async Task A_finished_changefeed_is_synced_left_out_of_the_default_list_and_neither_paused_nor_resumed()
    {
        await using var host = await CdcHost.StartWithSourceAsync(new ScriptedChangefeedRuns(), servers);
        await host.CreateChangefeedAsync("""{"changefeed_id":"finish-1","sink_uri":"blackhole://","target_ts":18446744073709551615}""");
        var finished = await host.UntilStateAsync("finish-1", "finished");
        Assert.Equal(4, finished.GetProperty("admin_job_type").GetInt32());
        var synced = await host.GetJsonAsync("/api/v2/changefeed/finish-1/synced");
        Assert.True(synced.GetProperty("synced").GetBoolean());
        Assert.Equal("Data syncing is finished", synced.GetProperty("info").GetString());

        Assert.Equal(0, (await host.GetJsonAsync("/api/v2/changefeeds")).GetProperty("total").GetInt32());
        Assert.Equal(["finish-1"], Ids(await host.GetJsonAsync("/api/v2/changefeeds?state=finished")));
        using (var pause = await host.PostAsync("/api/v2/changefeeds/finish-1/pause", ""))
            await CdcAssert.ErrorAsync(pause, "CDC:ErrChangefeedAbnormalState");
        using (var resume = await host.PostAsync("/api/v2/changefeeds/finish-1/resume", "{}"))
            await CdcAssert.ErrorAsync(resume, "CDC:ErrChangefeedAbnormalState");
        using (var update = await host.PutAsync("/api/v2/changefeeds/finish-1", """{"sink_uri": "file:///tmp/x"}"""))
            await CdcAssert.ErrorAsync(update, "CDC:ErrChangefeedUpdateRefused");
        using (var delete = await host.Client.DeleteAsync("/api/v2/changefeeds/finish-1", CdcHost.Ct))
            await CdcAssert.EmptyOkAsync(delete);
    }

    [Fact]
    public async Task List_filters_by_state_and_writes_a_null_error()
    {
        await using var host = await CdcHost.StartWithSourceAsync(new ScriptedChangefeedRuns(), servers);
        await host.CreateChangefeedAsync("""{"changefeed_id":"running","sink_uri":"blackhole://"}""");
        await host.CreateChangefeedAsync("""{"changefeed_id":"paused","sink_uri":"blackhole://"}""");
        using (var pause = await host.PostAsync("/api/v2/changefeeds/paused/pause", ""))
            await CdcAssert.EmptyOkAsync(pause);

        var all = await host.GetJsonAsync("/api/v2/changefeeds");
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        var first = all.GetProperty("items")[0];
        Assert.Equal(["id", "state", "checkpoint_tso", "checkpoint_time", "error"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("error").ValueKind);

        Assert.Equal(["running"], Ids(await host.GetJsonAsync("/api/v2/changefeeds?state=normal")));
        Assert.Equal(["paused"], Ids(await host.GetJsonAsync("/api/v2/changefeeds?state=stopped")));
        Assert.Empty(Ids(await host.GetJsonAsync("/api/v2/changefeeds?state=finished")));
        Assert.Equal(["paused", "running"], Ids(await host.GetJsonAsync("/api/v2/changefeeds?state=all")));
        using var bad = await host.Client.GetAsync("/api/v2/changefeeds?state=sleeping", CdcHost.Ct);
        await CdcAssert.ErrorAsync(bad, "CDC:ErrAPIInvalidParam");
    }

    [Fact]
    public async Task Processors_list_the_running_changefeeds_on_this_capture_and_synced_answers_on_both_paths()
    {
        await using var host = await CdcHost.StartWithSourceAsync(new ScriptedChangefeedRuns(), servers);
        await host.CreateChangefeedAsync("""{"changefeed_id":"proc","sink_uri":"blackhole://"}""");
        var capture = (await host.GetJsonAsync("/api/v2/status")).GetProperty("id").GetString();

        var processors = await host.GetJsonAsync("/api/v2/processors");
        var processor = Assert.Single(processors.GetProperty("items").EnumerateArray());
        Assert.Equal("proc", processor.GetProperty("changefeed_id").GetString());
        Assert.Equal(capture, processor.GetProperty("capture_id").GetString());
        var detail = await host.GetJsonAsync($"/api/v2/processors/proc/{capture}");
        Assert.Empty(detail.GetProperty("table_ids").EnumerateArray());
        using (var other = await host.Client.GetAsync("/api/v2/processors/proc/another-capture", CdcHost.Ct))
            await CdcAssert.ErrorAsync(other, "CDC:ErrCaptureNotExist");

        foreach (var path in (string[])["/api/v2/changefeed/proc/synced", "/api/v2/changefeeds/proc/synced"])
        {
            var synced = await host.GetJsonAsync(path);
            Assert.Equal(["synced", "sink_checkpoint_ts", "puller_resolved_ts", "last_synced_ts", "now_ts", "info"], synced.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.True, synced.GetProperty("synced").ValueKind);
        }

        using (var pause = await host.PostAsync("/api/v2/changefeeds/proc/pause", ""))
            await CdcAssert.EmptyOkAsync(pause);
        Assert.Equal(0, (await host.GetJsonAsync("/api/v2/processors")).GetProperty("total").GetInt32());
        Assert.False((await host.GetJsonAsync("/api/v2/changefeed/proc/synced")).GetProperty("synced").GetBoolean());
    }

    [Fact]
    public async Task Resume_with_overwrite_checkpoint_ts_starts_there_and_refuses_a_future_one()
    {
        var runs = new ScriptedChangefeedRuns();
        await using var host = await CdcHost.StartWithSourceAsync(runs, servers);
        await host.CreateChangefeedAsync($$"""{"changefeed_id":"save-over","sink_uri":"blackhole://","start_ts":{{Tso.From(DateTimeOffset.UtcNow.AddMinutes(-1))}}}""");
        Assert.Null((await runs.NextStartAsync("save-over")).Checkpoint);
        using (var pause = await host.PostAsync("/api/v2/changefeeds/save-over/pause", ""))
            await CdcAssert.EmptyOkAsync(pause);

        var future = Tso.From(DateTimeOffset.UtcNow.AddHours(1));
        using (var later = await host.PostAsync("/api/v2/changefeeds/save-over/resume", $$"""{"overwrite_checkpoint_ts": {{future}}}"""))
            await CdcAssert.ErrorAsync(later, "CDC:ErrAPIInvalidParam");
        using (var badBody = await host.PostAsync("/api/v2/changefeeds/save-over/resume", """{"overwrite_checkpoint_ts": "yesterday"}"""))
            await CdcAssert.ErrorAsync(badBody, "CDC:ErrAPIInvalidParam");
        Assert.Equal("stopped", (await host.GetJsonAsync("/api/v2/changefeeds/save-over")).GetProperty("state").GetString());

        var overwrite = Tso.From(DateTimeOffset.UtcNow.AddMinutes(-10));
        using (var resume = await host.PostAsync("/api/v2/changefeeds/save-over/resume", $$"""{"overwrite_checkpoint_ts": {{overwrite}}}"""))
            await CdcAssert.EmptyOkAsync(resume);
        var run = await runs.NextStartAsync("save-over");
        Assert.Null(run.Checkpoint);
        Assert.Equal(overwrite, run.Definition.StartTs);
        var read = await host.GetJsonAsync("/api/v2/changefeeds/save-over");
        Assert.Equal(overwrite.Value, read.GetProperty("start_ts").GetUInt64());
        Assert.True(read.GetProperty("checkpoint_ts").GetUInt64() >= overwrite.Value);
    }

    [Fact]
    public async Task After_a_restart_changefeeds_come_back_in_their_state_and_normal_ones_run_from_their_checkpoint()
    {
        var runs = new ScriptedChangefeedRuns();
        await using var host = await CdcHost.StartWithSourceAsync(runs, servers);
        await host.CreateChangefeedAsync("""{"changefeed_id":"save-kept","sink_uri":"mysql://root:pw@127.0.0.1:3306/"}""");
        var first = await runs.NextStartAsync("save-kept");
        await host.CreateChangefeedAsync("""{"changefeed_id":"paused","sink_uri":"blackhole://"}""");
        using (var pause = await host.PostAsync("/api/v2/changefeeds/paused/pause", ""))
            await CdcAssert.EmptyOkAsync(pause);
        await host.CreateChangefeedAsync("""{"changefeed_id":"fail-kept","sink_uri":"blackhole://"}""");
        await host.UntilStateAsync("fail-kept", "failed");

        await host.RestartAsync(CdcHost.Ct);

        var again = await runs.NextStartAsync("save-kept");
        Assert.Equal(new Tso(first.Definition.StartTs.Value + 1000), again.Checkpoint?.CheckpointTs);
        Assert.Equal("mysql-bin.000001", again.Checkpoint?.BinlogFile);
        Assert.Equal("mysql://root:pw@127.0.0.1:3306/", again.Definition.SinkUri);
        var kept = await host.GetJsonAsync("/api/v2/changefeeds/save-kept");
        Assert.Equal("normal", kept.GetProperty("state").GetString());
        Assert.True(kept.GetProperty("checkpoint_ts").GetUInt64() >= first.Definition.StartTs.Value + 1000);
        Assert.Equal("stopped", (await host.GetJsonAsync("/api/v2/changefeeds/paused")).GetProperty("state").GetString());
        var failed = await host.GetJsonAsync("/api/v2/changefeeds/fail-kept");
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Equal(ScriptedChangefeedRuns.FailureCode, failed.GetProperty("error").GetProperty("code").GetString());
    }

    private static List<string?> Ids(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString())];
}
