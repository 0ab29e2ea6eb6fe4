namespace Sluice.MySql.Binlog.Events;

/// <summary>USER_VAR_EVENT: a user variable used by the next statement.</summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1User__var__event.html</remarks>
public sealed class UserVarEvent(
    BinlogEventHeader header,
    string name,
    bool isNull,
    UserVarType valueType,
    uint collationId,
    object? value,
    byte flags) : BinlogEvent(header)
{
    public string Name { get; } = name;

    public bool IsNull { get; } = isNull;

    public UserVarType ValueType { get; } = valueType;

    public uint CollationId { get; } = collationId;

    /// <summary>string, double, long/ulong (per the unsigned flag) or a decimal's text; null when <see cref="IsNull"/>.</summary>
    public object? Value { get; } = value;

    /// <summary>User var flags; bit 0 set means an unsigned integer.</summary>
    public byte Flags { get; } = flags;
}

/// <summary>Item_result of the value.</summary>
public enum UserVarType : byte
{
    String = 0,
    Real = 1,
    Int = 2,
    Row = 3,
    Decimal = 4,
}
