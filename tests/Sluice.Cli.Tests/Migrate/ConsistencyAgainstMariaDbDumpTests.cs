using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MySqlConnector;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>
/// A full migration taken while a writer keeps changing the source equals the source's state at the GTID it
/// recorded. The reference for that state is MariaDB's own: mariadb-dump --single-transaction taken (earlier)
/// during the same writes, restored into a third instance, which MariaDB's replication then brings forward
/// exactly to Sluice's GTID (START SLAVE UNTIL master_gtid_pos).
/// </summary>
public sealed partial class ConsistencyAgainstMariaDbDumpTests(MariaDbServers servers)
{
    private const string Schema = "consistent_mig";
    private static readonly string[] Tables = ["accounts", "ledger", "tags", "loose"];

    [Fact]
    public async Task A_migration_under_writes_equals_mariadbs_own_dump_replayed_to_the_recorded_gtid()
    {
        var source = servers.Source;
        var target = servers.Target;
        await source.ExecuteAsync(
            $"DROP DATABASE IF EXISTS {Schema}; CREATE DATABASE {Schema};" +
            $"CREATE TABLE {Schema}.accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL, note VARCHAR(40) CHARACTER SET utf8mb4, KEY (balance));" +
            $"INSERT INTO {Schema}.accounts SELECT seq, 1000, CONCAT('acct ', seq) FROM {Schema}.seq_1_to_30000;" +
            $"CREATE TABLE {Schema}.ledger (account INT NOT NULL, seq INT NOT NULL, amount DECIMAL(12,2), PRIMARY KEY (account, seq));" +
            $"INSERT INTO {Schema}.ledger SELECT seq % 500, seq, seq / 100 FROM {Schema}.seq_1_to_20000;" +
            $"CREATE TABLE {Schema}.tags (name VARCHAR(32) PRIMARY KEY, hits INT);" +
            $"INSERT INTO {Schema}.tags SELECT CONCAT('tag-', seq), 0 FROM {Schema}.seq_1_to_5000;" +
            $"CREATE TABLE {Schema}.loose (k INT, v VARCHAR(20));" +
            $"INSERT INTO {Schema}.loose SELECT seq % 50, 'v' FROM {Schema}.seq_1_to_3000");
        await target.ExecuteAsync($"DROP DATABASE IF EXISTS {Schema}; DROP DATABASE IF EXISTS dm_meta_consistent");
        var dataDir = Directory.CreateTempSubdirectory("sluice-consistent-").FullName;
        var taskFile = Path.Combine(dataDir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, TaskYaml(source, target, dataDir));

        await using var restored = await MariaDbInstance.StartAsync("restored");
        using var stopWriting = new CancellationTokenSource();
        var writer = Task.Run(() => WriteAsync(source, stopWriting.Token));
        try
        {
            await Task.Delay(300);

            // MariaDB's own consistent dump first, then Sluice's, both while the writer commits.
            var dumpFile = Path.Combine(dataDir, "mariadb-dump.sql");
            var dumpGtid = await MariaDbDumpAsync(source, dumpFile);
            await Task.Delay(300);
            var (exitCode, stdout, stderr) = await CliProcess.RunAsync(["migrate", "--task", taskFile, "--quiet"]);
            Assert.True(exitCode == 0, stderr);
            var sluiceGtid = RecordedGtid().Match(stdout) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(stdout);
            await Task.Delay(300);
            await stopWriting.CancelAsync();
            var commits = await writer;
            Assert.True(commits > 50, $"only {commits} writer transactions");
            Assert.NotEqual(dumpGtid, sluiceGtid);

            // The reference: MariaDB's dump restored, then replicated from the source up to Sluice's GTID.
            await RestoreAsync(restored, dumpFile);
            // The two dumps were taken at different points: the comparison below depends on the replay being exact.
            Assert.NotEqual(await restored.ChecksumAsync($"{Schema}.accounts"), await target.ChecksumAsync($"{Schema}.accounts"));
            await ReplicateUntilAsync(restored, source, dumpGtid, sluiceGtid);

            foreach (var table in Tables)
            {
                var expected = await restored.ChecksumAsync($"{Schema}.{table}");
                Assert.Equal(expected, await target.ChecksumAsync($"{Schema}.{table}"));
            }

            // And the source moved on after the recorded GTID: the comparison above is not with its final state.
            Assert.NotEqual(await source.ChecksumAsync($"{Schema}.accounts"), await target.ChecksumAsync($"{Schema}.accounts"));
        }
        finally
        {
            await stopWriting.CancelAsync();
            await writer.ContinueWith(_ => { }, TaskScheduler.Default);
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>Random transfers, ledger rows, tag hits and keyless rows, one transaction at a time, until cancelled.</summary>
    private static async Task<int> WriteAsync(MariaDbInstance source, CancellationToken stop)
    {
        var random = new Random(20261125);
        await using var connection = await source.OpenConnectionAsync(CancellationToken.None);
        var commits = 0;
        var ledgerSeq = 100_000;
        while (!stop.IsCancellationRequested)
        {
            var from = random.Next(1, 30_001);
            var to = random.Next(1, 30_001);
            var amount = random.Next(1, 50);
            var sql = random.Next(4) switch
            {
                0 => $"UPDATE {Schema}.accounts SET balance = balance - {amount} WHERE id = {from}; UPDATE {Schema}.accounts SET balance = balance + {amount} WHERE id = {to};" +
                     $"INSERT INTO {Schema}.ledger VALUES ({from % 500}, {ledgerSeq++}, -{amount}), ({to % 500}, {ledgerSeq++}, {amount});",
                1 => $"DELETE FROM {Schema}.accounts WHERE id = {from}; INSERT INTO {Schema}.accounts VALUES ({30_001 + commits}, {amount}, 'new');" +
                     $"DELETE FROM {Schema}.ledger WHERE account = {from % 500} ORDER BY seq LIMIT 1;",
                2 => $"UPDATE {Schema}.tags SET hits = hits + 1 WHERE name = 'tag-{random.Next(1, 5001)}';" +
                     $"INSERT INTO {Schema}.tags VALUES ('new-{commits}', 1) ON DUPLICATE KEY UPDATE hits = hits + 1;",
                _ => $"INSERT INTO {Schema}.loose VALUES ({from % 50}, 'w{commits}'); DELETE FROM {Schema}.loose WHERE k = {to % 50} LIMIT 1;",
            };
            await using var command = new MySqlCommand($"START TRANSACTION; {sql} COMMIT;", connection);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            commits++;
        }

        return commits;
    }

    /// <summary>mariadb-dump --single-transaction --gtid of the schema; returns the GTID it was taken at.</summary>
    private static async Task<string> MariaDbDumpAsync(MariaDbInstance source, string file)
    {
        var (exitCode, stdout, stderr) = await RunClientAsync(
            "mariadb-dump",
            [$"--host={source.Host}", $"--port={source.Port}", $"--user={source.User}", $"--password={source.Password}",
             "--single-transaction", "--gtid", "--master-data=2", "--skip-ssl", $"--result-file={file}", "--databases", Schema]);
        Assert.True(exitCode == 0, stderr + stdout);
        var text = await File.ReadAllTextAsync(file);
        var match = DumpGtid().Match(text);
        Assert.True(match.Success, "mariadb-dump wrote no gtid_slave_pos");
        return match.Groups[1].Value;
    }

    private static async Task RestoreAsync(MariaDbInstance instance, string file)
    {
        var (exitCode, stdout, stderr) = await RunClientAsync(
            "mariadb",
            [$"--host={instance.Host}", $"--port={instance.Port}", $"--user={instance.User}", $"--password={instance.Password}",
             "--skip-ssl", "-e", $"source {file}"]);
        Assert.True(exitCode == 0, stderr + stdout);
    }

    private static async Task ReplicateUntilAsync(MariaDbInstance replica, MariaDbInstance source, string from, string until)
    {
        // Only this test's schema: other tests write to the same source meanwhile.
        await replica.ExecuteAsync(
            $"SET GLOBAL replicate_wild_do_table = '{Schema}.%';" +
            $"SET GLOBAL gtid_slave_pos = '{from}';" +
            $"CHANGE MASTER TO MASTER_HOST = '{source.Host}', MASTER_PORT = {source.Port}, MASTER_USER = '{source.User}', " +
            $"MASTER_PASSWORD = '{source.Password}', MASTER_USE_GTID = slave_pos;" +
            $"START SLAVE UNTIL master_gtid_pos = '{until}'");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var connection = await replica.OpenConnectionAsync();
            await using var command = new MySqlCommand("SHOW SLAVE STATUS", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            var sqlRunning = reader.GetString(reader.GetOrdinal("Slave_SQL_Running"));
            var error = reader.GetString(reader.GetOrdinal("Last_Error")) + reader.GetString(reader.GetOrdinal("Last_IO_Error"));
            Assert.True(error.Length == 0, error);
            if (sqlRunning == "No")
                break;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the replica did not reach the recorded GTID");
            await Task.Delay(50);
        }

        Assert.Equal(until, Convert.ToString(await replica.ScalarAsync("SELECT @@gtid_slave_pos"), CultureInfo.InvariantCulture));
        await replica.ExecuteAsync("STOP SLAVE");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunClientAsync(string program, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string TaskYaml(MariaDbInstance source, MariaDbInstance target, string dataDir) => $"""
        name: consistent
        task-mode: full
        meta-schema: dm_meta_consistent
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
            do-dbs: ["{Schema}"]
        mydumpers:
          dump:
            threads: 2
            rows: 4000
        loaders:
          load:
            pool-size: 2
            dir: {dataDir}
        """;

    [GeneratedRegex(@"gtid (\d+-\d+-\d+(?:,\d+-\d+-\d+)*)")]
    private static partial Regex RecordedGtid();

    [GeneratedRegex(@"gtid_slave_pos\s*=\s*'([^']*)'")]
    private static partial Regex DumpGtid();
}
