using Sluice.Migration.Sync;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Tests.Sync;

/// <summary>The texts that tell the dispatcher which row changes touch the same row or unique value.</summary>
public sealed class CausalityKeysTests
{
    private static readonly ColumnInfo[] Columns =
    [
        Column(0, "id", ColumnType.LongLong),
        Column(1, "code", ColumnType.VarChar),
        Column(2, "blob", ColumnType.Blob),
        Column(3, "v", ColumnType.VarChar),
    ];

    private static readonly CausalityKeys Keys = new(
        new TableName("s", "t"), Columns, [new(UniqueKey.PrimaryName, ["id"]), new("code_key", ["CODE", "blob"])]);

    [Fact]
    public void Each_usable_key_gives_one_text_naming_table_key_and_values()
    {
        var keys = KeysOf(Image(-7L, "ab", new byte[] { 0x01, 0xFE }, "x"));

        Assert.Equal(["s\0t\0PRIMARY\0-7", "s\0t\0code_key\0ab\001FE"], keys);
    }

    [Fact]
    public void A_key_with_a_null_or_absent_column_is_left_out()
    {
        Assert.Equal(["s\0t\0PRIMARY\05"], KeysOf(Image(5L, null, new byte[] { 1 }, "x")));
        Assert.Equal(["s\0t\0PRIMARY\05"], KeysOf(new RowImage([5L, "ab", null, "x"], [true, true, false, true])));
    }

    [Fact]
    public void Without_a_usable_key_the_whole_table_is_one_key()
    {
        Assert.Equal(["s\0t"], KeysOf(new RowImage([null, null, null, "x"], [true, true, true, true])));
    }

    [Fact]
    public void Before_and_after_images_add_to_one_list_each_key_once()
    {
        // An UPDATE that keeps its keys names each of them once.
        var into = new List<string>();
        Keys.Add(Image(1L, "a", new byte[] { 9 }, "x"), into);
        Keys.Add(Image(1L, "a", new byte[] { 9 }, "y"), into);
        Keys.Add(null, into);
        Assert.Equal(KeysOf(Image(1L, "a", new byte[] { 9 }, "x")), into);

        // One that changes its primary key names the old and the new one, and the unique key it keeps once.
        into.Clear();
        Keys.Add(Image(1L, "a", new byte[] { 9 }, "x"), into);
        Keys.Add(Image(2L, "a", new byte[] { 9 }, "x"), into);
        Assert.Equal(["s\0t\0PRIMARY\01", "s\0t\0code_key\0a\009", "s\0t\0PRIMARY\02"], into);
        Assert.NotEqual(KeysOf(Image(1L, "a", new byte[] { 9 }, "x")), KeysOf(Image(2L, "a", new byte[] { 9 }, "x")));
    }

    [Fact]
    public void Decimals_and_unsigned_numbers_are_written_invariantly()
    {
        var keys = new CausalityKeys(
            new TableName("s", "d"), [Column(0, "amount", ColumnType.NewDecimal), Column(1, "big", ColumnType.LongLong)], [new(UniqueKey.PrimaryName, ["amount", "big"])]);
        var into = new List<string>();
        keys.Add(new RowImage([-1234.50m, ulong.MaxValue], [true, true]), into);

        Assert.Equal(["s\0d\0PRIMARY\0-1234.50\018446744073709551615"], into);
    }

    private static List<string> KeysOf(RowImage image)
    {
        var into = new List<string>();
        Keys.Add(image, into);
        return into;
    }

    private static RowImage Image(params object?[] values) => new(values, [.. values.Select(_ => true)]);

    private static ColumnInfo Column(int index, string name, ColumnType type) => new()
    {
        Index = index,
        Name = name,
        Type = type,
        WireType = type,
        Metadata = 0,
        IsNullable = true,
    };
}
