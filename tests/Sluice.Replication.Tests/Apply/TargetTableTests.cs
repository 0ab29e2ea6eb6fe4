using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;
using static Sluice.Replication.Tests.Apply.Columns;

namespace Sluice.Replication.Tests.Apply;

public sealed class TargetTableTests
{
    private static readonly TableName Name = new("db", "t");

    [Fact]
    public void The_primary_key_comes_first()
    {
        var table = TargetTable.Create(Name, [Int(0, "a"), Int(1, "b", primaryKey: true)], [new UniqueKey("uk", ["a"])]);

        Assert.Equal([1], table.KeyColumns);
        Assert.Equal("PRIMARY", table.KeyName);
    }

    [Fact]
    public void Without_a_primary_key_the_first_unique_key_on_not_null_columns_is_used()
    {
        var columns = new[] { Int(0, "a", nullable: true), Int(1, "b"), Int(2, "c") };

        var table = TargetTable.Create(Name, columns, [new UniqueKey("uk_nullable", ["a", "b"]), new UniqueKey("uk_cb", ["C", "b"])]);

        Assert.Equal([2, 1], table.KeyColumns);
        Assert.Equal("uk_cb", table.KeyName);
        Assert.True(table.HasKey);
    }

    [Fact]
    public void A_unique_key_naming_an_unknown_column_is_not_used()
    {
        var table = TargetTable.Create(Name, [Int(0, "a")], [new UniqueKey("uk", ["gone"])]);

        Assert.False(table.HasKey);
        Assert.Null(table.KeyName);
    }

    [Theory]
    [InlineData("PRIMARY", 1)]
    [InlineData("PRIMARY,uk_nullable", 2)]
    [InlineData("uk_a", 1)]
    [InlineData("uk_a,uk_gone", 2)]
    [InlineData("", 0)]
    public void The_unique_keys_are_counted_nullable_and_unknown_ones_included(string keys, int expected)
    {
        var all = new Dictionary<string, UniqueKey>
        {
            ["PRIMARY"] = new(UniqueKey.PrimaryName, ["a"]),
            ["uk_nullable"] = new("uk_nullable", ["c"]),
            ["uk_a"] = new("uk_a", ["a"]),
            ["uk_gone"] = new("uk_gone", ["gone"]),
        };
        var columns = new[] { Int(0, "a", primaryKey: keys.Contains("PRIMARY", StringComparison.Ordinal)), Int(1, "b"), Int(2, "c", nullable: true) };

        var table = TargetTable.Create(Name, columns, [.. keys.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => all[k])]);

        Assert.Equal(expected, table.UniqueKeyCount);
    }

    [Fact]
    public void A_primary_key_known_only_from_the_columns_counts_as_one_key()
    {
        Assert.Equal(1, TargetTable.Create(Name, [Int(0, "a", primaryKey: true)]).UniqueKeyCount);
        Assert.Equal(0, TargetTable.Create(Name, [Int(0, "a")]).UniqueKeyCount);
    }

    [Fact]
    public void A_unique_key_the_columns_call_primary_is_counted_once()
    {
        // information_schema shows PRI for the first NOT NULL unique key of a table without a primary key.
        var table = TargetTable.Create(Name, [Int(0, "b", primaryKey: true), Int(1, "a", primaryKey: true), Int(2, "v")], [new UniqueKey("ab", ["a", "b"])]);

        Assert.Equal(1, table.UniqueKeyCount);
    }

    [Fact]
    public void A_table_known_only_by_position_is_refused()
    {
        var column = new Sluice.MySql.Binlog.Rows.ColumnInfo
        {
            Index = 0, Type = Sluice.MySql.Binlog.Rows.ColumnType.Long, WireType = Sluice.MySql.Binlog.Rows.ColumnType.Long, Metadata = 0,
        };

        var error = Assert.Throws<ArgumentException>(() => TargetTable.Create(Name, [column]));
        Assert.Contains("@1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_are_equal_by_value_with_nulls_and_bytes_compared_safely()
    {
        var keyless = new RowStatementBuilder(TargetTable.Create(Name, [Int(0, "a", nullable: true), Of(1, "b", Sluice.MySql.Binlog.Rows.ColumnType.Blob, 2)]));

        var first = keyless.KeyOf(Row(null, new byte[] { 1, 2 }));
        var same = keyless.KeyOf(Row(null, new byte[] { 1, 2 }));
        var other = keyless.KeyOf(Row(null, new byte[] { 1, 3 }));
        var notNull = keyless.KeyOf(Row(0L, new byte[] { 1, 2 }));

        Assert.Equal(first, same);
        Assert.Equal(first.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(first, other);
        Assert.NotEqual(first, notNull);
        Assert.Equal("db.t(a=NULL,b=0x0102)", first.ToString());
    }

    [Fact]
    public void Keys_use_only_the_key_columns_when_the_image_has_them()
    {
        var builder = new RowStatementBuilder(TargetTable.Create(Name, [Int(0, "id", primaryKey: true), Text(1, "v")]));

        Assert.Equal(builder.KeyOf(Row(1L, "a")), builder.KeyOf(Row(1L, "b")));
        Assert.Equal(["id"], builder.KeyOf(Row(1L, "a")).Columns);
        Assert.NotEqual(builder.KeyOf(Row(1L, "a")), new RowStatementBuilder(TargetTable.Create(new TableName("db", "u"), builder.Table.Columns)).KeyOf(Row(1L, "a")));
    }
}
