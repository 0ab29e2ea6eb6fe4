using System.Net;
using System.Text.Json;
using Sluice.Testing;

namespace Sluice.Server.Tests.Tasks;

/// <summary>The task endpoints' contract against real servers: create, read, list, update, errors, and sources in use.</summary>
public sealed class TaskEndpointsTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The document's create-task body, its rule naming its own source and its target pointed at the test target.</summary>
    private string DocumentBody() => TaskSamples.DocumentCreateTaskBody
        .Replace("\"source-name\"", "\"mysql-replica-01\"", StringComparison.Ordinal)
        .Replace("\"port\": 3306", $"\"port\": {servers.Target.Port}", StringComparison.Ordinal)
        .Replace("\"user\": \"root\"", $"\"user\": \"{servers.Target.User}\"", StringComparison.Ordinal)
        .Replace("\"password\": \"123456\"", $"\"password\": {JsonSerializer.Serialize(servers.Target.Password)}", StringComparison.Ordinal);

    [Fact]
    public async Task The_document_body_creates_a_stopped_task_with_the_password_masked()
    {
        Assert.Equal("127.0.0.1", servers.Target.Host);
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-replica-01", servers.Source, Ct);

        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks", DocumentBody(), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = await ServerHost.JsonAsync(response, Ct);
        Assert.StartsWith("pre-check is passed", body.GetProperty("check_result").GetString(), StringComparison.Ordinal);
        var task = body.GetProperty("task");
        Assert.Equal("task-1", task.GetProperty("name").GetString());
        Assert.Equal("******", task.GetProperty("target_config").GetProperty("password").GetString());
        Assert.Equal("db1", task.GetProperty("table_migrate_rule")[0].GetProperty("target").GetProperty("schema").GetString());

        using var get = await host.Client.GetAsync("/api/v1/tasks/task-1?with_status=true", Ct);
        var read = await ServerHost.JsonAsync(get, Ct);
        Assert.Equal("******", read.GetProperty("target_config").GetProperty("password").GetString());
        var status = Assert.Single(read.GetProperty("status_list").EnumerateArray());
        Assert.Equal("Stopped", status.GetProperty("stage").GetString());
        Assert.Equal("mysql-replica-01", status.GetProperty("source_name").GetString());

        // The password is stored sealed: the clear one is nowhere in the metadata file.
        // (The store writes ahead: the WAL file holds what the main file does not yet.)
        var meta = string.Concat(await Task.WhenAll(Directory.GetFiles(host.DataDirectory, "meta.db*").Select(async f => System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(f, Ct)))));
        Assert.DoesNotContain(JsonSerializer.Serialize(servers.Target.Password), meta, StringComparison.Ordinal);
        Assert.Contains("sealed:v1:", meta, StringComparison.Ordinal);

        using var again = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks", DocumentBody(), Ct);
        await ApiAssert.ErrorAsync(again, HttpStatusCode.BadRequest, 46014, Ct);
    }

    [Fact]
    public async Task An_invalid_task_is_400_with_the_first_code_and_every_problem()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-replica-01", servers.Source, Ct);
        var body = DocumentBody()
            .Replace("\"name\": \"task-1\",", "", StringComparison.Ordinal)
            .Replace("\"task_mode\": \"all\"", "\"task_mode\": \"everything\"", StringComparison.Ordinal);

        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks", body, Ct);

        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 20004, Ct);
        var message = error.GetProperty("error_msg").GetString()!;
        Assert.Contains("name", message, StringComparison.Ordinal);
        Assert.Contains("task_mode", message, StringComparison.Ordinal);

        using var unknownField = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks", """{"task": {"name": "x", "colour": "red"}}""", Ct);
        await ApiAssert.ErrorAsync(unknownField, HttpStatusCode.BadRequest, 49001, Ct);

        using var unknownSource = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks", TaskSamples.DocumentCreateTaskBody, Ct);
        await ApiAssert.ErrorAsync(unknownSource, HttpStatusCode.BadRequest, null, Ct);
        using var list = await host.Client.GetAsync("/api/v1/tasks", Ct);
        Assert.Equal(0, (await ServerHost.JsonAsync(list, Ct)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_missing_task_is_404_to_get_and_400_46018_elsewhere()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using (var get = await host.Client.GetAsync("/api/v1/tasks/nothing", Ct))
            await ApiAssert.ErrorAsync(get, HttpStatusCode.NotFound, 46018, Ct);
        using (var status = await host.Client.GetAsync("/api/v1/tasks/nothing/status", Ct))
            await ApiAssert.ErrorAsync(status, HttpStatusCode.BadRequest, 46018, Ct);
        foreach (var operation in new[] { "start", "stop", "pause", "resume" })
        {
            using var response = await host.SendJsonAsync(HttpMethod.Post, $"/api/v1/tasks/nothing/{operation}", "{}", Ct);
            await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 46018, Ct);
        }

        using (var delete = await host.Client.DeleteAsync("/api/v1/tasks/nothing", Ct))
            await ApiAssert.ErrorAsync(delete, HttpStatusCode.BadRequest, 46018, Ct);
    }

    [Fact]
    public async Task A_source_used_by_a_task_lists_it_and_is_deleted_only_with_force()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("used-source", servers.Source, Ct);
        await TaskKit.CreateTaskAsync(host, TaskKit.TaskBody(servers, "usestask", "used-source", "srv_task_used", "srv_task_used_meta"));

        using (var get = await host.Client.GetAsync("/api/v1/sources/used-source", Ct))
            Assert.Equal(["usestask"], (await ServerHost.JsonAsync(get, Ct)).GetProperty("task_name_list").EnumerateArray().Select(e => e.GetString()));
        using (var refused = await host.Client.DeleteAsync("/api/v1/sources/used-source", Ct))
            await ApiAssert.ErrorAsync(refused, HttpStatusCode.BadRequest, 46010, Ct);
        using (var forced = await host.Client.DeleteAsync("/api/v1/sources/used-source?force=true", Ct))
            Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);

        // Its task stays, and is deleted (with its meta, needing only the target) though its source is gone.
        using (var delete = await host.Client.DeleteAsync("/api/v1/tasks/usestask", Ct))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task The_list_filters_by_source_and_stage_and_shows_status_on_request()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("list-a", servers.Source, Ct);
        await host.CreateSourceAsync("list-b", servers.Source, Ct);
        await TaskKit.CreateTaskAsync(host, TaskKit.TaskBody(servers, "lista", "list-a", "srv_task_list", "srv_task_list_meta"));
        await TaskKit.CreateTaskAsync(host, TaskKit.TaskBody(servers, "listb", "list-b", "srv_task_list", "srv_task_list_meta"));

        async Task<IReadOnlyList<string?>> NamesAsync(string query)
        {
            using var response = await host.Client.GetAsync("/api/v1/tasks" + query, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
            var body = await ServerHost.JsonAsync(response, Ct);
            Assert.Equal(body.GetProperty("total").GetInt32(), body.GetProperty("data").GetArrayLength());
            return [.. body.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal)];
        }

        Assert.Equal(["lista", "listb"], await NamesAsync(""));
        Assert.Equal(["listb"], await NamesAsync("?source_name_list=list-b"));
        Assert.Equal(["lista", "listb"], await NamesAsync("?source_name_list=list-a&source_name_list=list-b"));
        Assert.Equal(["lista", "listb"], await NamesAsync("?stage=Stopped"));
        Assert.Empty(await NamesAsync("?stage=Running"));

        using (var plain = await host.Client.GetAsync("/api/v1/tasks", Ct))
            Assert.False((await ServerHost.JsonAsync(plain, Ct)).GetProperty("data")[0].TryGetProperty("status_list", out _));
        using (var withStatus = await host.Client.GetAsync("/api/v1/tasks?with_status=true", Ct))
        {
            var status = (await ServerHost.JsonAsync(withStatus, Ct)).GetProperty("data")[0].GetProperty("status_list")[0];
            Assert.Equal("Stopped", status.GetProperty("stage").GetString());
            Assert.Equal("worker1", status.GetProperty("worker_name").GetString());
        }

        using var badStage = await host.Client.GetAsync("/api/v1/tasks?stage=Sleeping", Ct);
        await ApiAssert.ErrorAsync(badStage, HttpStatusCode.BadRequest, 49001, Ct);
    }

    [Fact]
    public async Task Update_keeps_the_stored_password_for_the_masked_one_and_start_refuses_a_subset_of_sources()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("upd-source", servers.Source, Ct);
        var body = TaskKit.TaskBody(servers, "updtask", "upd-source", "srv_task_upd", "srv_task_upd_meta");
        await TaskKit.CreateTaskAsync(host, body);

        var masked = body
            .Replace($"\"password\": {JsonSerializer.Serialize(servers.Target.Password)}", "\"password\": \"******\"", StringComparison.Ordinal)
            .Replace("\"repl_batch\": 100", "\"repl_batch\": 50", StringComparison.Ordinal);
        using (var update = await host.SendJsonAsync(HttpMethod.Put, "/api/v1/tasks/updtask", masked, Ct))
        {
            Assert.True(update.StatusCode == HttpStatusCode.OK, await update.Content.ReadAsStringAsync(Ct));
            var task = (await ServerHost.JsonAsync(update, Ct)).GetProperty("task");
            Assert.Equal(50, task.GetProperty("source_config").GetProperty("incr_migrate_conf").GetProperty("repl_batch").GetInt32());
        }

        using (var otherName = await host.SendJsonAsync(HttpMethod.Put, "/api/v1/tasks/othername", masked, Ct))
            await ApiAssert.ErrorAsync(otherName, HttpStatusCode.BadRequest, 46018, Ct);
        using (var subset = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/updtask/start", """{"source_name_list": ["elsewhere"]}""", Ct))
            await ApiAssert.ErrorAsync(subset, HttpStatusCode.BadRequest, 46017, Ct);
        using (var badTime = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/updtask/start", """{"start_time": "yesterday"}""", Ct))
            await ApiAssert.ErrorAsync(badTime, HttpStatusCode.BadRequest, 49001, Ct);

        // The kept password still reaches the target: deleting drops the task's meta tables there (10001 otherwise).
        using (var delete = await host.Client.DeleteAsync("/api/v1/tasks/updtask", Ct))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task Starting_an_incremental_task_that_does_not_know_where_to_start_is_400_20022()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("incr-source", servers.Source, Ct);
        await TaskKit.CreateTaskAsync(host, TaskKit.TaskBody(servers, "incrtask", "incr-source", "srv_task_incr", "srv_task_incr_meta", mode: "incremental"));

        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/incrtask/start", "{}", Ct);

        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 20022, Ct);
        Assert.Contains("start_time", error.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
        Assert.Equal("Stopped", TaskKit.Field(await TaskKit.StatusAsync(host, "incrtask"), "stage"));
        Assert.Equal("sync", TaskKit.Field(await TaskKit.StatusAsync(host, "incrtask"), "unit"));
    }
}
