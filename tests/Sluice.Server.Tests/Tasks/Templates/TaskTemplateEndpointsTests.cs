using System.Net;
using System.Text.Json;
using Sluice.Server.Tasks.Contract;
using Sluice.Testing;

namespace Sluice.Server.Tests.Tasks.Templates;

/// <summary>/api/v1/tasks/templates through the running server: create, list, get, update, delete, import.</summary>
public sealed class TaskTemplateEndpointsTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_template_is_created_read_listed_updated_and_deleted_with_the_password_hidden_and_sealed()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        var password = TaskSamples.Valid().TargetConfig!.Password!;

        using (var created = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/templates", TaskSamples.ValidTaskJson, Ct))
        {
            var text = await created.Content.ReadAsStringAsync(Ct);
            Assert.True(created.StatusCode == HttpStatusCode.Created, text);
            Assert.Equal(TaskTargetDatabase.HiddenPassword, TaskJson.Parse(text).TargetConfig!.Password);
        }

        using (var again = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/templates", TaskSamples.ValidTaskJson, Ct))
            await ApiAssert.ErrorAsync(again, HttpStatusCode.BadRequest, 46014, Ct);

        var name = TaskSamples.Valid().Name!;
        using (var list = await host.Client.GetAsync("/api/v1/tasks/templates", Ct))
        {
            var body = await ServerHost.JsonAsync(list, Ct);
            Assert.Equal(1, body.GetProperty("total").GetInt32());
            Assert.Equal(name, body.GetProperty("data")[0].GetProperty("name").GetString());
            Assert.DoesNotContain(password, body.GetRawText(), StringComparison.Ordinal);
        }

        // Sending the hidden password back keeps the stored one; the rest is replaced.
        var changed = TaskSamples.Valid().Redacted() with { MetaSchema = "dm_meta_changed" };
        using (var put = await host.SendJsonAsync(HttpMethod.Put, $"/api/v1/tasks/templates/{name}", TaskJson.Serialize(changed), Ct))
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Ct));
        using (var get = await host.Client.GetAsync($"/api/v1/tasks/templates/{name}", Ct))
            Assert.Equal("dm_meta_changed", (await ServerHost.JsonAsync(get, Ct)).GetProperty("meta_schema").GetString());
        var meta = string.Concat(await Task.WhenAll(Directory.GetFiles(host.DataDirectory, "meta.db*").Select(async f => System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(f, Ct)))));
        Assert.DoesNotContain(password, meta, StringComparison.Ordinal);
        Assert.Contains("sealed:v1:", meta, StringComparison.Ordinal);

        using (var delete = await host.Client.DeleteAsync($"/api/v1/tasks/templates/{name}", Ct))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using (var gone = await host.Client.GetAsync($"/api/v1/tasks/templates/{name}", Ct))
            await ApiAssert.ErrorAsync(gone, HttpStatusCode.BadRequest, 46018, Ct);
        using (var goneAgain = await host.Client.DeleteAsync($"/api/v1/tasks/templates/{name}", Ct))
            await ApiAssert.ErrorAsync(goneAgain, HttpStatusCode.BadRequest, 46018, Ct);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"task": {}}""")]
    [InlineData("""{"name": "t"}""")]
    [InlineData("[]")]
    public async Task Bad_templates_are_400_in_the_error_shape(string body)
    {
        await using var host = await ServerHost.StartAsync(Ct);

        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/templates", body, Ct);

        await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest, null, Ct);
    }

    [Fact]
    public async Task A_body_naming_another_template_than_the_path_is_refused()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        using (await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/templates", TaskSamples.ValidTaskJson, Ct))
        {
        }

        var renamed = TaskSamples.Valid() with { Name = "other" };
        using var put = await host.SendJsonAsync(HttpMethod.Put, $"/api/v1/tasks/templates/{TaskSamples.Valid().Name}", TaskJson.Serialize(renamed), Ct);

        await ApiAssert.ErrorAsync(put, HttpStatusCode.BadRequest, 49001, Ct);
    }

    [Fact]
    public async Task Import_turns_every_task_into_a_template_and_overwrites_only_when_asked()
    {
        await using var host = await ServerHost.StartAsync(Ct);
        await host.CreateSourceAsync("mysql-replica-01", servers.Source, Ct);
        var taskBody = TaskSamples.DocumentCreateTaskBody
            .Replace("\"source-name\"", "\"mysql-replica-01\"", StringComparison.Ordinal)
            .Replace("\"port\": 3306", $"\"port\": {servers.Target.Port}", StringComparison.Ordinal)
            .Replace("\"user\": \"root\"", $"\"user\": \"{servers.Target.User}\"", StringComparison.Ordinal)
            .Replace("\"password\": \"123456\"", $"\"password\": {JsonSerializer.Serialize(servers.Target.Password)}", StringComparison.Ordinal);
        using (var created = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks", taskBody, Ct))
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));

        using (var first = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/templates/import", """{"overwrite": false}""", Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            var body = await ServerHost.JsonAsync(first, Ct);
            Assert.Equal(["task-1"], body.GetProperty("success_task_list").EnumerateArray().Select(e => e.GetString()));
            Assert.Empty(body.GetProperty("failed_task_list").EnumerateArray());
        }

        using (var second = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/templates/import", """{"overwrite": false}""", Ct))
        {
            var body = await ServerHost.JsonAsync(second, Ct);
            Assert.Empty(body.GetProperty("success_task_list").EnumerateArray());
            Assert.Equal("task-1", body.GetProperty("failed_task_list")[0].GetProperty("task_name").GetString());
        }

        using (var third = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/templates/import", """{"overwrite": true}""", Ct))
            Assert.Equal(["task-1"], (await ServerHost.JsonAsync(third, Ct)).GetProperty("success_task_list").EnumerateArray().Select(e => e.GetString()));

        using var template = await host.Client.GetAsync("/api/v1/tasks/templates/task-1", Ct);
        Assert.Equal("******", (await ServerHost.JsonAsync(template, Ct)).GetProperty("target_config").GetProperty("password").GetString());
        using var bad = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks/templates/import", """{"overwrite": "yes"}""", Ct);
        await ApiAssert.ErrorAsync(bad, HttpStatusCode.BadRequest, 49001, Ct);
    }
}
