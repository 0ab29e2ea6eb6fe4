using System.Diagnostics;
using System.Globalization;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>A 1M-row source transaction replicates completely while the CLI's peak RSS stays under 512 MiB: it is never held whole.</summary>
public sealed class LargeTransactionTests(MariaDbServers servers)
{
    private const long Rows = 1_000_000;

    [Fact]
    public async Task A_one_million_row_transaction_is_applied_with_peak_rss_under_512_mib()
    {
        var source = servers.Source;
        var target = servers.Target;
        await source.ExecuteAsync("DROP DATABASE IF EXISTS big_txn; CREATE DATABASE big_txn; CREATE TABLE big_txn.t (id INT PRIMARY KEY, k INT, pad CHAR(60))");
        await target.ExecuteAsync("DROP DATABASE IF EXISTS big_txn; DROP DATABASE IF EXISTS dm_meta_big_txn; CREATE DATABASE big_txn; CREATE TABLE big_txn.t (id INT PRIMARY KEY, k INT, pad CHAR(60))");
        var (file, position) = await source.MasterStatusAsync();
        await source.ExecuteAsync($"INSERT INTO big_txn.t SELECT seq, seq % 1000, REPEAT(CHAR(65 + seq % 26), 60) FROM big_txn.seq_1_to_{Rows}");

        var dir = Directory.CreateTempSubdirectory("sluice-big-txn-").FullName;
        var taskFile = Path.Combine(dir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, $$"""
            name: big_txn
            task-mode: incremental
            meta-schema: dm_meta_big_txn
            target-database: { host: {{target.Host}}, port: {{target.Port}}, user: {{target.User}}, password: "{{target.Password}}" }
            mysql-instances:
              - source-id: source-1
                from: { host: {{source.Host}}, port: {{source.Port}}, user: {{source.User}}, password: "{{source.Password}}" }
                meta: { binlog-name: {{file}}, binlog-pos: {{position}} }
                block-allow-list: only
                syncer-config-name: sync
            block-allow-list:
              only:
                do-dbs: ["big_txn"]
            syncers:
              sync:
                worker-count: 4
                batch: 500
            """);

        using var cli = CliProcess.Start(["migrate", "--task", taskFile, "--quiet"]);
        var clock = Stopwatch.StartNew();
        long applied = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(5) && (applied = Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM big_txn.t"), CultureInfo.InvariantCulture)) < Rows)
        {
            if (cli.HasExited)
                Assert.Fail((await cli.WaitAsync(TimeSpan.FromSeconds(5))).Stderr);
            await Task.Delay(500);
        }

        var peak = PeakResidentKib(cli.ProcessId);
        TestContext.Current.TestOutputHelper?.WriteLine($"1M-row transaction applied in {clock.Elapsed.TotalSeconds:F1} s, peak RSS {peak / 1024} MiB");
        cli.Interrupt();
        var (exitCode, _, stderr) = await cli.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, stderr);
        Assert.Equal(Rows, applied);
        Assert.Equal(await source.ChecksumAsync("big_txn.t"), await target.ChecksumAsync("big_txn.t"));
        Assert.True(peak is > 0 and < 512 * 1024, $"peak RSS {peak / 1024} MiB");
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>VmHWM of a live process, in KiB (Linux).</summary>
    private static long PeakResidentKib(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        return -1;
    }
}
