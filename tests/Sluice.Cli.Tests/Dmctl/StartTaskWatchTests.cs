using Sluice.Testing;

namespace Sluice.Cli.Tests.Dmctl;

/// <summary><c>start-task --watch</c>: the load's progress, then the sync line, until Ctrl-C, which leaves the task running.</summary>
public sealed class StartTaskWatchTests(MariaDbServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Watching_shows_the_load_then_the_sync_line_and_ctrl_c_stops_only_the_watching()
    {
        const string Schema = "dmctl_watch";
        const string SourceId = "dmctl-watch-src";
        const string TaskName = "dmctl-watch";
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS `{Schema}`; DROP DATABASE IF EXISTS `dmctl_watch_meta`", Ct);
        await servers.Source.ExecuteAsync(
            $"DROP DATABASE IF EXISTS `{Schema}`; CREATE DATABASE `{Schema}`; CREATE TABLE `{Schema}`.`t` (`id` INT PRIMARY KEY, `v` VARCHAR(20));" +
            $"INSERT INTO `{Schema}`.`t` SELECT `seq`, CONCAT('row ', `seq`) FROM `{Schema}`.`seq_1_to_20000`", Ct);
        var dir = Directory.CreateTempSubdirectory("sluice-dmctl-watch-").FullName;
        var sourceFile = Path.Combine(dir, "source.yaml");
        var taskFile = Path.Combine(dir, "task.yaml");
        await File.WriteAllTextAsync(sourceFile, DmctlServer.SourceYaml(SourceId, servers.Source), Ct);
        await File.WriteAllTextAsync(taskFile, DmctlServer.TaskYaml(servers, TaskName, SourceId, Schema, "dmctl_watch_meta"), Ct);
        await using var server = await DmctlServer.StartAsync();
        await server.SucceedAsync("operate-source", "create", sourceFile);

        using (var watch = CliProcess.Start("start-task", taskFile, "--watch", "--master-addr", server.MasterAddr))
        {
            await watch.WaitUntilAsync(() => Task.FromResult(watch.StdoutSoFar.Contains("rows/s", StringComparison.Ordinal)), TimeSpan.FromMinutes(3));
            watch.Interrupt();
            var (exitCode, stdout, stderr) = await watch.WaitAsync(TimeSpan.FromMinutes(1));

            Assert.True(exitCode == 0, stderr + stdout);
            Assert.True(stdout.Contains($"task {TaskName} started", StringComparison.Ordinal), stdout);
            Assert.True(stdout.Contains($"{SourceId} load 100.00 %", StringComparison.Ordinal), stdout);
            Assert.Matches($@"(?m)^{SourceId} Running, sync: \d+ rows/s \([\d,]+ events\), lag \d+ s(, synced)?$", stdout);
            Assert.Contains($"stopped watching; task {TaskName} goes on", stdout, StringComparison.Ordinal);
        }

        // The task was not stopped with the watching: a row written now still arrives.
        await servers.Source.ExecuteAsync($"INSERT INTO `{Schema}`.`t` VALUES (20001, 'after')", Ct);
        await DmctlServer.WaitUntilAsync(
            async () => await DmctlServer.CountAsync(servers.Target, $"`{Schema}`.`t`") == 20001,
            async () => await server.Client.GetStringAsync($"/api/v1/tasks/{TaskName}/status", Ct));
        Assert.Matches(@"stage\s*│\s*Running", await server.SucceedAsync("task", "status", TaskName));
        await server.SucceedAsync("task", "stop", TaskName);
        Directory.Delete(dir, recursive: true);
    }
}
