using System.Net;
using System.Text.Json;
using Sluice.Testing;

namespace Sluice.Server.Tests.Tasks;

/// <summary>
/// start, stop, pause and resume with source_name_list naming some of a task's sources: only those change, the
/// others go on, and the stage asked for each source survives a server restart.
/// </summary>
public sealed class PerSourceOperationTests(MariaDbServers servers)
{
    private const string Name = "srvpersource";
    private const string Meta = "srv_per_source_meta";
    private const string SchemaA = "srv_per_source_a";
    private const string SchemaB = "srv_per_source_b";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Operations_on_some_sources_leave_the_others_running_and_survive_a_restart()
    {
        await TaskKit.PrepareAsync(servers, SchemaA, Meta, 5);
        await TaskKit.PrepareAsync(servers, SchemaB, Meta, 7);
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("ps-a", servers.Source, Ct);
        await host.CreateSourceAsync("ps-b", servers.Source, Ct);
        await TaskKit.CreateTaskAsync(host, Body());

        await TaskKit.OperateAsync(host, Name, "start", """{"source_name_list": ["ps-a"]}""");
        await UntilAsync(host, "source a synced alone", async s =>
            Stage(s, "ps-a") == "Running" && Unit(s, "ps-a") == "sync" && Stage(s, "ps-b") == "Stopped" && await TaskKit.CountAsync(servers.Target, SchemaA) == 5);
        Assert.Equal(-1, await TaskKit.CountAsync(servers.Target, SchemaB));

        // Starting a source that runs already is refused; remove_meta is for the whole task only.
        using (var again = await host.SendJsonAsync(HttpMethod.Post, $"/api/v1/tasks/{Name}/start", """{"source_name_list": ["ps-a"]}""", Ct))
            await ApiAssert.ErrorAsync(again, HttpStatusCode.BadRequest, 46015, Ct);
        using (var removeMeta = await host.SendJsonAsync(HttpMethod.Post, $"/api/v1/tasks/{Name}/start", """{"source_name_list": ["ps-b"], "remove_meta": true}""", Ct))
            await ApiAssert.ErrorAsync(removeMeta, HttpStatusCode.BadRequest, 49001, Ct);

        await TaskKit.OperateAsync(host, Name, "start", """{"source_name_list": ["ps-b"]}""");
        await UntilAsync(host, "both sources synced", async s =>
            Unit(s, "ps-a") == "sync" && Unit(s, "ps-b") == "sync" && await TaskKit.CountAsync(servers.Target, SchemaB) == 7);

        // The older document's body for pause: the source names as an array.
        await TaskKit.OperateAsync(host, Name, "pause", """["ps-a"]""");
        await UntilAsync(host, "a paused, b running", s => Stage(s, "ps-a") == "Paused" && Stage(s, "ps-b") == "Running");
        await TaskKit.InsertAsync(servers.Source, SchemaA, 6, 8);
        await TaskKit.InsertAsync(servers.Source, SchemaB, 8, 9);
        await UntilAsync(host, "b's new rows applied while a is paused", async _ => await TaskKit.CountAsync(servers.Target, SchemaB) == 9);
        Assert.Equal(5, await TaskKit.CountAsync(servers.Target, SchemaA));

        await host.RestartAsync(Ct, () => Task.CompletedTask);
        await UntilAsync(host, "after the restart, a still paused and b running", s => Stage(s, "ps-a") == "Paused" && Stage(s, "ps-b") == "Running");

        await TaskKit.OperateAsync(host, Name, "resume", """{"source_name_list": ["ps-a"]}""");
        await UntilAsync(host, "a resumed and caught up", async s =>
            Stage(s, "ps-a") == "Running" && await TaskKit.CountAsync(servers.Target, SchemaA) == 8);

        await TaskKit.OperateAsync(host, Name, "stop", """{"source_name_list": ["ps-b"]}""");
        await UntilAsync(host, "b stopped, a running", s => Stage(s, "ps-b") == "Stopped" && Stage(s, "ps-a") == "Running");
        await TaskKit.InsertAsync(servers.Source, SchemaA, 9, 9);
        await UntilAsync(host, "a goes on alone", async _ => await TaskKit.CountAsync(servers.Target, SchemaA) == 9);

        await TaskKit.OperateAsync(host, Name, "stop");
        await UntilAsync(host, "both stopped", s => Stage(s, "ps-a") == "Stopped" && Stage(s, "ps-b") == "Stopped");
    }

    private static Task<JsonElement> UntilAsync(ServerHost host, string what, Func<JsonElement, bool> condition) => TaskKit.UntilAsync(host, Name, what, condition);

    private static Task<JsonElement> UntilAsync(ServerHost host, string what, Func<JsonElement, Task<bool>> condition) => TaskKit.UntilAsync(host, Name, what, condition);

    private static string Stage(JsonElement status, string source) => Subtask(status, source).GetProperty("stage").GetString() ?? "";

    private static string Unit(JsonElement status, string source) => Subtask(status, source).GetProperty("unit").GetString() ?? "";

    private static JsonElement Subtask(JsonElement status, string source) =>
        status.GetProperty("data").EnumerateArray().Single(d => d.GetProperty("source_name").GetString() == source);

    private string Body() => $$"""
        {
          "task": {
            "name": "{{Name}}",
            "task_mode": "all",
            "meta_schema": "{{Meta}}",
            "on_duplicate": "replace",
            "enhance_online_schema_change": false,
            "target_config": {{TaskKit.TargetConfig(servers)}},
            "table_migrate_rule": [
              { "source": { "source_name": "ps-a", "schema": "{{SchemaA}}", "table": "*" } },
              { "source": { "source_name": "ps-b", "schema": "{{SchemaB}}", "table": "*" } }
            ],
            "source_config": {
              "full_migrate_conf": { "export_threads": 2, "import_threads": 2, "data_dir": "./dumped_data" },
              "incr_migrate_conf": { "repl_threads": 2, "repl_batch": 100 },
              "source_conf": [ { "source_name": "ps-a" }, { "source_name": "ps-b" } ]
            }
          }
        }
        """;
}
