using Sluice.Migration.Schema;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Tests.Schema;

public sealed class TrackedTableTests
{
    private static readonly TableName T = new("db1", "t1");

    [Fact]
    public void TableInfoIsReadableJsonThatReadsBackTheSameStructure()
    {
        var table = new TrackedTable(T, "CREATE TABLE `t1` (\n  `id` int(11) NOT NULL,\n  `v` varchar(10) DEFAULT 'it''s \"x\"'\n)", [Id, V]);

        var json = table.ToTableInfo();

        Assert.Equal(
            """{"create_table":"CREATE TABLE `t1` (\n  `id` int(11) NOT NULL,\n  `v` varchar(10) DEFAULT 'it''s \"x\"'\n)","columns":[{"name":"id","data_type":"int","column_type":"int(11)","nullable":false,"key":"PRI"},{"name":"v","data_type":"varchar","column_type":"varchar(10)","charset":"utf8mb4","collation":"utf8mb4_general_ci","nullable":true,"key":""}]}""",
            json);
        var back = TrackedTable.FromTableInfo(T, json);
        Assert.NotNull(back);
        Assert.Equal(table.CreateTable, back.CreateTable);
        Assert.Equal(table.Columns, back.Columns);
    }

    [Fact]
    public void TheEmptyDocumentOfATableWithoutAStructureIsNone() => Assert.Null(TrackedTable.FromTableInfo(T, "{}"));

    [Fact]
    public void ATableInfoThatIsNotJsonIsRefusedNamingTheTable()
    {
        var error = Assert.Throws<MigrationException>(() => TrackedTable.FromTableInfo(T, "{not json"));
        Assert.Contains("db1.t1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTargetsStructureIsTakenWhenBothAgree()
    {
        var down = Table("id", "a", "b");
        Assert.Same(down, SchemaTracker.Choose(down, Table("id", "a", "b"), 3));
    }

    [Fact]
    public void TheSourcesStructureIsTakenForATargetWithTheSameColumnsInAnotherOrder()
    {
        var up = Table("id", "a", "b");
        Assert.Same(up, SchemaTracker.Choose(Table("b", "id", "a"), up, 3));
    }

    [Fact]
    public void OnlyAStructureWithTheEventsColumnCountIsTaken()
    {
        var up = Table("id", "a");
        Assert.Same(up, SchemaTracker.Choose(Table("id", "a", "note"), up, 2));
        Assert.Null(SchemaTracker.Choose(Table("id", "a", "note"), Table("id", "a", "b", "c"), 2));
    }

    [Fact]
    public void TheTargetWinsWhenTheColumnsDifferInName()
    {
        var down = Table("id", "x");
        Assert.Same(down, SchemaTracker.Choose(down, Table("id", "y"), 2));
    }

    [Fact]
    public void WithoutAColumnCountTheTargetIsTakenFirst()
    {
        var down = Table("id");
        Assert.Same(down, SchemaTracker.Choose(down, Table("id", "a"), null));
        var up = Table("id", "a");
        Assert.Same(up, SchemaTracker.Choose(null, up, null));
    }

    [Fact]
    public void ARenamedCreateTableNamesTheNewTableUnqualifiedAndRenamesReferences()
    {
        var text = TableStructureReader.Rename(
            "CREATE TABLE `_x` (\n  `id` int(11) NOT NULL,\n  `p` int(11) DEFAULT NULL,\n  CONSTRAINT `fk` FOREIGN KEY (`p`) REFERENCES `_y` (`id`)\n) ENGINE=InnoDB",
            new TableName("meta", "_x"),
            new TableName("db1", "child"),
            t => t == new TableName("meta", "_y") ? new TableName("db1", "parent") : t);

        Assert.Equal(
            "CREATE TABLE `child` (\n  `id` int(11) NOT NULL,\n  `p` int(11) DEFAULT NULL,\n  CONSTRAINT `fk` FOREIGN KEY (`p`) REFERENCES `db1`.`parent` (`id`)\n) ENGINE=InnoDB",
            text);
    }

    private static readonly TableSchemaColumn Id = new("id", "int", "int(11)", null, null, false, "PRI");
    private static readonly TableSchemaColumn V = new("v", "varchar", "varchar(10)", "utf8mb4", "utf8mb4_general_ci", true, string.Empty);

    private static TrackedTable Table(params string[] names) =>
        new(T, "CREATE TABLE `t1` (…)", [.. names.Select(n => new TableSchemaColumn(n, "int", "int(11)", null, null, false, string.Empty))]);
}
