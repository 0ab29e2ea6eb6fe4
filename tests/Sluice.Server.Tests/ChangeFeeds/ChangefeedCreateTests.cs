using System.Text.Json;
using System.Text.RegularExpressions;
using Sluice.ChangeFeed;
using Sluice.ChangeFeed.Model;
using Sluice.Testing;

namespace Sluice.Server.Tests.ChangeFeeds;

/// <summary>POST and GET /api/v2/changefeeds: the doc's bodies, the defaults filled in, masking, and every refusal with TiCDC's code.</summary>
public sealed partial class ChangefeedCreateTests(MariaDbServers servers)
{
    [Fact]
    public async Task The_docs_create_example_answers_the_changefeed_with_ticdcs_defaults_filled_in()
    {
        var runs = new ScriptedChangefeedRuns();
        await using var host = await CdcHost.StartWithSourceAsync(runs, servers);
        var before = Tso.From(DateTimeOffset.UtcNow);
        var created = await host.CreateChangefeedAsync("""{"changefeed_id":"test5","sink_uri":"blackhole://"}""");
        var after = Tso.From(DateTimeOffset.UtcNow, Tso.MaxLogical);

        Assert.Equal("test5", created.GetProperty("id").GetString());
        Assert.Equal("blackhole://", created.GetProperty("sink_uri").GetString());
        Assert.Equal("normal", created.GetProperty("state").GetString());
        Assert.Equal("mysql-01", created.GetProperty("source_name").GetString());
        Assert.False(created.GetProperty("snapshot").GetBoolean());
        var startTs = created.GetProperty("start_ts").GetUInt64();
        Assert.InRange(startTs, before.Value, after.Value);
        Assert.Equal(0UL, created.GetProperty("target_ts").GetUInt64());
        Assert.Equal(startTs, created.GetProperty("checkpoint_ts").GetUInt64());
        Assert.Equal(new Tso(startTs).ToTimeText(), created.GetProperty("checkpoint_time").GetString());
        Assert.Matches(TimeText(), created.GetProperty("checkpoint_time").GetString()!);
        Assert.Matches(GoTime(), created.GetProperty("create_time").GetString()!);
        Assert.StartsWith("v", created.GetProperty("creator_version").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, created.GetProperty("admin_job_type").GetInt32());
        Assert.False(created.TryGetProperty("error", out _));

        var config = created.GetProperty("config");
        Assert.Equal(1073741824UL, config.GetProperty("memory_quota").GetUInt64());
        Assert.False(config.GetProperty("case_sensitive").GetBoolean());
        Assert.True(config.GetProperty("check_gc_safe_point").GetBoolean());
        Assert.Equal(600_000_000_000L, config.GetProperty("sync_point_interval").GetInt64());
        Assert.Equal(86_400_000_000_000L, config.GetProperty("sync_point_retention").GetInt64());
        Assert.Equal(["*.*"], config.GetProperty("filter").GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(16, config.GetProperty("mounter").GetProperty("worker_num").GetInt32());
        Assert.Equal("none", config.GetProperty("consistent").GetProperty("level").GetString());
        var sink = config.GetProperty("sink");
        Assert.Equal(",", sink.GetProperty("csv").GetProperty("delimiter").GetString());
        Assert.Equal("\\N", sink.GetProperty("csv").GetProperty("null").GetString());
        Assert.Equal("day", sink.GetProperty("date_separator").GetString());
        Assert.Equal("\r\n", sink.GetProperty("terminator").GetString());
        Assert.True(sink.GetProperty("enable_partition_separator").GetBoolean());
        Assert.Equal(16, sink.GetProperty("encoder_concurrency").GetInt32());

        // The run gets what was created, from the registered source.
        var start = await runs.NextStartAsync("test5");
        Assert.Equal(new Tso(startTs), start.Definition.StartTs);
        Assert.Equal(servers.Source.Port, start.Source.Port);
        Assert.Equal(servers.Source.Password, start.Source.Password);

        // No start_ts: it starts at the source's end of binlog as read at the creation, its start_ts taken just after.
        var first = Assert.IsType<ChangefeedCheckpoint>(start.Checkpoint);
        Assert.Equal(new Tso(startTs), first.CheckpointTs);
        var end = await servers.Source.ScalarAsync("SELECT CONCAT(SUBSTRING_INDEX(@@log_bin_basename, '/', -1), '.')", CdcHost.Ct);
        Assert.StartsWith((string)end!, first.BinlogFile, StringComparison.Ordinal);
        Assert.True(first.BinlogPosition >= 4, $"position {first.BinlogPosition}");

        var read = await host.GetJsonAsync("/api/v2/changefeeds/test5");
        Assert.Equal(created.GetProperty("config").ToString(), read.GetProperty("config").ToString());
        Assert.Single(read.GetProperty("task_status").EnumerateArray());
    }

    [Fact]
    public async Task A_replica_config_given_is_kept_whole_and_what_the_engine_uses_reaches_the_run()
    {
        var runs = new ScriptedChangefeedRuns();
        await using var host = await CdcHost.StartWithSourceAsync(runs, servers);
        var created = await host.CreateChangefeedAsync("""
            {
              "changefeed_id": "orders-kafka",
              "sink_uri": "kafka://127.0.0.1:9092/orders?protocol=canal-json",
              "source_name": "mysql-01",
              "snapshot": true,
              "replica_config": {
                "case_sensitive": true,
                "bdr_mode": true,
                "sync_point_interval": "30s",
                "filter": {"rules": ["shop.*", "!shop.secret"], "ignore_txn_start_ts": [42],
                  "event_filters": [{"matcher": ["shop.orders"], "ignore_event": ["delete"], "ignore_insert_value_expr": "id >= 100"}]},
                "mounter": {"worker_num": 4},
                "sink": {
                  "dispatchers": [{"matcher": ["shop.*"], "partition": "index-value", "topic": "{schema}_{table}"}],
                  "column_selectors": [{"matcher": ["shop.orders"], "columns": ["id", "total"]}],
                  "csv": {"delimiter": ";", "include_commit_ts": true},
                  "only_output_updated_columns": true,
                  "transaction_atomicity": "none"
                },
                "scheduler": {"enable_table_across_nodes": true, "region_threshold": 5}
              }
            }
            """);
        var config = created.GetProperty("config");
        Assert.True(config.GetProperty("bdr_mode").GetBoolean());
        Assert.Equal(30_000_000_000L, config.GetProperty("sync_point_interval").GetInt64());
        Assert.Equal(4, config.GetProperty("mounter").GetProperty("worker_num").GetInt32());
        Assert.Equal("none", config.GetProperty("sink").GetProperty("transaction_atomicity").GetString());
        Assert.Equal(5, config.GetProperty("scheduler").GetProperty("region_threshold").GetInt32());
        Assert.Equal("\"", config.GetProperty("sink").GetProperty("csv").GetProperty("quote").GetString());
        Assert.True(created.GetProperty("snapshot").GetBoolean());

        var options = (await runs.NextStartAsync("orders-kafka")).Definition;
        Assert.True(options.Snapshot);
        Assert.True(options.Options.CaseSensitive);
        Assert.Equal(["shop.*", "!shop.secret"], options.Options.FilterRules);
        Assert.Equal([42UL], options.Options.IgnoreTxnStartTs);
        var filter = Assert.Single(options.Options.EventFilters);
        Assert.Equal(["delete"], filter.IgnoreEvent);
        Assert.Equal("id >= 100", filter.IgnoreInsertValueExpr);
        var dispatcher = Assert.Single(options.Options.Dispatchers);
        Assert.Equal(("index-value", "{schema}_{table}"), (dispatcher.Partition, dispatcher.Topic));
        Assert.Equal(["id", "total"], Assert.Single(options.Options.ColumnSelectors).Columns);
        Assert.Equal("canal-json", options.Options.Protocol);
        Assert.Equal(";", options.Options.Encoder.Csv.Delimiter);
        Assert.True(options.Options.Encoder.Csv.IncludeCommitTs);
        Assert.True(options.Options.Encoder.OnlyOutputUpdatedColumns);
        Assert.Equal("orders-kafka", options.Options.Encoder.ChangefeedId);
    }

    [Fact]
    public async Task The_sink_password_is_masked_in_every_answer_sealed_at_rest_and_given_to_the_run_in_clear()
    {
        const string Password = "Sink-Pw-Probe-4471";
        var runs = new ScriptedChangefeedRuns();
        await using var host = await CdcHost.StartWithSourceAsync(runs, servers);
        {
            var created = await host.CreateChangefeedAsync($$"""{"changefeed_id":"to-target","sink_uri":"mysql://root:{{Password}}@127.0.0.1:3306/?worker-count=4"}""");
            Assert.Equal("mysql://root:******@127.0.0.1:3306/?worker-count=4", created.GetProperty("sink_uri").GetString());
            Assert.Equal("mysql://root:******@127.0.0.1:3306/?worker-count=4", (await host.GetJsonAsync("/api/v2/changefeeds/to-target")).GetProperty("sink_uri").GetString());
            Assert.Equal($"mysql://root:{Password}@127.0.0.1:3306/?worker-count=4", (await runs.NextStartAsync("to-target")).Definition.SinkUri);
            using var list = await host.Client.GetAsync("/api/v2/changefeeds?state=all", CdcHost.Ct);
            Assert.DoesNotContain(Password, await list.Content.ReadAsStringAsync(CdcHost.Ct), StringComparison.Ordinal);
        }

        foreach (var file in Directory.EnumerateFiles(host.DataDirectory, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            Assert.DoesNotContain(Password, await reader.ReadToEndAsync(CdcHost.Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_changefeed_without_an_id_gets_one_and_without_start_ts_starts_now()
    {
        await using var host = await CdcHost.StartWithSourceAsync(new ScriptedChangefeedRuns(), servers);
        var created = await host.CreateChangefeedAsync("""{"sink_uri":"file:///tmp/sluice-cdc-api-test"}""");
        var id = created.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(id, out _), id);
        Assert.Equal(id, (await host.GetJsonAsync($"/api/v2/changefeeds/{id}")).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{"changefeed_id":"bad_id","sink_uri":"blackhole://"}""", "CDC:ErrAPIInvalidParam")]
    [InlineData("""{"changefeed_id":"-lead","sink_uri":"blackhole://"}""", "CDC:ErrAPIInvalidParam")]
    [InlineData("""{"changefeed_id":"a--b","sink_uri":"blackhole://"}""", "CDC:ErrAPIInvalidParam")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"blackhole://","unknown_field":1}""", "CDC:ErrAPIInvalidParam")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"blackhole://","start_ts":"now"}""", "CDC:ErrAPIInvalidParam")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"blackhole://","start_ts":-1}""", "CDC:ErrAPIInvalidParam")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"blackhole://","namespace":"other"}""", "CDC:ErrAPIInvalidParam")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"blackhole://","replica_config":{"sync_point_interval":"ten minutes"}}""", "CDC:ErrAPIInvalidParam")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"blackhole://","replica_config":{"sink":{"date_separator":"week"}}}""", "CDC:ErrAPIInvalidParam")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"blackhole://","replica_config":{"sink":{"protocol":"maxwell"}}}""", "CDC:ErrSinkUnknownProtocol")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"kafka://127.0.0.1:9092/t?protocol=craft"}""", "CDC:ErrSinkUnknownProtocol")]
    [InlineData("""{"changefeed_id":"ok"}""", "CDC:ErrSinkURIInvalid")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"no-scheme"}""", "CDC:ErrSinkURIInvalid")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"pulsar://127.0.0.1:6650/t"}""", "CDC:ErrSinkURIInvalid")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"kafka://127.0.0.1:9092/"}""", "CDC:ErrSinkURIInvalid")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"mysql:///"}""", "CDC:ErrSinkURIInvalid")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"blackhole://","source_name":"no-such-source"}""", "CDC:ErrUpstreamNotFound")]
    [InlineData("""{"changefeed_id":"ok","sink_uri":"blackhole://","start_ts":1000,"target_ts":1000}""", "CDC:ErrTargetTsBeforeStartTs")]
    [InlineData("[]", "CDC:ErrAPIInvalidParam")]
    [InlineData("null", "CDC:ErrAPIInvalidParam")]
    [InlineData("", "CDC:ErrAPIInvalidParam")]
    public async Task Bad_create_requests_are_400_with_ticdcs_code(string body, string code)
    {
        await using var host = await CdcHost.StartWithSourceAsync(new ScriptedChangefeedRuns(), servers);
        using (var response = await host.PostAsync("/api/v2/changefeeds", body))
            await CdcAssert.ErrorAsync(response, code);
        var list = await host.GetJsonAsync("/api/v2/changefeeds?state=all");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_id_of_129_characters_a_start_ts_in_the_future_and_an_existing_id_are_refused()
    {
        await using var host = await CdcHost.StartWithSourceAsync(new ScriptedChangefeedRuns(), servers);
        using (var longId = await host.PostAsync("/api/v2/changefeeds", $$"""{"changefeed_id":"{{new string('a', 129)}}","sink_uri":"blackhole://"}"""))
            await CdcAssert.ErrorAsync(longId, "CDC:ErrAPIInvalidParam");
        await host.CreateChangefeedAsync($$"""{"changefeed_id":"{{new string('a', 128)}}","sink_uri":"blackhole://"}""");

        var future = Tso.From(DateTimeOffset.UtcNow.AddHours(1));
        using (var later = await host.PostAsync("/api/v2/changefeeds", $$"""{"changefeed_id":"later","sink_uri":"blackhole://","start_ts":{{future}}}"""))
            await CdcAssert.ErrorAsync(later, "CDC:ErrAPIInvalidParam");

        await host.CreateChangefeedAsync("""{"changefeed_id":"twice","sink_uri":"blackhole://"}""");
        using var again = await host.PostAsync("/api/v2/changefeeds", """{"changefeed_id":"twice","sink_uri":"file:///tmp/x"}""");
        await CdcAssert.ErrorAsync(again, "CDC:ErrChangeFeedAlreadyExists");
        Assert.Equal("blackhole://", (await host.GetJsonAsync("/api/v2/changefeeds/twice")).GetProperty("sink_uri").GetString());
    }

    [Fact]
    public async Task The_source_is_the_only_one_registered_or_must_be_named()
    {
        await using var host = await CdcHost.StartAsync(new ScriptedChangefeedRuns());
        using (var none = await host.PostAsync("/api/v2/changefeeds", """{"changefeed_id":"a","sink_uri":"blackhole://"}"""))
            await CdcAssert.ErrorAsync(none, "CDC:ErrUpstreamNotFound");
        await host.CreateSourceAsync("mysql-01", servers.Source, CdcHost.Ct);
        await host.CreateSourceAsync("mysql-02", servers.Source, CdcHost.Ct);
        using (var several = await host.PostAsync("/api/v2/changefeeds", """{"changefeed_id":"a","sink_uri":"blackhole://"}"""))
            await CdcAssert.ErrorAsync(several, "CDC:ErrAPIInvalidParam");
        var named = await host.CreateChangefeedAsync("""{"changefeed_id":"a","sink_uri":"blackhole://","source_name":"mysql-02"}""");
        Assert.Equal("mysql-02", named.GetProperty("source_name").GetString());
    }

    [Fact]
    public async Task Get_of_an_unknown_changefeed_is_400_changefeed_not_exists_and_of_a_bad_id_400_invalid_param()
    {
        await using var host = await CdcHost.StartAsync(new ScriptedChangefeedRuns());
        using (var missing = await host.Client.GetAsync("/api/v2/changefeeds/nothing", CdcHost.Ct))
            await CdcAssert.ErrorAsync(missing, "CDC:ErrChangeFeedNotExists");
        using (var bad = await host.Client.GetAsync("/api/v2/changefeeds/bad_id", CdcHost.Ct))
            await CdcAssert.ErrorAsync(bad, "CDC:ErrAPIInvalidParam");
        foreach (var path in (string[])["/api/v2/changefeed/nothing/synced", "/api/v2/changefeeds/nothing/synced"])
        {
            using var synced = await host.Client.GetAsync(path, CdcHost.Ct);
            await CdcAssert.ErrorAsync(synced, "CDC:ErrChangeFeedNotExists");
        }
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$")]
    private static partial Regex TimeText();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")]
    private static partial Regex GoTime();
}
