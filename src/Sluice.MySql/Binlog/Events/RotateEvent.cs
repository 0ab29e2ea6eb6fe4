namespace Sluice.MySql.Binlog.Events;

/// <summary>ROTATE_EVENT: the next events come from <see cref="NextFileName"/> at <see cref="Position"/>.
/// A fake rotate (artificial flag, log position 0) is sent by the server at the start of a stream.</summary>
public sealed class RotateEvent(BinlogEventHeader header, ulong position, string nextFileName) : BinlogEvent(header)
{
    public ulong Position { get; } = position;

    public string NextFileName { get; } = nextFileName;

    /// <summary>True for the rotate a server makes up at the start of a dump rather than one written in a file.</summary>
    public bool IsFake => Header.IsArtificial || Header.LogPosition == 0;
}
