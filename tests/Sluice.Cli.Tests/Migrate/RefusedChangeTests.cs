using System.Globalization;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>
/// A row change the target refuses for good (here a missing privilege) stops the task with the error and a
/// workaround; once the target is fixed, the task goes on and the refused change arrives.
/// </summary>
public sealed class RefusedChangeTests(MariaDbServers servers)
{
    [Fact]
    public async Task A_missing_privilege_on_the_target_stops_the_task_naming_the_error_and_what_to_do()
    {
        var source = servers.Source;
        var target = servers.Target;
        const string table = "CREATE TABLE no_grant.t (id INT PRIMARY KEY, v VARCHAR(20))";
        await source.ExecuteAsync($"DROP DATABASE IF EXISTS no_grant; CREATE DATABASE no_grant; {table}");
        await target.ExecuteAsync(
            $"DROP DATABASE IF EXISTS no_grant; DROP DATABASE IF EXISTS dm_meta_no_grant; CREATE DATABASE no_grant; {table};" +
            "DROP USER IF EXISTS 'sluice_no_grant'@'%'; CREATE USER 'sluice_no_grant'@'%' IDENTIFIED BY 'Reader-1';" +
            "GRANT SELECT ON no_grant.* TO 'sluice_no_grant'@'%'; GRANT ALL ON dm_meta_no_grant.* TO 'sluice_no_grant'@'%'");
        var (file, position) = await source.MasterStatusAsync();
        await source.ExecuteAsync("INSERT INTO no_grant.t VALUES (1, 'one')");

        var dir = Directory.CreateTempSubdirectory("sluice-no-grant-").FullName;
        var taskFile = Path.Combine(dir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, string.Create(CultureInfo.InvariantCulture, $$"""
            name: no_grant
            task-mode: incremental
            meta-schema: dm_meta_no_grant
            target-database: { host: {{target.Host}}, port: {{target.Port}}, user: sluice_no_grant, password: "Reader-1" }
            mysql-instances:
              - source-id: source-1
                from: { host: {{source.Host}}, port: {{source.Port}}, user: {{source.User}}, password: "{{source.Password}}" }
                block-allow-list: only
                meta: { binlog-name: {{file}}, binlog-pos: {{position}} }
            block-allow-list:
              only:
                do-dbs: ["no_grant"]
            """));

        var (exitCode, _, stderr) = await CliProcess.RunAsync(["migrate", "--task", taskFile, "--quiet"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("[MySQL error 1142]", stderr, StringComparison.Ordinal);
        Assert.Contains("sluice: workaround: grant the target user the privileges", stderr, StringComparison.Ordinal);
        Assert.Equal(0L, Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM no_grant.t"), CultureInfo.InvariantCulture));

        // Granted, the task goes on from its checkpoint: the refused row was never applied, so it comes now.
        await target.ExecuteAsync("GRANT INSERT, UPDATE, DELETE ON no_grant.* TO 'sluice_no_grant'@'%'");
        (exitCode, _, stderr) = await CliProcess.RunAsync(["migrate", "--task", taskFile, "--quiet", "--until-caught-up"]);
        Assert.True(exitCode == 0, stderr);
        Assert.Equal("1:one", await target.ScalarAsync("SELECT GROUP_CONCAT(id, ':', v) FROM no_grant.t"));
        await target.ExecuteAsync("DROP USER 'sluice_no_grant'@'%'");
        Directory.Delete(dir, recursive: true);
    }
}
