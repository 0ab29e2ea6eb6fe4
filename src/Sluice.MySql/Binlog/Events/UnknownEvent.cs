namespace Sluice.MySql.Binlog.Events;

/// <summary>An event type this decoder does not interpret; its body is passed through untouched, never fatal.</summary>
public sealed class UnknownEvent(BinlogEventHeader header, ReadOnlyMemory<byte> body) : BinlogEvent(header)
{
    /// <summary>The event body after the common header, without the checksum.</summary>
    public ReadOnlyMemory<byte> Body { get; } = body;
}
