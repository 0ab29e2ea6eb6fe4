using System.Text;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Xunit;
using static Sluice.MySql.Tests.Binlog.Rows.ColumnFixture;

namespace Sluice.MySql.Tests.Binlog.Rows;

public sealed class ColumnInfoBuildTests
{
    // CREATE TABLE t (id INT UNSIGNED NOT NULL PRIMARY KEY, name VARCHAR(10) CHARACTER SET utf8mb4,
    //   code BINARY(4), e ENUM('a','b''c'), s SET('x','y'), body BLOB, note TEXT CHARACTER SET latin1, big CHAR(255) CHARACTER SET utf8mb4)
    private static readonly ColumnType[] Types =
    [
        ColumnType.Long, ColumnType.VarChar, ColumnType.String, ColumnType.String, ColumnType.String,
        ColumnType.Blob, ColumnType.Blob, ColumnType.String,
    ];

    private static readonly ushort[] Metadata = [0, 40, 0xFE04, 0xF701, 0xF801, 2, 2, 0xCEFC];

    private static readonly bool[] Nullable = [false, true, true, true, true, true, true, true];

    private static TableSchema Schema() => new("db", "t",
    [
        new TableSchemaColumn("id", "int", "int(10) unsigned", null, null, false, "PRI"),
        new TableSchemaColumn("name", "varchar", "varchar(10)", "utf8mb4", "utf8mb4_general_ci", true, ""),
        new TableSchemaColumn("code", "binary", "binary(4)", null, null, true, ""),
        new TableSchemaColumn("e", "enum", "enum('a','b''c')", "utf8mb4", "utf8mb4_general_ci", true, ""),
        new TableSchemaColumn("s", "set", "set('x','y')", "utf8mb4", "utf8mb4_general_ci", true, ""),
        new TableSchemaColumn("body", "blob", "blob", null, null, true, ""),
        new TableSchemaColumn("note", "text", "text", "latin1", "latin1_swedish_ci", true, "MUL"),
        new TableSchemaColumn("big", "char", "char(255)", "utf8mb4", "utf8mb4_general_ci", true, ""),
    ]);

    [Fact]
    public void Without_optional_metadata_or_schema_only_types_are_known()
    {
        var columns = Map(Types, Metadata, nullable: Nullable).Columns;

        Assert.Equal(8, columns.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], columns.Select(c => c.Index));
        Assert.All(columns, c => Assert.Null(c.Name));
        Assert.Equal("@1", columns[0].DisplayName);
        Assert.Equal("@8", columns[7].DisplayName);
        Assert.Equal(
            [ColumnType.Long, ColumnType.VarChar, ColumnType.String, ColumnType.Enum, ColumnType.Set, ColumnType.Blob, ColumnType.Blob, ColumnType.String],
            columns.Select(c => c.Type));
        Assert.Equal(Types, columns.Select(c => c.WireType));
        Assert.Equal(Metadata, columns.Select(c => c.Metadata));
        Assert.Equal(Nullable, columns.Select(c => c.IsNullable));
        Assert.All(columns, c => Assert.False(c.IsUnsigned));
        Assert.All(columns, c => Assert.False(c.IsPrimaryKey));

        // Text-or-binary is unknown: CHAR/VARCHAR are read as UTF-8, BLOB as bytes.
        Assert.Same(Encoding.UTF8, columns[1].Encoding);
        Assert.Same(Encoding.UTF8, columns[2].Encoding);
        Assert.Null(columns[5].Encoding);
        Assert.Null(columns[0].Encoding);
        Assert.Null(columns[3].EnumValues);
        Assert.Null(columns[4].SetValues);
    }

    [Fact]
    public void Optional_metadata_supplies_names_signedness_charsets_members_and_key()
    {
        var optional = new TableMapMetadata
        {
            ColumnNames = ["id", "name", "code", "e", "s", "body", "note", "big"],
            Unsigned = [true, false, false, false, false, false, false, false],
            CollationIds = [null, 45, 63, 45, 45, 63, 8, 255],
            EnumValues = [null, null, null, ["a", "b'c"], null, null, null, null],
            SetValues = [null, null, null, null, ["x", "y"], null, null, null],
            PrimaryKey = [0],
        };
        var columns = Map(Types, Metadata, optional, Nullable).Columns;

        Assert.Equal(["id", "name", "code", "e", "s", "body", "note", "big"], columns.Select(c => c.Name));
        Assert.Equal("id", columns[0].DisplayName);
        Assert.True(columns[0].IsUnsigned);
        Assert.True(columns[0].IsPrimaryKey);
        Assert.False(columns[1].IsPrimaryKey);
        Assert.Same(Encoding.UTF8, columns[1].Encoding);
        Assert.Null(columns[2].Encoding);
        Assert.Null(columns[5].Encoding);
        Assert.Equal(1252, columns[6].Encoding!.CodePage);
        Assert.Same(Encoding.UTF8, columns[7].Encoding);
        Assert.Equal(["a", "b'c"], columns[3].EnumValues!);
        Assert.Equal(["x", "y"], columns[4].SetValues!);

        Assert.Equal(4294967295UL, Decode(columns[0], "ffffffff"));
        Assert.Equal("b'c", Decode(columns[3], "02"));
        Assert.Equal("x,y", Decode(columns[4], "03"));
        Assert.Equal("caf\u00e9", Decode(columns[6], "0400636166e9"));
        Assert.Equal(new byte[] { 0x61, 0, 0, 0 }, Decode(columns[2], "0161"));
    }

    [Fact]
    public void Schema_supplies_what_the_binlog_does_not_carry()
    {
        var map = Map(Types, Metadata, nullable: Nullable);
        var columns = ColumnInfo.Build(map, Schema());

        Assert.Equal(["id", "name", "code", "e", "s", "body", "note", "big"], columns.Select(c => c.Name));
        Assert.True(columns[0].IsUnsigned);
        Assert.True(columns[0].IsPrimaryKey);
        Assert.False(columns[6].IsPrimaryKey);
        Assert.Same(Encoding.UTF8, columns[1].Encoding);
        Assert.Null(columns[2].Encoding); // BINARY: CHARACTER_SET_NAME is NULL
        Assert.Null(columns[5].Encoding); // BLOB
        Assert.Equal(1252, columns[6].Encoding!.CodePage);
        Assert.Equal(["a", "b'c"], columns[3].EnumValues!);
        Assert.Equal(["x", "y"], columns[4].SetValues!);
        Assert.Equal("y", Decode(columns[4], "02"));
        Assert.Equal(4294967295UL, Decode(columns[0], "ffffffff"));
    }

    [Fact]
    public void A_schema_of_another_table_version_is_ignored()
    {
        var schema = Schema() with { Columns = [.. Schema().Columns.Take(7)] };
        var columns = ColumnInfo.Build(Map(Types, Metadata), schema);

        Assert.All(columns, c => Assert.Null(c.Name));
        Assert.False(columns[0].IsUnsigned);
        Assert.Equal(-1L, Decode(columns[0], "ffffffff"));
    }

    [Fact]
    public void Optional_metadata_wins_and_the_schema_fills_its_gaps()
    {
        // MySQL's binlog_row_metadata=MINIMAL carries signedness and charsets, but no names, members or key.
        var optional = new TableMapMetadata
        {
            Unsigned = [false, false, false, false, false, false, false, false],
            CollationIds = [null, 8, 63, 45, 45, 63, 45, 45],
        };
        var columns = ColumnInfo.Build(Map(Types, Metadata, optional), Schema());

        Assert.Equal("id", columns[0].Name);
        Assert.False(columns[0].IsUnsigned); // the binlog says signed
        Assert.True(columns[0].IsPrimaryKey); // no key in the binlog: the schema's
        Assert.Equal(1252, columns[1].Encoding!.CodePage); // the binlog's latin1 over the schema's utf8mb4
        Assert.Same(Encoding.UTF8, columns[6].Encoding);
        Assert.Equal(["a", "b'c"], columns[3].EnumValues!);
    }

    [Fact]
    public void Optional_metadata_lists_of_the_wrong_length_are_ignored()
    {
        var optional = new TableMapMetadata { ColumnNames = ["only"], Unsigned = [true] };
        var columns = Map(Types, Metadata, optional).Columns;
        Assert.Null(columns[0].Name);
        Assert.False(columns[0].IsUnsigned);
    }

    [Theory]
    [InlineData(0xF701, ColumnType.Enum)]
    [InlineData(0xF808, ColumnType.Set)]
    [InlineData(0xFE0A, ColumnType.String)]
    [InlineData(0xCEFC, ColumnType.String)] // CHAR(255) utf8mb4: length 1020 folded into the type byte
    [InlineData(0xEE90, ColumnType.String)]
    [InlineData(0xDE58, ColumnType.String)]
    [InlineData(0x000A, ColumnType.String)]
    public void String_metadata_names_the_real_type(int metadata, ColumnType expected)
    {
        var column = Column(ColumnType.String, (ushort)metadata);
        Assert.Equal(expected, column.Type);
        Assert.Equal(ColumnType.String, column.WireType);
    }

    [Fact]
    public void Undecodable_columns_do_not_stop_the_table_map()
    {
        var columns = Map([ColumnType.Long, ColumnType.TypedArray, ColumnType.Null, ColumnType.Decimal], [0, 0, 0, 0]).Columns;
        Assert.Equal(4, columns.Count);
        Assert.Equal(7L, Decode(columns[0], "07000000"));
        var failure = DecodeFails(columns[1], "00");
        Assert.Contains("@2", failure.Message, StringComparison.Ordinal);
        DecodeFails(columns[2], "00");
        DecodeFails(columns[3], "00");
    }

    [Fact]
    public void A_hand_built_column_picks_its_reader_on_first_use()
    {
        var column = new ColumnInfo { Index = 0, Type = ColumnType.Short, WireType = ColumnType.Short, Metadata = 0, IsUnsigned = true };
        Assert.Equal(65535UL, Decode(column, "ffff"));
    }
}
