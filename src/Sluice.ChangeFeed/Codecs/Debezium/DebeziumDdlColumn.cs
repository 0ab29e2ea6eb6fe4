using System.Globalization;
using System.Text.Json;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Codecs.Debezium;

/// <summary>
/// One column of a schema-change message's table (io.debezium.connector.schema.Column): name, JDBC type, MySQL
/// type name and expression, charset, length, scale, position and nullability.
/// </summary>
/// <remarks>https://debezium.io/documentation/reference/stable/connectors/mysql.html#mysql-schema-change-topic</remarks>
internal static class DebeziumDdlColumn
{
    public static void Write(Utf8JsonWriter json, ChangeColumn column, int position)
    {
        json.WriteStartObject();
        json.WriteString("name", column.Name);
        json.WriteNumber("jdbcType", JdbcType(column));
        json.WriteNull("nativeType");
        json.WriteNull("comment");
        json.WriteNull("defaultValueExpression");
        if (column.Members is { Count: > 0 } members)
        {
            json.WriteStartArray("enumValues");
            foreach (var member in members)
                json.WriteStringValue($"'{member}'");
            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("enumValues");
        }

        var (name, expression) = TypeNameAndExpression(column);
        json.WriteString("typeName", name);
        json.WriteString("typeExpression", expression);
        if (Charset(column) is { } charset)
            json.WriteString("charsetName", charset);
        else
            json.WriteNull("charsetName");
        if (Length(column) is { } length)
            json.WriteNumber("length", length);
        else
            json.WriteNull("length");
        if (Scale(column) is { } scale)
            json.WriteNumber("scale", scale);
        else
            json.WriteNull("scale");
        json.WriteNumber("position", position);
        json.WriteBoolean("optional", column.IsNullable);
        json.WriteBoolean("autoIncremented", false);
        json.WriteBoolean("generated", false);
        json.WriteEndObject();
    }

    public static void WriteSchema(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("field", "columns");
        json.WriteBoolean("optional", false);
        json.WriteString("type", "array");
        json.WriteStartObject("items");
        json.WriteString("name", "io.debezium.connector.schema.Column");
        json.WriteBoolean("optional", false);
        json.WriteString("type", "struct");
        json.WriteNumber("version", 1);
        json.WriteStartArray("fields");
        Field(json, "name", false, "string");
        Field(json, "jdbcType", false, "int32");
        Field(json, "nativeType", true, "int32");
        Field(json, "typeName", false, "string");
        Field(json, "typeExpression", true, "string");
        Field(json, "charsetName", true, "string");
        Field(json, "length", true, "int32");
        Field(json, "scale", true, "int32");
        Field(json, "position", false, "int32");
        Field(json, "optional", true, "boolean");
        Field(json, "autoIncremented", true, "boolean");
        Field(json, "generated", true, "boolean");
        Field(json, "comment", true, "string");
        Field(json, "defaultValueExpression", true, "string");
        DebeziumSchemaChange.StringArray(json, "enumValues", optional: true);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Field(Utf8JsonWriter json, string field, bool optional, string type)
    {
        json.WriteStartObject();
        json.WriteString("field", field);
        json.WriteBoolean("optional", optional);
        json.WriteString("type", type);
        json.WriteEndObject();
    }

    /// <summary>java.sql.Types of the column, as MySQL Connector/J reports it.</summary>
    private static int JdbcType(ChangeColumn column) => column.Type switch
    {
        ColumnType.Tiny => -6,
        ColumnType.Short => 5,
        ColumnType.Int24 or ColumnType.Long or ColumnType.Year => 4,
        ColumnType.LongLong => -5,
        ColumnType.Float => 7,
        ColumnType.Double => 8,
        ColumnType.NewDecimal or ColumnType.Decimal => 3,
        ColumnType.Bit => -7,
        ColumnType.Date or ColumnType.NewDate => 91,
        ColumnType.Time or ColumnType.Time2 => 92,
        ColumnType.DateTime or ColumnType.DateTime2 => 93,
        ColumnType.Timestamp or ColumnType.Timestamp2 => 2014,
        ColumnType.String => column.IsBinary ? -2 : 1,
        ColumnType.VarChar or ColumnType.VarString => column.IsBinary ? -3 : 12,
        ColumnType.Blob or ColumnType.TinyBlob or ColumnType.MediumBlob or ColumnType.LongBlob => column.IsBinary ? 2004 : 2005,
        ColumnType.Enum or ColumnType.Set => 1,
        _ => 1111,
    };

    private static (string Name, string Expression) TypeNameAndExpression(ColumnType type, string dataType, bool unsigned, int precision, int scale)
    {
        var prefix = dataType.ToUpperInvariant();
        if (type is ColumnType.Year or ColumnType.Bit or ColumnType.VarChar or ColumnType.VarString or ColumnType.String
            or ColumnType.NewDecimal or ColumnType.Decimal)
        {
            return (prefix, prefix);
        }

        var suffix = unsigned ? " UNSIGNED" : string.Empty;
        var expression = type == ColumnType.Double && scale > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{prefix}({precision},{scale}){suffix}")
            : prefix + suffix;
        return (prefix + suffix, expression);
    }

    private static (string Name, string Expression) TypeNameAndExpression(ChangeColumn column) =>
        TypeNameAndExpression(column.Type, column.DataType, column.IsUnsigned, column.Precision, column.Scale);

    private static string? Charset(ChangeColumn column) =>
        column.Charset is { } charset && charset != "binary" && column.Type is ColumnType.String or ColumnType.VarChar
            or ColumnType.VarString or ColumnType.Blob or ColumnType.TinyBlob or ColumnType.MediumBlob or ColumnType.LongBlob
            or ColumnType.Enum or ColumnType.Set
            ? charset
            : null;

    /// <summary>Debezium's length: fsp of temporal types, declared lengths where they differ from the type's default.</summary>
    private static int? Length(ChangeColumn column) => column.Type switch
    {
        ColumnType.Timestamp or ColumnType.Timestamp2 or ColumnType.Time or ColumnType.Time2 or ColumnType.DateTime
            or ColumnType.DateTime2 => column.Precision,
        ColumnType.VarChar or ColumnType.VarString or ColumnType.String => column.Length > 0 ? column.Length : null,
        ColumnType.Bit => DebeziumFieldSchema.BitLength(column) is var bits && bits != 1 ? bits : null,
        ColumnType.Year => 4,
        ColumnType.NewDecimal or ColumnType.Decimal => column.Precision,
        ColumnType.Set => (2 * (column.Members?.Count ?? 0)) - 1,
        ColumnType.Enum => 1,
        _ => null,
    };

    private static int? Scale(ChangeColumn column) => column.Type switch
    {
        ColumnType.NewDecimal or ColumnType.Decimal => column.Scale,
        ColumnType.Float or ColumnType.Double when column.Scale > 0 => column.Scale,
        _ => null,
    };
}
