namespace Sluice.MySql.Binlog.Rows;

/// <summary>A table's columns as information_schema.COLUMNS describes them, in ordinal order.</summary>
public sealed record TableSchema(string SchemaName, string TableName, IReadOnlyList<TableSchemaColumn> Columns);

/// <summary>One row of information_schema.COLUMNS.</summary>
/// <param name="Name">COLUMN_NAME.</param>
/// <param name="DataType">DATA_TYPE, e.g. "int", "enum", "varchar".</param>
/// <param name="ColumnTypeText">COLUMN_TYPE, e.g. "int(10) unsigned", "enum('a','b')".</param>
/// <param name="CharacterSetName">CHARACTER_SET_NAME, null for non-text columns.</param>
/// <param name="CollationName">COLLATION_NAME, null for non-text columns.</param>
/// <param name="IsNullable">IS_NULLABLE = 'YES'.</param>
/// <param name="ColumnKey">COLUMN_KEY: "PRI", "UNI", "MUL" or "".</param>
public sealed record TableSchemaColumn(
    string Name,
    string DataType,
    string ColumnTypeText,
    string? CharacterSetName,
    string? CollationName,
    bool IsNullable,
    string ColumnKey);
