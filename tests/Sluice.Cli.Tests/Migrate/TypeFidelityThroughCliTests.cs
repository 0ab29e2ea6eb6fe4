using System.Globalization;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>
/// <c>sluice migrate</c> end to end with every column type of the decoder's differential cases and a row over
/// 16 MiB (one MySQL packet's limit) full of bytes the data files escape: each table's checksum equal on both sides.
/// </summary>
public sealed class TypeFidelityThroughCliTests(MariaDbServers servers)
{
    private const string Schema = "cli_fidelity";

    [Fact]
    public async Task Every_type_and_a_17_MiB_row_arrive_with_equal_checksums()
    {
        var source = servers.Source;
        var target = servers.Target;
        await TypeCases.CreateTablesAsync(source, Schema);
        await source.ExecuteAsync(
            $"CREATE TABLE {Schema}.big (id INT PRIMARY KEY, b LONGBLOB, t LONGTEXT CHARACTER SET utf8mb4);" +
            $"INSERT INTO {Schema}.big VALUES (1, REPEAT(0x5C090A00FF, 3500000), REPEAT('Zoë\t🚀\n', 100)), (2, 'small', NULL)");
        await target.ExecuteAsync($"DROP DATABASE IF EXISTS {Schema}; DROP DATABASE IF EXISTS dm_meta_cli_fidelity");
        var dataDir = Directory.CreateTempSubdirectory("sluice-cli-fidelity-").FullName;
        var taskFile = Path.Combine(dataDir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, TaskYaml(source, target, dataDir));

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(["migrate", "--task", taskFile, "--quiet"]);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains($"{TypeCases.All.Length + 1} tables", stdout, StringComparison.Ordinal);
        Assert.Equal(17_500_000L, Convert.ToInt64(await target.ScalarAsync($"SELECT LENGTH(b) FROM {Schema}.big WHERE id = 1"), CultureInfo.InvariantCulture));
        Assert.Equal(await source.ChecksumAsync($"{Schema}.big"), await target.ChecksumAsync($"{Schema}.big"));
        foreach (var (name, type, _) in TypeCases.All)
            Assert.True(await source.ChecksumAsync($"{Schema}.`{name}`") == await target.ChecksumAsync($"{Schema}.`{name}`"), $"{type}: checksums differ");
        Directory.Delete(dataDir, recursive: true);
    }

    private static string TaskYaml(MariaDbInstance source, MariaDbInstance target, string dataDir) => $"""
        name: cli_fidelity
        task-mode: full
        meta-schema: dm_meta_cli_fidelity
        target-database: {TaskEndpoints.Endpoint(target)}
        mysql-instances:
          - source-id: source-1
            from: {TaskEndpoints.Endpoint(source)}
            block-allow-list: only
            mydumper-config-name: dump
            loader-config-name: load
        block-allow-list:
          only:
            do-dbs: ["{Schema}"]
        mydumpers:
          dump:
            threads: 2
        loaders:
          load:
            pool-size: 2
            dir: {dataDir}
        """;
}
