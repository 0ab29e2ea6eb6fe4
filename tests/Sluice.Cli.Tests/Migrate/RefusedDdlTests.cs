using System.Globalization;
using System.Text.RegularExpressions;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>
/// A DDL the target refuses stops the task with the statement, the server's error and the position to skip or
/// replace; started again with <c>--skip-ddl</c> (or <c>--replace-ddl</c>) at that position, it goes on.
/// </summary>
public sealed partial class RefusedDdlTests(MariaDbServers servers)
{
    [Fact]
    public async Task A_refused_ddl_stops_the_task_naming_it_and_skip_or_replace_lets_it_go_on()
    {
        var source = servers.Source;
        var target = servers.Target;
        await source.ExecuteAsync("DROP DATABASE IF EXISTS refused_ddl; CREATE DATABASE refused_ddl; CREATE TABLE refused_ddl.t (id INT PRIMARY KEY, v INT)");
        // A row only the target has makes v not unique there: adding a unique key on v fails on the target (1062).
        await target.ExecuteAsync("DROP DATABASE IF EXISTS refused_ddl; DROP DATABASE IF EXISTS dm_meta_refused_ddl; CREATE DATABASE refused_ddl; CREATE TABLE refused_ddl.t (id INT PRIMARY KEY, v INT); INSERT INTO refused_ddl.t VALUES (3, 1)");
        var (file, position) = await source.MasterStatusAsync();
        await source.ExecuteAsync(
            "INSERT INTO refused_ddl.t VALUES (1, 1); ALTER TABLE refused_ddl.t ADD UNIQUE KEY uk (v); INSERT INTO refused_ddl.t VALUES (2, 2);" +
            "ALTER TABLE refused_ddl.t ADD UNIQUE KEY uk2 (v); INSERT INTO refused_ddl.t VALUES (4, 4)");
        var dir = Directory.CreateTempSubdirectory("sluice-refused-ddl-").FullName;
        var taskFile = Path.Combine(dir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, $$"""
            name: refused_ddl
            task-mode: incremental
            meta-schema: dm_meta_refused_ddl
            target-database: { host: {{target.Host}}, port: {{target.Port}}, user: {{target.User}}, password: "{{target.Password}}" }
            mysql-instances:
              - source-id: source-1
                from: { host: {{source.Host}}, port: {{source.Port}}, user: {{source.User}}, password: "{{source.Password}}" }
                meta: { binlog-name: {{file}}, binlog-pos: {{position}} }
                block-allow-list: only
                syncer-config-name: sync
            block-allow-list:
              only:
                do-dbs: ["refused_ddl"]
            syncers:
              sync:
                safe-mode-duration: "0s"
            """);

        var refused = await CliProcess.RunAsync(["migrate", "--task", taskFile, "--quiet"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("ALTER TABLE `refused_ddl`.`t` ADD UNIQUE KEY uk (v)", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("[MySQL error 1062]", refused.Stderr, StringComparison.Ordinal);
        var at = SkipHint().Match(refused.Stderr).Groups[1].Value;
        Assert.Equal("1:1,3:1", await target.ScalarAsync("SELECT GROUP_CONCAT(id, ':', v ORDER BY id) FROM refused_ddl.t"));

        // Skip the first; the second fails the same way and is replaced by another statement.
        var second = await CliProcess.RunAsync(["migrate", "--task", taskFile, "--quiet", "--skip-ddl", at]);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("ADD UNIQUE KEY uk2 (v)", second.Stderr, StringComparison.Ordinal);
        var next = SkipHint().Match(second.Stderr).Groups[1].Value;
        Assert.NotEqual(at, next);

        using var cli = CliProcess.Start(["migrate", "--task", taskFile, "--quiet", "--replace-ddl", $"{next}=CREATE TABLE refused_ddl.replaced (id INT PRIMARY KEY)"]);
        await cli.WaitUntilAsync(async () => Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM refused_ddl.t"), CultureInfo.InvariantCulture) >= 4, TimeSpan.FromSeconds(60));

        cli.Interrupt();
        var (exitCode, _, stderr) = await cli.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, stderr);
        Assert.Equal("1:1,2:2,3:1,4:4", await target.ScalarAsync("SELECT GROUP_CONCAT(id, ':', v ORDER BY id) FROM refused_ddl.t"));
        Assert.Equal(1L, Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'refused_ddl' AND TABLE_NAME = 'replaced'"), CultureInfo.InvariantCulture));
        Directory.Delete(dir, recursive: true);
    }

    [GeneratedRegex(@"--skip-ddl (\S+)\)")]
    private static partial Regex SkipHint();
}
