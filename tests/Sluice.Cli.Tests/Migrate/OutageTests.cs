using System.Diagnostics;
using System.Globalization;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>
/// Replication through outages, on a source and a target of its own: the target stopped for 30 s while the
/// source keeps committing, then the source restarted. The sync unit pauses, resumes by itself, and every table
/// ends equal to the source's, nothing lost or doubled.
/// </summary>
public sealed class OutageTests
{
    [Fact]
    public async Task A_target_down_for_30_seconds_and_a_source_restart_pause_and_resume_with_nothing_lost()
    {
        await using var source = await MariaDbInstance.StartAsync("outage-source");
        await using var target = await MariaDbInstance.StartAsync("outage-target");
        const string schema = "outage";
        var workload = new ReplicationWorkload(source, schema, seed: 3);
        await workload.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("sluice-outage-").FullName;
        var taskFile = Path.Combine(dir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, $$"""
            name: outage
            task-mode: all
            target-database: { host: {{target.Host}}, port: {{target.Port}}, user: {{target.User}}, password: "{{target.Password}}" }
            mysql-instances:
              - source-id: source-1
                from: { host: {{source.Host}}, port: {{source.Port}}, user: {{source.User}}, password: "{{source.Password}}" }
                block-allow-list: only
                loader-config-name: load
                syncer-config-name: sync
            block-allow-list:
              only:
                do-dbs: ["{{schema}}"]
            loaders:
              load:
                pool-size: 2
                dir: {{dir}}
            syncers:
              sync:
                worker-count: 4
                checkpoint-flush-interval: 1
            """);

        using var cli = CliProcess.Start(["migrate", "--task", taskFile]);
        using var stopWriting = new CancellationTokenSource();
        Task? writer = null;
        try
        {
            await WaitForAsync(() => Count(target, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'dm_meta' AND TABLE_NAME = 'outage_syncer_checkpoint'"), cli);
            writer = Task.Run(() => workload.RunAsync(stopWriting.Token));
            await Task.Delay(1000);

            await target.StopServerAsync();
            await Task.Delay(TimeSpan.FromSeconds(30));
            await target.StartServerAsync();
            await Task.Delay(2000);

            await stopWriting.CancelAsync();
            await writer;
            await source.StopServerAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
            await source.StartServerAsync();
            await workload.RunAsync(200, withDdl: false);

            var caughtUp = await workload.WaitForTargetAsync(target, TimeSpan.FromSeconds(120));
            var differences = caughtUp ? string.Empty : string.Join("; ", await workload.DifferencesAsync(target));
            cli.Interrupt();
            var (exitCode, _, stderr) = await cli.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(caughtUp, differences + "\n" + stderr);
            Assert.True(exitCode == 0, stderr);
            Assert.Contains("paused", stderr, StringComparison.Ordinal);
            Assert.True(workload.Transactions > 300, $"only {workload.Transactions} transactions");
        }
        finally
        {
            await stopWriting.CancelAsync();
            if (writer is not null)
                await writer.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        Directory.Delete(dir, recursive: true);
    }

    private static async Task WaitForAsync(Func<Task<long>> count, CliProcess cli)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (cli.HasExited)
                Assert.Fail((await cli.WaitAsync(TimeSpan.FromSeconds(5))).Stderr);
            if (await count() > 0)
                return;
            await Task.Delay(100);
        }

        Assert.Fail("timed out waiting for the sync unit");
    }

    private static async Task<long> Count(MariaDbInstance server, string sql) =>
        Convert.ToInt64(await server.ScalarAsync(sql), CultureInfo.InvariantCulture);
}
