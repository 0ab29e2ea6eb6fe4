using System.Globalization;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary><c>sluice migrate --task</c> end to end: a DM task file with a block-allow list and a shard-merging route, task-mode full.</summary>
public sealed class MigrateCommandTests(MariaDbServers servers)
{
    [Fact]
    public async Task A_full_task_copies_the_selected_tables_merges_shards_and_prints_the_position()
    {
        var source = servers.Source;
        var target = servers.Target;
        await source.ExecuteAsync(
            "DROP DATABASE IF EXISTS cli_mig_app; DROP DATABASE IF EXISTS cli_mig_shard_1; DROP DATABASE IF EXISTS cli_mig_shard_2; DROP DATABASE IF EXISTS cli_mig_other;" +
            "CREATE DATABASE cli_mig_app; CREATE DATABASE cli_mig_shard_1; CREATE DATABASE cli_mig_shard_2; CREATE DATABASE cli_mig_other;" +
            "CREATE TABLE cli_mig_app.`order` (id INT PRIMARY KEY, note VARCHAR(20) CHARACTER SET utf8mb4, at DATETIME(3), b BLOB);" +
            "INSERT INTO cli_mig_app.`order` VALUES (1, 'Zoë 🚀', '2026-11-25 10:00:00.125', 0x00FF), (2, NULL, '0000-00-00 00:00:00', NULL);" +
            "CREATE TABLE cli_mig_app.empty_table (id INT PRIMARY KEY);" +
            "CREATE TABLE cli_mig_app.no_key (k INT, s TEXT); INSERT INTO cli_mig_app.no_key VALUES (1, 'a'), (1, 'a'), (NULL, NULL);" +
            "CREATE TABLE cli_mig_shard_1.orders_1 (id BIGINT PRIMARY KEY, amount DECIMAL(10,2)); INSERT INTO cli_mig_shard_1.orders_1 VALUES (1, 1.50), (2, 2.50);" +
            "CREATE TABLE cli_mig_shard_2.orders_2 (id BIGINT PRIMARY KEY, amount DECIMAL(10,2)); INSERT INTO cli_mig_shard_2.orders_2 VALUES (3, 3.50);" +
            "CREATE TABLE cli_mig_other.t (id INT PRIMARY KEY); INSERT INTO cli_mig_other.t VALUES (1)");
        await target.ExecuteAsync("DROP DATABASE IF EXISTS cli_mig_app; DROP DATABASE IF EXISTS cli_mig_merged; DROP DATABASE IF EXISTS cli_mig_other; DROP DATABASE IF EXISTS dm_meta_cli");
        var dataDir = Directory.CreateTempSubdirectory("sluice-migrate-").FullName;
        var taskFile = Path.Combine(dataDir, "task.yaml");
        await File.WriteAllTextAsync(taskFile, Task(source, target, dataDir));

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(["migrate", "--task", taskFile, "--quiet"]);

        Assert.True(exitCode == 0, stderr);
        Assert.Matches(@"source mariadb-01: 5 tables, 8 rows, \d+ bytes; position binlog\.\d+:\d+ gtid 0-\d+-\d+", stdout);
        Assert.Equal(await source.ChecksumAsync("cli_mig_app.`order`"), await target.ChecksumAsync("cli_mig_app.`order`"));
        Assert.Equal(await source.ChecksumAsync("cli_mig_app.no_key"), await target.ChecksumAsync("cli_mig_app.no_key"));
        Assert.Equal(0L, Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM cli_mig_app.empty_table"), CultureInfo.InvariantCulture));
        Assert.Equal("1.50,2.50,3.50", await target.ScalarAsync("SELECT GROUP_CONCAT(amount ORDER BY id) FROM cli_mig_merged.orders"));
        Assert.Equal(0L, Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'cli_mig_other'"), CultureInfo.InvariantCulture));

        // Run again: the finished dump and load are recognised, nothing is copied twice.
        var again = await CliProcess.RunAsync(["migrate", "--task", taskFile, "--quiet"]);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(3L, Convert.ToInt64(await target.ScalarAsync("SELECT COUNT(*) FROM cli_mig_merged.orders"), CultureInfo.InvariantCulture));
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task Task_files_with_mistakes_get_a_clear_error()
    {
        var dir = Directory.CreateTempSubdirectory("sluice-migrate-bad-").FullName;
        var bad = Path.Combine(dir, "bad.yaml");
        await File.WriteAllTextAsync(bad, "name: t\ntask_mode: full\n");
        var result = await CliProcess.RunAsync(["migrate", "--task", bad]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("task-mode", result.Stderr, StringComparison.Ordinal);

        var unknownEvent = Path.Combine(dir, "unknown-event.yaml");
        await File.WriteAllTextAsync(unknownEvent, Task(servers.Source, servers.Target, dir)
            .Replace("    block-allow-list: app", "    block-allow-list: app\n    filter-rules: [\"odd\"]", StringComparison.Ordinal)
            + "\nfilters:\n  odd:\n    schema-pattern: \"x\"\n    events: [\"insert\", \"upsert\"]\n    action: Ignore\n");
        var eventResult = await CliProcess.RunAsync(["migrate", "--task", unknownEvent]);
        Assert.Equal(1, eventResult.ExitCode);
        Assert.Contains("'upsert'", eventResult.Stderr, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    private static string Task(MariaDbInstance source, MariaDbInstance target, string dataDir) => $"""
        name: cli-full
        task-mode: full
        meta-schema: dm_meta_cli
        target-database:
          host: {target.Host}
          port: {target.Port}
          user: {target.User}
          password: {target.Password}
        mysql-instances:
          - source-id: mariadb-01
            from:
              host: {source.Host}
              port: {source.Port}
              user: {source.User}
              password: {source.Password}
            block-allow-list: app
            route-rules: [shards, shard-schemas]
            mydumper-config-name: dump
            loader-config-name: load
        block-allow-list:
          app:
            do-dbs: ["cli_mig_app", "cli_mig_shard_*"]
        routes:
          shards:
            schema-pattern: "cli_mig_shard_*"
            table-pattern: "orders_*"
            target-schema: "cli_mig_merged"
            target-table: "orders"
          shard-schemas:
            schema-pattern: "cli_mig_shard_*"
            target-schema: "cli_mig_merged"
        mydumpers:
          dump:
            threads: 2
        loaders:
          load:
            pool-size: 2
            dir: {dataDir}
        """;

}
