using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.ChangeFeed.Model;
using Sluice.Server.Tests.Fuzz;
using Sluice.Testing;

namespace Sluice.Server.Tests.ChangeFeeds;

/// <summary>
/// Seeded random edits of valid create, update and resume bodies (values removed, replaced by hostile ones, fields
/// added, text cut): never a 5xx, and every refusal in TiCDC's error shape. The seed replays a failure.
/// </summary>
public sealed class CdcApiFuzzTests(MariaDbServers servers)
{
    private const int Seed = 20261126;
    private const int Rounds = 150;

    [Fact]
    public async Task Mutated_create_update_and_resume_bodies_never_get_a_5xx_and_are_refused_in_ticdcs_shape()
    {
        await using var host = await CdcHost.StartWithSourceAsync(new ScriptedChangefeedRuns(), servers);
        await host.CreateChangefeedAsync("""{"changefeed_id":"fuzz-target","sink_uri":"blackhole://"}""");
        using (var pause = await host.PostAsync("/api/v2/changefeeds/fuzz-target/pause", ""))
            await CdcAssert.EmptyOkAsync(pause);
        var mutator = new RandomMutator(new Random(Seed));
        var past = Tso.From(DateTimeOffset.UtcNow.AddMinutes(-30)).Value;

        var create = JsonNode.Parse($$$"""
            {
              "changefeed_id": "fuzzed",
              "sink_uri": "kafka://user:secret@127.0.0.1:9092/orders?protocol=canal-json",
              "start_ts": {{{past}}},
              "target_ts": 0,
              "source_name": "mysql-01",
              "snapshot": false,
              "replica_config": {
                "memory_quota": 1048576, "case_sensitive": false, "sync_point_interval": "10m",
                "filter": {"rules": ["db.*"], "ignore_txn_start_ts": [1],
                  "event_filters": [{"matcher": ["db.t"], "ignore_event": ["insert"], "ignore_sql": ["^drop"], "ignore_delete_value_expr": "id = 1"}]},
                "mounter": {"worker_num": 4},
                "sink": {"protocol": "canal-json", "dispatchers": [{"matcher": ["db.*"], "partition": "ts", "topic": "t"}],
                  "column_selectors": [{"matcher": ["db.t"], "columns": ["a"]}], "csv": {"delimiter": ",", "quote": "'"},
                  "date_separator": "day", "cloud_storage_config": {"file_size": 1024, "flush_interval": "2s"}},
                "consistent": {"level": "none"}
              }
            }
            """)!;
        await FuzzAsync(host, mutator, HttpMethod.Post, "/api/v2/changefeeds", create);

        var update = JsonNode.Parse("""
            {"sink_uri": "mysql://root:pw@127.0.0.1:3306/", "target_ts": 18446744073709551615,
             "replica_config": {"filter": {"rules": ["*.*"]}, "sink": {"terminator": "\n"}}}
            """)!;
        await FuzzAsync(host, mutator, HttpMethod.Put, "/api/v2/changefeeds/fuzz-target", update);

        var resume = JsonNode.Parse($$"""{"overwrite_checkpoint_ts": {{past}}}""")!;
        await FuzzAsync(host, mutator, HttpMethod.Post, "/api/v2/changefeeds/fuzz-target/resume", resume, afterSuccess: async () =>
        {
            using var pause = await host.PostAsync("/api/v2/changefeeds/fuzz-target/pause", "");
            await CdcAssert.EmptyOkAsync(pause);
        });

        // Whatever was sent, the server still answers and lists in shape.
        var list = await host.GetJsonAsync("/api/v2/changefeeds?state=all");
        Assert.Equal(list.GetProperty("total").GetInt32(), list.GetProperty("items").GetArrayLength());
    }

    private static async Task FuzzAsync(ServerHost host, RandomMutator mutator, HttpMethod method, string path, JsonNode valid, Func<Task>? afterSuccess = null)
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (body, description) = mutator.Mutate(valid);
            using var response = await host.SendJsonAsync(method, path, body, CdcHost.Ct);
            var text = await response.Content.ReadAsStringAsync(CdcHost.Ct);
            var replay = $"seed {Seed}, {method} {path} round {round} ({description}): {(int)response.StatusCode} {text}\nbody: {body}";
            Assert.True((int)response.StatusCode < 500, replay);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                if (afterSuccess is not null)
                    await afterSuccess();
                continue;
            }

            var error = JsonDocument.Parse(text).RootElement;
            Assert.True(error.GetProperty("error_code").GetString()!.StartsWith("CDC:Err", StringComparison.Ordinal), replay);
            Assert.Equal(2, error.EnumerateObject().Count());
        }
    }
}
