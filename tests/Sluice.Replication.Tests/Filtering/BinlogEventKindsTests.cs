using Sluice.Replication.Filtering;

namespace Sluice.Replication.Tests.Filtering;

public sealed class BinlogEventKindsTests
{
    [Theory]
    [InlineData("all", BinlogEventKind.All)]
    [InlineData("all dml", BinlogEventKind.AllDml)]
    [InlineData("All DDL", BinlogEventKind.AllDdl)]
    [InlineData("none", BinlogEventKind.None)]
    [InlineData("none dml", BinlogEventKind.NoneDml)]
    [InlineData("none ddl", BinlogEventKind.NoneDdl)]
    [InlineData("INSERT", BinlogEventKind.Insert)]
    [InlineData("update", BinlogEventKind.Update)]
    [InlineData("delete", BinlogEventKind.Delete)]
    [InlineData("create database", BinlogEventKind.CreateDatabase)]
    [InlineData("create schema", BinlogEventKind.CreateDatabase)]
    [InlineData("drop schema", BinlogEventKind.DropDatabase)]
    [InlineData("truncate table", BinlogEventKind.TruncateTable)]
    [InlineData("rename table", BinlogEventKind.RenameTable)]
    [InlineData("alter table", BinlogEventKind.AlterTable)]
    [InlineData("incompatible ddl changes", BinlogEventKind.IncompatibleDdlChanges)]
    [InlineData("modify column", BinlogEventKind.ModifyColumn)]
    [InlineData("", BinlogEventKind.Unknown)]
    public void Parse_reads_dm_spelling(string name, BinlogEventKind expected) =>
        Assert.Equal(expected, BinlogEventKinds.Parse(name));

    [Theory]
    [InlineData("inserts")]
    [InlineData("create  table")]
    [InlineData("add foreign key")] // DM's filter does not accept it in a rule either
    [InlineData("dml")]
    public void Parse_rejects_unknown_names(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => BinlogEventKinds.Parse(name));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_prints_a_name_that_parses_back()
    {
        foreach (var kind in Enum.GetValues<BinlogEventKind>())
        {
            Assert.Equal(kind, BinlogEventKinds.Parse(kind.ToDmName()));
        }
    }

    [Theory]
    [InlineData(BinlogEventKind.Insert, BinlogEventCategory.Dml)]
    [InlineData(BinlogEventKind.CreateTable, BinlogEventCategory.Ddl)]
    [InlineData(BinlogEventKind.AlterTable, BinlogEventCategory.Ddl)]
    [InlineData(BinlogEventKind.DropTable, BinlogEventCategory.IncompatibleDdl)]
    [InlineData(BinlogEventKind.TruncateTable, BinlogEventCategory.IncompatibleDdl)]
    [InlineData(BinlogEventKind.ModifyColumn, BinlogEventCategory.IncompatibleDdl)]
    [InlineData(BinlogEventKind.Unknown, BinlogEventCategory.Unknown)]
    public void Category_groups_kinds_as_dm_does(BinlogEventKind kind, BinlogEventCategory category) =>
        Assert.Equal(category, kind.Category());

    [Fact]
    public void Group_names_have_no_category() =>
        Assert.Throws<ArgumentException>(() => BinlogEventKind.AllDml.Category());
}
