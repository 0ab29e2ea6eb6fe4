using System.Text.Json;

namespace Sluice.ChangeFeed.Codecs.Debezium;

/// <summary>The fixed parts of a debezium value schema: the "source" block, "op", "ts_ms" and "transaction".</summary>
/// <remarks>https://debezium.io/documentation/reference/stable/connectors/mysql.html#mysql-change-event-values</remarks>
internal static class DebeziumEnvelopeSchema
{
    /// <summary>The schema of the "source" block (TiCDC leaves its own commit_ts and cluster_id out of it).</summary>
    public static void WriteSource(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "struct");
        json.WriteStartArray("fields");
        Field(json, "string", false, "version");
        Field(json, "string", false, "connector");
        Field(json, "string", false, "name");
        Field(json, "int64", false, "ts_ms");
        json.WriteStartObject();
        json.WriteString("type", "string");
        json.WriteBoolean("optional", true);
        json.WriteString("name", "io.debezium.data.Enum");
        json.WriteNumber("version", 1);
        json.WriteStartObject("parameters");
        json.WriteString("allowed", "true,last,false,incremental");
        json.WriteEndObject();
        json.WriteString("default", "false");
        json.WriteString("field", "snapshot");
        json.WriteEndObject();
        Field(json, "string", false, "db");
        Field(json, "string", true, "sequence");
        Field(json, "string", true, "table");
        Field(json, "int64", false, "server_id");
        Field(json, "string", true, "gtid");
        Field(json, "string", false, "file");
        Field(json, "int64", false, "pos");
        Field(json, "int32", false, "row");
        Field(json, "int64", true, "thread");
        Field(json, "string", true, "query");
        json.WriteEndArray();
        json.WriteBoolean("optional", false);
        json.WriteString("name", "io.debezium.connector.mysql.Source");
        json.WriteString("field", "source");
        json.WriteEndObject();
    }

    /// <summary>"op", the connector's "ts_ms" and the "transaction" block, which close every envelope schema.</summary>
    public static void WriteTail(Utf8JsonWriter json)
    {
        Field(json, "string", false, "op");
        Field(json, "int64", true, "ts_ms");
        json.WriteStartObject();
        json.WriteString("type", "struct");
        json.WriteStartArray("fields");
        Field(json, "string", false, "id");
        Field(json, "int64", false, "total_order");
        Field(json, "int64", false, "data_collection_order");
        json.WriteEndArray();
        json.WriteBoolean("optional", true);
        json.WriteString("name", "event.block");
        json.WriteNumber("version", 1);
        json.WriteString("field", "transaction");
        json.WriteEndObject();
    }

    public static void Field(Utf8JsonWriter json, string type, bool optional, string field)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteBoolean("optional", optional);
        json.WriteString("field", field);
        json.WriteEndObject();
    }
}
