using Sluice.MySql.Binlog.Rows;

namespace Sluice.MySql.Binlog.Events;

/// <summary>
/// WRITE/UPDATE/DELETE_ROWS v1 and v2 (and MariaDB's compressed forms, decompressed): the row images of one
/// statement on one table.
/// </summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Rows__event.html</remarks>
public sealed class RowsEvent(
    BinlogEventHeader header,
    RowsEventKind kind,
    ulong tableId,
    ushort flags,
    TableMapEvent table,
    bool[] columnsPresent,
    bool[]? columnsPresentAfter,
    IReadOnlyList<RowChange> rows) : BinlogEvent(header)
{
    /// <summary>STMT_END_F: the last row event of the statement.</summary>
    public const ushort StatementEndFlag = 0x0001;

    public RowsEventKind Kind { get; } = kind;

    public ulong TableId { get; } = tableId;

    public ushort Flags { get; } = flags;

    /// <summary>The TABLE_MAP this event refers to.</summary>
    public TableMapEvent Table { get; } = table;

    /// <summary>Columns in the image (the before image, for UPDATE); fewer than all under binlog_row_image MINIMAL or NOBLOB.</summary>
    public bool[] ColumnsPresent { get; } = columnsPresent;

    /// <summary>Columns in the after image of an UPDATE; null otherwise.</summary>
    public bool[]? ColumnsPresentAfter { get; } = columnsPresentAfter;

    public IReadOnlyList<RowChange> Rows { get; } = rows;

    public bool IsStatementEnd => (Flags & StatementEndFlag) != 0;
}

public enum RowsEventKind : byte
{
    Insert = 1,
    Update = 2,
    Delete = 3,
}

/// <summary>One changed row: Before is set for UPDATE and DELETE, After for INSERT and UPDATE.</summary>
public readonly record struct RowChange(RowImage? Before, RowImage? After);
