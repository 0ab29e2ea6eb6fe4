using Sluice.MySql.Positions;

namespace Sluice.MySql.Binlog.Events;

/// <summary>MariaDB's GTID_LIST_EVENT: the binlog state at the start of a file.</summary>
public sealed class MariaDbGtidListEvent(BinlogEventHeader header, MariaDbGtidList gtidList, uint flags) : BinlogEvent(header)
{
    public MariaDbGtidList GtidList { get; } = gtidList;

    public uint Flags { get; } = flags;
}
