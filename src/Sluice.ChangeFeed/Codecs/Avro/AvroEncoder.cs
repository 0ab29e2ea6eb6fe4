using System.Buffers.Binary;
using System.Collections.Concurrent;
using Avro;
using Avro.Generic;
using Avro.IO;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs.Avro;

/// <summary>
/// TiCDC's avro protocol: the key (handle key columns) and value (all columns, plus TiDB's extension fields with
/// enable-tidb-extension) of each row as Avro datums in Confluent's wire format (magic byte 0, the schema's 4-byte
/// big-endian registry id, the binary datum). Schemas are registered per table version under the subjects
/// <c>{topic}-key</c> and <c>{topic}-value</c>. A DELETE has a key and an empty value (a tombstone: sinks send it as
/// a null value). DDL and watermarks are not carried.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-avro-protocol</remarks>
public sealed class AvroEncoder : IChangeEncoder, IDisposable
{
    private const byte MagicByte = 0;

    private readonly EncoderOptions _options;
    private readonly Func<ChangeTable, string> _topicOf;
    private readonly ISchemaRegistry _registry;
    private readonly ConfluentSchemaRegistry? _ownedRegistry;
    private readonly ConcurrentDictionary<(string Subject, string Table, Tso Version), Task<RegisteredSchema>> _schemas = new();

    /// <param name="options">The changefeed's protocol settings; <see cref="EncoderOptions.SchemaRegistry"/> is used when
    /// <paramref name="registry"/> is null.</param>
    /// <param name="topicOf">The Kafka topic a table's rows go to: it names the registry subjects.</param>
    /// <param name="registry">The schema registry; null to talk to <see cref="EncoderOptions.SchemaRegistry"/>.</param>
    /// <exception cref="ChangefeedException">No schema registry is given: TiCDC's avro requires one.</exception>
    public AvroEncoder(EncoderOptions options, Func<ChangeTable, string> topicOf, ISchemaRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topicOf);
        _options = options;
        _topicOf = topicOf;
        if (registry is null)
        {
            if (options.SchemaRegistry is null)
            {
                throw new ChangefeedException(
                    "CDC:ErrSinkURIInvalid",
                    "the avro protocol requires a schema registry: set --schema-registry (or sink.schema-registry)",
                    isRetryable: false);
            }

            var owned = new ConfluentSchemaRegistry(options.SchemaRegistry);
            registry = owned;
            _ownedRegistry = owned;
        }

        _registry = registry;
    }

    public string Protocol => "avro";

    public async ValueTask<EncodedMessage> EncodeRowAsync(RowChangedEvent row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var table = row.Table;
        if (table.HandleKeyColumns.Count == 0)
        {
            throw new ChangefeedException(
                "CDC:ErrAvroEncodeFailed",
                $"table {table.QualifiedName} has no primary key or NOT NULL unique key, which the avro protocol needs for the message key",
                isRetryable: false);
        }

        var topic = AvroNames.SanitizeTopic(_topicOf(table));
        var keySchema = await SchemaAsync(topic + "-key", table, isKey: true, cancellationToken).ConfigureAwait(false);
        var key = Encode(keySchema, table, row.Current, row, isKey: true);

        // A DELETE is a key with a null value, so that Confluent sink connectors (delete.on.null) remove the row.
        var value = Array.Empty<byte>();
        if (row.Kind != RowChangeKind.Delete)
        {
            var valueSchema = await SchemaAsync(topic + "-value", table, isKey: false, cancellationToken).ConfigureAwait(false);
            value = Encode(valueSchema, table, row.After!, row, isKey: false);
        }

        var message = new EncodedMessage(key, value, row.CommitTs, table.Schema, table.Name);
        if (message.Length > _options.MaxMessageBytes)
        {
            throw new ChangefeedException(
                "CDC:ErrMessageTooLarge",
                $"an avro message of {message.Length} bytes for {table.QualifiedName} at {row.CommitTs} exceeds max-message-bytes {_options.MaxMessageBytes}",
                isRetryable: false);
        }

        return message;
    }

    /// <summary>Avro carries no DDL: schema changes show as new registered schema versions.</summary>
    public ValueTask<EncodedMessage?> EncodeDdlAsync(DdlEvent ddl, CancellationToken cancellationToken) => ValueTask.FromResult<EncodedMessage?>(null);

    /// <summary>Avro carries no watermarks.</summary>
    public EncodedMessage? EncodeResolved(Tso resolvedTs) => null;

    public void Dispose() => _ownedRegistry?.Dispose();

    private async Task<RegisteredSchema> SchemaAsync(string subject, ChangeTable table, bool isKey, CancellationToken cancellationToken)
    {
        var cacheKey = (subject, table.QualifiedName, table.Version);
        var task = _schemas.GetOrAdd(cacheKey, _ => RegisterAsync(subject, table, isKey, cancellationToken));
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch
        {
            // A failed registration is not cached: the next row tries again.
            _schemas.TryRemove(new KeyValuePair<(string, string, Tso), Task<RegisteredSchema>>(cacheKey, task));
            throw;
        }
    }

    private async Task<RegisteredSchema> RegisterAsync(string subject, ChangeTable table, bool isKey, CancellationToken cancellationToken)
    {
        var columns = isKey ? table.HandleKeyColumns : Enumerable.Range(0, table.Columns.Count).ToList();
        var json = AvroSchemaBuilder.Build(table, columns, tidbExtension: !isKey && _options.EnableTidbExtension, _options);
        RecordSchema schema;
        try
        {
            schema = (RecordSchema)Schema.Parse(json);
        }
        catch (AvroException e)
        {
            throw new ChangefeedException(
                "CDC:ErrAvroEncodeFailed",
                $"table {table.QualifiedName} makes an invalid Avro schema ({e.Message}): {json}",
                isRetryable: false,
                e);
        }

        var id = await _registry.RegisterAsync(subject, json, cancellationToken).ConfigureAwait(false);
        var types = columns.Select(i => AvroColumnType.Of(table.Columns[i], AvroSchemaBuilder.DecimalAsString(_options), AvroSchemaBuilder.BigintUnsignedAsString(_options))).ToList();
        return new RegisteredSchema(id, schema, columns, types, new GenericDatumWriter<GenericRecord>(schema));
    }

    private byte[] Encode(RegisteredSchema schema, ChangeTable table, IReadOnlyList<object?> values, RowChangedEvent row, bool isKey)
    {
        var record = new GenericRecord(schema.Schema);
        for (var n = 0; n < schema.Columns.Count; n++)
        {
            var column = table.Columns[schema.Columns[n]];
            record.Add(AvroNames.Sanitize(column.Name), AvroValues.Convert(column, schema.Types[n], values[schema.Columns[n]]));
        }

        if (!isKey && _options.EnableTidbExtension)
        {
            record.Add(AvroSchemaBuilder.TidbOp, row.Kind == RowChangeKind.Insert ? "c" : "u");
            record.Add(AvroSchemaBuilder.TidbCommitTs, unchecked((long)row.CommitTs.Value));
            record.Add(AvroSchemaBuilder.TidbCommitPhysicalTime, row.CommitTs.PhysicalMilliseconds);
        }

        using var stream = new MemoryStream();
        Span<byte> header = stackalloc byte[5];
        header[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(header[1..], schema.Id);
        stream.Write(header);
        var encoder = new BinaryEncoder(stream);
        lock (schema.Writer)
            schema.Writer.Write(record, encoder);
        encoder.Flush();
        return stream.ToArray();
    }

    private sealed record RegisteredSchema(
        int Id,
        RecordSchema Schema,
        IReadOnlyList<int> Columns,
        IReadOnlyList<AvroColumnType> Types,
        GenericDatumWriter<GenericRecord> Writer);
}
