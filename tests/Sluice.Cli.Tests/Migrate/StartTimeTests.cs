using System.Globalization;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary><c>sluice migrate --start-time</c>: an incremental task with no checkpoint replicates what began at or after the moment, and nothing before.</summary>
public sealed class StartTimeTests(MariaDbServers servers)
{
    [Fact]
    public async Task Only_transactions_begun_at_or_after_the_start_time_are_replicated()
    {
        var source = servers.Source;
        var target = servers.Target;
        await source.ExecuteAsync("DROP DATABASE IF EXISTS start_time; CREATE DATABASE start_time; CREATE TABLE start_time.t (id INT PRIMARY KEY, phase VARCHAR(10))");
        await target.ExecuteAsync("DROP DATABASE IF EXISTS start_time; DROP DATABASE IF EXISTS dm_meta_start_time; CREATE DATABASE start_time; CREATE TABLE start_time.t (id INT PRIMARY KEY, phase VARCHAR(10))");
        await source.ExecuteAsync("INSERT INTO start_time.t VALUES (1, 'before'), (2, 'before')");
        var now = Convert.ToInt64(await source.ScalarAsync("SELECT UNIX_TIMESTAMP()"), CultureInfo.InvariantCulture);
        var moment = DateTimeOffset.FromUnixTimeSeconds(now + 1);
        while (Convert.ToInt64(await source.ScalarAsync("SELECT UNIX_TIMESTAMP()"), CultureInfo.InvariantCulture) < now + 1)
            await Task.Delay(100);
        await source.ExecuteAsync("INSERT INTO start_time.t VALUES (3, 'after'); UPDATE start_time.t SET phase = 'changed' WHERE id = 1; INSERT INTO start_time.t VALUES (4, 'last')");

        var dir = Directory.CreateTempSubdirectory("sluice-start-time-").FullName;
        var taskFile = Path.Combine(dir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, $$"""
            name: start_time
            task-mode: incremental
            meta-schema: dm_meta_start_time
            target-database: { host: {{target.Host}}, port: {{target.Port}}, user: {{target.User}}, password: "{{target.Password}}" }
            mysql-instances:
              - source-id: source-1
                from: { host: {{source.Host}}, port: {{source.Port}}, user: {{source.User}}, password: "{{source.Password}}" }
                block-allow-list: only
            block-allow-list:
              only:
                do-dbs: ["start_time"]
            """);

        using var cli = CliProcess.Start(["migrate", "--task", taskFile, "--quiet", "--start-time", moment.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)]);
        await cli.WaitUntilAsync(async () => Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM start_time.t WHERE id = 4"), CultureInfo.InvariantCulture) > 0, TimeSpan.FromSeconds(60));

        cli.Interrupt();
        var (exitCode, _, stderr) = await cli.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, stderr);
        // Rows 1 and 2 were never copied (no dump in incremental mode). A start without a checkpoint runs in safe
        // mode for a while, where the update of row 1 is DELETE + REPLACE: it lands as the row after the update.
        Assert.Equal("1:changed,3:after,4:last", await target.ScalarAsync("SELECT GROUP_CONCAT(id, ':', phase ORDER BY id) FROM start_time.t"));
        Directory.Delete(dir, recursive: true);
    }
}
