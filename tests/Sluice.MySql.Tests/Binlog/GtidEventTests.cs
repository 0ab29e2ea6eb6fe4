using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using static Sluice.MySql.Tests.Binlog.EventBytes;

namespace Sluice.MySql.Tests.Binlog;

public sealed class GtidEventTests
{
    private const string Uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    // The source UUID as MySQL writes it: its 16 bytes in the order the text shows them.
    private static readonly byte[] UuidBytes = Hex("3e11fa4771ca11e19e33c80aa9429562");

    [Fact]
    public void Decodes_a_mysql_8_gtid_event()
    {
        var body = Concat(
            [0x01], // flags: FLAG_MAY_HAVE_SBR... (commit flag)
            UuidBytes, // source id
            U64(23), // GNO
            [0x02], // logical timestamp type code
            U64(10), // last_committed
            U64(11), // sequence_number
            Hex("40E20100008080"), // immediate commit timestamp, 7 bytes with bit 55 set: an original one follows
            Hex("00E20100000000"), // original commit timestamp, 7 bytes
            [0xFC, 0x10, 0x27], // transaction length: packed integer 0xFC + 2 bytes = 10000
            Hex("B4380100")); // immediate server version 80052 (not kept)

        var gtid = Assert.IsType<GtidEvent>(MySqlDecoder().Decode(Build(BinlogEventType.Gtid, body)));

        Assert.Equal(Guid.Parse(Uuid), gtid.SourceId);
        Assert.Equal(23L, gtid.TransactionNumber);
        Assert.Equal($"{Uuid}:23", gtid.Gtid);
        Assert.Equal(1, gtid.Flags);
        Assert.Equal(10L, gtid.LastCommitted);
        Assert.Equal(11L, gtid.SequenceNumber);
        Assert.Equal(0x80000001E240UL, gtid.ImmediateCommitTimestamp);
        Assert.Equal(0x1E200UL, gtid.OriginalCommitTimestamp);
        Assert.Equal(10000UL, gtid.TransactionLength);
        Assert.False(gtid.IsAnonymous);
    }

    [Fact]
    public void Without_original_timestamp_bit_both_timestamps_are_the_immediate_one()
    {
        var body = Concat([0x00], UuidBytes, U64(5), [0x02], U64(1), U64(2), Hex("01020304050607"));

        var gtid = Assert.IsType<GtidEvent>(MySqlDecoder().Decode(Build(BinlogEventType.Gtid, body)));

        Assert.Equal(0x07060504030201UL, gtid.ImmediateCommitTimestamp);
        Assert.Equal(0x07060504030201UL, gtid.OriginalCommitTimestamp);
        Assert.Null(gtid.TransactionLength);
    }

    [Fact]
    public void Mysql_5_6_gtid_event_stops_after_the_gno()
    {
        var body = Concat([0x01], UuidBytes, U64(9));

        var gtid = Assert.IsType<GtidEvent>(MySqlDecoder().Decode(Build(BinlogEventType.Gtid, body)));

        Assert.Equal(9L, gtid.TransactionNumber);
        Assert.Null(gtid.LastCommitted);
        Assert.Null(gtid.SequenceNumber);
        Assert.Null(gtid.ImmediateCommitTimestamp);
    }

    [Fact]
    public void Anonymous_gtid_event()
    {
        var body = Concat([0x01], new byte[16], U64(0), [0x02], U64(3), U64(4));

        var gtid = Assert.IsType<GtidEvent>(MySqlDecoder().Decode(Build(BinlogEventType.AnonymousGtid, body)));

        Assert.True(gtid.IsAnonymous);
        Assert.Equal(Guid.Empty, gtid.SourceId);
        Assert.Equal(0L, gtid.TransactionNumber);
        Assert.Equal(4L, gtid.SequenceNumber);
    }

    [Fact]
    public void Wrong_logical_timestamp_type_code_is_a_decoding_error()
    {
        var body = Concat([0x01], UuidBytes, U64(9), [0x03], U64(1), U64(2));

        var ex = Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.Gtid, body)));

        Assert.Equal(19 + 25, ex.Offset);
    }

    [Fact]
    public void Decodes_previous_gtids()
    {
        var body = Concat(
            U64(1), // one source
            UuidBytes,
            U64(2), // two intervals
            U64(1), U64(101), // [1, 101): 1-100
            U64(200), U64(201)); // [200, 201): 200

        var previous = Assert.IsType<PreviousGtidsEvent>(MySqlDecoder().Decode(Build(BinlogEventType.PreviousGtids, body)));

        Assert.Equal($"{Uuid}:1-100:200", previous.GtidSet.ToString());
    }

    [Fact]
    public void Empty_previous_gtids()
    {
        var previous = Assert.IsType<PreviousGtidsEvent>(MySqlDecoder().Decode(Build(BinlogEventType.PreviousGtids, U64(0))));

        Assert.Equal(string.Empty, previous.GtidSet.ToString());
    }

    [Fact]
    public void Previous_gtids_counting_more_sources_than_bytes_is_a_decoding_error()
    {
        var body = Concat(U64(1_000_000), UuidBytes, U64(0));

        Assert.Throws<MySqlDecodingException>(() => MySqlDecoder().Decode(Build(BinlogEventType.PreviousGtids, body)));
    }
}
