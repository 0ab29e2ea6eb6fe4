using System.Text.Json;
using System.Text.Json.Serialization;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Processing;

/// <summary>The captured tables' structures as the JSON a checkpoint keeps, and back.</summary>
internal static class TableStructureJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(IEnumerable<ChangeTable> tables) =>
        JsonSerializer.Serialize(tables.Select(t => new TableRecord(t.Schema, t.Name, t.Version.Value, t.TableId, t.Columns)).ToList(), Options);

    /// <exception cref="JsonException">Not what <see cref="Write"/> writes.</exception>
    public static IReadOnlyList<ChangeTable> Read(string json) =>
        (JsonSerializer.Deserialize<List<TableRecord>>(json, Options) ?? [])
            .Select(r => new ChangeTable(r.Schema, r.Name, r.Columns, new Tso(r.Version), r.TableId))
            .ToList();

    /// <summary>The information_schema view of a structure, as the binlog client takes it.</summary>
    public static TableSchema ToSchema(ChangeTable table) => new(
        table.Schema,
        table.Name,
        table.Columns.Select(c => new TableSchemaColumn(
            c.Name,
            c.DataType,
            c.ColumnTypeText,
            c.Charset,
            c.Collation,
            c.IsNullable,
            c.IsPrimaryKey ? "PRI" : (c.Key & ColumnKeyFlags.UniqueKey) != 0 ? "UNI" : (c.Key & ColumnKeyFlags.MultipleKey) != 0 ? "MUL" : string.Empty)).ToList());

    private sealed record TableRecord(string Schema, string Name, ulong Version, long TableId, IReadOnlyList<ChangeColumn> Columns);
}
