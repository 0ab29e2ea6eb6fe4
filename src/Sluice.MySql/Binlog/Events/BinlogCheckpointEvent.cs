namespace Sluice.MySql.Binlog.Events;

/// <summary>MariaDB's BINLOG_CHECKPOINT_EVENT: the oldest file still needed for crash recovery.</summary>
public sealed class BinlogCheckpointEvent(BinlogEventHeader header, string fileName) : BinlogEvent(header)
{
    public string FileName { get; } = fileName;
}
