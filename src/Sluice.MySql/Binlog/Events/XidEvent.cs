namespace Sluice.MySql.Binlog.Events;

/// <summary>XID_EVENT: commit of a transaction on a transactional engine.</summary>
public sealed class XidEvent(BinlogEventHeader header, ulong xid) : BinlogEvent(header)
{
    public ulong Xid { get; } = xid;
}
