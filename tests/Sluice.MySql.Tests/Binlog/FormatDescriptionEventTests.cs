using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;

namespace Sluice.MySql.Tests.Binlog;

public sealed class FormatDescriptionEventTests
{
    [Fact]
    public void Decodes_mariadb_format_description_from_the_fixture()
    {
        // First event of mariadb-basic.binlog (MariaDB 10.11.19): 252 bytes, post-header lengths for types 1..171.
        var decoder = new BinlogEventDecoder();
        var fde = Assert.IsType<FormatDescriptionEvent>(decoder.Decode(Fixtures.Events("mariadb-basic.binlog")[0]));

        Assert.Equal(4, fde.BinlogVersion);
        Assert.Equal("10.11.19-MariaDB-0+deb12u1-log", fde.ServerVersion);
        Assert.Equal(19, fde.CommonHeaderLength);
        Assert.Equal(BinlogChecksumAlgorithm.Crc32, fde.ChecksumAlgorithm);
        Assert.Equal(171, fde.PostHeaderLengths.Length);
        Assert.Equal((byte)13, fde.PostHeaderLength(BinlogEventType.Query));
        Assert.Equal((byte)8, fde.PostHeaderLength(BinlogEventType.TableMap));
        Assert.Equal((byte)19, fde.PostHeaderLength(BinlogEventType.MariaDbGtid));
        Assert.Equal((byte)10, fde.PostHeaderLength(BinlogEventType.MariaDbWriteRowsCompressed));
        Assert.Equal(3307u, fde.Header.ServerId);
        Assert.Equal(256u, fde.Header.LogPosition);
        Assert.True(decoder.IsMariaDb);
        Assert.Equal(BinlogChecksumAlgorithm.Crc32, decoder.ChecksumAlgorithm);
        Assert.Same(fde, decoder.FormatDescription);
    }

    [Fact]
    public void Decodes_mysql_format_description()
    {
        var decoder = new BinlogEventDecoder();
        var fde = Assert.IsType<FormatDescriptionEvent>(decoder.Decode(EventBytes.MySqlFormatDescription()));

        Assert.Equal("8.0.36", fde.ServerVersion);
        Assert.Equal(EventBytes.Timestamp, fde.CreateTimestamp);
        Assert.Equal(41, fde.PostHeaderLengths.Length);
        Assert.Equal((byte)42, fde.PostHeaderLength(BinlogEventType.Gtid));
        Assert.Equal((byte)10, fde.PostHeaderLength(BinlogEventType.WriteRowsV2));
        Assert.Null(fde.PostHeaderLength(BinlogEventType.MariaDbGtid));
        Assert.Equal(BinlogChecksumAlgorithm.Crc32, fde.ChecksumAlgorithm);
        Assert.False(decoder.IsMariaDb);
    }

    [Fact]
    public void Checksum_off_format_description_still_ends_with_algorithm_and_checksum_slot()
    {
        var decoder = new BinlogEventDecoder();
        var fde = Assert.IsType<FormatDescriptionEvent>(decoder.Decode(EventBytes.MySqlFormatDescription(crc32: false)));

        Assert.Equal(BinlogChecksumAlgorithm.None, fde.ChecksumAlgorithm);
        Assert.Equal(41, fde.PostHeaderLengths.Length);
        Assert.Equal(BinlogChecksumAlgorithm.None, decoder.ChecksumAlgorithm);

        // The events after it carry no checksum: an XID body of exactly 8 bytes.
        var xid = Assert.IsType<XidEvent>(decoder.Decode(EventBytes.Build(BinlogEventType.Xid, EventBytes.U64(77), checksum: false)));
        Assert.Equal(77UL, xid.Xid);
    }

    [Fact]
    public void Format_description_of_an_open_file_verifies_with_the_in_use_flag_cleared()
    {
        // LOG_EVENT_BINLOG_IN_USE_F (0x01) is set in the FDE of a file being written and cleared on close, without
        // recomputing the checksum: the checksum is always of the event with the flag clear.
        var closed = EventBytes.MySqlFormatDescription();
        var open = (byte[])closed.Clone();
        open[17] |= 0x01;

        var fde = new BinlogEventDecoder().Decode(open);

        Assert.Equal(0x01, fde.Header.Flags & 0x01);
    }

    [Fact]
    public void Older_server_without_checksum_support_has_no_algorithm_byte()
    {
        // MySQL 5.5: the post-header lengths run to the end of the event.
        var body = EventBytes.Concat(EventBytes.U16(4), Version("5.5.62"), EventBytes.U32(0), [19], [56, 13, 0, 8, 0, 18, 0, 4, 4, 4, 4, 18, 0, 0, 0, 0, 4, 26, 8, 0, 0, 0, 8, 8, 8, 2, 0]);
        var decoder = new BinlogEventDecoder();
        var fde = Assert.IsType<FormatDescriptionEvent>(decoder.Decode(EventBytes.Build(BinlogEventType.FormatDescription, body, checksum: false)));

        Assert.Equal(27, fde.PostHeaderLengths.Length);
        Assert.Equal(BinlogChecksumAlgorithm.Undefined, fde.ChecksumAlgorithm);
        Assert.Equal(BinlogChecksumAlgorithm.None, decoder.ChecksumAlgorithm);
    }

    [Fact]
    public void Unknown_checksum_algorithm_is_a_decoding_error()
    {
        var bytes = EventBytes.MySqlFormatDescription(crc32: false);
        bytes[^5] = 7;

        var ex = Assert.Throws<MySqlDecodingException>(() => new BinlogEventDecoder().Decode(bytes));

        Assert.Contains("FormatDescription", ex.Message, StringComparison.Ordinal);
        Assert.Contains("found 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_format_description_forgets_table_maps()
    {
        var decoder = EventBytes.MySqlDecoder();
        decoder.Decode(TableMapEventTests.SimpleTableMap(tableId: 5));
        Assert.True(decoder.TryGetTableMap(5, out _));

        decoder.Decode(EventBytes.MySqlFormatDescription());

        Assert.False(decoder.TryGetTableMap(5, out _));
    }

    private static byte[] Version(string version)
    {
        var bytes = new byte[50];
        EventBytes.Ascii(version).CopyTo(bytes, 0);
        return bytes;
    }
}
