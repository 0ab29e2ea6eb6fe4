using System.Text.Json;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs.Debezium;

/// <summary>
/// A DDL statement as a debezium schema-change message: key {"databaseName"}, value with source, ts_ms, databaseName,
/// schemaName, ddl and tableChanges (CREATE/ALTER/DROP with the table's columns), each with its schema.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/dev/ticdc-debezium (DDL event) and
/// https://debezium.io/documentation/reference/stable/connectors/mysql.html#mysql-schema-change-topic</remarks>
internal static class DebeziumSchemaChange
{
    public static void WriteKey(Utf8JsonWriter json, string database)
    {
        json.WriteStartObject();
        json.WriteStartObject("payload");
        json.WriteString("databaseName", database);
        json.WriteEndObject();
        json.WriteStartObject("schema");
        json.WriteString("type", "struct");
        json.WriteString("name", "io.debezium.connector.mysql.SchemaChangeKey");
        json.WriteBoolean("optional", false);
        json.WriteNumber("version", 1);
        json.WriteStartArray("fields");
        DebeziumEnvelopeSchema.Field(json, "string", false, "databaseName");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter json, DdlEvent ddl, string clusterId, long nowMilliseconds)
    {
        var changeType = ChangeType(ddl);
        json.WriteStartObject();
        json.WriteStartObject("payload");
        DebeziumSource.Write(json, clusterId, ddl.CommitTs, ddl.Schema, ddl.Table);
        json.WriteNumber("ts_ms", nowMilliseconds);
        json.WriteString("databaseName", ddl.Schema);
        json.WriteNull("schemaName");
        json.WriteString("ddl", ddl.Query);
        json.WriteStartArray("tableChanges");
        if (!string.IsNullOrEmpty(ddl.Table) && ddl.ActionType != DdlActionType.TruncateTable)
            WriteTableChange(json, ddl, changeType);
        json.WriteEndArray();
        json.WriteEndObject();
        WriteValueSchema(json);
        json.WriteEndObject();
    }

    /// <summary>Debezium's kind of table change for TiDB's action type; TiCDC refuses the actions it cannot name.</summary>
    private static string ChangeType(DdlEvent ddl) => ddl.ActionType switch
    {
        DdlActionType.CreateSchema or DdlActionType.CreateTable or DdlActionType.CreateView => "CREATE",
        DdlActionType.DropSchema or DdlActionType.DropTable or DdlActionType.DropIndex or DdlActionType.DropView
            or DdlActionType.TruncateTable => "DROP",
        DdlActionType.AddColumn or DdlActionType.ModifyColumn or DdlActionType.DropColumn or DdlActionType.AddTablePartition
            or DdlActionType.TruncateTablePartition or DdlActionType.DropTablePartition or DdlActionType.RebaseAutoId
            or DdlActionType.SetDefaultValue or DdlActionType.ModifyTableComment or DdlActionType.ModifyTableCharsetAndCollate
            or DdlActionType.ModifySchemaCharsetAndCollate or DdlActionType.AddIndex or DdlActionType.RenameIndex
            or DdlActionType.RenameTable or DdlActionType.AddPrimaryKey or DdlActionType.DropPrimaryKey => "ALTER",
        _ => throw new ChangefeedException(
            "CDC:ErrDDLUnsupportType",
            $"the debezium protocol has no schema change for DDL type {ddl.ActionType} ({ddl.Query})",
            isRetryable: false),
    };

    private static void WriteTableChange(Utf8JsonWriter json, DdlEvent ddl, string changeType)
    {
        json.WriteStartObject();
        json.WriteString("type", changeType);
        var id = Quoted(ddl.Schema, ddl.Table!);
        if (ddl.ActionType == DdlActionType.RenameTable && ddl.PreviousName is { } old)
            id = Quoted(old.Schema, old.Table) + "," + id;
        json.WriteString("id", id);
        var table = ddl.TableAfter;
        if (ddl.ActionType == DdlActionType.DropTable || table is null)
        {
            json.WriteNull("table");
            json.WriteEndObject();
            return;
        }

        json.WriteStartObject("table");
        json.WriteNull("defaultCharsetName");
        json.WriteStartArray("primaryKeyColumnNames");
        foreach (var column in table.Columns.Where(c => c.IsPrimaryKey))
            json.WriteStringValue(column.Name);
        json.WriteEndArray();
        json.WriteStartArray("columns");
        for (var i = 0; i < table.Columns.Count; i++)
            DebeziumDdlColumn.Write(json, table.Columns[i], i + 1);
        json.WriteEndArray();
        json.WriteNull("comment");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Quoted(string schema, string table) => $"\"{schema}\".\"{table}\"";

    private static void WriteValueSchema(Utf8JsonWriter json)
    {
        json.WriteStartObject("schema");
        json.WriteBoolean("optional", false);
        json.WriteString("type", "struct");
        json.WriteNumber("version", 1);
        json.WriteString("name", "io.debezium.connector.mysql.SchemaChangeValue");
        json.WriteStartArray("fields");
        DebeziumEnvelopeSchema.WriteSource(json);
        DebeziumEnvelopeSchema.Field(json, "int64", false, "ts_ms");
        DebeziumEnvelopeSchema.Field(json, "string", true, "databaseName");
        DebeziumEnvelopeSchema.Field(json, "string", true, "schemaName");
        DebeziumEnvelopeSchema.Field(json, "string", true, "ddl");
        json.WriteStartObject();
        json.WriteString("field", "tableChanges");
        json.WriteBoolean("optional", false);
        json.WriteString("type", "array");
        json.WriteStartObject("items");
        json.WriteString("name", "io.debezium.connector.schema.Change");
        json.WriteBoolean("optional", false);
        json.WriteString("type", "struct");
        json.WriteNumber("version", 1);
        json.WriteStartArray("fields");
        DebeziumEnvelopeSchema.Field(json, "string", false, "type");
        DebeziumEnvelopeSchema.Field(json, "string", false, "id");
        json.WriteStartObject();
        json.WriteString("field", "table");
        json.WriteBoolean("optional", true);
        json.WriteString("type", "struct");
        json.WriteString("name", "io.debezium.connector.schema.Table");
        json.WriteNumber("version", 1);
        json.WriteStartArray("fields");
        DebeziumEnvelopeSchema.Field(json, "string", true, "defaultCharsetName");
        StringArray(json, "primaryKeyColumnNames", optional: true);
        DebeziumDdlColumn.WriteSchema(json);
        DebeziumEnvelopeSchema.Field(json, "string", true, "comment");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    internal static void StringArray(Utf8JsonWriter json, string field, bool optional)
    {
        json.WriteStartObject();
        json.WriteString("field", field);
        json.WriteBoolean("optional", optional);
        json.WriteString("type", "array");
        json.WriteStartObject("items");
        json.WriteString("type", "string");
        json.WriteBoolean("optional", false);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
