namespace Sluice.MySql.Binlog.Events;

/// <summary>RAND_EVENT: the seeds of RAND() for the next statement.</summary>
public sealed class RandEvent(BinlogEventHeader header, ulong seed1, ulong seed2) : BinlogEvent(header)
{
    public ulong Seed1 { get; } = seed1;

    public ulong Seed2 { get; } = seed2;
}
