using Sluice.ChangeFeed.Processing;
using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.Testing;

namespace Sluice.ChangeFeed.Tests.Processing;

public sealed class SourceTablesTests(MariaDbServers servers)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_binlog_client_gets_the_columns_of_selected_tables_only()
    {
        const string schema = "cf_source_tables";
        await servers.Source.ExecuteAsync(
            $"DROP DATABASE IF EXISTS `{schema}`; CREATE DATABASE `{schema}`; " +
            $"CREATE TABLE `{schema}`.`kept` (id INT PRIMARY KEY, v INT); CREATE TABLE `{schema}`.`other` (id INT PRIMARY KEY, v INT)",
            Token);
        await using var tables = new SourceTables(servers.Source.ConnectionString) { Selected = (_, table) => table == "kept" };

        var kept = await tables.DescribeAsync(Map(schema, "kept"), Token);
        Assert.NotNull(kept);
        Assert.Equal(["id", "v"], kept.Columns.Select(c => c.Name));
        Assert.Null(await tables.DescribeAsync(Map(schema, "other"), Token));

        tables.Selected = null;
        Assert.NotNull(await tables.DescribeAsync(Map(schema, "other"), Token));
    }

    private static TableMapEvent Map(string schema, string table) => new(
        new BinlogEventHeader(0, BinlogEventType.TableMap, 1, 0, 0, 0), 1, 0, schema, table,
        [ColumnType.Long, ColumnType.Long], [0, 0], [false, true], null);
}
