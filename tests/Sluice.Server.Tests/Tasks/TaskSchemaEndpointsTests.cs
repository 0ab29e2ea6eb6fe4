using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sluice.Testing;

namespace Sluice.Server.Tests.Tasks;

/// <summary>
/// The task-source schema endpoints over a running task: the tracked schemas, tables and CREATE TABLE, and
/// replacing or removing a structure while the task is paused, which the sync unit then decodes with.
/// </summary>
public sealed class TaskSchemaEndpointsTests(MariaDbServers servers)
{
    private const string Schema = "srv_task_schema";
    private const string Meta = "srv_task_schema_meta";
    private const string Name = "srvschema";
    private const string Source = "schema-source";
    private const string Base = $"/api/v1/tasks/{Name}/sources/{Source}/schemas";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_tracked_structures_are_listed_read_replaced_and_removed_and_the_sync_unit_decodes_with_them()
    {
        await TaskKit.PrepareAsync(servers, Schema, Meta, 5);
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync(Source, servers.Source, Ct);
        await TaskKit.CreateTaskAsync(host, TaskKit.TaskBody(servers, Name, Source, Schema, Meta));

        // Before the task ever ran, nothing is tracked.
        Assert.Empty(await GetJsonAsync<string[]>(host, Base));

        await TaskKit.OperateAsync(host, Name, "start");
        await TaskKit.UntilAsync(host, Name, "the dump loaded and the sync unit running",
            async s => TaskKit.Field(s, "unit") == "sync" && await TaskKit.CountAsync(servers.Target, Schema) == 5);
        await TaskKit.InsertAsync(servers.Source, Schema, 6, 8);
        await TaskKit.UntilAsync(host, Name, "the sync unit applied rows 6-8 and flushed its checkpoint with table t's structure",
            async _ => await TaskKit.CountAsync(servers.Target, Schema) == 8
                && (await GetJsonAsync<string[]>(host, Base)).Length == 1);

        Assert.Equal([Schema], await GetJsonAsync<string[]>(host, Base));
        Assert.Equal(["t"], await GetJsonAsync<string[]>(host, $"{Base}/{Schema}"));
        Assert.Empty(await GetJsonAsync<string[]>(host, $"{Base}/other_schema"));
        var structure = await GetJsonAsync<JsonElement>(host, $"{Base}/{Schema}/t");
        Assert.Equal(Schema, structure.GetProperty("schema_name").GetString());
        Assert.Equal("t", structure.GetProperty("table_name").GetString());
        Assert.StartsWith("CREATE TABLE `t` (", structure.GetProperty("schema_create_sql").GetString(), StringComparison.Ordinal);

        // Changing a structure needs the task paused.
        await AssertErrorAsync(await PutAsync(host, "t", """{"sql_content": "CREATE TABLE `t` (`id` int PRIMARY KEY)"}"""), 40051);
        await TaskKit.OperateAsync(host, Name, "pause");

        // A structure the source does not have: rows decoded with it name a column the target lacks, and the task pauses on that.
        using (var put = await PutAsync(host, "t", """{"sql_content": "CREATE TABLE `t1` (`id` int(11) NOT NULL, `wrong` varchar(40) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;", "flush": true, "sync": true}"""))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var replaced = (await GetJsonAsync<JsonElement>(host, $"{Base}/{Schema}/t")).GetProperty("schema_create_sql").GetString();
        Assert.StartsWith("CREATE TABLE `t` (", replaced, StringComparison.Ordinal);
        Assert.Contains("`wrong` varchar(40)", replaced, StringComparison.Ordinal);
        await TaskKit.OperateAsync(host, Name, "resume");
        await TaskKit.InsertAsync(servers.Source, Schema, 9, 9);
        await TaskKit.UntilAsync(host, Name, "the target refused a row named by the replaced structure",
            s => s.GetProperty("data")[0].TryGetProperty("error_msg", out var error) && error.GetString()?.Contains("wrong", StringComparison.Ordinal) == true);
        Assert.Equal(8, await TaskKit.CountAsync(servers.Target, Schema));

        // The source's own structure puts it right: the row arrives.
        await TaskKit.OperateAsync(host, Name, "pause");
        using (var put = await PutAsync(host, "t", """{"schema_source": "upstream"}"""))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.DoesNotContain("wrong", (await GetJsonAsync<JsonElement>(host, $"{Base}/{Schema}/t")).GetProperty("schema_create_sql").GetString(), StringComparison.Ordinal);
        await TaskKit.OperateAsync(host, Name, "resume");
        await TaskKit.UntilAsync(host, Name, "row 9 applied once the structure was the source's",
            async s => TaskKit.Field(s, "stage") == "Running" && await TaskKit.CountAsync(servers.Target, Schema) == 9);

        await TaskKit.OperateAsync(host, Name, "pause");
        await AssertErrorAsync(await PutAsync(host, "t", """{"sql_content": "ALTER TABLE `t` ADD COLUMN `x` int"}"""), 44009);
        await AssertErrorAsync(await PutAsync(host, "t", """{"sql_content": "CREATE TABLE `t` (`id` no_such_type)"}"""), 44006);
        await AssertErrorAsync(await PutAsync(host, "t", """{"schema_source": "sql"}"""), 44009);
        await AssertErrorAsync(await PutAsync(host, "t", """{"schema_source": "elsewhere"}"""), 49001);
        await AssertErrorAsync(await PutAsync(host, "missing", """{"schema_source": "upstream"}"""), 44005);
        using (var put = await PutAsync(host, "t", """{"schema_source": "downstream"}"""))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using (var delete = await host.Client.DeleteAsync($"{Base}/{Schema}/t", Ct))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using (var get = await host.Client.GetAsync($"{Base}/{Schema}/t", Ct))
            await ApiAssert.ErrorAsync(get, HttpStatusCode.BadRequest, 44005, Ct);
        using (var delete = await host.Client.DeleteAsync($"{Base}/{Schema}/t", Ct))
            await ApiAssert.ErrorAsync(delete, HttpStatusCode.BadRequest, 44005, Ct);
        Assert.Empty(await GetJsonAsync<string[]>(host, Base));

        // Forgotten, the table is learned again when its rows come.
        await TaskKit.OperateAsync(host, Name, "resume");
        await TaskKit.InsertAsync(servers.Source, Schema, 10, 12);
        await TaskKit.UntilAsync(host, Name, "rows 10-12 applied with the table learned again",
            async _ => await TaskKit.CountAsync(servers.Target, Schema) == 12);
        await TaskKit.OperateAsync(host, Name, "stop");
    }

    [Fact]
    public async Task A_missing_task_or_a_source_the_task_does_not_read_is_a_clear_400()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using (var get = await host.Client.GetAsync("/api/v1/tasks/no-such-task/sources/s/schemas", Ct))
            await ApiAssert.ErrorAsync(get, HttpStatusCode.BadRequest, 46018, Ct);

        await TaskKit.PrepareAsync(servers, "srv_task_schema_missing", "srv_task_schema_missing_meta", 1);
        await host.CreateSourceAsync("missing-source", servers.Source, Ct);
        await TaskKit.CreateTaskAsync(host, TaskKit.TaskBody(servers, "srvschemamissing", "missing-source", "srv_task_schema_missing", "srv_task_schema_missing_meta"));
        using (var get = await host.Client.GetAsync("/api/v1/tasks/srvschemamissing/sources/other/schemas/db/t", Ct))
            await ApiAssert.ErrorAsync(get, HttpStatusCode.BadRequest, 46034, Ct);
        using (var get = await host.Client.GetAsync("/api/v1/tasks/srvschemamissing/sources/missing-source/schemas/db/t", Ct))
            await ApiAssert.ErrorAsync(get, HttpStatusCode.BadRequest, 44005, Ct);
        using (var put = await host.Client.PutAsync("/api/v1/tasks/srvschemamissing/sources/missing-source/schemas/db/t", new StringContent("{\"sql_content\": 5}", Encoding.UTF8, "application/json"), Ct))
            await ApiAssert.ErrorAsync(put, HttpStatusCode.BadRequest, 49001, Ct);
    }

    private static async Task<T> GetJsonAsync<T>(ServerHost host, string path)
    {
        using var response = await host.Client.GetAsync(path, Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<T>(Ct))!;
    }

    private static Task<HttpResponseMessage> PutAsync(ServerHost host, string table, string body) =>
        host.Client.PutAsync($"{Base}/{Schema}/{table}", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

    private static async Task AssertErrorAsync(HttpResponseMessage response, int code)
    {
        using (response)
            await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, code, Ct);
    }
}
