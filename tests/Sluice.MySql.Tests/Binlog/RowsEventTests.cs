using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using static Sluice.MySql.Tests.Binlog.EventBytes;

namespace Sluice.MySql.Tests.Binlog;

public sealed class RowsEventTests
{
    [Fact]
    public void Write_rows_v2_with_extra_data()
    {
        var decoder = MySqlDecoder();
        var map = (TableMapEvent)decoder.Decode(TableMapEventTests.SimpleTableMap(tableId: 40));
        var body = Concat(
            U64(40)[..6], // table id
            U16(RowsEvent.StatementEndFlag), // flags
            U16(6), Hex("00010203"), // extra data length (counts itself), 4 bytes of extra row info
            [2], // column count
            [0b11], // columns present
            [0b00], U32(7), [2], Ascii("hi"), // row 1: no NULLs, a = 7, b = "hi" (1-byte length)
            [0b10], U32(unchecked((uint)-8))); // row 2: b is NULL, a = -8

        var rows = Assert.IsType<RowsEvent>(decoder.Decode(Build(BinlogEventType.WriteRowsV2, body)));

        Assert.Equal(RowsEventKind.Insert, rows.Kind);
        Assert.Equal(40UL, rows.TableId);
        Assert.Same(map, rows.Table);
        Assert.True(rows.IsStatementEnd);
        Assert.Equal([true, true], rows.ColumnsPresent);
        Assert.Null(rows.ColumnsPresentAfter);
        Assert.Equal(2, rows.Rows.Count);
        Assert.Null(rows.Rows[0].Before);
        var first = rows.Rows[0].After!;
        Assert.Equal(2, first.Count);
        Assert.Equal(7L, first[0]);
        Assert.Equal("hi", first[1]); // VARCHAR without charset metadata: UTF-8 text
        var second = rows.Rows[1].After!;
        Assert.Equal(-8L, second[0]);
        Assert.Null(second[1]);
        Assert.True(second.IsPresent(1));
    }

    [Fact]
    public void Update_rows_v2_with_different_before_and_after_columns()
    {
        var decoder = MySqlDecoder();
        decoder.Decode(TableMapEventTests.SimpleTableMap(tableId: 41));
        var body = Concat(
            U64(41)[..6], U16(0), U16(2), // table id, flags, no extra data
            [2],
            [0b01], // before image: a only
            [0b10], // after image: b only
            [0b0], U32(1), // before: a = 1
            [0b0], [3], Ascii("new")); // after: b = "new"

        var rows = Assert.IsType<RowsEvent>(decoder.Decode(Build(BinlogEventType.UpdateRowsV2, body)));

        Assert.Equal(RowsEventKind.Update, rows.Kind);
        Assert.Equal([true, false], rows.ColumnsPresent);
        Assert.Equal([false, true], rows.ColumnsPresentAfter!);
        var change = Assert.Single(rows.Rows);
        Assert.Equal(1L, change.Before![0]);
        Assert.False(change.Before.IsPresent(1));
        Assert.Null(change.Before[1]);
        Assert.False(change.After!.IsPresent(0));
        Assert.Equal("new", change.After[1]);
    }

    [Fact]
    public void Rows_for_an_unknown_table_id_are_a_decoding_error()
    {
        var body = Concat(U64(99)[..6], U16(0), [1], [1], [0], U32(1));

        var ex = Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.WriteRowsV1, body)));

        Assert.Contains("table id 99", ex.Message, StringComparison.Ordinal);
        Assert.Contains("WriteRowsV1 (type 23)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_columns_than_the_table_map_is_a_decoding_error()
    {
        var decoder = MySqlDecoder();
        decoder.Decode(TableMapEventTests.SimpleTableMap(tableId: 42));
        var body = Concat(U64(42)[..6], U16(0), [3], [0b111], [0], U32(1), [0], U32(2));

        Assert.Throws<MySqlDecodingException>(() => decoder.Decode(Build(BinlogEventType.WriteRowsV1, body)));
    }

    [Fact]
    public void Rows_without_present_columns_do_not_loop_forever()
    {
        var decoder = MySqlDecoder();
        decoder.Decode(TableMapEventTests.SimpleTableMap(tableId: 43));
        var body = Concat(U64(43)[..6], U16(0), [2], [0b00], [0xAA, 0xBB]);

        var ex = Assert.Throws<MySqlDecodingException>(() => decoder.Decode(Build(BinlogEventType.WriteRowsV1, body)));

        Assert.Contains("without present columns", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_value_reports_the_column_and_offset()
    {
        var decoder = MySqlDecoder();
        decoder.Decode(TableMapEventTests.SimpleTableMap(tableId: 44));
        var body = Concat(U64(44)[..6], U16(0), [2], [0b11], [0b00], U32(5), [9], Ascii("abc"));

        var ex = Assert.Throws<MySqlDecodingException>(() => decoder.Decode(Build(BinlogEventType.WriteRowsV1, body)));

        Assert.Contains("column 1", ex.Message, StringComparison.Ordinal);
        Assert.InRange(ex.Offset, 34, 35); // the VARCHAR length byte, or the 3 of 9 bytes after it
    }

    [Fact]
    public void Mariadb_v1_rows_from_the_fixture()
    {
        // mariadb-basic.binlog: INSERT of (1,'apple',10,1.5,NULL), (2,'pear',20,2.25,'ripe'); UPDATE qty 10 -> 11
        // for id 1; DELETE of id 2. binlog_row_image=FULL, so every column is present.
        var rows = RowsEventsOf("mariadb-basic.binlog");

        Assert.Equal([RowsEventKind.Insert, RowsEventKind.Update, RowsEventKind.Delete], rows.Select(r => r.Kind));
        Assert.All(rows, r => Assert.Equal("shop.items", r.Table.QualifiedName));
        Assert.All(rows, r => Assert.Equal(18UL, r.TableId));
        Assert.All(rows, r => Assert.True(r.IsStatementEnd));

        var insert = rows[0];
        Assert.Equal(BinlogEventType.WriteRowsV1, insert.EventType);
        Assert.Equal(2, insert.Rows.Count);
        var apple = insert.Rows[0].After!;
        Assert.Equal(5, apple.Count);
        Assert.Equal(1L, apple[0]); // INT as long
        Assert.Equal("apple", apple[1]);
        Assert.Equal(10L, apple[2]); // BIGINT UNSIGNED, read as signed: this TABLE_MAP carries no signedness metadata
        Assert.Equal(1.5, apple[3]);
        Assert.Null(apple[4]);
        Assert.True(apple.IsPresent(4));
        var pear = insert.Rows[1].After!;
        Assert.Equal("pear", pear[1]);
        Assert.Equal(2.25, pear[3]);
        Assert.Equal("ripe"u8.ToArray(), pear[4]); // TEXT without charset metadata comes as bytes

        var update = Assert.Single(rows[1].Rows);
        Assert.Equal(10L, update.Before![2]);
        Assert.Equal(11L, update.After![2]);
        Assert.Equal("apple", update.After[1]);

        var delete = Assert.Single(rows[2].Rows);
        Assert.Null(delete.After);
        Assert.Equal(2L, delete.Before![0]);
    }

    [Fact]
    public void Mariadb_minimal_row_image_from_the_fixture()
    {
        // mariadb-minimal-xa.binlog: binlog_row_image=MINIMAL, no checksums. The UPDATE's before image holds only
        // the key k, its after image only the changed b; the DELETE's image only k.
        var rows = RowsEventsOf("mariadb-minimal-xa.binlog");

        Assert.Equal([RowsEventKind.Insert, RowsEventKind.Update, RowsEventKind.Delete, RowsEventKind.Insert], rows.Select(r => r.Kind));
        Assert.Equal(2, rows[0].Rows.Count);

        var update = rows[1];
        Assert.Equal([true, false, false], update.ColumnsPresent);
        Assert.Equal([false, false, true], update.ColumnsPresentAfter!);
        var change = Assert.Single(update.Rows);
        Assert.Equal(1L, change.Before![0]);
        Assert.False(change.Before.IsPresent(1));
        Assert.False(change.After!.IsPresent(0));
        Assert.Equal("uno", change.After[2]);

        var delete = Assert.Single(rows[2].Rows);
        Assert.Equal(2L, delete.Before![0]);
        Assert.False(delete.Before.IsPresent(2));

        var xaInsert = Assert.Single(rows[3].Rows);
        Assert.Equal("three", xaInsert.After![2]);
    }

    [Fact]
    public void Mariadb_compressed_rows_from_the_fixture()
    {
        // mariadb-compressed.binlog: WRITE/UPDATE/DELETE_ROWS_COMPRESSED_EVENT_V1 (166..168); the column count and
        // bitmaps are plain, the rows are zlib data behind the 0x81 header byte and a 1-byte length.
        var rows = RowsEventsOf("mariadb-compressed.binlog");

        Assert.Equal(
            [BinlogEventType.MariaDbWriteRowsCompressedV1, BinlogEventType.MariaDbWriteRowsCompressedV1, BinlogEventType.MariaDbUpdateRowsCompressedV1, BinlogEventType.MariaDbDeleteRowsCompressedV1],
            rows.Select(r => r.EventType));
        var first = Assert.Single(rows[0].Rows).After!;
        Assert.Equal(7UL, first[0]); // id INT UNSIGNED
        Assert.Equal("abcd", first[1]);
        Assert.Equal("hello compressed world", first[2]);
        Assert.Equal("happy", first[3]); // ENUM by name, from the ENUM_STR_VALUE metadata
        Assert.Equal("a,c", first[4]); // SET by names
        Assert.Null(first[5]);
        Assert.Equal(-5L, first[6]);

        Assert.Equal(2, rows[2].Rows.Count);
        Assert.Equal(-4L, rows[2].Rows[0].After![6]);
        Assert.Equal(301L, rows[2].Rows[1].After![6]);
        Assert.Equal(new string('x', 40), Assert.Single(rows[3].Rows).Before![2]);
    }

    [Fact]
    public void Mariadb_compressed_rows_with_the_v2_post_header()
    {
        // WRITE_ROWS_COMPRESSED_EVENT (169): MariaDB's FORMAT_DESCRIPTION gives it the 10-byte v2 post-header.
        // The table is `shop`.`items` from mariadb-basic.binlog (table id 18: INT, VARCHAR(32), BIGINT, DOUBLE, TEXT).
        var decoder = MariaDbDecoder();
        decoder.Decode(Fixtures.Events("mariadb-basic.binlog")[10]);
        var rows = Concat(
            [0b1_0000], // NULL bitmap: note is NULL
            U32(5), [1], Ascii("z"), U64(8), BitConverter.GetBytes(0.25));
        var body = Concat(
            U64(18)[..6], U16(RowsEvent.StatementEndFlag), U16(2), // table id, flags, extra data length (none)
            [5], [0b1_1111], // column count, columns present
            [0x81, (byte)rows.Length], Zlib(rows)); // zlib, 1 length byte, the uncompressed length, zlib data

        var decoded = Assert.IsType<RowsEvent>(decoder.Decode(Build(BinlogEventType.MariaDbWriteRowsCompressed, body)));

        Assert.Equal(RowsEventKind.Insert, decoded.Kind);
        var row = Assert.Single(decoded.Rows).After!;
        Assert.Equal(5L, row[0]);
        Assert.Equal("z", row[1]);
        Assert.Equal(8L, row[2]);
        Assert.Equal(0.25, row[3]);
        Assert.Null(row[4]);
    }

    [Fact]
    public void Compressed_rows_shorter_than_declared_are_accepted_and_longer_rejected()
    {
        var decoder = MariaDbDecoder();
        decoder.Decode(Fixtures.Events("mariadb-basic.binlog")[10]);
        var rows = Concat([0b1_0110], U32(6), U64(9)); // name, qty and note NULL; id 6, price (8 bytes)
        byte[] Event(int declared) => Build(BinlogEventType.MariaDbWriteRowsCompressedV1, Concat(
            U64(18)[..6], U16(0), [5], [0b1_1111], [0x81, (byte)declared], Zlib(rows)));

        var decoded = Assert.IsType<RowsEvent>(decoder.Decode(Event(rows.Length + 3)));
        Assert.Equal(6L, Assert.Single(decoded.Rows).After![0]);

        var ex = Assert.Throws<MySqlDecodingException>(() => decoder.Decode(Event(rows.Length - 1)));
        Assert.Contains("found more", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(data);
        return output.ToArray();
    }

    private static List<RowsEvent> RowsEventsOf(string fixture)
    {
        var decoder = new BinlogEventDecoder();
        var rows = new List<RowsEvent>();
        foreach (var bytes in Fixtures.Events(fixture))
        {
            if (decoder.Decode(bytes) is RowsEvent rowsEvent)
                rows.Add(rowsEvent);
        }

        return rows;
    }
}
