using System.Globalization;
using System.Text.Json;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Codecs.Debezium;

/// <summary>
/// The Kafka Connect schema of one column in a debezium message's "schema" part: Debezium's MySQL type mapping as
/// TiCDC writes it (TINYINT int16, INT int32 or int64 when unsigned, DECIMAL double, DATETIME
/// io.debezium.time.Timestamp/MicroTimestamp, TIMESTAMP io.debezium.time.ZonedTimestamp, ENUM io.debezium.data.Enum …).
/// </summary>
/// <remarks>https://debezium.io/documentation/reference/stable/connectors/mysql.html#mysql-data-types</remarks>
internal static class DebeziumFieldSchema
{
    public static void Write(Utf8JsonWriter json, ChangeColumn column)
    {
        json.WriteStartObject();
        var optional = column.IsNullable;
        switch (column.Type)
        {
            case ColumnType.Bit when BitLength(column) == 1:
                Plain(json, "boolean", optional);
                break;
            case ColumnType.Bit:
                Named(json, "bytes", optional, "io.debezium.data.Bits");
                json.WriteStartObject("parameters");
                json.WriteString("length", BitLength(column).ToString(CultureInfo.InvariantCulture));
                json.WriteEndObject();
                break;
            case ColumnType.Enum:
                Named(json, "string", optional, "io.debezium.data.Enum");
                Allowed(json, column, escapeCommas: true);
                break;
            case ColumnType.Set:
                Named(json, "string", optional, "io.debezium.data.EnumSet");
                Allowed(json, column, escapeCommas: false);
                break;
            case ColumnType.Date or ColumnType.NewDate:
                Named(json, "int32", optional, "io.debezium.time.Date");
                break;
            case ColumnType.DateTime or ColumnType.DateTime2:
                Named(json, "int64", optional, column.Precision <= 3 ? "io.debezium.time.Timestamp" : "io.debezium.time.MicroTimestamp");
                break;
            case ColumnType.Timestamp or ColumnType.Timestamp2:
                Named(json, "string", optional, "io.debezium.time.ZonedTimestamp");
                break;
            case ColumnType.Time or ColumnType.Time2:
                Named(json, "int64", optional, "io.debezium.time.MicroTime");
                break;
            case ColumnType.Json:
                Named(json, "string", optional, "io.debezium.data.Json");
                break;
            case ColumnType.Year:
                Named(json, "int32", optional, "io.debezium.time.Year");
                break;
            default:
                Plain(json, PlainType(column), optional);
                break;
        }

        json.WriteString("field", column.Name);
        json.WriteEndObject();
    }

    /// <summary>The declared bits of a BIT column (1 when the declaration is unknown, as MySQL's default).</summary>
    public static int BitLength(ChangeColumn column)
    {
        if (column.Length > 0)
            return column.Length;
        var text = column.ColumnTypeText;
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.IndexOf(')', StringComparison.Ordinal);
        return open >= 0 && close > open && int.TryParse(text.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : 1;
    }

    private static string PlainType(ChangeColumn column) => column.Type switch
    {
        ColumnType.Tiny => "int16",
        ColumnType.Short => column.IsUnsigned ? "int32" : "int16",
        ColumnType.Int24 => "int32",
        ColumnType.Long => column.IsUnsigned ? "int64" : "int32",
        ColumnType.LongLong => "int64",
        ColumnType.Float => "float",
        ColumnType.Double or ColumnType.NewDecimal or ColumnType.Decimal => "double",

        // Text and binary strings alike: TiCDC writes bytes as base64 text (Debezium's binary.handling.mode=base64).
        _ => "string",
    };

    private static void Plain(Utf8JsonWriter json, string type, bool optional)
    {
        json.WriteString("type", type);
        json.WriteBoolean("optional", optional);
    }

    private static void Named(Utf8JsonWriter json, string type, bool optional, string name)
    {
        Plain(json, type, optional);
        json.WriteString("name", name);
        json.WriteNumber("version", 1);
    }

    private static void Allowed(Utf8JsonWriter json, ChangeColumn column, bool escapeCommas)
    {
        var members = column.Members ?? [];
        json.WriteStartObject("parameters");
        json.WriteString("allowed", string.Join(',', members.Select(m => escapeCommas ? EscapeMember(m) : m)));
        json.WriteEndObject();
    }

    /// <summary>A member's commas escaped so that "allowed" splits back into the members (Debezium's DDL parser does the same).</summary>
    public static string EscapeMember(string member) =>
        member.Replace(",", "\\,", StringComparison.Ordinal).Replace("\\'", "'", StringComparison.Ordinal).Replace("''", "'", StringComparison.Ordinal);
}
