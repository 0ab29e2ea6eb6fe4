using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sluice.MySql.Binlog.Rows;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Schema;

/// <summary>
/// A source table's structure as the schema tracker knows it at some point of the binlog: its CREATE TABLE and its
/// columns in ordinal order (what the row events of that point are decoded with).
/// </summary>
/// <param name="CreateTable">The CREATE TABLE statement, naming the table unqualified.</param>
public sealed record TrackedTable(TableName Name, string CreateTable, IReadOnlyList<TableSchemaColumn> Columns)
{
    // Readable in the checkpoint table (backticks and quotes as they are): the text goes into a JSON column, never into HTML.
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private TableSchema? _schema;

    /// <summary>The columns as the binlog decoder takes them.</summary>
    public TableSchema TableSchema => _schema ??= new TableSchema(Name.Schema, Name.Table, Columns);

    /// <summary>The checkpoint's <c>table_info</c> JSON of this structure.</summary>
    public string ToTableInfo() =>
        JsonSerializer.Serialize(
            new TableInfo(CreateTable, [.. Columns.Select(c => new ColumnInfoJson(c.Name, c.DataType, c.ColumnTypeText, c.CharacterSetName, c.CollationName, c.IsNullable, c.ColumnKey))]),
            Json);

    /// <summary>The structure a checkpoint's <c>table_info</c> holds; null for the empty document (<c>{}</c>) of a table with none.</summary>
    /// <exception cref="MigrationException">The JSON is not a table_info this version wrote.</exception>
    public static TrackedTable? FromTableInfo(TableName name, string tableInfo)
    {
        ArgumentNullException.ThrowIfNull(tableInfo);
        TableInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<TableInfo>(tableInfo, Json);
        }
        catch (JsonException ex)
        {
            throw new MigrationException($"the checkpoint's table_info of {name} is not valid: {ex.Message}", null, ex);
        }

        if (info?.CreateTable is null || info.Columns is null)
            return null;
        return new TrackedTable(
            name,
            info.CreateTable,
            [.. info.Columns.Select(c => new TableSchemaColumn(c.Name, c.DataType, c.ColumnType, c.Charset, c.Collation, c.Nullable, c.Key ?? string.Empty))]);
    }

    private sealed record TableInfo(string? CreateTable, IReadOnlyList<ColumnInfoJson>? Columns);

    private sealed record ColumnInfoJson(string Name, string DataType, string ColumnType, string? Charset, string? Collation, bool Nullable, string? Key);
}
