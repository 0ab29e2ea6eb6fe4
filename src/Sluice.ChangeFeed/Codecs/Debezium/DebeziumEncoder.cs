using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs.Debezium;

/// <summary>
/// TiCDC's debezium protocol: Debezium MySQL connector JSON messages with a key (the handle key columns) and a value
/// envelope (before, after, source, op, ts_ms, transaction), each with its Kafka Connect "schema". DDL statements
/// become schema-change messages; watermarks are sent only with enable-tidb-extension.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-debezium</remarks>
public sealed class DebeziumEncoder : IChangeEncoder
{
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly EncoderOptions _options;
    private readonly TimeProvider _clock;

    // A table version's key and value "schema" objects never change (the cluster id is the encoder's): built once.
    private readonly ConditionalWeakTable<ChangeTable, TableSchemas> _schemas = [];

    /// <param name="options">The changefeed's protocol settings.</param>
    /// <param name="clock">Gives the payload's ts_ms (when the message was built); the system clock when null.</param>
    public DebeziumEncoder(EncoderOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clock = clock ?? TimeProvider.System;
    }

    public string Protocol => "debezium";

    public ValueTask<EncodedMessage> EncodeRowAsync(RowChangedEvent row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var table = row.Table;
        var schemas = _schemas.GetValue(table, BuildSchemas);
        var key = Write(json => WriteKey(json, row, schemas.Key));
        var value = Write(json => WriteValue(json, row, schemas.Value));
        return ValueTask.FromResult(Checked(new EncodedMessage(key, value, row.CommitTs, table.Schema, table.Name)));
    }

    public ValueTask<EncodedMessage?> EncodeDdlAsync(DdlEvent ddl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var key = Write(json => DebeziumSchemaChange.WriteKey(json, ddl.Schema));
        var value = Write(json => DebeziumSchemaChange.WriteValue(json, ddl, _options.ClusterId, now));
        return ValueTask.FromResult<EncodedMessage?>(Checked(new EncodedMessage(key, value, ddl.CommitTs, ddl.Schema, ddl.Table)));
    }

    /// <summary>A watermark message (op "m"), only with enable-tidb-extension, as TiCDC sends it.</summary>
    public EncodedMessage? EncodeResolved(Tso resolvedTs)
    {
        if (!_options.EnableTidbExtension)
            return null;
        var prefix = $"{DebeziumNames.SanitizeName(_options.ClusterId)}.watermark";
        var key = Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("payload");
            json.WriteEndObject();
            json.WriteStartObject("schema");
            json.WriteString("type", "struct");
            json.WriteString("name", prefix + ".Key");
            json.WriteBoolean("optional", false);
            json.WriteStartArray("fields");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        });
        var value = Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("payload");
            DebeziumSource.Write(json, _options.ClusterId, resolvedTs, string.Empty, string.Empty);
            json.WriteNumber("ts_ms", _clock.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteNull("transaction");
            json.WriteString("op", "m");
            json.WriteEndObject();
            json.WriteStartObject("schema");
            json.WriteString("type", "struct");
            json.WriteBoolean("optional", false);
            json.WriteString("name", prefix + ".Envelope");
            json.WriteNumber("version", 1);
            json.WriteStartArray("fields");
            DebeziumEnvelopeSchema.WriteSource(json);
            DebeziumEnvelopeSchema.WriteTail(json);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        });
        return new EncodedMessage(key, value, resolvedTs);
    }

    private TableSchemas BuildSchemas(ChangeTable table)
    {
        var prefix = DebeziumNames.SchemaPrefix(_options.ClusterId, table.Schema, table.Name);
        return new TableSchemas(Write(json => WriteKeySchema(json, table, prefix)), Write(json => WriteValueSchema(json, table, prefix)));
    }

    private static void WriteKey(Utf8JsonWriter json, RowChangedEvent row, byte[] schema)
    {
        var table = row.Table;
        json.WriteStartObject();
        json.WriteStartObject("payload");
        DebeziumValueWriter.WriteColumns(json, table, table.HandleKeyColumns, row.Current);
        json.WriteEndObject();
        json.WritePropertyName("schema");
        json.WriteRawValue(schema, skipInputValidation: true);
        json.WriteEndObject();
    }

    private static void WriteKeySchema(Utf8JsonWriter json, ChangeTable table, string prefix)
    {
        json.WriteStartObject();
        json.WriteString("type", "struct");
        json.WriteString("name", prefix + ".Key");
        json.WriteBoolean("optional", false);
        json.WriteStartArray("fields");
        foreach (var i in table.HandleKeyColumns)
            DebeziumFieldSchema.Write(json, table.Columns[i]);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter json, RowChangedEvent row, byte[] schema)
    {
        var table = row.Table;
        json.WriteStartObject();
        json.WriteStartObject("payload");
        DebeziumSource.Write(json, _options.ClusterId, row.CommitTs, table.Schema, table.Name);

        // The payload's ts_ms is when the connector handled the event, the source's ts_ms when it was committed.
        json.WriteNumber("ts_ms", _clock.GetUtcNow().ToUnixTimeMilliseconds());
        json.WriteNull("transaction");
        switch (row.Kind)
        {
            case RowChangeKind.Insert:
                json.WriteString("op", "c");
                json.WriteNull("before");
                DebeziumValueWriter.WriteRow(json, "after", table, row.After!);
                break;
            case RowChangeKind.Delete:
                json.WriteString("op", "d");
                json.WriteNull("after");
                DebeziumValueWriter.WriteRow(json, "before", table, row.Before!);
                break;
            default:
                json.WriteString("op", "u");
                if (_options.DebeziumOutputOldValue && row.Before is { } before)
                    DebeziumValueWriter.WriteRow(json, "before", table, before);
                DebeziumValueWriter.WriteRow(json, "after", table, row.After!);
                break;
        }

        json.WriteEndObject();
        json.WritePropertyName("schema");
        json.WriteRawValue(schema, skipInputValidation: true);
        json.WriteEndObject();
    }

    private static void WriteValueSchema(Utf8JsonWriter json, ChangeTable table, string prefix)
    {
        json.WriteStartObject();
        json.WriteString("type", "struct");
        json.WriteBoolean("optional", false);
        json.WriteString("name", prefix + ".Envelope");
        json.WriteNumber("version", 1);
        json.WriteStartArray("fields");
        WriteRowSchema(json, table, prefix, "before");
        WriteRowSchema(json, table, prefix, "after");
        DebeziumEnvelopeSchema.WriteSource(json);
        DebeziumEnvelopeSchema.WriteTail(json);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRowSchema(Utf8JsonWriter json, ChangeTable table, string prefix, string field)
    {
        json.WriteStartObject();
        json.WriteString("type", "struct");
        json.WriteBoolean("optional", true);
        json.WriteString("name", prefix + ".Value");
        json.WriteString("field", field);
        json.WriteStartArray("fields");
        foreach (var column in table.Columns)
            DebeziumFieldSchema.Write(json, column);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private EncodedMessage Checked(EncodedMessage message)
    {
        if (message.Length > _options.MaxMessageBytes)
        {
            throw new ChangefeedException(
                "CDC:ErrMessageTooLarge",
                $"a debezium message of {message.Length} bytes for {message.Schema}.{message.Table} at {message.CommitTs} exceeds max-message-bytes {_options.MaxMessageBytes}",
                isRetryable: false);
        }

        return message;
    }

    internal static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            write(json);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A table version's key and value "schema" objects, as JSON.</summary>
    private sealed record TableSchemas(byte[] Key, byte[] Value);
}
