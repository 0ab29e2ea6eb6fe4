using Sluice.Migration.Dump;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Tests.Dump;

public sealed class DumpFileNamesTests
{
    [Theory]
    [InlineData("plain_Name-1$", "plain_Name-1$")]
    [InlineData("a.b", "a%2Eb")]
    [InlineData("x y/z%", "x%20y%2Fz%25")]
    [InlineData("tab`le", "tab%60le")]
    [InlineData("ü", "%C3%BC")]
    [InlineData("😀", "%F0%9F%98%80")]
    public void Names_are_percent_encoded_outside_the_safe_set(string name, string encoded) =>
        Assert.Equal(encoded, DumpFileNames.Encode(name));

    [Fact]
    public void Files_are_named_as_the_format_says()
    {
        var table = new TableName("shop.eu", "order items");

        Assert.Equal("shop%2Eeu-schema-create.sql", DumpFileNames.SchemaCreate(table.Schema));
        Assert.Equal("shop%2Eeu.order%20items-schema.sql", DumpFileNames.TableSchema(table));
        Assert.Equal("shop%2Eeu.order%20items.00042.dat", DumpFileNames.Chunk(table, 42));
    }

    [Fact]
    public void A_dot_in_a_name_cannot_collide_with_the_separator()
    {
        Assert.NotEqual(
            DumpFileNames.Chunk(new TableName("a.b", "c"), 0),
            DumpFileNames.Chunk(new TableName("a", "b.c"), 0));
    }

    [Theory]
    [InlineData("metadata", true)]
    [InlineData("sluice-dump.json", true)]
    [InlineData("sluice-dump.json.tmp", true)]
    [InlineData("db.t.00000.dat", true)]
    [InlineData("db.t-schema.sql", true)]
    [InlineData("db-schema-create.sql", true)]
    [InlineData("notes.txt", false)]
    [InlineData("other.tmp", false)]
    public void Only_dump_files_are_recognised(string name, bool isDumpFile) =>
        Assert.Equal(isDumpFile, DumpFileNames.IsDumpFile(name));
}
