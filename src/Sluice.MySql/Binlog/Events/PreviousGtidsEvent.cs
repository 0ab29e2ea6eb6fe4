using Sluice.MySql.Positions;

namespace Sluice.MySql.Binlog.Events;

/// <summary>PREVIOUS_GTIDS_LOG_EVENT: the GTIDs executed before this MySQL binlog file.</summary>
public sealed class PreviousGtidsEvent(BinlogEventHeader header, GtidSet gtidSet) : BinlogEvent(header)
{
    public GtidSet GtidSet { get; } = gtidSet;
}
