using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sluice.Server.Observability;
using Sluice.Server.Tests.Tasks;
using Sluice.Testing;

namespace Sluice.Server.Tests.Observability;

/// <summary>The server's structured logs: JSON lines with the task's and source's names as fields, and no password in any line.</summary>
public sealed class ServerLogTests(MariaDbServers servers)
{
    private const string DistinctivePassword = "Pw-Sluice-Log-Probe-7731";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Json_logs_are_one_object_per_line_with_the_task_and_source_as_fields_and_never_a_password()
    {
        const string Schema = "srv_logs";
        const string Meta = "srv_logs_meta";
        const string Name = "srvlogs";
        const string Source = "logs-source";
        await TaskKit.PrepareAsync(servers, Schema, Meta, 5);
        using var log = new LogCapture();
        await using var host = await ServerHost.StartAsync(
            options => options with { LogFormat = ServerLogFormat.Json, LogLevel = LogLevel.Trace, LogWriter = log }, Ct);

        // A source whose password the server refuses to keep: the source answers access denied.
        using (var refused = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/sources", ServerHost.DocCreateSourceBody("logs-bad", servers.Source, DistinctivePassword), Ct))
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await host.CreateSourceAsync(Source, servers.Source, Ct);
        await TaskKit.CreateTaskAsync(host, TaskKit.TaskBody(servers, Name, Source, Schema, Meta));
        await TaskKit.OperateAsync(host, Name, "start");
        await TaskKit.UntilAsync(host, Name, "the sync unit running",
            async s => TaskKit.Field(s, "unit") == "sync" && await TaskKit.CountAsync(servers.Target, Schema) == 5);
        await TaskKit.OperateAsync(host, Name, "stop");
        using (var delete = await host.Client.DeleteAsync($"/api/v1/tasks/{Name}", Ct))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using (var delete = await host.Client.DeleteAsync($"/api/v1/sources/{Source}", Ct))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await host.DisposeAsync();

        var lines = log.JsonLines;
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            foreach (var field in (string[])["Timestamp", "LogLevel", "Category", "Message", "State"])
                Assert.True(line.TryGetProperty(field, out _), $"no {field}: {line}");
        }

        Assert.Contains(lines, l => Field(l, "Address") is not null && Field(l, "DataDirectory") == host.DataDirectory);
        Assert.Contains(lines, l => Field(l, "SourceName") == Source && Message(l).Contains("created", StringComparison.Ordinal));

        // The refused source: the API's error with DM's code.
        Assert.Contains(lines, l => Field(l, "Path") == "/api/v1/sources" && Field(l, "Status") == "400" && int.TryParse(Field(l, "ErrorCode"), out var code) && code > 10000);
        Assert.Contains(lines, l => Field(l, "SourceName") == Source && Message(l).Contains("deleted", StringComparison.Ordinal));
        Assert.Contains(lines, l => Field(l, "Task") == Name && Message(l).Contains("created", StringComparison.Ordinal));

        // Stage and unit changes come from the task's supervisor, with the task and the source as fields.
        var supervisor = lines.Where(l => Field(l, "Task") == Name && Field(l, "SourceId") == Source).ToList();
        Assert.Contains(supervisor, l => Field(l, "Stage") == "Running");
        Assert.Contains(supervisor, l => Field(l, "Unit") == "Sync");
        Assert.Contains(supervisor, l => Field(l, "Stage") == "Stopped");
        Assert.All(supervisor, l => Assert.Equal("Sluice.Migration.Supervision.TaskSupervisor", l.GetProperty("Category").GetString()));
        Assert.Contains(lines, l => Field(l, "Task") == Name && Message(l).Contains("deleted", StringComparison.Ordinal));

        AssertNoPassword(log.Text, DistinctivePassword);
        AssertNoPassword(log.Text, servers.Source.Password);
        AssertNoPassword(log.Text, servers.Target.Password);
    }

    [Fact]
    public async Task Text_logs_are_lines_with_the_time_level_and_category()
    {
        using var log = new LogCapture();
        await using (var host = await ServerHost.StartAsync(options => options with { LogLevel = LogLevel.Information, LogWriter = log }, Ct))
        {
            using var list = await host.Client.GetAsync("/api/v1/sources", Ct);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }

        var ready = Assert.Single(log.Lines, l => l.Contains("listener ready at http://127.0.0.1:", StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info: Sluice\.Server\[100\] ", ready);

        // ASP.NET Core's request logging stays below the level asked.
        Assert.DoesNotContain(log.Lines, l => l.Contains("Request starting", StringComparison.Ordinal));
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(ready));
    }

    private static string? Field(JsonElement line, string name) =>
        line.TryGetProperty("State", out var state) && state.TryGetProperty(name, out var value) ? value.ToString() : null;

    private static string Message(JsonElement line) => line.GetProperty("Message").GetString() ?? "";

    private static void AssertNoPassword(string log, string password)
    {
        // A short fixture password could match ordinary words; only those long enough to be unmistakable are looked for.
        if (password.Length >= 8)
            Assert.False(log.Contains(password, StringComparison.Ordinal), "a password appears in the log");
    }
}
