using System.Buffers;
using System.Text;
using System.Text.Json;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs.Avro;

/// <summary>
/// The Avro record schemas of a table version: the key (handle key columns) and the value (every column, plus
/// _tidb_op, _tidb_commit_ts and _tidb_commit_physical_time with enable-tidb-extension). Nullable columns are a union
/// with "null" first and a null default.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-avro-protocol#definition-of-the-data-format</remarks>
internal static class AvroSchemaBuilder
{
    public const string TidbOp = "_tidb_op";
    public const string TidbCommitTs = "_tidb_commit_ts";
    public const string TidbCommitPhysicalTime = "_tidb_commit_physical_time";

    public static string Build(ChangeTable table, IReadOnlyList<int> columns, bool tidbExtension, EncoderOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "record");
            json.WriteString("name", AvroNames.Sanitize(table.Name));
            json.WriteString("namespace", AvroNames.Namespace(table.Schema));
            json.WriteStartArray("fields");
            foreach (var i in columns)
                WriteField(json, table.Columns[i], options);
            if (tidbExtension)
            {
                Extension(json, TidbOp, "string", () => json.WriteString("default", string.Empty));
                Extension(json, TidbCommitTs, "long", () => json.WriteNumber("default", 0));
                Extension(json, TidbCommitPhysicalTime, "long", () => json.WriteNumber("default", 0));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteField(Utf8JsonWriter json, ChangeColumn column, EncoderOptions options)
    {
        var type = AvroColumnType.Of(column, DecimalAsString(options), BigintUnsignedAsString(options));
        json.WriteStartObject();
        json.WriteString("name", AvroNames.Sanitize(column.Name));
        if (column.IsNullable)
        {
            json.WriteStartArray("type");
            json.WriteStringValue("null");
            WriteType(json, type);
            json.WriteEndArray();
            json.WriteNull("default");
        }
        else
        {
            json.WritePropertyName("type");
            WriteType(json, type);
        }

        json.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter json, AvroColumnType type)
    {
        json.WriteStartObject();
        json.WriteString("type", type.AvroType);
        json.WriteStartObject("connect.parameters");
        foreach (var (name, value) in type.ExtraParameters)
            json.WriteString(name, value);
        json.WriteString("tidb_type", type.TidbType);
        json.WriteEndObject();
        if (type.IsDecimal)
        {
            json.WriteString("logicalType", "decimal");
            json.WriteNumber("precision", type.DecimalPrecision!.Value);
            json.WriteNumber("scale", type.DecimalScale!.Value);
        }

        json.WriteEndObject();
    }

    private static void Extension(Utf8JsonWriter json, string name, string type, Action writeDefault)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("type", type);
        writeDefault();
        json.WriteEndObject();
    }

    public static bool DecimalAsString(EncoderOptions options) =>
        string.Equals(options.AvroDecimalHandlingMode, "string", StringComparison.OrdinalIgnoreCase);

    public static bool BigintUnsignedAsString(EncoderOptions options) =>
        string.Equals(options.AvroBigintUnsignedHandlingMode, "string", StringComparison.OrdinalIgnoreCase);
}
