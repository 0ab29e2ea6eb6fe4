using Sluice.ChangeFeed.Model;
using Sluice.ChangeFeed.Sinks.Storage;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Tests.Sinks.Storage;

public sealed class TableDefinitionTests
{
    /// <summary>
    /// The table and the file names of TiCDC's own test (pkg/sink/cloudstorage, TestTableDefinitionGenFilePath): the
    /// checksums come from TiCDC, not from this code.
    /// </summary>
    [Fact]
    public void Schema_file_names_carry_ticdcs_checksums()
    {
        var table = new ChangeTable(
            "schema1",
            "table1",
            [
                new("Id", ColumnType.Long, "int", "int(11)", false, Key: ColumnKeyFlags.PrimaryKey),
                new("LastName", ColumnType.VarChar, "varchar", "varchar(128)", false, Length: 128),
                new("FirstName", ColumnType.VarChar, "varchar", "varchar(64)", true, Length: 64),
                new("Birthday", ColumnType.DateTime2, "datetime", "datetime", true),
            ],
            new Tso(100));
        var database = new DdlEvent { CommitTs = new Tso(100), Schema = "schema1", Query = "CREATE DATABASE `schema1`", Kind = DdlKind.CreateDatabase };

        Assert.Equal("schema1/table1/meta/schema_100_0785427252.json", TableDefinition.FromTable(table, table.Version).RelativePath);
        Assert.Equal("schema1/meta/schema_100_3233644819.json", TableDefinition.FromDdl(database).RelativePath);
    }

    [Fact]
    public void The_checksum_does_not_depend_on_column_order_query_or_version()
    {
        var a = new ChangeColumn("a", ColumnType.Long, "int", "int(11)", true);
        var b = new ChangeColumn("b", ColumnType.VarChar, "varchar", "varchar(5)", true, Length: 5);
        var one = TableDefinition.FromTable(new ChangeTable("s", "t", [a, b], new Tso(1)), new Tso(1));
        var other = TableDefinition.FromTable(new ChangeTable("s", "t", [b, a], new Tso(2)), new Tso(2));

        Assert.Equal(one.Checksum, other.Checksum);
        Assert.NotEqual(one.Checksum, TableDefinition.FromTable(new ChangeTable("s", "t", [a], new Tso(1)), new Tso(1)).Checksum);
    }

    [Fact]
    public void A_database_definition_has_no_columns()
    {
        var database = new DdlEvent { CommitTs = new Tso(441349361156227000), Schema = "schema1", Query = "CREATE DATABASE `schema1`", Kind = DdlKind.CreateDatabase, ActionType = DdlActionType.CreateSchema };

        Assert.Equal(
            """
            {
                "Table": "",
                "Schema": "schema1",
                "Version": 1,
                "TableVersion": 441349361156227000,
                "Query": "CREATE DATABASE `schema1`",
                "Type": 1,
                "TableColumns": null,
                "TableColumnsTotal": 0
            }
            """.ReplaceLineEndings("\n"),
            TableDefinition.FromDdl(database).ToJson());
    }

    [Fact]
    public void Text_is_escaped_as_gos_json_encoder_escapes_it()
    {
        var ddl = new DdlEvent
        {
            CommitTs = new Tso(5),
            Schema = "s",
            Query = "CREATE DATABASE `s` /* <a> & \"b\" \\ é \u2028 */\n\t",
            Kind = DdlKind.CreateDatabase,
        };

        Assert.Contains(
            "\"Query\": \"CREATE DATABASE `s` /* \\u003ca\\u003e \\u0026 \\\"b\\\" \\\\ é \\u2028 */\\n\\t\",",
            TableDefinition.FromDdl(ddl).ToJson(),
            StringComparison.Ordinal);
    }

    /// <summary>Expected values from the data type section of the storage sink page and TiCDC's TestTableCol.</summary>
    [Theory]
    [InlineData("int", "int(11)", false, 0, 0, 0, "INT", "11", null)]
    [InlineData("int", "int(10) unsigned", true, 0, 0, 0, "INT UNSIGNED", "10", null)]
    [InlineData("int", "int unsigned", true, 0, 0, 0, "INT UNSIGNED", "10", null)]
    [InlineData("bigint", "bigint", false, 0, 0, 0, "BIGINT", "20", null)]
    [InlineData("tinyint", "tinyint(4)", false, 0, 0, 0, "TINYINT", "4", null)]
    [InlineData("bit", "bit(5)", false, 0, 0, 5, "BIT", "5", null)]
    [InlineData("decimal", "decimal(10,2)", false, 10, 2, 0, "DECIMAL", "10", "2")]
    [InlineData("decimal", "decimal(10,0)", false, 10, 0, 0, "DECIMAL", "10", "0")]
    [InlineData("float", "float", false, 0, 0, 0, "FLOAT", "12", null)]
    [InlineData("float", "float(7,3)", false, 0, 0, 0, "FLOAT", "7", "3")]
    [InlineData("double", "double", false, 0, 0, 0, "DOUBLE", "22", null)]
    [InlineData("datetime", "datetime", false, 0, 0, 0, "DATETIME", null, null)]
    [InlineData("timestamp", "timestamp(2)", false, 2, 0, 0, "TIMESTAMP", null, "2")]
    [InlineData("time", "time(5)", false, 5, 0, 0, "TIME", null, "5")]
    [InlineData("date", "date", false, 0, 0, 0, "DATE", null, null)]
    [InlineData("year", "year(4)", false, 0, 0, 0, "YEAR", "4", null)]
    [InlineData("varchar", "varchar(128)", false, 0, 0, 128, "VARCHAR", "128", null)]
    [InlineData("char", "char(32)", false, 0, 0, 32, "CHAR", "32", null)]
    [InlineData("varbinary", "varbinary(16)", false, 0, 0, 16, "VARBINARY", "16", null)]
    [InlineData("text", "text", false, 0, 0, 0, "TEXT", "65535", null)]
    [InlineData("longblob", "longblob", false, 0, 0, 0, "LONGBLOB", "4294967295", null)]
    [InlineData("enum", "enum('a','b')", false, 0, 0, 0, "ENUM", null, null)]
    [InlineData("set", "set('a','b')", false, 0, 0, 0, "SET", null, null)]
    [InlineData("json", "json", false, 0, 0, 0, "JSON", null, null)]
    public void Columns_are_described_in_tidbs_terms(
        string dataType, string columnType, bool unsigned, int precision, int scale, int length, string type, string? expectedPrecision, string? expectedScale)
    {
        var column = TableDefinitionColumn.From(new ChangeColumn("c", ColumnType.Long, dataType, columnType, true, IsUnsigned: unsigned, Precision: precision, Scale: scale, Length: length));

        Assert.Equal(new TableDefinitionColumn("c", type, expectedPrecision, expectedScale, null, null), column);
    }

    [Fact]
    public void Not_null_and_primary_key_are_the_strings_false_and_true()
    {
        var column = TableDefinitionColumn.From(new ChangeColumn("id", ColumnType.Long, "int", "int(11)", false, Key: ColumnKeyFlags.PrimaryKey));

        Assert.Equal("false", column.Nullable);
        Assert.Equal("true", column.IsPk);
    }
}
