using Sluice.MySql.Binlog.Rows;

namespace Sluice.MySql.Binlog.Events;

/// <summary>TABLE_MAP_EVENT: binds a table id to a schema, table and column types for the row events after it.</summary>
/// <remarks>https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Table__map__event.html</remarks>
public sealed class TableMapEvent : BinlogEvent
{
    public TableMapEvent(
        BinlogEventHeader header,
        ulong tableId,
        ushort flags,
        string schemaName,
        string tableName,
        ColumnType[] columnTypes,
        ushort[] columnMetadata,
        bool[] nullable,
        TableMapMetadata? optionalMetadata)
        : base(header)
    {
        TableId = tableId;
        Flags = flags;
        SchemaName = schemaName;
        TableName = tableName;
        ColumnTypes = columnTypes;
        ColumnMetadata = columnMetadata;
        Nullable = nullable;
        OptionalMetadata = optionalMetadata;
        Columns = ColumnInfo.Build(this, null);
    }

    public ulong TableId { get; }

    public ushort Flags { get; }

    public string SchemaName { get; }

    public string TableName { get; }

    public int ColumnCount => ColumnTypes.Length;

    /// <summary>Column types as written (MYSQL_TYPE_STRING also stands for ENUM and SET; see <see cref="ColumnInfo"/>).</summary>
    public ColumnType[] ColumnTypes { get; }

    /// <summary>Per-column type metadata (length, precision, fsp, pack length, ...), 0 where the type has none.</summary>
    public ushort[] ColumnMetadata { get; }

    public bool[] Nullable { get; }

    /// <summary>MySQL 8 / MariaDB 10.5+ optional metadata (binlog_row_metadata), when present.</summary>
    public TableMapMetadata? OptionalMetadata { get; }

    /// <summary>
    /// How each column is decoded and named. Built from the event itself and replaced by the binlog client
    /// with a version enriched from the source's information_schema when the binlog carries no names.
    /// </summary>
    public IReadOnlyList<ColumnInfo> Columns { get; internal set; }

    public string QualifiedName => $"{SchemaName}.{TableName}";
}
