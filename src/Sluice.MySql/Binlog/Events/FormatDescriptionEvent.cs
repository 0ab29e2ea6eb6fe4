namespace Sluice.MySql.Binlog.Events;

/// <summary>FORMAT_DESCRIPTION_EVENT: starts every binlog file; tells header lengths and the checksum algorithm.</summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Format__description__event.html</remarks>
public sealed class FormatDescriptionEvent(
    BinlogEventHeader header,
    ushort binlogVersion,
    string serverVersion,
    uint createTimestamp,
    byte commonHeaderLength,
    byte[] postHeaderLengths,
    BinlogChecksumAlgorithm checksumAlgorithm) : BinlogEvent(header)
{
    public ushort BinlogVersion { get; } = binlogVersion;

    public string ServerVersion { get; } = serverVersion;

    public uint CreateTimestamp { get; } = createTimestamp;

    public byte CommonHeaderLength { get; } = commonHeaderLength;

    /// <summary>Post-header length per event type, indexed by type code - 1.</summary>
    public byte[] PostHeaderLengths { get; } = postHeaderLengths;

    public BinlogChecksumAlgorithm ChecksumAlgorithm { get; } = checksumAlgorithm;

    /// <summary>Post-header length for an event type, or null when the table does not cover it.</summary>
    public byte? PostHeaderLength(BinlogEventType type)
    {
        var index = (int)type - 1;
        return index >= 0 && index < PostHeaderLengths.Length ? PostHeaderLengths[index] : null;
    }
}
