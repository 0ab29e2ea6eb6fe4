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

    private TableMapEvent(BinlogEventHeader header, TableMapEvent same)
        : base(header)
    {
        TableId = same.TableId;
        Flags = same.Flags;
        SchemaName = same.SchemaName;
        TableName = same.TableName;
        ColumnTypes = same.ColumnTypes;
        ColumnMetadata = same.ColumnMetadata;
        Nullable = same.Nullable;
        OptionalMetadata = same.OptionalMetadata;
        Columns = same.Columns;
        HasSchemaColumns = same.HasSchemaColumns;
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
    public IReadOnlyList<ColumnInfo> Columns { get; private set; }

    /// <summary>True once <see cref="Columns"/> were built with a table schema from information_schema.</summary>
    internal bool HasSchemaColumns { get; private set; }

    public string QualifiedName => $"{SchemaName}.{TableName}";

    /// <summary>The same table map under a new header: a byte-identical repeat shares the decoded columns.</summary>
    internal TableMapEvent Repeat(BinlogEventHeader header) => new(header, this);

    /// <summary>Rebuilds <see cref="Columns"/> from the event and <paramref name="schema"/> (names, signedness, charsets, members).</summary>
    internal void UseSchema(TableSchema? schema)
    {
        Columns = ColumnInfo.Build(this, schema);
        HasSchemaColumns = schema is not null;
    }
}
