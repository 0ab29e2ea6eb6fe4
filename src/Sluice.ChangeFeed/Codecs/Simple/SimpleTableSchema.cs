using System.Globalization;
using System.Text.Json;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Codecs.Simple;

/// <summary>
/// The simple protocol's TableSchema: schema, table, tableID, version, columns (name, dataType {mysqlType, charset,
/// collate, length, decimal, elements, unsigned, zerofill}, nullable, default) and indexes.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-simple-protocol#tableschema-definition</remarks>
internal static class SimpleTableSchema
{
    public static void Write(Utf8JsonWriter json, string property, ChangeTable table)
    {
        json.WriteStartObject(property);
        json.WriteString("schema", table.Schema);
        json.WriteString("table", table.Name);
        json.WriteNumber("tableID", table.TableId);
        json.WriteNumber("version", table.Version.Value);
        json.WriteStartArray("columns");
        foreach (var column in table.Columns)
            WriteColumn(json, column);
        json.WriteEndArray();
        json.WriteStartArray("indexes");
        var primary = table.Columns.Where(c => c.IsPrimaryKey).ToList();
        if (primary.Count > 0)
        {
            // Only the primary key is known from the captured structure; other indexes are not part of it.
            json.WriteStartObject();
            json.WriteString("name", "primary");
            json.WriteBoolean("unique", true);
            json.WriteBoolean("primary", true);
            json.WriteBoolean("nullable", false);
            json.WriteStartArray("columns");
            foreach (var column in primary)
                json.WriteStringValue(column.Name);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteColumn(Utf8JsonWriter json, ChangeColumn column)
    {
        json.WriteStartObject();
        json.WriteString("name", column.Name);
        json.WriteStartObject("dataType");
        json.WriteString("mysqlType", column.DataType.ToLowerInvariant());
        var text = IsText(column);
        json.WriteString("charset", text ? column.Charset : "binary");
        json.WriteString("collate", text ? column.Collation : "binary");
        var length = Length(column);
        if (length != 0)
            json.WriteNumber("length", length);
        var decimals = Decimal(column);
        if (decimals != 0)
            json.WriteNumber("decimal", decimals);
        if (column.Members is { Count: > 0 } members)
        {
            json.WriteStartArray("elements");
            foreach (var member in members)
                json.WriteStringValue(member);
            json.WriteEndArray();
        }

        if (column.IsUnsigned)
            json.WriteBoolean("unsigned", true);
        if (column.ColumnTypeText.Contains("zerofill", StringComparison.OrdinalIgnoreCase))
            json.WriteBoolean("zerofill", true);
        json.WriteEndObject();
        json.WriteBoolean("nullable", column.IsNullable);

        // The captured structure carries no default values.
        json.WriteNull("default");
        json.WriteEndObject();
    }

    private static bool IsText(ChangeColumn column) => !column.IsBinary && column.Charset is not null;

    /// <summary>TiDB's field length (flen): the display width, the declared length, or the type's default.</summary>
    private static long Length(ChangeColumn column)
    {
        var unsigned = column.IsUnsigned ? 1 : 0;
        return column.Type switch
        {
            ColumnType.Tiny => DisplayWidth(column) ?? 4 - unsigned,
            ColumnType.Short => DisplayWidth(column) ?? 6 - unsigned,
            ColumnType.Int24 => DisplayWidth(column) ?? 9 - unsigned,
            ColumnType.Long => DisplayWidth(column) ?? 11 - unsigned,
            ColumnType.LongLong => DisplayWidth(column) ?? 20,
            ColumnType.Float => 12,
            ColumnType.Double => 22,
            ColumnType.NewDecimal or ColumnType.Decimal => column.Precision,
            ColumnType.Date or ColumnType.NewDate => 10,
            ColumnType.DateTime or ColumnType.DateTime2 or ColumnType.Timestamp or ColumnType.Timestamp2 =>
                19 + (column.Precision > 0 ? column.Precision + 1 : 0),
            ColumnType.Time or ColumnType.Time2 => 10 + (column.Precision > 0 ? column.Precision + 1 : 0),
            ColumnType.Year => 4,
            ColumnType.Bit => column.Length > 0 ? column.Length : 1,
            ColumnType.VarChar or ColumnType.VarString or ColumnType.String => column.Length,
            ColumnType.Blob or ColumnType.TinyBlob or ColumnType.MediumBlob or ColumnType.LongBlob => column.DataType.ToLowerInvariant() switch
            {
                "tinytext" or "tinyblob" => 255,
                "mediumtext" or "mediumblob" => 16_777_215,
                "longtext" or "longblob" => 4_294_967_295,
                _ => 65_535,
            },
            _ => 0,
        };
    }

    /// <summary>DECIMAL's scale, the fsp of temporal types (FLOAT and DOUBLE have none in the schema).</summary>
    private static int Decimal(ChangeColumn column) => column.Type switch
    {
        ColumnType.NewDecimal or ColumnType.Decimal => column.Scale,
        ColumnType.DateTime or ColumnType.DateTime2 or ColumnType.Timestamp or ColumnType.Timestamp2 or ColumnType.Time
            or ColumnType.Time2 => column.Precision,
        _ => 0,
    };

    private static int? DisplayWidth(ChangeColumn column)
    {
        var text = column.ColumnTypeText;
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.IndexOf(')', StringComparison.Ordinal);
        return open >= 0 && close > open && int.TryParse(text.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
    }
}
