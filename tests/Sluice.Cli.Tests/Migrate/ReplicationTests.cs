using System.Diagnostics;
using System.Globalization;
using MySqlConnector;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>
/// <c>sluice migrate</c> with task-mode all and incremental: a randomized workload (inserts, updates with key
/// changes, deletes, DDL) replicated until every table's checksum equals the source's; kill -9 at random points
/// with restarts loses and doubles nothing.
/// </summary>
public sealed class ReplicationTests(MariaDbServers servers)
{
    [Fact]
    public async Task Task_mode_all_copies_then_replicates_writes_made_during_the_dump_exactly_once_and_stops_cleanly_on_ctrl_c()
    {
        const string schema = "repl_all";
        var workload = new ReplicationWorkload(servers.Source, schema, seed: 1);
        await workload.CreateAsync();
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS {schema}; DROP DATABASE IF EXISTS dm_meta_repl_all");
        var dataDir = Directory.CreateTempSubdirectory("sluice-repl-all-").FullName;
        var taskFile = Path.Combine(dataDir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, TaskYaml("repl_all", "all", schema, dataDir, "dm_meta_repl_all"));

        using var stopWriting = new CancellationTokenSource();
        var writer = Task.Run(() => workload.RunAsync(stopWriting.Token));
        using var cli = CliProcess.Start(["migrate", "--task", taskFile]);
        try
        {
            await WaitForCheckpointAsync(servers.Target, "dm_meta_repl_all", "repl_all", cli);
            workload.AllowDdl = true;
            await Task.Delay(3000);
            await stopWriting.CancelAsync();
            await writer;

            var caughtUp = await workload.WaitForTargetAsync(servers.Target, TimeSpan.FromSeconds(90));
            if (!caughtUp)
            {
                var differences = string.Join("; ", await workload.DifferencesAsync(servers.Target));
                cli.Interrupt();
                Assert.Fail(differences + "\n" + (await cli.WaitAsync(TimeSpan.FromSeconds(60))).Stderr);
            }

            Assert.True(workload.Transactions > 100, $"only {workload.Transactions} transactions");

            cli.Interrupt();
            var (exitCode, stdout, stderr) = await cli.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, stderr);
            Assert.Contains("replication stopped at binlog.", stdout, StringComparison.Ordinal);
            Assert.Contains(" Sync ", stderr, StringComparison.Ordinal);
        }
        finally
        {
            await stopWriting.CancelAsync();
            await writer.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        // A clean stop leaves no safe-mode window behind: the exit point is the checkpoint itself.
        await using var connection = await servers.Target.OpenConnectionAsync();
        await using var command = new MySqlCommand(
            "SELECT binlog_name, binlog_pos, exit_safe_binlog_name, exit_safe_binlog_pos FROM dm_meta_repl_all.repl_all_syncer_checkpoint WHERE is_global = 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(reader.GetString(0), reader.GetString(2));
        Assert.Equal(reader.GetUInt32(1), reader.GetUInt32(3));
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task Kill_9_at_random_points_during_apply_then_restart_loses_and_doubles_nothing()
    {
        const string schema = "repl_kill";
        var workload = new ReplicationWorkload(servers.Source, schema, seed: 2);
        await workload.CreateAsync();
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS {schema}; DROP DATABASE IF EXISTS dm_meta_repl_kill");
        var dataDir = Directory.CreateTempSubdirectory("sluice-repl-kill-").FullName;
        var taskFile = Path.Combine(dataDir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, TaskYaml("repl_kill", "all", schema, dataDir, "dm_meta_repl_kill"));

        // Copy first, then a backlog of changes for the kills to land in.
        using (var first = CliProcess.Start(["migrate", "--task", taskFile, "--quiet"]))
        {
            await WaitForCheckpointAsync(servers.Target, "dm_meta_repl_kill", "repl_kill", first);
            first.Interrupt();
            Assert.Equal(0, (await first.WaitAsync(TimeSpan.FromSeconds(60))).ExitCode);
        }

        // The workload keeps committing while the CLI runs, so every kill lands in the middle of the stream.
        var random = new Random(20261125);
        using var stopWriting = new CancellationTokenSource();
        workload.AllowDdl = true;
        var writer = Task.Run(() => workload.RunAsync(stopWriting.Token));
        try
        {
            for (var kill = 0; kill < 10; kill++)
            {
                using var cli = CliProcess.Start(["migrate", "--task", taskFile, "--quiet"]);
                await Task.Delay(random.Next(800, 2500));
                if (cli.HasExited)
                    Assert.Fail("the CLI stopped by itself: " + (await cli.WaitAsync(TimeSpan.FromSeconds(5))).Stderr);
                cli.KillHard();
                await Task.Delay(random.Next(0, 500));
            }
        }
        finally
        {
            await stopWriting.CancelAsync();
            await writer;
        }

        Assert.True(workload.Transactions > 500, $"only {workload.Transactions} transactions");
        using (var last = CliProcess.Start(["migrate", "--task", taskFile]))
        {
            var caughtUp = await workload.WaitForTargetAsync(servers.Target, TimeSpan.FromSeconds(120));
            if (!caughtUp)
            {
                var differences = string.Join("; ", await workload.DifferencesAsync(servers.Target));
                last.Interrupt();
                Assert.Fail(differences + "\n" + (await last.WaitAsync(TimeSpan.FromSeconds(60))).Stderr);
            }

            last.Interrupt();
            var (exitCode, _, stderr) = await last.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, stderr);
        }

        Directory.Delete(dataDir, recursive: true);
    }

    private static async Task WaitForCheckpointAsync(MariaDbInstance target, string meta, string task, CliProcess cli)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (cli.HasExited)
                Assert.Fail("the CLI exited: " + (await cli.WaitAsync(TimeSpan.FromSeconds(5))).Stderr);
            try
            {
                var rows = Convert.ToInt64(await target.ScalarAsync($"SELECT COUNT(*) FROM {meta}.{task}_syncer_checkpoint WHERE is_global = 1"), CultureInfo.InvariantCulture);
                if (rows > 0)
                    return;
            }
            catch (MySqlException)
            {
                // not created yet
            }

            await Task.Delay(100);
        }

        Assert.Fail("the sync unit wrote no checkpoint");
    }

    private string TaskYaml(string name, string mode, string schema, string dataDir, string meta) => $"""
        name: {name}
        task-mode: {mode}
        meta-schema: {meta}
        target-database: {TaskEndpoints.Endpoint(servers.Target)}
        mysql-instances:
          - source-id: source-1
            from: {TaskEndpoints.Endpoint(servers.Source)}
            block-allow-list: only
            mydumper-config-name: dump
            loader-config-name: load
            syncer-config-name: sync
        block-allow-list:
          only:
            do-dbs: ["{schema}"]
        mydumpers:
          dump:
            threads: 2
            rows: 5000
        loaders:
          load:
            pool-size: 2
            dir: {dataDir}
        syncers:
          sync:
            worker-count: 4
            batch: 50
            checkpoint-flush-interval: 1
        """;
}
