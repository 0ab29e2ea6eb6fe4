using System.Diagnostics;
using System.Globalization;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>
/// kill -9 of <c>sluice migrate</c> at random points while it loads, each followed by a restart: in the end every
/// table's checksum equals the source's and no row is there twice.
/// </summary>
public sealed class KilledMigrationTests(MariaDbServers servers)
{
    [Fact]
    public async Task Kill_9_during_the_load_five_times_then_finish_leaves_the_target_equal_to_the_source()
    {
        var source = servers.Source;
        var target = servers.Target;
        await source.ExecuteAsync(
            "DROP DATABASE IF EXISTS killed_load; CREATE DATABASE killed_load;" +
            "CREATE TABLE killed_load.a (id INT PRIMARY KEY, k INT, c CHAR(120), pad CHAR(60), KEY (k));" +
            "INSERT INTO killed_load.a SELECT seq, seq % 1000, REPEAT(CHAR(65 + seq % 26), 120), MD5(seq) FROM killed_load.seq_1_to_150000;" +
            "CREATE TABLE killed_load.b (id BIGINT PRIMARY KEY, v VARCHAR(40));" +
            "INSERT INTO killed_load.b SELECT seq, CONCAT('row ', seq) FROM killed_load.seq_1_to_100000;" +
            "CREATE TABLE killed_load.no_key (k INT, s VARCHAR(20));" +
            "INSERT INTO killed_load.no_key SELECT seq % 7, 'same' FROM killed_load.seq_1_to_20000");
        await target.ExecuteAsync("DROP DATABASE IF EXISTS killed_load; DROP DATABASE IF EXISTS dm_meta_killed");
        var dataDir = Directory.CreateTempSubdirectory("sluice-killed-").FullName;
        var taskFile = Path.Combine(dataDir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, TaskYaml(source, target, dataDir));
        await File.WriteAllTextAsync(Path.Combine(dataDir, "dump.yaml"), TaskYaml(source, target, dataDir).Replace("task-mode: full", "task-mode: dump", StringComparison.Ordinal));

        // The dump first, so every kill lands in the load.
        var dump = await CliProcess.RunAsync(["migrate", "--task", taskFile.Replace("task.yaml", "dump.yaml", StringComparison.Ordinal), "--quiet"]);
        Assert.True(dump.ExitCode == 0, dump.Stderr);

        var random = new Random(20261125);
        var kills = 0;
        for (var attempt = 0; attempt < 20 && kills < 5; attempt++)
        {
            var before = await LoadedFilesAsync(target);
            using var cli = CliProcess.Start(["migrate", "--task", taskFile, "--quiet"]);
            await WaitForLoadAsync(target, cli, before, TimeSpan.FromSeconds(60));
            await Task.Delay(random.Next(0, 200));
            if (cli.HasExited)
                break;
            cli.KillHard();
            kills++;
        }

        Assert.True(kills >= 5, $"only {kills} kills landed before the load finished");
        var final = await CliProcess.RunAsync(["migrate", "--task", taskFile, "--quiet"]);
        Assert.True(final.ExitCode == 0, final.Stderr);

        foreach (var table in new[] { "a", "b", "no_key" })
        {
            Assert.Equal(await Scalar(source, $"SELECT COUNT(*) FROM killed_load.{table}"), await Scalar(target, $"SELECT COUNT(*) FROM killed_load.{table}"));
            Assert.Equal(await source.ChecksumAsync($"killed_load.{table}"), await target.ChecksumAsync($"killed_load.{table}"));
        }

        Directory.Delete(dataDir, recursive: true);
    }

    /// <summary>Waits until this run has committed at least one more data file than <paramref name="before"/>, or has exited.</summary>
    private static async Task WaitForLoadAsync(MariaDbInstance target, CliProcess cli, long before, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !cli.HasExited && await LoadedFilesAsync(target) <= before)
            await Task.Delay(10);
    }

    private static async Task<long> LoadedFilesAsync(MariaDbInstance target)
    {
        try
        {
            return Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM dm_meta_killed.`killed_loader_checkpoint` WHERE `offset` = `end_pos` AND `end_pos` > 0"), CultureInfo.InvariantCulture);
        }
        catch (MySqlConnector.MySqlException)
        {
            return 0; // not created yet
        }
    }

    private static async Task<string?> Scalar(MariaDbInstance server, string sql) =>
        Convert.ToString(await server.ScalarAsync(sql), CultureInfo.InvariantCulture);

    private static string TaskYaml(MariaDbInstance source, MariaDbInstance target, string dataDir) => $"""
        name: killed
        task-mode: full
        meta-schema: dm_meta_killed
        target-database:
          host: {target.Host}
          port: {target.Port}
          user: {target.User}
          password: {target.Password}
        mysql-instances:
          - source-id: source-1
            from:
              host: {source.Host}
              port: {source.Port}
              user: {source.User}
              password: {source.Password}
            block-allow-list: only
            mydumper-config-name: dump
            loader-config-name: load
        block-allow-list:
          only:
            do-dbs: ["killed_load"]
        mydumpers:
          dump:
            threads: 2
            rows: 5000
        loaders:
          load:
            pool-size: 1
            dir: {dataDir}
        """;
}
