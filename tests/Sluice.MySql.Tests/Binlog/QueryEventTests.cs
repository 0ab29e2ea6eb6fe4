using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using static Sluice.MySql.Tests.Binlog.EventBytes;

namespace Sluice.MySql.Tests.Binlog;

public sealed class QueryEventTests
{
    [Fact]
    public void Decodes_post_header_status_variables_schema_and_statement()
    {
        var statusVariables = Hex(
            "00 00000000" + // Q_FLAGS2_CODE, 4 bytes
            "01 0000000000000000" + // Q_SQL_MODE_CODE, 8 bytes
            "06 03 646566" + // Q_CATALOG_NZ_CODE, length 3, "def"
            "04 2100 2100 0800"); // Q_CHARSET_CODE: client 33 (utf8mb3), connection 33, server 8
        var body = Concat(
            U32(77), // thread id
            U32(2), // execution time
            [4], // schema length
            U16(0), // error code
            U16((ushort)statusVariables.Length), // status variables length
            statusVariables,
            Ascii("shop"), [0], // schema, NUL
            "CREATE TABLE t (c VARCHAR(3) DEFAULT 'é')"u8.ToArray()); // statement to the end

        var query = Assert.IsType<QueryEvent>(MySqlDecoder().Decode(Build(BinlogEventType.Query, body)));

        Assert.Equal(77u, query.ThreadId);
        Assert.Equal(2u, query.ExecutionTime);
        Assert.Equal(0, query.ErrorCode);
        Assert.Equal("shop", query.Schema);
        Assert.Equal("CREATE TABLE t (c VARCHAR(3) DEFAULT 'é')", query.Query);
        Assert.Equal(statusVariables, query.StatusVariables.ToArray());
    }

    [Fact]
    public void Statement_in_latin1_is_read_as_windows_1252()
    {
        var statusVariables = Hex("04 0800 0800 0800"); // Q_CHARSET_CODE: client latin1_swedish_ci
        var body = Concat(U32(1), U32(0), [0], U16(0), U16((ushort)statusVariables.Length), statusVariables, [0],
            Ascii("SELECT '"), [0xE9, 0x80], Ascii("'")); // é and € in Windows-1252

        var query = Assert.IsType<QueryEvent>(MySqlDecoder().Decode(Build(BinlogEventType.Query, body)));

        Assert.Equal("", query.Schema);
        Assert.Equal("SELECT 'é€'", query.Query);
    }

    [Fact]
    public void Schema_without_its_nul_is_a_decoding_error()
    {
        var body = Concat(U32(1), U32(0), [4], U16(0), U16(0), Ascii("shopXBEGIN"));

        var ex = Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.Query, body)));

        Assert.Contains("Query (type 2)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(19 + 13 + 4, ex.Offset);
    }

    [Fact]
    public void Status_variables_longer_than_the_event_are_a_decoding_error()
    {
        var body = Concat(U32(1), U32(0), [0], U16(0), U16(500), [0], Ascii("BEGIN"));

        Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.Query, body)));
    }

    [Fact]
    public void Decodes_mariadb_query_from_the_fixture()
    {
        // mariadb-basic.binlog at 546: the CREATE TABLE of items, default schema "shop".
        var decoder = MariaDbDecoder();
        var query = Assert.IsType<QueryEvent>(decoder.Decode(Fixtures.Events("mariadb-basic.binlog")[7]));

        Assert.Equal("shop", query.Schema);
        Assert.Equal("CREATE TABLE items (id INT NOT NULL PRIMARY KEY, name VARCHAR(32), qty BIGINT UNSIGNED, price DOUBLE, note TEXT)", query.Query);
        Assert.Equal(5u, query.ThreadId);
        Assert.Equal(734u, query.Header.LogPosition);
    }

    [Fact]
    public void Decompresses_mariadb_query_compressed_from_the_fixture()
    {
        // mariadb-compressed.binlog at 431: QUERY_COMPRESSED_EVENT (165) whose statement is zlib data after the
        // header byte 0x82 (zlib, 2 length bytes) and the length 0x0147 = 327.
        var decoder = MariaDbDecoder();
        var bytes = Fixtures.Events("mariadb-compressed.binlog")[5];
        Assert.Equal((byte)BinlogEventType.MariaDbQueryCompressed, bytes[4]);

        var query = Assert.IsType<QueryEvent>(decoder.Decode(bytes));

        Assert.Equal(BinlogEventType.MariaDbQueryCompressed, query.EventType);
        Assert.Equal("shop", query.Schema);
        Assert.Equal(327, query.Query.Length);
        Assert.StartsWith("CREATE TABLE profiles (\n  id INT UNSIGNED NOT NULL,", query.Query, StringComparison.Ordinal);
        Assert.EndsWith(") DEFAULT CHARSET = utf8mb3", query.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Compressed_statement_with_a_false_length_is_a_decoding_error()
    {
        // Header 0x84: four length bytes claiming 1 GiB from a few bytes of zlib data.
        var body = Concat(U32(1), U32(0), [0], U16(0), U16(0), [0], Hex("84 40000000 789C0300000000 01"));

        var ex = Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.MariaDbQueryCompressed, body)));

        Assert.Contains("MariaDbQueryCompressed (type 165)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compressed_statement_with_corrupt_zlib_data_is_a_decoding_error()
    {
        var body = Concat(U32(1), U32(0), [0], U16(0), U16(0), [0], Hex("81 05 789C FFFFFFFFFFFF"));

        Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.MariaDbQueryCompressed, body)));
    }
}
