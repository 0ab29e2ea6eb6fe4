namespace Sluice.MySql.Binlog.Events;

/// <summary>One decoded binlog event. Subclasses carry the body of each event type.</summary>
public abstract class BinlogEvent
{
    protected BinlogEvent(BinlogEventHeader header)
    {
        Header = header;
    }

    public BinlogEventHeader Header { get; }

    public BinlogEventType EventType => Header.EventType;
}
