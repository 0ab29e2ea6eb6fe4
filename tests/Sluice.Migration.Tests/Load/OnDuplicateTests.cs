using Sluice.Migration.Load;
using Sluice.Testing;
using static Sluice.Migration.Tests.Load.DataFile;

namespace Sluice.Migration.Tests.Load;

/// <summary>on-duplicate: rows whose key already exists in the target are replaced, kept, or stop the load.</summary>
public sealed class OnDuplicateTests(MariaDbServers servers)
{
    private const string CreateTable = "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `v` varchar(20) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

    [Theory]
    [InlineData(OnDuplicate.Replace, new[] { "1|old", "2|new", "3|new", "4|new" })]
    [InlineData(OnDuplicate.Ignore, new[] { "1|old", "2|old", "3|old", "4|new" })]
    public async Task Existing_rows_are_replaced_or_kept(OnDuplicate onDuplicate, string[] expected)
    {
        var schema = "ld_dup_" + onDuplicate.ToString().ToLowerInvariant();
        await PrepareTargetAsync(schema);
        using var dump = Dump(schema);
        var task = LoadKit.Task(servers.Target, schema, dump.SourceId, onDuplicate);

        await LoadKit.LoadAsync(task, dump.SourceId, dump.Finish(), _ => schema);

        Assert.Equal(expected, await LoadKit.RowsAsync(servers.Target, $"SELECT id, v FROM {schema}.t ORDER BY id"));
    }

    [Fact]
    public async Task A_duplicate_key_with_on_duplicate_error_stops_the_load_naming_table_and_chunk()
    {
        const string Schema = "ld_dup_error";
        await PrepareTargetAsync(Schema);
        using var dump = Dump(Schema);
        var task = LoadKit.Task(servers.Target, Schema, dump.SourceId, OnDuplicate.Error);

        var error = await Assert.ThrowsAsync<MigrationException>(() => LoadKit.LoadAsync(task, dump.SourceId, dump.Finish(), _ => Schema));

        Assert.Equal(1062, error.MySqlErrorCode);
        Assert.Contains("`ld_dup_error`.`t`", error.Message, StringComparison.Ordinal);
        Assert.Contains("ld_dup_error_src.t.00000.dat", error.Message, StringComparison.Ordinal);
        Assert.Contains("Duplicate entry '2'", error.Message, StringComparison.Ordinal);
        // Nothing of the refused chunk stays, and it is not recorded as loaded.
        Assert.Equal(["1|old", "2|old", "3|old"], await LoadKit.RowsAsync(servers.Target, $"SELECT id, v FROM {Schema}.t ORDER BY id"));
        Assert.False(await Loader.IsFinishedAsync(task, dump.SourceId, TestContext.Current.CancellationToken));
        Assert.Equal(0, await LoadKit.CountAsync(servers.Target,
            $"SELECT COUNT(*) FROM {Schema}_meta.{Schema}_loader_checkpoint WHERE `offset` = `end_pos` AND filename LIKE '%.dat'"));
    }

    private async Task PrepareTargetAsync(string schema) =>
        await servers.Target.ExecuteAsync(
            $"CREATE DATABASE {schema}; USE {schema}; {CreateTable}; INSERT INTO t VALUES (1, 'old'), (2, 'old'), (3, 'old')",
            TestContext.Current.CancellationToken);

    private static DumpBuilder Dump(string schema) =>
        new DumpBuilder(schema + "-src").Schema(schema + "_src").Table(schema + "_src", "t", CreateTable, ["id", "v"],
            [[T("2"), T("new")], [T("3"), T("new")], [T("4"), T("new")]]);
}
