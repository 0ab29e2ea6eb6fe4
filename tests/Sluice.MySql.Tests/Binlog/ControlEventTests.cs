using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using static Sluice.MySql.Tests.Binlog.EventBytes;

namespace Sluice.MySql.Tests.Binlog;

public sealed class ControlEventTests
{
    [Fact]
    public void Rotate()
    {
        var body = Concat(
            U64(4), // position of the first event in the next file
            Ascii("binlog.000002")); // next file name, to the end of the body (no NUL)

        var rotate = Assert.IsType<RotateEvent>(MySqlDecoder().Decode(Build(BinlogEventType.Rotate, body, logPosition: 3000)));

        Assert.Equal(4UL, rotate.Position);
        Assert.Equal("binlog.000002", rotate.NextFileName);
        Assert.False(rotate.IsFake);
        Assert.Equal(3000u, rotate.Header.LogPosition);
        Assert.Equal(EventBytes.Timestamp, rotate.Header.Timestamp);
        Assert.Equal(EventBytes.ServerId, rotate.Header.ServerId);
    }

    [Fact]
    public void Xid() =>
        Assert.Equal(0x0102030405060708UL, Assert.IsType<XidEvent>(MySqlDecoder().Decode(Build(BinlogEventType.Xid, Hex("0807060504030201")))).Xid);

    [Fact]
    public void Stop() =>
        Assert.IsType<StopEvent>(MySqlDecoder().Decode(Build(BinlogEventType.Stop, [])));

    [Theory]
    [InlineData(1, IntVarKind.LastInsertId)]
    [InlineData(2, IntVarKind.InsertId)]
    public void IntVar(byte code, IntVarKind kind)
    {
        var body = Concat([code], U64(12345)); // type (1), value (8)

        var intVar = Assert.IsType<IntVarEvent>(MySqlDecoder().Decode(Build(BinlogEventType.IntVar, body)));

        Assert.Equal(kind, intVar.Kind);
        Assert.Equal(12345UL, intVar.Value);
    }

    [Fact]
    public void IntVar_with_an_unknown_type_is_a_decoding_error() =>
        Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.IntVar, Concat([9], U64(1)))));

    [Fact]
    public void Rand()
    {
        var body = Concat(U64(963160456), U64(638549333)); // seed1 (8), seed2 (8)

        var rand = Assert.IsType<RandEvent>(MySqlDecoder().Decode(Build(BinlogEventType.Rand, body)));

        Assert.Equal(963160456UL, rand.Seed1);
        Assert.Equal(638549333UL, rand.Seed2);
    }

    [Fact]
    public void Heartbeat_v1_takes_the_position_from_the_header()
    {
        // The body is the current file name; the header's log position is where the server is.
        var heartbeat = Assert.IsType<HeartbeatEvent>(MySqlDecoder().Decode(Build(BinlogEventType.Heartbeat, Ascii("binlog.000041"), logPosition: 8192)));

        Assert.Equal("binlog.000041", heartbeat.FileName);
        Assert.Equal(8192UL, heartbeat.Position);
    }

    [Fact]
    public void Heartbeat_v2_reads_its_fields()
    {
        var body = Concat(
            [0x01, 0x0D], Ascii("binlog.000041"), // field 1 (file name), 13 bytes
            [0x07, 0x02, 0xAB, 0xCD], // field 7 (unknown to us), 2 bytes: skipped
            [0x02, 0x04, 0xFD, 0x15, 0xCD, 0x5B], // field 2 (position), 4 bytes: packed integer 0xFD + 3 bytes = 0x5BCD15
            [0x00]); // end mark

        var heartbeat = Assert.IsType<HeartbeatEvent>(MySqlDecoder().Decode(Build(BinlogEventType.HeartbeatV2, body, logPosition: 0)));

        Assert.Equal("binlog.000041", heartbeat.FileName);
        Assert.Equal(0x5BCD15UL, heartbeat.Position);
    }

    [Fact]
    public void Heartbeat_v2_field_longer_than_the_body_is_a_decoding_error() =>
        Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.HeartbeatV2, [0x01, 0x40, 0x61, 0x62])));

    [Fact]
    public void Rows_query()
    {
        // binlog_rows_query_log_events: a length byte (ignored: it is truncated at 255), then the statement.
        var body = Concat([0x1A], Ascii("INSERT INTO t VALUES (1,2)"));

        var rowsQuery = Assert.IsType<RowsQueryEvent>(MySqlDecoder().Decode(Build(BinlogEventType.RowsQuery, body)));

        Assert.Equal("INSERT INTO t VALUES (1,2)", rowsQuery.Query);
    }

    [Theory]
    [InlineData(BinlogEventType.MariaDbStartEncryption)]
    [InlineData(BinlogEventType.TransactionPayload)]
    [InlineData(BinlogEventType.TransactionContext)]
    [InlineData(BinlogEventType.ViewChange)]
    [InlineData(BinlogEventType.XaPrepare)]
    [InlineData(BinlogEventType.Incident)]
    [InlineData(BinlogEventType.PartialUpdateRows)]
    [InlineData((BinlogEventType)42)]
    [InlineData((BinlogEventType)200)]
    public void Other_types_pass_through_as_unknown_with_their_body(BinlogEventType type)
    {
        var body = Hex("DEADBEEF0001");

        var unknown = Assert.IsType<UnknownEvent>(MySqlDecoder().Decode(Build(type, body)));

        Assert.Equal(type, unknown.EventType);
        Assert.Equal(body, unknown.Body.ToArray());
    }
}
