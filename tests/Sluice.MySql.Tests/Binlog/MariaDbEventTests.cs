using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using static Sluice.MySql.Tests.Binlog.EventBytes;

namespace Sluice.MySql.Tests.Binlog;

public sealed class MariaDbEventTests
{
    [Fact]
    public void Gtid_of_a_ddl_from_the_fixture()
    {
        // mariadb-basic.binlog at 375: "GTID 0-3307-1 ddl": sequence 1, domain 0, flags 0x29
        // (STANDALONE | ALLOW_PARALLEL | DDL), then 6 bytes of padding.
        var gtid = Assert.IsType<MariaDbGtidEvent>(MariaDbDecoder().Decode(Fixtures.Events("mariadb-basic.binlog")[4]));

        Assert.Equal(new MariaDbGtid(0, 3307, 1), gtid.Gtid);
        Assert.Equal(0x29, gtid.Flags);
        Assert.True(gtid.IsStandalone);
        Assert.True(gtid.IsDdl);
        Assert.Null(gtid.CommitId);
        Assert.Null(gtid.Xid);
    }

    [Fact]
    public void Gtid_with_group_commit_id()
    {
        var body = Concat(
            U64(1234), // sequence number
            U32(5), // domain id
            [MariaDbGtidEvent.GroupCommitIdFlag | MariaDbGtidEvent.TransactionalFlag], // flags
            U64(987)); // commit id

        var gtid = Assert.IsType<MariaDbGtidEvent>(MariaDbDecoder().Decode(Build(BinlogEventType.MariaDbGtid, body)));

        Assert.Equal(new MariaDbGtid(5, EventBytes.ServerId, 1234), gtid.Gtid);
        Assert.Equal(987UL, gtid.CommitId);
        Assert.False(gtid.IsStandalone);
    }

    [Fact]
    public void Gtid_of_xa_prepare_and_commit_from_the_fixture()
    {
        // mariadb-minimal-xa.binlog at 1221: GTID 0-3307-20, flags 0x4C (PREPARED_XA | ALLOW_PARALLEL |
        // TRANSACTIONAL), XID format 7, gtrid "trx1", bqual "branch"; at 1570 the XA COMMIT's GTID 0-3307-21,
        // flags 0x8D (COMPLETED_XA | ... | STANDALONE), the same XID.
        var decoder = MariaDbDecoder();
        var gtids = new List<MariaDbGtidEvent>();
        foreach (var bytes in Fixtures.Events("mariadb-minimal-xa.binlog"))
        {
            if (decoder.Decode(bytes) is MariaDbGtidEvent gtid && gtid.Xid is not null)
                gtids.Add(gtid);
        }

        Assert.Equal(2, gtids.Count);
        Assert.Equal(new MariaDbGtid(0, 3307, 20), gtids[0].Gtid);
        Assert.Equal(0x4C, gtids[0].Flags);
        Assert.Equal(7, gtids[0].Xid!.FormatId);
        Assert.Equal(Ascii("trx1"), gtids[0].Xid!.GlobalTransactionId);
        Assert.Equal(Ascii("branch"), gtids[0].Xid!.BranchQualifier);
        Assert.Equal(new MariaDbGtid(0, 3307, 21), gtids[1].Gtid);
        Assert.Equal(0x8D, gtids[1].Flags);
        Assert.Equal(Ascii("trx1"), gtids[1].Xid!.GlobalTransactionId);
    }

    [Fact]
    public void Gtid_list_from_the_fixture()
    {
        // mariadb-compressed.binlog at 256: count 1 (no flags), then domain 0, server 3307, sequence 10.
        var list = Assert.IsType<MariaDbGtidListEvent>(MariaDbDecoder().Decode(Fixtures.Events("mariadb-compressed.binlog")[1]));

        Assert.Equal([new MariaDbGtid(0, 3307, 10)], list.GtidList.Gtids);
        Assert.Equal(0u, list.Flags);
    }

    [Fact]
    public void Gtid_list_with_flags_in_the_top_bits()
    {
        var body = Concat(
            U32((2u << 28) | 2), // count 2, flags 2 in the top 4 bits
            U32(1), U32(100), U64(7), // 1-100-7
            U32(2), U32(200), U64(9)); // 2-200-9

        var list = Assert.IsType<MariaDbGtidListEvent>(MariaDbDecoder().Decode(Build(BinlogEventType.MariaDbGtidList, body)));

        Assert.Equal([new MariaDbGtid(1, 100, 7), new MariaDbGtid(2, 200, 9)], list.GtidList.Gtids);
        Assert.Equal(2u, list.Flags);
    }

    [Fact]
    public void Gtid_list_counting_more_than_it_holds_is_a_decoding_error() =>
        Assert.Throws<MySqlDecodingException>(() => MariaDbDecoder().Decode(Build(BinlogEventType.MariaDbGtidList, Concat(U32(3), U32(1), U32(100), U64(7)))));

    [Fact]
    public void Binlog_checkpoint_from_the_fixture()
    {
        // mariadb-basic.binlog at 285: file name length 18, "mariadb-bin.000001".
        var checkpoint = Assert.IsType<BinlogCheckpointEvent>(MariaDbDecoder().Decode(Fixtures.Events("mariadb-basic.binlog")[2]));

        Assert.Equal("mariadb-bin.000001", checkpoint.FileName);
    }

    [Fact]
    public void Annotate_rows_from_the_fixture()
    {
        // mariadb-basic.binlog at 776 (event 9): the statement is the whole body.
        var annotate = Assert.IsType<AnnotateRowsEvent>(MariaDbDecoder().Decode(Fixtures.Events("mariadb-basic.binlog")[9]));

        Assert.Equal("INSERT INTO items VALUES (1, 'apple', 10, 1.5, NULL), (2, 'pear', 20, 2.25, 'ripe')", annotate.Query);
    }
}
