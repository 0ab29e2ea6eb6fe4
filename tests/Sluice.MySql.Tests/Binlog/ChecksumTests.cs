using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;

namespace Sluice.MySql.Tests.Binlog;

public sealed class ChecksumTests
{
    [Fact]
    public void Crc_mismatch_names_expected_and_found()
    {
        var xid = EventBytes.Build(BinlogEventType.Xid, EventBytes.U64(42));
        var computed = BitConverter.ToUInt32(xid, xid.Length - 4);
        xid[^1] ^= 0xFF;
        var found = BitConverter.ToUInt32(xid, xid.Length - 4);

        var ex = Assert.Throws<MySqlDecodingException>(() => EventBytes.MySqlDecoder().Decode(xid));

        Assert.Contains($"expected CRC32 0x{computed:X8}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"found 0x{found:X8}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Xid (type 16)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(xid.Length - 4, ex.Offset);
    }

    [Fact]
    public void Crc_mismatch_in_the_body_is_caught()
    {
        var xid = EventBytes.Build(BinlogEventType.Xid, EventBytes.U64(42));
        xid[20] ^= 0x01;

        Assert.Throws<MySqlDecodingException>(() => EventBytes.MySqlDecoder().Decode(xid));
    }

    [Fact]
    public void Verification_off_strips_the_checksum_without_checking_it()
    {
        var xid = EventBytes.Build(BinlogEventType.Xid, EventBytes.U64(42));
        xid[^1] ^= 0xFF;

        var decoded = Assert.IsType<XidEvent>(EventBytes.MySqlDecoder(verifyChecksums: false).Decode(xid));

        Assert.Equal(42UL, decoded.Xid);
    }

    [Fact]
    public void Format_description_crc_mismatch_is_caught()
    {
        var fde = EventBytes.MySqlFormatDescription();
        fde[30] ^= 0x20; // a byte of the server version

        var ex = Assert.Throws<MySqlDecodingException>(() => new BinlogEventDecoder().Decode(fde));

        Assert.Contains("checksum mismatch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_any_format_description_a_matching_crc_is_detected_and_stripped()
    {
        // A server's fake ROTATE comes before the FORMAT_DESCRIPTION: position 4, "binlog.000007", checksummed.
        var rotate = EventBytes.Build(BinlogEventType.Rotate, EventBytes.Concat(EventBytes.U64(4), EventBytes.Ascii("binlog.000007")), checksum: true, logPosition: 0, flags: 0x20);

        var decoded = Assert.IsType<RotateEvent>(new BinlogEventDecoder().Decode(rotate));

        Assert.Equal("binlog.000007", decoded.NextFileName);
        Assert.True(decoded.IsFake);
    }

    [Fact]
    public void Before_any_format_description_an_event_without_crc_keeps_its_bytes()
    {
        var rotate = EventBytes.Build(BinlogEventType.Rotate, EventBytes.Concat(EventBytes.U64(4), EventBytes.Ascii("binlog.000007")), checksum: false, logPosition: 0, flags: 0x20);

        var decoded = Assert.IsType<RotateEvent>(new BinlogEventDecoder().Decode(rotate));

        Assert.Equal("binlog.000007", decoded.NextFileName);
    }

    [Fact]
    public void A_known_initial_algorithm_is_used_before_the_format_description()
    {
        var rotate = EventBytes.Build(BinlogEventType.Rotate, EventBytes.Concat(EventBytes.U64(4), EventBytes.Ascii("binlog.000007")), checksum: false);

        var decoded = Assert.IsType<RotateEvent>(new BinlogEventDecoder(checksumAlgorithm: BinlogChecksumAlgorithm.None).Decode(rotate));

        Assert.Equal("binlog.000007", decoded.NextFileName);
        Assert.Throws<MySqlDecodingException>(() => new BinlogEventDecoder(checksumAlgorithm: BinlogChecksumAlgorithm.Crc32).Decode(rotate));
    }

    [Fact]
    public void Event_size_must_equal_the_bytes_given()
    {
        var xid = EventBytes.Build(BinlogEventType.Xid, EventBytes.U64(42));

        var ex = Assert.Throws<MySqlDecodingException>(() => EventBytes.MySqlDecoder().Decode(xid.AsSpan(0, xid.Length - 1)));

        Assert.Contains($"expected an event of {xid.Length} bytes", ex.Message, StringComparison.Ordinal);
        Assert.Throws<MySqlDecodingException>(() => EventBytes.MySqlDecoder().Decode(xid.AsSpan(0, 10)));
    }
}
