using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Positions;
using Sluice.MySql.Replication;

namespace Sluice.MySql.Tests.Replication;

public sealed class StreamPositionTrackerTests
{
    private static BinlogEventHeader Header(BinlogEventType type, uint end, ushort flags = 0) => new(0, type, 1, 10, end, flags);

    [Fact]
    public void Mariadb_transaction_advances_the_checkpoint_and_gtid_only_at_its_xid()
    {
        var tracker = new StreamPositionTracker(BinlogCheckpoint.At(new BinlogPosition("binlog.000001", 4)) with { MariaDbGtids = MariaDbGtidList.Parse("0-1-5") });
        tracker.Observe(new MariaDbGtidEvent(Header(BinlogEventType.MariaDbGtid, 100), new MariaDbGtid(0, 1, 6), 0, null));
        tracker.Observe(new QueryEvent(Header(BinlogEventType.Query, 150), 0, 0, 0, default, "s", "INSERT INTO t VALUES (1)"));

        Assert.False(tracker.IsAtTransactionBoundary);
        Assert.Equal("binlog.000001:4", tracker.Checkpoint.Position.ToString());
        Assert.Equal("binlog.000001:150", tracker.Current.ToString());

        tracker.Observe(new XidEvent(Header(BinlogEventType.Xid, 300), 9));
        Assert.True(tracker.IsAtTransactionBoundary);
        Assert.Equal("binlog.000001:300", tracker.Checkpoint.Position.ToString());
        Assert.Equal("0-1-6", tracker.Checkpoint.MariaDbGtids!.ToString());
    }

    [Fact]
    public void Standalone_ddl_is_a_transaction_of_its_own()
    {
        var tracker = new StreamPositionTracker(BinlogCheckpoint.At(new BinlogPosition("binlog.000002", 4)) with { MariaDbGtids = MariaDbGtidList.Empty });
        tracker.Observe(new MariaDbGtidEvent(Header(BinlogEventType.MariaDbGtid, 50), new MariaDbGtid(0, 1, 1), MariaDbGtidEvent.StandaloneFlag, null));
        Assert.False(tracker.IsAtTransactionBoundary);
        tracker.Observe(new QueryEvent(Header(BinlogEventType.Query, 120), 0, 0, 0, default, "s", "CREATE TABLE t (id INT)"));
        Assert.True(tracker.IsAtTransactionBoundary);
        Assert.Equal("0-1-1", tracker.Checkpoint.MariaDbGtids!.ToString());
        Assert.Equal("binlog.000002:120", tracker.Checkpoint.Position.ToString());
    }

    [Fact]
    public void Mysql_gtid_with_begin_and_commit_adds_to_the_executed_set()
    {
        var uuid = Guid.Parse("3e11fa47-71ca-11e1-9e33-c80aa9429562");
        var tracker = new StreamPositionTracker(BinlogCheckpoint.At(GtidSet.Parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5")));
        tracker.Observe(new GtidEvent(Header(BinlogEventType.Gtid, 100), 0, uuid, 6, null, null, null, null, null));
        tracker.Observe(new QueryEvent(Header(BinlogEventType.Query, 150), 0, 0, 0, default, "s", "BEGIN"));
        tracker.Observe(new QueryEvent(Header(BinlogEventType.Query, 200), 0, 0, 0, default, "s", "INSERT INTO t VALUES (1)"));
        Assert.Equal("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5", tracker.Checkpoint.GtidSet!.ToString());
        tracker.Observe(new QueryEvent(Header(BinlogEventType.Query, 250), 0, 0, 0, default, "s", "COMMIT"));
        Assert.Equal("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-6", tracker.Checkpoint.GtidSet!.ToString());
    }

    [Fact]
    public void A_real_rotate_moves_the_checkpoint_to_the_next_file_and_a_heartbeat_moves_nothing()
    {
        var tracker = new StreamPositionTracker(BinlogCheckpoint.At(new BinlogPosition("binlog.000001", 4)));
        tracker.Observe(new RotateEvent(Header(BinlogEventType.Rotate, 500), 4, "binlog.000002"));
        Assert.Equal("binlog.000002:4", tracker.Checkpoint.Position.ToString());
        tracker.Observe(new HeartbeatEvent(Header(BinlogEventType.Heartbeat, 999, BinlogEventHeader.ArtificialFlag), "binlog.000002", null));
        Assert.Equal("binlog.000002:4", tracker.Current.ToString());
    }
}
