using System.Globalization;
using MySqlConnector;
using Sluice.Migration.Sync;
using Sluice.Replication.Filtering;
using Sluice.Testing;

namespace Sluice.Migration.Tests.Schema;

/// <summary>
/// The schema tracker through whole sync runs against real servers: the checkpoint keeps each table's structure,
/// a restart decodes events written before a later DDL with the columns they were written with, DDLs are followed
/// on throwaway copies, and target tables with extra or reordered columns get every value in the right column.
/// </summary>
public sealed class SchemaTrackerTests(MariaDbServers servers)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARestartDecodesEventsBeforeALaterDdlWithTheCheckpointsStructure()
    {
        const string schema = "tracker_restart";
        const string meta = "tracker_restart_meta";
        await ResetAsync(schema, meta, "`id` INT PRIMARY KEY, `a` VARCHAR(40) NOT NULL, `b` VARCHAR(40) NOT NULL");
        // The target has a column the source does not: its structure is not the source's, so only the tracker knows the source's.
        await servers.Target.ExecuteAsync(
            $"CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.`t` (`id` INT PRIMARY KEY, `a` VARCHAR(40) NOT NULL, `b` VARCHAR(40) NOT NULL, `note` VARCHAR(20) NOT NULL DEFAULT 'kept')",
            Token);
        var task = await IncrementalTaskAsync("tracker-restart", schema, meta);
        await servers.Source.ExecuteAsync($"INSERT INTO `{schema}`.`t` VALUES (1, 'a1', 'b1')", Token);
        await TaskRunner.RunAsync(task, null, null, Token);

        var info = await TableInfoAsync(meta, "tracker-restart", schema, "t");
        Assert.Contains("CREATE TABLE `t`", info, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"b\"", info, StringComparison.Ordinal);

        // Written while the task is stopped: a row in the old layout, then a DDL that renames and moves a column, then a row in the new one.
        await servers.Source.ExecuteAsync(
            $"INSERT INTO `{schema}`.`t` VALUES (2, 'a2', 'b2'); " +
            $"ALTER TABLE `{schema}`.`t` CHANGE `a` `a2` VARCHAR(40) NOT NULL AFTER `b`; " +
            $"INSERT INTO `{schema}`.`t` (`id`, `b`, `a2`) VALUES (3, 'b3', 'a3'); UPDATE `{schema}`.`t` SET `a2` = 'a1x' WHERE `id` = 1",
            Token);
        await TaskRunner.RunAsync(task, null, null, Token);

        Assert.Equal(
            ["1 a1x b1 kept", "2 a2 b2 kept", "3 a3 b3 kept"],
            await RowsAsync(servers.Target, $"SELECT `id`, `a2`, `b`, `note` FROM `{schema}`.`t` ORDER BY `id`"));
        var after = await TableInfoAsync(meta, "tracker-restart", schema, "t");
        Assert.Contains("\"name\":\"a2\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("\"name\":\"a\"", after, StringComparison.Ordinal);
        Assert.Equal(0L, await ScratchTablesAsync(meta));
    }

    [Fact]
    public async Task TargetTablesWithReorderedOrExtraColumnsGetEveryValueInItsColumn()
    {
        const string schema = "tracker_layout";
        const string meta = "tracker_layout_meta";
        await ResetAsync(schema, meta, "`id` INT PRIMARY KEY, `a` VARCHAR(40) NOT NULL, `b` VARCHAR(40) NOT NULL, `n` INT NOT NULL");
        await servers.Source.ExecuteAsync(
            $"CREATE TABLE `{schema}`.`u` (`id` INT PRIMARY KEY, `a` VARCHAR(40) NOT NULL, `b` VARCHAR(40) NOT NULL)", Token);
        await servers.Target.ExecuteAsync(
            $"CREATE DATABASE `{schema}`; " +
            $"CREATE TABLE `{schema}`.`t` (`b` VARCHAR(40) NOT NULL, `n` INT NOT NULL, `id` INT PRIMARY KEY, `a` VARCHAR(40) NOT NULL); " +
            $"CREATE TABLE `{schema}`.`u` (`extra` INT NOT NULL DEFAULT 7, `id` INT PRIMARY KEY, `b` VARCHAR(40) NOT NULL, `a` VARCHAR(40) NOT NULL)",
            Token);
        var task = await IncrementalTaskAsync("tracker-layout", schema, meta);
        await servers.Source.ExecuteAsync(
            $"INSERT INTO `{schema}`.`t` VALUES (1, 'a1', 'b1', 10), (2, 'a2', 'b2', 20); UPDATE `{schema}`.`t` SET `b` = 'b2x', `n` = 21 WHERE `id` = 2; " +
            $"INSERT INTO `{schema}`.`u` VALUES (1, 'ua1', 'ub1'), (2, 'ua2', 'ub2'); DELETE FROM `{schema}`.`u` WHERE `id` = 1; UPDATE `{schema}`.`u` SET `a` = 'ua2x' WHERE `id` = 2",
            Token);
        await TaskRunner.RunAsync(task, null, null, Token);

        Assert.Equal(["1 a1 b1 10", "2 a2 b2x 21"], await RowsAsync(servers.Target, $"SELECT `id`, `a`, `b`, `n` FROM `{schema}`.`t` ORDER BY `id`"));
        Assert.Equal(["2 ua2x ub2 7"], await RowsAsync(servers.Target, $"SELECT `id`, `a`, `b`, `extra` FROM `{schema}`.`u` ORDER BY `id`"));
    }

    [Fact]
    public async Task DdlsAreFollowedAcrossRenamesCreateLikeAndDrops()
    {
        const string schema = "tracker_ddl";
        const string meta = "tracker_ddl_meta";
        await ResetAsync(schema, meta, "`id` INT PRIMARY KEY, `a` INT NOT NULL");
        await servers.Target.ExecuteAsync($"CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.`t` (`id` INT PRIMARY KEY, `a` INT NOT NULL)", Token);
        var task = await IncrementalTaskAsync("tracker-ddl", schema, meta);
        await servers.Source.ExecuteAsync(
            $"INSERT INTO `{schema}`.`t` VALUES (1, 1); " +
            $"ALTER TABLE `{schema}`.`t` ADD COLUMN `c` VARCHAR(10) NOT NULL DEFAULT 'c' FIRST, ADD INDEX `ia` (`a`); " +
            $"INSERT INTO `{schema}`.`t` (`c`, `id`, `a`) VALUES ('c2', 2, 2); " +
            $"RENAME TABLE `{schema}`.`t` TO `{schema}`.`r`; " +
            $"CREATE TABLE `{schema}`.`l` LIKE `{schema}`.`r`; " +
            $"ALTER TABLE `{schema}`.`l` DROP COLUMN `a`; " +
            $"INSERT INTO `{schema}`.`l` VALUES ('l1', 1); INSERT INTO `{schema}`.`r` VALUES ('c3', 3, 3); " +
            $"DROP TABLE `{schema}`.`r`; CREATE TABLE `{schema}`.`r` (`z` INT, `id` INT PRIMARY KEY); INSERT INTO `{schema}`.`r` VALUES (9, 1)",
            Token);
        await TaskRunner.RunAsync(task, null, null, Token);

        Assert.Equal(["l1 1"], await RowsAsync(servers.Target, $"SELECT `c`, `id` FROM `{schema}`.`l`"));
        Assert.Equal(["9 1"], await RowsAsync(servers.Target, $"SELECT `z`, `id` FROM `{schema}`.`r`"));
        var checkpoint = await TableInfoAsync(meta, "tracker-ddl", schema, "r");
        Assert.Contains("\"name\":\"z\"", checkpoint, StringComparison.Ordinal);
        Assert.Equal("{}", await TableInfoAsync(meta, "tracker-ddl", schema, "t"));
        Assert.Equal(0L, await ScratchTablesAsync(meta));
    }

    private async Task ResetAsync(string schema, string meta, string columns)
    {
        await servers.Target.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`; DROP DATABASE IF EXISTS `{meta}`", Token);
        await servers.Source.ExecuteAsync($"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; CREATE TABLE `{schema}`.`t` ({columns})", Token);
    }

    /// <summary>An incremental task on <paramref name="schema"/> from the source's current end, that stops once caught up.</summary>
    private async Task<MigrationTask> IncrementalTaskAsync(string name, string schema, string meta)
    {
        var (file, position) = await servers.Source.MasterStatusAsync(Token);
        var task = Supervision.SupervisionKit.Task(servers, name, schema, meta, TaskMode.Incremental, Path.GetTempPath());
        return task with
        {
            UntilCaughtUp = true,
            Sources = [task.Sources[0] with { Meta = new SyncStartPoint { BinlogName = file, BinlogPos = position } }],
        };
    }

    private async Task<string> TableInfoAsync(string meta, string task, string schema, string table)
    {
        var value = await servers.Target.ScalarAsync(
            $"SELECT `table_info` FROM `{meta}`.`{SyncerCheckpointStore.TableName(task)}` WHERE `cp_schema` = '{schema}' AND `cp_table` = '{table}' AND `is_global` = 0",
            Token);
        return Assert.IsType<string>(value);
    }

    private async Task<long> ScratchTablesAsync(string meta) =>
        Convert.ToInt64(
            await servers.Target.ScalarAsync($"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{meta}' AND TABLE_NAME LIKE '\\_sluice\\_tracker\\_%'", Token),
            CultureInfo.InvariantCulture);

    private static async Task<List<string>> RowsAsync(MariaDbInstance server, string sql)
    {
        await using var connection = await server.OpenConnectionAsync(Token);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<string>();
        while (await reader.ReadAsync(Token))
            rows.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        return rows;
    }
}
