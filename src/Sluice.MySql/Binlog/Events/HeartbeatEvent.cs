namespace Sluice.MySql.Binlog.Events;

/// <summary>HEARTBEAT_LOG_EVENT (and v2): sent by the server when it has nothing to send for the heartbeat period.</summary>
public sealed class HeartbeatEvent(BinlogEventHeader header, string fileName, ulong? position) : BinlogEvent(header)
{
    /// <summary>The binlog file the server is currently sending from.</summary>
    public string FileName { get; } = fileName;

    /// <summary>The position (v2 only; for v1 it is the header's log position).</summary>
    public ulong Position { get; } = position ?? header.LogPosition;
}
