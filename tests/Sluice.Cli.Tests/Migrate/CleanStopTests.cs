using System.Diagnostics;
using System.Globalization;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>
/// A stop (Ctrl-C) that lands inside a transaction of tables the task does not select is as clean as one on a
/// transaction boundary: nothing of it was applied, so no safe-mode window is left for the next run.
/// </summary>
public sealed class CleanStopTests(MariaDbServers servers)
{
    [Fact]
    public async Task Ctrl_c_inside_a_transaction_of_unselected_tables_leaves_no_safe_mode_window()
    {
        var source = servers.Source;
        var target = servers.Target;
        const string table = "CREATE TABLE clean_stop.t (id INT PRIMARY KEY)";
        await source.ExecuteAsync(
            $"DROP DATABASE IF EXISTS clean_stop; CREATE DATABASE clean_stop; {table}; " +
            "DROP DATABASE IF EXISTS clean_stop_other; CREATE DATABASE clean_stop_other; " +
            "CREATE TABLE clean_stop_other.big (id INT PRIMARY KEY, pad CHAR(100))");
        await target.ExecuteAsync($"DROP DATABASE IF EXISTS clean_stop; DROP DATABASE IF EXISTS dm_meta_clean_stop; CREATE DATABASE clean_stop; {table}");
        var (file, start) = await source.MasterStatusAsync();
        await source.ExecuteAsync("INSERT INTO clean_stop.t VALUES (1)");
        var (_, afterFirst) = await source.MasterStatusAsync();
        // About 25 MB of row events, read through a 3 MB/s link: the reader is inside it for seconds.
        await source.ExecuteAsync("INSERT INTO clean_stop_other.big SELECT seq, REPEAT('x', 100) FROM clean_stop_other.seq_1_to_200000");
        var (bigFile, afterBig) = await source.MasterStatusAsync();
        await source.ExecuteAsync("INSERT INTO clean_stop.t VALUES (2)");
        Assert.Equal(file, bigFile);

        await using var slowLink = new ThrottledProxy(source.Host, source.Port, 3 << 20);
        var dir = Directory.CreateTempSubdirectory("sluice-clean-stop-").FullName;
        var taskFile = Path.Combine(dir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, string.Create(CultureInfo.InvariantCulture, $$"""
            name: clean_stop
            task-mode: incremental
            meta-schema: dm_meta_clean_stop
            target-database: {{TaskEndpoints.Endpoint(target)}}
            mysql-instances:
              - source-id: source-1
                from: { host: {{source.Host}}, port: {{slowLink.Port}}, user: {{source.User}}, password: "{{source.Password}}" }
                block-allow-list: only
                meta: { binlog-name: {{file}}, binlog-pos: {{start}} }
            block-allow-list:
              only:
                do-dbs: ["clean_stop"]
            """));

        using var cli = CliProcess.Start(["migrate", "--task", taskFile, "--quiet"]);
        var clock = Stopwatch.StartNew();
        while (Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM clean_stop.t"), CultureInfo.InvariantCulture) == 0)
        {
            if (cli.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
                Assert.Fail("the first row never arrived: " + (await cli.WaitAsync(TimeSpan.FromSeconds(10))).Stderr);
            await Task.Delay(50);
        }

        await Task.Delay(2000);
        cli.Interrupt();
        var (exitCode, _, stderr) = await cli.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, stderr);

        var row = ((string)(await target.ScalarAsync(
            "SELECT CONCAT_WS(' ', binlog_name, binlog_pos, exit_safe_binlog_name, exit_safe_binlog_pos) FROM dm_meta_clean_stop.clean_stop_syncer_checkpoint WHERE is_global = 1"))!).Split(' ');
        var (name, pos) = (row[0], ulong.Parse(row[1], CultureInfo.InvariantCulture));
        // Stopped after the first row's transaction and before the end of the large one ...
        Assert.Equal(file, name);
        Assert.InRange(pos, afterFirst, afterBig - 1);
        // ... and the checkpoint is its own exit point.
        Assert.Equal(name, row[2]);
        Assert.Equal(row[1], row[3]);
        Directory.Delete(dir, recursive: true);
    }
}
