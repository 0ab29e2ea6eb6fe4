namespace Sluice.MySql.Binlog.Events;

/// <summary>INTVAR_EVENT: LAST_INSERT_ID or INSERT_ID for the next statement.</summary>
public sealed class IntVarEvent(BinlogEventHeader header, IntVarKind kind, ulong value) : BinlogEvent(header)
{
    public IntVarKind Kind { get; } = kind;

    public ulong Value { get; } = value;
}

public enum IntVarKind : byte
{
    Invalid = 0,
    LastInsertId = 1,
    InsertId = 2,
}
