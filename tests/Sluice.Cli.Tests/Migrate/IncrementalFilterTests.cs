using System.Globalization;
using Sluice.Testing;

namespace Sluice.Cli.Tests.Migrate;

/// <summary>
/// task-mode incremental from the task's meta, with DM binlog event filters and a route: ignored deletes and
/// truncates leave their rows in the target, a sql-pattern drops one ALTER (an index), and the rest arrives under the routed name.
/// </summary>
public sealed class IncrementalFilterTests(MariaDbServers servers)
{
    [Fact]
    public async Task Filters_skip_the_events_they_name_and_the_rest_is_replicated_under_routed_names()
    {
        var source = servers.Source;
        var target = servers.Target;
        await source.ExecuteAsync("DROP DATABASE IF EXISTS inc_filter; CREATE DATABASE inc_filter; CREATE TABLE inc_filter.t (id INT PRIMARY KEY, v VARCHAR(20)); CREATE TABLE inc_filter.e (id INT PRIMARY KEY, c INT, state VARCHAR(10))");
        await target.ExecuteAsync("DROP DATABASE IF EXISTS inc_filter_routed; DROP DATABASE IF EXISTS dm_meta_inc_filter; CREATE DATABASE inc_filter_routed; CREATE TABLE inc_filter_routed.t (id INT PRIMARY KEY, v VARCHAR(20)); CREATE TABLE inc_filter_routed.e (id INT PRIMARY KEY, c INT, state VARCHAR(10))");
        var (file, position) = await source.MasterStatusAsync();
        var dir = Directory.CreateTempSubdirectory("sluice-inc-filter-").FullName;
        var taskFile = Path.Combine(dir, "task.yaml");
        var meta = string.Create(CultureInfo.InvariantCulture, $"{{ binlog-name: {file}, binlog-pos: {position} }}");
        await File.WriteAllTextAsync(taskFile, $"""
            name: inc_filter
            task-mode: incremental
            meta-schema: dm_meta_inc_filter
            target-database: {TaskEndpoints.Endpoint(target)}
            mysql-instances:
              - source-id: source-1
                from: {TaskEndpoints.Endpoint(source)}
                meta: {meta}
                block-allow-list: only
                route-rules: ["to-routed"]
                filter-rules: ["no-deletes", "no-extra-index"]
                expression-filters: ["even-c", "keep-state", "big-c"]
            block-allow-list:
              only:
                do-dbs: ["inc_filter"]
            routes:
              to-routed:
                schema-pattern: "inc_filter"
                target-schema: "inc_filter_routed"
            expression-filter:
              even-c:
                schema: "inc_filter"
                table: "e"
                insert-value-expr: "c % 2 = 0"
              keep-state:
                schema: "inc_filter"
                table: "e"
                delete-value-expr: "state = 'KEEP'"
              big-c:
                schema: "inc_filter"
                table: "e"
                update-after-value-expr: "c > 100 AND state IS NOT NULL"
            filters:
              no-deletes:
                schema-pattern: "inc_filter"
                table-pattern: "t"
                events: ["delete", "truncate table"]
                action: Ignore
              no-extra-index:
                schema-pattern: "inc_filter"
                sql-pattern: ["^ALTER TABLE .* ADD INDEX `?skipped"]
                action: Ignore
            """);

        await source.ExecuteAsync(
            "INSERT INTO inc_filter.e VALUES (1, 1, 'keep'), (2, 2, 'x'), (3, 3, 'x'), (4, 4, 'x'), (5, 5, 'x'), (6, 6, 'x');" +
            "DELETE FROM inc_filter.e WHERE id IN (1, 3); UPDATE inc_filter.e SET c = 500 WHERE id = 5; UPDATE inc_filter.e SET c = 7 WHERE id = 5;" +
            "INSERT INTO inc_filter.t VALUES (1, 'one'), (2, 'two'), (3, 'three');" +
            "DELETE FROM inc_filter.t WHERE id = 2;" +
            "UPDATE inc_filter.t SET v = 'uno' WHERE id = 1;" +
            "ALTER TABLE inc_filter.t ADD INDEX skipped (v);" +
            "ALTER TABLE inc_filter.t ADD COLUMN kept INT DEFAULT 5;" +
            "INSERT INTO inc_filter.t (id, v, kept) VALUES (4, 'four', 9);" +
            "TRUNCATE TABLE inc_filter.t");

        using var cli = CliProcess.Start(["migrate", "--task", taskFile, "--quiet"]);
        await cli.WaitUntilAsync(async () => await Count(target, "SELECT COUNT(*) FROM inc_filter_routed.t WHERE id = 4") > 0, TimeSpan.FromSeconds(60));

        await Task.Delay(1500); // the TRUNCATE after it, were it applied
        cli.Interrupt();
        var (exitCode, _, stderr) = await cli.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, stderr);

        Assert.Equal("1:uno:5,2:two:5,3:three:5,4:four:9", await target.ScalarAsync("SELECT GROUP_CONCAT(id, ':', v, ':', kept ORDER BY id) FROM inc_filter_routed.t"));
        // Even c not inserted; the 'keep' row not deleted (case-insensitive, as the default collation); the update to 500 skipped, the next one applied.
        Assert.Equal("1:1,5:7", await target.ScalarAsync("SELECT GROUP_CONCAT(id, ':', c ORDER BY id) FROM inc_filter_routed.e"));
        Assert.Equal(0L, await Count(target, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = 'inc_filter_routed' AND INDEX_NAME = 'skipped'"));
        Assert.Equal(0L, await Count(target, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'inc_filter'"));
        Directory.Delete(dir, recursive: true);
    }

    private static async Task<long> Count(MariaDbInstance server, string sql) =>
        Convert.ToInt64(await server.ScalarAsync(sql), CultureInfo.InvariantCulture);
}
