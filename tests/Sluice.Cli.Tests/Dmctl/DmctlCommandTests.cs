using System.Globalization;
using System.Text.Json;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Dmctl;

/// <summary>The dmctl-style commands against a real server and the MariaDB fixture, through the built CLI.</summary>
public sealed class DmctlCommandTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_source_file_and_a_task_file_migrate_and_the_task_is_watched_paused_resumed_stopped_and_restarted()
    {
        const string Schema = "dmctl_e2e";
        const string Meta = "dmctl_e2e_meta";
        const string SourceId = "dmctl-e2e-src";
        const string TaskName = "dmctl-e2e";
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS `{Schema}`; DROP DATABASE IF EXISTS `{Meta}`", Ct);
        await servers.Source.ExecuteAsync(
            $"DROP DATABASE IF EXISTS `{Schema}`; CREATE DATABASE `{Schema}`; CREATE TABLE `{Schema}`.`t` (`id` INT PRIMARY KEY, `v` VARCHAR(20));" +
            $"INSERT INTO `{Schema}`.`t` VALUES (1, 'one'), (2, 'two'), (3, 'three')", Ct);
        var dir = Directory.CreateTempSubdirectory("sluice-dmctl-").FullName;
        var sourceFile = Path.Combine(dir, "source.yaml");
        var taskFile = Path.Combine(dir, "task.yaml");
        await File.WriteAllTextAsync(sourceFile, DmctlServer.SourceYaml(SourceId, servers.Source), Ct);
        await File.WriteAllTextAsync(taskFile, DmctlServer.TaskYaml(servers, TaskName, SourceId, Schema, Meta), Ct);
        await using var server = await DmctlServer.StartAsync();

        var created = await server.SucceedAsync("operate-source", "create", sourceFile);
        Assert.Contains(SourceId, created, StringComparison.Ordinal);
        Assert.Contains("mariadb", created, StringComparison.Ordinal);
        Assert.DoesNotContain(servers.Source.Password, created, StringComparison.Ordinal);
        var shown = await server.SucceedAsync("operate-source", "show", "-s", SourceId);
        Assert.Contains(SourceId, shown, StringComparison.Ordinal);
        Assert.Contains(servers.Source.Port.ToString(CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
        Assert.DoesNotContain(servers.Source.Password, shown, StringComparison.Ordinal);

        var started = await server.SucceedAsync("start-task", taskFile);
        Assert.Contains("pre-check is passed", started, StringComparison.Ordinal);
        Assert.Contains($"task {TaskName} started", started, StringComparison.Ordinal);
        await WaitForRowsAsync(server, TaskName, $"`{Schema}`.`t`", 3);

        // Past the dump and load, rows written now arrive through the sync unit.
        await servers.Source.ExecuteAsync($"INSERT INTO `{Schema}`.`t` VALUES (4, 'four')", Ct);
        await WaitForRowsAsync(server, TaskName, $"`{Schema}`.`t`", 4);
        var subtask = await SubtaskAsync(server, TaskName);
        Assert.Equal(SourceId, subtask.GetProperty("source_name").GetString());
        Assert.Equal("Running", subtask.GetProperty("stage").GetString());
        Assert.Equal("sync", subtask.GetProperty("unit").GetString());
        Assert.False(string.IsNullOrEmpty(subtask.GetProperty("worker_name").GetString()));
        var sync = subtask.GetProperty("sync_status");
        Assert.True(sync.GetProperty("seconds_behind_master").GetInt64() >= 0);
        Assert.Matches(@"^\(binlog\.\d+, \d+\)$", sync.GetProperty("master_binlog").GetString());

        var table = await server.SucceedAsync("query-status", TaskName);
        Assert.Contains($"task {TaskName}, source {SourceId}", table, StringComparison.Ordinal);
        Assert.Matches(@"stage\s*│\s*Running", table);
        Assert.Matches(@"unit\s*│\s*sync", table);
        Assert.Matches(@"lag\s*│\s*\d+ s", table);
        Assert.Matches(@"master binlog\s*│\s*\(binlog\.\d+, \d+\)", table);
        Assert.Matches(@"syncer binlog\s*│\s*\(binlog\.\d+, \d+\)", table);
        var overview = await server.SucceedAsync("query-status");
        Assert.Matches($@"{TaskName}\s*│\s*all\s*│\s*{SourceId}\s*│\s*Running\s*│\s*sync", overview);
        using (var all = JsonDocument.Parse(await server.SucceedAsync("query-status", "--json")))
        {
            var task = all.RootElement.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == TaskName);
            Assert.Equal("Running", task.GetProperty("status_list")[0].GetProperty("stage").GetString());
            Assert.Equal("******", task.GetProperty("target_config").GetProperty("password").GetString());
        }

        using (var bySource = JsonDocument.Parse(await server.SucceedAsync("query-status", TaskName, "-s", SourceId, "--json")))
            Assert.Equal(SourceId, Assert.Single(bySource.RootElement.GetProperty("data").EnumerateArray()).GetProperty("source_name").GetString());
        var notItsSource = await server.RunAsync("pause-task", TaskName, "-s", "dmctl-not-a-source");
        Assert.Equal(1, notItsSource.ExitCode);
        Assert.Matches(@"^error \d+: source dmctl-not-a-source is not a source of task " + TaskName, notItsSource.Stderr);

        Assert.Contains($"task {TaskName} paused", await server.SucceedAsync("pause-task", TaskName), StringComparison.Ordinal);
        Assert.Equal("Paused", (await SubtaskAsync(server, TaskName)).GetProperty("stage").GetString());
        await servers.Source.ExecuteAsync($"INSERT INTO `{Schema}`.`t` VALUES (5, 'five')", Ct);
        Assert.Contains($"task {TaskName} resumed", await server.SucceedAsync("resume-task", taskFile), StringComparison.Ordinal);
        await WaitForRowsAsync(server, TaskName, $"`{Schema}`.`t`", 5);

        Assert.Contains($"task {TaskName} stopped", await server.SucceedAsync("task", "stop", taskFile), StringComparison.Ordinal);
        Assert.Equal("Stopped", (await SubtaskAsync(server, TaskName)).GetProperty("stage").GetString());

        // A stopped task is updated from the file and started again, from its checkpoint.
        await servers.Source.ExecuteAsync($"INSERT INTO `{Schema}`.`t` VALUES (6, 'six')", Ct);
        var restarted = await server.SucceedAsync("start-task", taskFile);
        Assert.Contains("updated from", restarted, StringComparison.Ordinal);
        await WaitForRowsAsync(server, TaskName, $"`{Schema}`.`t`", 6);
        Assert.Equal(await servers.Source.ChecksumAsync($"`{Schema}`.`t`"), await servers.Target.ChecksumAsync($"`{Schema}`.`t`"));

        // A running task is not replaced.
        var again = await server.RunAsync("start-task", taskFile);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("error 46014: ", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("Running", again.Stderr, StringComparison.Ordinal);

        await server.SucceedAsync("stop-task", TaskName);
        using (var delete = await server.Client.DeleteAsync($"/api/v1/tasks/{TaskName}", Ct))
            Assert.True(delete.IsSuccessStatusCode, await delete.Content.ReadAsStringAsync(Ct));
        Assert.Contains($"source {SourceId} removed", await server.SucceedAsync("operate-source", "stop", sourceFile), StringComparison.Ordinal);
        Assert.Contains("(no sources)", await server.SucceedAsync("source", "list"), StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Check_task_prints_the_precheck_with_its_warnings_and_keeps_no_task()
    {
        const string Schema = "dmctl_check";
        const string SourceId = "dmctl-check-src";
        await servers.Source.ExecuteAsync(
            $"DROP DATABASE IF EXISTS `{Schema}`; CREATE DATABASE `{Schema}`; CREATE TABLE `{Schema}`.`no_key` (`k` INT, `v` TEXT)", Ct);
        var dir = Directory.CreateTempSubdirectory("sluice-dmctl-check-").FullName;
        var sourceFile = Path.Combine(dir, "source.yaml");
        var taskFile = Path.Combine(dir, "task.yaml");
        await File.WriteAllTextAsync(sourceFile, DmctlServer.SourceYaml(SourceId, servers.Source), Ct);
        await File.WriteAllTextAsync(taskFile, DmctlServer.TaskYaml(servers, "dmctl-check", SourceId, Schema, "dmctl_check_meta"), Ct);
        await using var server = await DmctlServer.StartAsync();
        await server.SucceedAsync("source", "create", sourceFile);

        var checkedTask = await server.SucceedAsync("check-task", taskFile);

        Assert.Contains("task dmctl-check: pre-check is passed", checkedTask, StringComparison.Ordinal);
        Assert.Contains("warnings", checkedTask, StringComparison.Ordinal);
        Assert.Contains("no_key", checkedTask, StringComparison.Ordinal);
        using var tasks = JsonDocument.Parse(await server.Client.GetStringAsync("/api/v1/tasks", Ct));
        Assert.Equal(0, tasks.RootElement.GetProperty("total").GetInt32());
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Check_task_of_a_source_not_registered_exits_1_with_the_servers_error()
    {
        const string SourceId = "dmctl-check-bad";
        var dir = Directory.CreateTempSubdirectory("sluice-dmctl-check-bad-").FullName;
        var sourceFile = Path.Combine(dir, "source.yaml");
        var taskFile = Path.Combine(dir, "task.yaml");
        await File.WriteAllTextAsync(sourceFile, DmctlServer.SourceYaml(SourceId, servers.Source), Ct);
        await File.WriteAllTextAsync(taskFile, DmctlServer.TaskYaml(servers, "dmctl-check-bad", "not-registered", "dmctl_check_bad", "dmctl_check_bad_meta"), Ct);
        await using var server = await DmctlServer.StartAsync();
        await server.SucceedAsync("source", "create", sourceFile);

        var (exitCode, _, stderr) = await server.RunAsync("task", "check", taskFile);

        Assert.Equal(1, exitCode);
        Assert.Matches(@"^error \d+: .*not-registered", stderr);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Start_options_reach_the_server_and_its_refusal_is_printed()
    {
        const string SourceId = "dmctl-start-opts";
        const string TaskName = "dmctl-start-opts";
        await servers.Source.ExecuteAsync("DROP DATABASE IF EXISTS `dmctl_start_opts`; CREATE DATABASE `dmctl_start_opts`", Ct);
        var dir = Directory.CreateTempSubdirectory("sluice-dmctl-start-").FullName;
        var sourceFile = Path.Combine(dir, "source.yaml");
        var taskFile = Path.Combine(dir, "task.yaml");
        await File.WriteAllTextAsync(sourceFile, DmctlServer.SourceYaml(SourceId, servers.Source), Ct);
        await File.WriteAllTextAsync(taskFile, DmctlServer.TaskYaml(servers, TaskName, SourceId, "dmctl_start_opts", "dmctl_start_opts_meta"), Ct);
        await using var server = await DmctlServer.StartAsync();
        await server.SucceedAsync("operate-source", "create", sourceFile);

        var (exitCode, stdout, stderr) = await server.RunAsync("start-task", taskFile, "--remove-meta", "--start-time", "yesterday");

        Assert.Equal(1, exitCode);
        Assert.Contains("pre-check is passed", stdout, StringComparison.Ordinal);
        Assert.StartsWith("error 49001: start_time yesterday is not a time", stderr, StringComparison.Ordinal);
        Assert.Equal("Stopped", Assert.Single(await TaskStagesAsync(server, TaskName)));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task List_member_shows_the_master_and_the_worker()
    {
        await using var server = await DmctlServer.StartAsync();

        var both = await server.SucceedAsync("list-member");
        Assert.Contains("masters", both, StringComparison.Ordinal);
        Assert.Contains("workers", both, StringComparison.Ordinal);
        Assert.Matches(@"│\s*yes\s*│\s*yes\s*│", both);
        Assert.Contains("free", both, StringComparison.Ordinal);

        using var workers = JsonDocument.Parse(await server.SucceedAsync("list-member", "--worker", "--json"));
        Assert.False(workers.RootElement.TryGetProperty("masters", out _));
        var worker = workers.RootElement.GetProperty("workers").GetProperty("data")[0];
        Assert.Equal("free", worker.GetProperty("bound_stage").GetString());
        using var leader = JsonDocument.Parse(await server.SucceedAsync("list-member", "--leader", "--json"));
        Assert.True(leader.RootElement.GetProperty("leader").GetProperty("data")[0].GetProperty("leader").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_task_exits_1_with_the_servers_error_code_and_message()
    {
        await using var server = await DmctlServer.StartAsync();

        foreach (var command in new[] { "query-status", "stop-task", "pause-task", "resume-task" })
        {
            var (exitCode, stdout, stderr) = await server.RunAsync(command, "dmctl-no-such-task");
            Assert.Equal(1, exitCode);
            Assert.Equal("error 46018: task dmctl-no-such-task does not exist", stderr.Trim());
            Assert.Equal("", stdout);
        }
    }

    [Fact]
    public async Task A_master_that_cannot_be_reached_is_said_plainly()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exitCode, _, stderr) = await CliProcess.RunAsync("--master-addr", $"127.0.0.1:{port}", "query-status");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"error: cannot reach the master at http://127.0.0.1:{port}", stderr, StringComparison.Ordinal);
        Assert.Contains("refused", stderr, StringComparison.OrdinalIgnoreCase);
    }

    private async Task WaitForRowsAsync(DmctlServer server, string task, string table, long rows) =>
        await DmctlServer.WaitUntilAsync(
            async () => await DmctlServer.CountAsync(servers.Target, table) == rows,
            async () => $"{rows} rows in {table}; status: {await server.Client.GetStringAsync($"/api/v1/tasks/{task}/status", Ct)}");

    private static async Task<IReadOnlyList<string?>> TaskStagesAsync(DmctlServer server, string task)
    {
        using var status = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/v1/tasks/{task}/status", Ct));
        return [.. status.RootElement.GetProperty("data").EnumerateArray().Select(subtask => subtask.GetProperty("stage").GetString())];
    }

    private static async Task<JsonElement> SubtaskAsync(DmctlServer server, string task)
    {
        using var status = JsonDocument.Parse(await server.SucceedAsync("query-status", task, "--json"));
        Assert.Equal(1, status.RootElement.GetProperty("total").GetInt32());
        return status.RootElement.GetProperty("data")[0].Clone();
    }
}
