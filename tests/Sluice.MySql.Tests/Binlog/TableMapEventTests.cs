using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using static Sluice.MySql.Tests.Binlog.EventBytes;

namespace Sluice.MySql.Tests.Binlog;

public sealed class TableMapEventTests
{
    /// <summary>`db`.`t` (a INT NOT NULL, b VARCHAR(20) NULL) as a MySQL 8 TABLE_MAP without optional metadata.</summary>
    public static byte[] SimpleTableMap(ulong tableId, bool checksum = true) => Build(BinlogEventType.TableMap, Concat(
        U48(tableId), // table id (6)
        U16(1), // flags
        [2], Ascii("db"), [0], // schema
        [1], Ascii("t"), [0], // table
        [2], // column count
        [(byte)ColumnType.Long, (byte)ColumnType.VarChar], // types
        [2], U16(80), // metadata: 2 bytes, VARCHAR max length 80 (20 utf8mb4 characters)
        [0b10]), // NULL-able bitmap: column 1
        checksum);

    [Fact]
    public void Decodes_a_simple_table_map()
    {
        var decoder = MySqlDecoder();
        var map = Assert.IsType<TableMapEvent>(decoder.Decode(SimpleTableMap(tableId: 0x0000_1234_5678)));

        Assert.Equal(0x0000_1234_5678UL, map.TableId);
        Assert.Equal(1, map.Flags);
        Assert.Equal("db", map.SchemaName);
        Assert.Equal("t", map.TableName);
        Assert.Equal("db.t", map.QualifiedName);
        Assert.Equal([ColumnType.Long, ColumnType.VarChar], map.ColumnTypes);
        Assert.Equal([(ushort)0, (ushort)80], map.ColumnMetadata);
        Assert.Equal([false, true], map.Nullable);
        Assert.Null(map.OptionalMetadata);
        Assert.Equal(2, map.Columns.Count);
        Assert.True(decoder.TryGetTableMap(0x0000_1234_5678, out var stored));
        Assert.Same(map, stored);
    }

    [Fact]
    public void A_repeated_table_map_shares_the_decoded_columns_until_a_ddl_statement()
    {
        var decoder = MySqlDecoder();
        var first = Assert.IsType<TableMapEvent>(decoder.Decode(SimpleTableMap(tableId: 7)));
        var repeat = Assert.IsType<TableMapEvent>(decoder.Decode(SimpleTableMap(tableId: 7)));

        Assert.NotSame(first, repeat);
        Assert.Same(first.Columns, repeat.Columns);
        Assert.True(decoder.TryGetTableMap(7, out var stored));
        Assert.Same(repeat, stored);

        decoder.Decode(Build(BinlogEventType.Query, Concat(U32(1), U32(0), [0], U16(0), U16(0), [0], Ascii("ALTER TABLE db.t RENAME COLUMN a TO z"))));
        Assert.False(decoder.TryGetTableMap(7, out _));
        var afterDdl = Assert.IsType<TableMapEvent>(decoder.Decode(SimpleTableMap(tableId: 7)));
        Assert.NotSame(first.Columns, afterDdl.Columns);
    }

    [Fact]
    public void Metadata_widths_and_byte_order_per_type()
    {
        var types = new[]
        {
            ColumnType.Tiny, ColumnType.Float, ColumnType.Double, ColumnType.NewDecimal, ColumnType.String,
            ColumnType.VarChar, ColumnType.Bit, ColumnType.Blob, ColumnType.DateTime2, ColumnType.Timestamp2,
            ColumnType.Time2, ColumnType.Json, ColumnType.Geometry, ColumnType.Date, ColumnType.LongLong,
        };
        var metadata = Hex(
            // TINY: none
            "04" + // FLOAT: 4 bytes
            "08" + // DOUBLE: 8 bytes
            "0A02" + // NEWDECIMAL: precision 10, scale 2 -> (10 << 8) | 2
            "FE28" + // STRING: real type STRING, length 40 -> (0xFE << 8) | 40
            "2C01" + // VARCHAR: 300 little-endian
            "0301" + // BIT(11): 3 bits + 1 byte, little-endian -> 0x0103
            "03" + // BLOB: 3 length bytes (MEDIUMBLOB)
            "06" + // DATETIME2(6)
            "03" + // TIMESTAMP2(3)
            "00" + // TIME2(0)
            "04" + // JSON: 4 length bytes
            "04"); // GEOMETRY: 4 length bytes
        // DATE and LONGLONG: none
        var body = Concat(U48(9), U16(0), [1], Ascii("s"), [0], [1], Ascii("t"), [0],
            [(byte)types.Length], types.Select(t => (byte)t).ToArray(), [(byte)metadata.Length], metadata, [0xFF, 0x7F]);

        var map = Assert.IsType<TableMapEvent>(MySqlDecoder().Decode(Build(BinlogEventType.TableMap, body)));

        Assert.Equal(
            new ushort[] { 0, 4, 8, 0x0A02, 0xFE28, 300, 0x0103, 3, 6, 3, 0, 4, 4, 0, 0 },
            map.ColumnMetadata);
        Assert.All(map.Nullable, Assert.True);
    }

    [Fact]
    public void Metadata_block_shorter_than_the_types_need_is_a_decoding_error()
    {
        var body = Concat(U48(9), U16(0), [1], Ascii("s"), [0], [1], Ascii("t"), [0],
            [2], [(byte)ColumnType.VarChar, (byte)ColumnType.Double], [2], U16(10), [0]);

        var ex = Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.TableMap, body)));

        Assert.Contains("column 1 (Double)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Four_byte_table_id_when_the_post_header_is_6()
    {
        var decoder = new BinlogEventDecoder();
        decoder.Decode(MySqlFormatDescription(true, 0, (BinlogEventType.TableMap, 6)));
        var body = Concat(U32(77), U16(0), [1], Ascii("s"), [0], [1], Ascii("t"), [0], [1], [(byte)ColumnType.Long], [0], [0]);

        var map = Assert.IsType<TableMapEvent>(decoder.Decode(Build(BinlogEventType.TableMap, body)));

        Assert.Equal(77UL, map.TableId);
    }

    [Fact]
    public void Mariadb_full_metadata_from_the_fixture()
    {
        // mariadb-compressed.binlog at 903 (binlog_row_metadata=FULL):
        //   profiles (id INT UNSIGNED, code CHAR(4) latin1, title VARCHAR(40) utf8mb4_unicode_ci,
        //             mood ENUM('sad','ok','happy'), tags SET('a','b','c'), spot POINT, score SMALLINT, body BLOB)
        // Fields: SIGNEDNESS 0x80 (id unsigned; score signed); COLUMN_CHARSET 8, 224, 63, 63 (MariaDB counts the
        // GEOMETRY column among the character columns); GEOMETRY_TYPE 1 (POINT); COLUMN_NAME;
        // ENUM_AND_SET_DEFAULT_CHARSET 33; SET_STR_VALUE; ENUM_STR_VALUE; SIMPLE_PRIMARY_KEY 0, 1.
        var map = Assert.IsType<TableMapEvent>(MariaDbDecoder().Decode(Fixtures.Events("mariadb-compressed.binlog")[8]));

        Assert.Equal(23UL, map.TableId);
        Assert.Equal("shop.profiles", map.QualifiedName);
        Assert.Equal(
            [ColumnType.Long, ColumnType.String, ColumnType.VarChar, ColumnType.String, ColumnType.String, ColumnType.Geometry, ColumnType.Short, ColumnType.Blob],
            map.ColumnTypes);
        Assert.Equal(new ushort[] { 0, 0xFE04, 160, 0xF701, 0xF801, 4, 0, 2 }, map.ColumnMetadata);
        Assert.Equal([false, false, true, true, true, true, true, true], map.Nullable);

        var meta = map.OptionalMetadata!;
        Assert.Equal(["id", "code", "title", "mood", "tags", "spot", "score", "body"], meta.ColumnNames!);
        Assert.Equal([true, false, false, false, false, false, false, false], meta.Unsigned!);
        Assert.Equal([null, 8, 224, 33, 33, 63, null, 63], meta.CollationIds!);
        Assert.Equal(["sad", "ok", "happy"], meta.EnumValues![3]!);
        Assert.Null(meta.EnumValues[4]);
        Assert.Equal(["a", "b", "c"], meta.SetValues![4]!);
        Assert.Equal([null, null, null, null, null, 1, null, null], meta.GeometryTypes!);
        Assert.Equal([0, 1], meta.PrimaryKey!);
        Assert.Equal([0, 0], meta.PrimaryKeyPrefixes!);
        Assert.Null(meta.Visible);
    }

    [Fact]
    public void Mysql_optional_metadata_with_default_charset_prefix_key_and_visibility()
    {
        // (a INT, b VARCHAR(10) utf8mb4, c CHAR(2) latin1, e ENUM('x'), g GEOMETRY, h JSON)
        var types = new[] { ColumnType.Long, ColumnType.VarChar, ColumnType.String, ColumnType.String, ColumnType.Geometry, ColumnType.Json };
        var metadata = Hex("2800" + "FE02" + "F701" + "04" + "04");
        var optional = Concat(
            [1], [1], [0b0000_0000], // SIGNEDNESS over the one numeric column: signed
            [2], [5], [0xFC, 0xFF, 0x00, 0x01, 0x08], // DEFAULT_CHARSET: default 255 (utf8mb4_0900_ai_ci, packed as 0xFC + 2 bytes), character column 1 (c) is 8
            [10], [1], [0x21], // ENUM_AND_SET_DEFAULT_CHARSET: 33
            [6], [3], [1, 1], Ascii("x"), // ENUM_STR_VALUE: one ENUM with one member "x"
            [7], [1], [2], // GEOMETRY_TYPE: LINESTRING
            [9], [4], [1, 5, 0, 0], // PRIMARY_KEY_WITH_PREFIX: (b, 5), (a, whole)
            [12], [1], [0b1011_1100], // COLUMN_VISIBILITY: column 1 invisible
            [99], [2], [0xAB, 0xCD]); // a field type from the future: skipped
        var body = Concat(U48(3), U16(0), [1], Ascii("s"), [0], [1], Ascii("t"), [0],
            [(byte)types.Length], types.Select(t => (byte)t).ToArray(), [(byte)metadata.Length], metadata, [0x3F], optional);

        var map = Assert.IsType<TableMapEvent>(MySqlDecoder().Decode(Build(BinlogEventType.TableMap, body)));
        var meta = map.OptionalMetadata!;

        Assert.Equal([false, false, false, false, false, false], meta.Unsigned!);
        // MySQL does not count GEOMETRY as a character column: b and c are, with the default then c's override.
        Assert.Equal([null, 255, 8, 33, null, null], meta.CollationIds!);
        Assert.Equal(["x"], meta.EnumValues![3]!);
        Assert.Equal(2, meta.GeometryTypes![4]);
        Assert.Equal([1, 0], meta.PrimaryKey!);
        Assert.Equal([5, 0], meta.PrimaryKeyPrefixes!);
        Assert.Equal([true, false, true, true, true, true], meta.Visible!);
        Assert.Null(meta.ColumnNames);
    }

    [Fact]
    public void Column_names_fewer_than_columns_are_a_decoding_error()
    {
        var body = Concat(U48(3), U16(0), [1], Ascii("s"), [0], [1], Ascii("t"), [0],
            [2], [(byte)ColumnType.Long, (byte)ColumnType.Long], [0], [0], [4], [2], [1], Ascii("a"));

        var ex = Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.TableMap, body)));

        Assert.Contains("optional metadata field 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_count_beyond_the_event_is_a_decoding_error()
    {
        var body = Concat(U48(3), U16(0), [1], Ascii("s"), [0], [1], Ascii("t"), [0], [0xFC, 0xFF, 0xFF], [3]);

        Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.TableMap, body)));
    }

    private static byte[] U48(ulong value) => U64(value)[..6];
}
