namespace Sluice.MySql.Binlog;

/// <summary>The 19-byte common header of every binlog event (binlog version 4).</summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_replication_binlog_event.html#sect_protocol_replication_binlog_event_header</remarks>
/// <param name="Timestamp">Seconds since the epoch when the statement began.</param>
/// <param name="EventType">Type code; may be a value the enum does not name.</param>
/// <param name="ServerId">server_id of the server that wrote the event.</param>
/// <param name="EventSize">Size of the whole event including header and checksum.</param>
/// <param name="LogPosition">Position of the next event in the file (0 for artificial events).</param>
/// <param name="Flags">LOG_EVENT_* flags.</param>
public readonly record struct BinlogEventHeader(
    uint Timestamp,
    BinlogEventType EventType,
    uint ServerId,
    uint EventSize,
    uint LogPosition,
    ushort Flags)
{
    public const int Size = 19;

    /// <summary>LOG_EVENT_ARTIFICIAL_F: made up by the server for the stream (a fake ROTATE, for one).</summary>
    public const ushort ArtificialFlag = 0x20;

    public bool IsArtificial => (Flags & ArtificialFlag) != 0;

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Timestamp);
}
