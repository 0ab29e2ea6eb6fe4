namespace Sluice.MySql.Binlog.Events;

/// <summary>MySQL's GTID_LOG_EVENT or ANONYMOUS_GTID_LOG_EVENT: starts a transaction.</summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Gtid__event.html</remarks>
public sealed class GtidEvent(
    BinlogEventHeader header,
    byte flags,
    Guid sourceId,
    long transactionNumber,
    long? lastCommitted,
    long? sequenceNumber,
    ulong? immediateCommitTimestamp,
    ulong? originalCommitTimestamp,
    ulong? transactionLength) : BinlogEvent(header)
{
    public byte Flags { get; } = flags;

    /// <summary>The source server's UUID (parsed big-endian, so it prints as MySQL prints it).</summary>
    public Guid SourceId { get; } = sourceId;

    /// <summary>GNO; 0 for an anonymous transaction.</summary>
    public long TransactionNumber { get; } = transactionNumber;

    public long? LastCommitted { get; } = lastCommitted;

    public long? SequenceNumber { get; } = sequenceNumber;

    /// <summary>Microseconds since the epoch, when the server wrote it.</summary>
    public ulong? ImmediateCommitTimestamp { get; } = immediateCommitTimestamp;

    public ulong? OriginalCommitTimestamp { get; } = originalCommitTimestamp;

    public ulong? TransactionLength { get; } = transactionLength;

    public bool IsAnonymous => Header.EventType == BinlogEventType.AnonymousGtid;

    /// <summary>"uuid:gno" as MySQL prints a GTID.</summary>
    public string Gtid => $"{SourceId}:{TransactionNumber}";
}
