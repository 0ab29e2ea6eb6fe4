using Sluice.Migration.Load;
using Sluice.Replication.Filtering;
using Sluice.Testing;
using static Sluice.Migration.Tests.Load.DataFile;

namespace Sluice.Migration.Tests.Load;

/// <summary>Routing shard tables into one target table, and target tables that exist already.</summary>
public sealed class ShardMergeTests(MariaDbServers servers)
{
    private static string CreateTable(int autoIncrement) =>
        $"CREATE TABLE `orders` (\n  `id` bigint(20) NOT NULL,\n  `item` varchar(50) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB AUTO_INCREMENT={autoIncrement} DEFAULT CHARSET=utf8mb4";

    [Fact]
    public async Task Shard_tables_of_two_sources_merge_into_one_target_table()
    {
        using var first = new DumpBuilder("shard-a").Schema("ld_shard_a1").Schema("ld_shard_a2")
            .Table("ld_shard_a1", "orders", CreateTable(4), ["id", "item"],
                [[T("1"), T("a1-1")], [T("2"), T("a1-2")]], [[T("3"), T("a1-3")]])
            .Table("ld_shard_a2", "orders", CreateTable(7), ["id", "item"],
                [[T("4"), T("a2-4")], [T("5"), T("a2-5")], [T("6"), T("a2-6")]]);
        using var second = new DumpBuilder("shard-b").Schema("ld_shard_b")
            .Table("ld_shard_b", "orders", CreateTable(100), ["id", "item"],
                [[T("7"), T("b-7")]]);
        var task = LoadKit.Task(servers.Target, "ld_merge", first.SourceId, OnDuplicate.Error) with
        {
            Sources =
            [
                LoadKit.Task(servers.Target, "ld_merge", first.SourceId, OnDuplicate.Error).Sources[0],
                LoadKit.Task(servers.Target, "ld_merge", second.SourceId, OnDuplicate.Error).Sources[0],
            ],
        };
        static TableName Route(TableName _) => new("ld_merge", "all_orders");

        await new Loader().RunAsync(task, first.SourceId, first.Finish(), Route, _ => "ld_merge", null, TestContext.Current.CancellationToken);
        await new Loader().RunAsync(task, second.SourceId, second.Finish(), Route, _ => "ld_merge", null, TestContext.Current.CancellationToken);

        Assert.Equal(
            ["1|a1-1", "2|a1-2", "3|a1-3", "4|a2-4", "5|a2-5", "6|a2-6", "7|b-7"],
            await LoadKit.RowsAsync(servers.Target, "SELECT id, item FROM ld_merge.all_orders ORDER BY id"));
        Assert.Equal(["all_orders"], await LoadKit.RowsAsync(servers.Target,
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'ld_merge'"));
        Assert.Equal(0, await LoadKit.CountAsync(servers.Target,
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'ld_merge_meta' AND TABLE_NAME LIKE '\\_sluice\\_probe%'"));
        Assert.True(await Loader.IsFinishedAsync(task, first.SourceId, TestContext.Current.CancellationToken));
        Assert.True(await Loader.IsFinishedAsync(task, second.SourceId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_target_table_with_a_different_column_type_is_refused()
    {
        await servers.Target.ExecuteAsync(
            "CREATE DATABASE ld_differ; CREATE TABLE ld_differ.orders (id bigint NOT NULL PRIMARY KEY, item varchar(5) NOT NULL)",
            TestContext.Current.CancellationToken);
        using var dump = new DumpBuilder("differ").Schema("ld_differ_src")
            .Table("ld_differ_src", "orders", CreateTable(1), ["id", "item"],
                [[T("1"), T("longer than five")]]);
        var task = LoadKit.Task(servers.Target, "ld_differ", dump.SourceId);

        var error = await Assert.ThrowsAsync<MigrationException>(() => LoadKit.LoadAsync(task, dump.SourceId, dump.Finish(), _ => "ld_differ"));

        Assert.Contains("`ld_differ`.`orders`", error.Message, StringComparison.Ordinal);
        Assert.Contains("`item` is varchar(5) there, varchar(50) in the dump", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await LoadKit.CountAsync(servers.Target, "SELECT COUNT(*) FROM ld_differ.orders"));
    }

    [Fact]
    public async Task A_target_table_with_extra_columns_and_indexes_takes_the_rows()
    {
        await servers.Target.ExecuteAsync(
            "CREATE DATABASE ld_extra; CREATE TABLE ld_extra.orders (id bigint NOT NULL PRIMARY KEY, item varchar(50) NOT NULL, " +
            "note varchar(10) DEFAULT 'x', doubled bigint AS (id * 2) VIRTUAL, KEY (item))",
            TestContext.Current.CancellationToken);
        using var dump = new DumpBuilder("extra").Schema("ld_extra_src")
            .Table("ld_extra_src", "orders", CreateTable(1), ["id", "item"],
                [[T("1"), T("one")], [T("2"), T("two")]]);
        var task = LoadKit.Task(servers.Target, "ld_extra", dump.SourceId);

        await LoadKit.LoadAsync(task, dump.SourceId, dump.Finish(), _ => "ld_extra");

        Assert.Equal(["1|one|x|2", "2|two|x|4"], await LoadKit.RowsAsync(servers.Target, "SELECT * FROM ld_extra.orders ORDER BY id"));
    }

    [Fact]
    public async Task A_target_that_refuses_the_insert_privilege_fails_naming_table_and_chunk()
    {
        await servers.Target.ExecuteAsync(
            "CREATE USER 'ld_priv'@'%' IDENTIFIED BY 'pw'; GRANT ALL ON `ld_priv_meta`.* TO 'ld_priv'@'%'; " +
            "GRANT CREATE, SELECT ON `ld_priv`.* TO 'ld_priv'@'%'",
            TestContext.Current.CancellationToken);
        using var dump = new DumpBuilder("priv").Schema("ld_priv_src")
            .Table("ld_priv_src", "orders", CreateTable(1), ["id", "item"],
                [[T("1"), T("one")]]);
        var task = LoadKit.Task(servers.Target, "ld_priv", dump.SourceId);
        task = task with { Target = task.Target with { User = "ld_priv", Password = "pw" } };

        var error = await Assert.ThrowsAsync<MigrationException>(() => LoadKit.LoadAsync(task, dump.SourceId, dump.Finish(), _ => "ld_priv"));

        Assert.Equal(1142, error.MySqlErrorCode);
        Assert.Contains("`ld_priv`.`orders`", error.Message, StringComparison.Ordinal);
        Assert.Contains("ld_priv_src.orders.00000.dat", error.Message, StringComparison.Ordinal);
    }
}
