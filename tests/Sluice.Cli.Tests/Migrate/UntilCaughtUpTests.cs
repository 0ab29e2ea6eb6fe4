using System.Globalization;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary><c>sluice migrate --until-caught-up</c>: replicates what the binlog holds when it starts, then stops by itself at a checkpoint.</summary>
public sealed class UntilCaughtUpTests(MariaDbServers servers)
{
    [Fact]
    public async Task Stops_by_itself_once_the_binlog_as_it_stood_at_the_start_is_applied()
    {
        var source = servers.Source;
        var target = servers.Target;
        const string table = "CREATE TABLE caught_up.t (id INT PRIMARY KEY, v VARCHAR(20))";
        await source.ExecuteAsync($"DROP DATABASE IF EXISTS caught_up; CREATE DATABASE caught_up; {table}");
        await target.ExecuteAsync($"DROP DATABASE IF EXISTS caught_up; DROP DATABASE IF EXISTS dm_meta_caught_up; CREATE DATABASE caught_up; {table}");
        var (file, position) = await source.MasterStatusAsync();
        for (var i = 0; i < 40; i++)
            await source.ExecuteAsync($"INSERT INTO caught_up.t SELECT seq, 'v' FROM caught_up.seq_{(i * 100) + 1}_to_{(i + 1) * 100}; UPDATE caught_up.t SET v = 'u{i}' WHERE id = {i + 1}");
        await source.ExecuteAsync("DELETE FROM caught_up.t WHERE id % 7 = 0");
        var expected = await source.ChecksumAsync("caught_up.t");

        var dir = Directory.CreateTempSubdirectory("sluice-caught-up-").FullName;
        var taskFile = Path.Combine(dir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, string.Create(CultureInfo.InvariantCulture, $$"""
            name: caught_up
            task-mode: incremental
            meta-schema: dm_meta_caught_up
            target-database: { host: {{target.Host}}, port: {{target.Port}}, user: {{target.User}}, password: "{{target.Password}}" }
            mysql-instances:
              - source-id: source-1
                from: { host: {{source.Host}}, port: {{source.Port}}, user: {{source.User}}, password: "{{source.Password}}" }
                block-allow-list: only
                meta: { binlog-name: {{file}}, binlog-pos: {{position}} }
            block-allow-list:
              only:
                do-dbs: ["caught_up"]
            """));

        using var cli = CliProcess.Start(["migrate", "--task", taskFile, "--quiet", "--until-caught-up"]);
        var (exitCode, stdout, stderr) = await cli.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("replication stopped at binlog.", stdout, StringComparison.Ordinal);
        Assert.Equal(expected, await target.ChecksumAsync("caught_up.t"));
        Assert.Equal(3429L, Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM caught_up.t"), CultureInfo.InvariantCulture));
        // Stopped at a transaction boundary: no safe-mode window is left for the next run.
        Assert.Equal(1L, Convert.ToInt64(await target.ScalarAsync(
            "SELECT COUNT(*) FROM dm_meta_caught_up.caught_up_syncer_checkpoint WHERE is_global = 1 AND binlog_name = exit_safe_binlog_name AND binlog_pos = exit_safe_binlog_pos"), CultureInfo.InvariantCulture));
        Directory.Delete(dir, recursive: true);
    }
}
