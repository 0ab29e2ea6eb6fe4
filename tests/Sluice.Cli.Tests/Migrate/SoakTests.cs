using System.Diagnostics;
using System.Globalization;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>
/// Several minutes of randomized writes (inserts, updates that change keys, deletes, REPLACEs and DDL) by three
/// concurrent writers on three schemas, replicated by one <c>all</c> task with compact on, stopped and started
/// again halfway: after catch-up every table's checksum equals the source's. SLUICE_SOAK_SECONDS sets how long
/// the writers run (default 180).
/// </summary>
public sealed class SoakTests(MariaDbServers servers)
{
    [Fact]
    public async Task Minutes_of_randomized_concurrent_writes_with_ddl_converge_to_the_source()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("SLUICE_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 180;
        string[] schemas = ["soak_a", "soak_b", "soak_c"];
        var workloads = schemas.Select((schema, i) => new ReplicationWorkload(servers.Source, schema, seed: 100 + i)).ToArray();
        foreach (var workload in workloads)
            await workload.CreateAsync();
        await servers.Target.ExecuteAsync("DROP DATABASE IF EXISTS soak_a; DROP DATABASE IF EXISTS soak_b; DROP DATABASE IF EXISTS soak_c; DROP DATABASE IF EXISTS dm_meta_soak");
        var dataDir = Directory.CreateTempSubdirectory("sluice-soak-").FullName;
        var taskFile = Path.Combine(dataDir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, TaskYaml(schemas, dataDir));

        using var stopWriting = new CancellationTokenSource();
        var writers = workloads.Select(w => Task.Run(() => w.RunAsync(stopWriting.Token))).ToArray();
        var cli = CliProcess.Start(["migrate", "--task", taskFile, "--quiet"]);
        try
        {
            await cli.WaitUntilAsync(async () => Convert.ToInt64(await servers.Target.ScalarAsync(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'dm_meta_soak' AND table_name = 'soak_syncer_checkpoint'"), CultureInfo.InvariantCulture) > 0, TimeSpan.FromSeconds(180));
            foreach (var workload in workloads)
                workload.AllowDdl = true;

            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(seconds / 2.0));
            // Halfway: a clean stop and a start again while the writers go on.
            cli.Interrupt();
            var (exitCode, _, stderr) = await cli.WaitAsync(TimeSpan.FromSeconds(120));
            Assert.True(exitCode == 0, $"sluice exited {exitCode} at the halfway stop: {stderr}");
            cli.Dispose();
            cli = CliProcess.Start(["migrate", "--task", taskFile, "--quiet"]);
            var rest = TimeSpan.FromSeconds(seconds) - clock.Elapsed;
            if (rest > TimeSpan.Zero)
                await Task.Delay(rest);
            await stopWriting.CancelAsync();
            await Task.WhenAll(writers);

            foreach (var workload in workloads)
            {
                if (!await workload.WaitForTargetAsync(servers.Target, TimeSpan.FromSeconds(90)))
                {
                    var differences = string.Join("; ", await workload.DifferencesAsync(servers.Target));
                    cli.Interrupt();
                    var (code, _, log) = await cli.WaitAsync(TimeSpan.FromSeconds(60));
                    Assert.Fail($"the target stopped moving, still different: {differences}\nsluice exited {code}: {log}");
                }
            }

            Assert.All(workloads, w => Assert.True(w.Transactions > 10 * seconds, $"only {w.Transactions} transactions in {seconds} s"));
            cli.Interrupt();
            (exitCode, _, stderr) = await cli.WaitAsync(TimeSpan.FromSeconds(120));
            Assert.True(exitCode == 0, $"sluice exited {exitCode} at the end: {stderr}");
        }
        finally
        {
            await stopWriting.CancelAsync();
            await Task.WhenAll(writers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
            cli.Dispose();
        }

        Directory.Delete(dataDir, recursive: true);
    }

    private string TaskYaml(string[] schemas, string dataDir) => $"""
        name: soak
        task-mode: all
        meta-schema: dm_meta_soak
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
            do-dbs: [{string.Join(", ", schemas.Select(s => $"\"{s}\""))}]
        mydumpers:
          dump:
            threads: 2
        loaders:
          load:
            pool-size: 2
            dir: {dataDir}
        syncers:
          sync:
            worker-count: 8
            batch: 100
            compact: true
        """;
}
