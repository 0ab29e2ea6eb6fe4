using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks.MySql;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;
using static Sluice.ChangeFeed.Tests.Sinks.MySql.SinkRows;

namespace Sluice.ChangeFeed.Tests.Sinks.MySql;

/// <summary>Safe mode's compaction of the rows of one target transaction: when it applies, and what it leaves of each key.</summary>
public sealed class SafeModeCompactionTests
{
    [Fact]
    public void Each_key_ends_as_one_delete_or_one_replace_of_its_last_image()
    {
        var table = Table("s", "t", Key("id"), Text("v"));
        var sink = SinkTableOf(table, new UniqueKey(UniqueKey.PrimaryName, ["id"]));
        RowChangedEvent[] rows =
        [
            Insert(table, 1L, "a"),
            Update(table, [1L, "a"], [1L, "b"]),
            Delete(table, 2L, "x"),
            Update(table, [3L, "c"], [4L, "c"]), // moves: 3 gone, 4 holds it
            Insert(table, 5L, "e"),
            Delete(table, 5L, "e"),
            Insert(table, 2L, "again"),
        ];

        var statements = SafeModeCompaction.TryCompact(rows, [.. rows.Select(_ => sink)]);

        Assert.NotNull(statements);
        Assert.Equal(2, statements.Count);
        Assert.StartsWith("DELETE FROM `s`.`t`", statements[0].CommandText, StringComparison.Ordinal);
        Assert.Equal(2, statements[0].RowCount); // 3 and 5
        Assert.Contains("3", statements[0].CommandText, StringComparison.Ordinal);
        Assert.Contains("5", statements[0].CommandText, StringComparison.Ordinal);
        Assert.Equal("REPLACE INTO `s`.`t` (`id`,`v`) VALUES (1,'b'),(2,'again'),(4,'c')", statements[1].CommandText);
    }

    [Fact]
    public void A_table_with_a_second_unique_key_is_written_in_order_instead()
    {
        var table = Table("s", "t", Key("id"), UniqueInt("u"));
        var sink = SinkTableOf(table, new UniqueKey(UniqueKey.PrimaryName, ["id"]), new UniqueKey("uk_u", ["u"]));
        RowChangedEvent[] rows = [Update(table, [1L, 10L], [1L, 11L]), Update(table, [2L, 11L], [2L, 10L])];

        Assert.Null(SafeModeCompaction.TryCompact(rows, [sink, sink]));
    }

    private static SinkTable SinkTableOf(ChangeTable table, params UniqueKey[] keys)
    {
        var name = new TableName(table.Schema, table.Name);
        var columns = TargetColumns.For(table, keys.FirstOrDefault(k => k.IsPrimary)?.Columns ?? []);
        return new SinkTable(
            table,
            new RowStatementBuilder(TargetTable.Create(name, columns, keys), new StatementLimits()),
            new RowCausalityKeys(table.Schema, table.Name, [.. table.Columns.Select(c => c.Name)], keys));
    }
}
