using System.Globalization;
using System.Net;
using System.Text.Json;
using Sluice.Testing;

namespace Sluice.Server.Tests.Tasks;

/// <summary>Task bodies on a schema of a test's own, and waiting on a task's status through the API without a timed assertion.</summary>
internal static class TaskKit
{
    /// <summary>Generous: a wait that needs this long means something is stuck, and the failure prints the status.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Recreates <paramref name="schema"/> on the source with rows 1 to <paramref name="rows"/> in table t; clears it and the meta schema on the target.</summary>
    public static async Task PrepareAsync(MariaDbServers servers, string schema, string metaSchema, int rows)
    {
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`; DROP DATABASE IF EXISTS `{metaSchema}`", Ct);
        await servers.Source.ExecuteAsync(
            $"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.`t` (`id` INT PRIMARY KEY, `v` VARCHAR(40) NOT NULL)", Ct);
        await InsertAsync(servers.Source, schema, 1, rows);
    }

    public static Task InsertAsync(MariaDbInstance source, string schema, int first, int last) =>
        source.ExecuteAsync(
            string.Create(CultureInfo.InvariantCulture, $"INSERT INTO `{schema}`.`t` (`id`, `v`) SELECT `seq`, CONCAT('row ', `seq`) FROM `{schema}`.`seq_{first}_to_{last}`"), Ct);

    public static async Task<long> CountAsync(MariaDbInstance server, string schema)
    {
        try
        {
            return Convert.ToInt64(await server.ScalarAsync($"SELECT COUNT(*) FROM `{schema}`.`t`", Ct), CultureInfo.InvariantCulture);
        }
        catch (MySqlConnector.MySqlException e) when (e.ErrorCode is MySqlConnector.MySqlErrorCode.NoSuchTable or MySqlConnector.MySqlErrorCode.UnknownDatabase)
        {
            return -1;
        }
    }

    /// <summary>How many of the task's tables the target's meta schema holds.</summary>
    public static async Task<long> MetaTablesAsync(MariaDbServers servers, string metaSchema, string task) =>
        Convert.ToInt64(await servers.Target.ScalarAsync(
            $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{metaSchema}' AND TABLE_NAME LIKE '{task}\\_%'", Ct), CultureInfo.InvariantCulture);

    /// <summary>An <c>all</c> task of one source that migrates only <paramref name="schema"/>, with the target's credentials.</summary>
    public static string TaskBody(MariaDbServers servers, string name, string source, string schema, string metaSchema, string mode = "all") => $$"""
        {
          "task": {
            "name": "{{name}}",
            "task_mode": "{{mode}}",
            "meta_schema": "{{metaSchema}}",
            "on_duplicate": "replace",
            "enhance_online_schema_change": false,
            "target_config": {{TaskKit.TargetConfig(servers)}},
            "table_migrate_rule": [
              { "source": { "source_name": "{{source}}", "schema": "{{schema}}", "table": "*" } }
            ],
            "source_config": {
              "full_migrate_conf": { "export_threads": 2, "import_threads": 2, "data_dir": "./dumped_data" },
              "incr_migrate_conf": { "repl_threads": 2, "repl_batch": 100 },
              "source_conf": [ { "source_name": "{{source}}" } ]
            }
          }
        }
        """;

    /// <summary>The task's target_config object for the fixture's target server.</summary>
    public static string TargetConfig(MariaDbServers servers) =>
        $$"""{ "host": "{{servers.Target.Host}}", "port": {{servers.Target.Port}}, "user": "{{servers.Target.User}}", "password": {{JsonSerializer.Serialize(servers.Target.Password)}} }""";

    public static async Task CreateTaskAsync(ServerHost host, string body)
    {
        using var response = await host.SendJsonAsync(HttpMethod.Post, "/api/v1/tasks", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>POSTs an operation (start, stop, pause, resume) and expects 200.</summary>
    public static async Task OperateAsync(ServerHost host, string task, string operation, string body = "{}")
    {
        using var response = await host.SendJsonAsync(HttpMethod.Post, $"/api/v1/tasks/{task}/{operation}", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{operation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    public static async Task<JsonElement> StatusAsync(ServerHost host, string task)
    {
        using var response = await host.Client.GetAsync($"/api/v1/tasks/{task}/status", Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await ServerHost.JsonAsync(response, Ct);
    }

    /// <summary>Polls the task's status until <paramref name="condition"/> holds; fails naming <paramref name="what"/> with the last status.</summary>
    public static async Task<JsonElement> UntilAsync(ServerHost host, string task, string what, Func<JsonElement, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var status = await StatusAsync(host, task);
            if (await condition(status))
                return status;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{what}: not reached; status: {status}");
            await Task.Delay(100, Ct);
        }
    }

    public static Task<JsonElement> UntilAsync(ServerHost host, string task, string what, Func<JsonElement, bool> condition) =>
        UntilAsync(host, task, what, s => Task.FromResult(condition(s)));

    /// <summary>The first (only) subtask's field.</summary>
    public static string Field(JsonElement status, string name) => status.GetProperty("data")[0].GetProperty(name).GetString() ?? "";
}
