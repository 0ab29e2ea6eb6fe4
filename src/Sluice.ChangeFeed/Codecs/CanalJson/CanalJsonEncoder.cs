using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs.CanalJson;

/// <summary>
/// TiCDC's canal-json: one JSON message per row change or DDL, Canal's flat message layout with TiCDC's choices
/// (<c>old</c> holds the whole old row unless only-output-updated-columns; DELETE has <c>old</c> null) and, with
/// enable-tidb-extension, a <c>_tidb</c> object carrying the commit TSO plus watermark messages. Kafka keys are not
/// used (partitioning is the sink's).
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-canal-json</remarks>
public sealed class CanalJsonEncoder : IChangeEncoder
{
    private readonly EncoderOptions _options;
    private readonly TimeProvider _time;

    /// <param name="options">The protocol options.</param>
    /// <param name="time">The clock for the <c>ts</c> field (the time a message is built); the system clock when null.</param>
    public CanalJsonEncoder(EncoderOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    public string Protocol => "canal-json";

    public ValueTask<EncodedMessage> EncodeRowAsync(RowChangedEvent row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        cancellationToken.ThrowIfCancellationRequested();
        var value = EncodeRow(row);
        if (value.Length > _options.MaxMessageBytes)
        {
            throw new ChangefeedException(
                "CDC:ErrMessageTooLarge",
                $"a canal-json message of {row.Table.QualifiedName} at commit ts {row.CommitTs} is {value.Length} bytes, more than max-message-bytes {_options.MaxMessageBytes}",
                isRetryable: false);
        }

        return ValueTask.FromResult(new EncodedMessage(null, value, row.CommitTs, row.Table.Schema, row.Table.Name));
    }

    public ValueTask<EncodedMessage?> EncodeDdlAsync(DdlEvent ddl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        cancellationToken.ThrowIfCancellationRequested();
        var json = new GoJsonWriter().StartObject();
        WriteHeader(json, ddl.Schema, ddl.Table ?? string.Empty, isDdl: true, CanalJsonEventType.Of(ddl), ddl.CommitTs, ddl.Query);
        json.Name("sqlType").Null().Name("mysqlType").Null().Name("data").Null().Name("old").Null();
        if (_options.EnableTidbExtension)
            json.Name("_tidb").StartObject().Name("commitTs").Number(ddl.CommitTs.Value).EndObject();
        json.EndObject();
        return ValueTask.FromResult<EncodedMessage?>(new EncodedMessage(null, json.ToUtf8(), ddl.CommitTs, ddl.Schema, ddl.Table, RowCount: 0));
    }

    /// <summary>A TIDB_WATERMARK message with <c>_tidb.watermarkTs</c>; null unless enable-tidb-extension is on.</summary>
    public EncodedMessage? EncodeResolved(Tso resolvedTs)
    {
        if (!_options.EnableTidbExtension)
            return null;
        var json = new GoJsonWriter().StartObject();
        WriteHeader(json, string.Empty, string.Empty, isDdl: false, CanalJsonEventType.Watermark, resolvedTs, string.Empty);
        json.Name("sqlType").Null().Name("mysqlType").Null().Name("data").Null().Name("old").Null();
        json.Name("_tidb").StartObject().Name("watermarkTs").Number(resolvedTs.Value).EndObject();
        json.EndObject();
        return new EncodedMessage(null, json.ToUtf8(), resolvedTs, RowCount: 0);
    }

    private byte[] EncodeRow(RowChangedEvent row)
    {
        var table = row.Table;
        var columns = table.Columns;
        var current = row.Kind == RowChangeKind.Delete ? row.Before : row.After;
        if (current is null || current.Count != columns.Count)
            throw new ArgumentException($"a {row.Kind} of {table.QualifiedName} needs one value per column", nameof(row));

        var cached = CanalJsonTable.Of(table);
        var json = new GoJsonWriter(512).StartObject();
        // id is always 0 in TiCDC (Canal's batch id; ignored by Canal's adapter and Flink).
        json.Name("id").Number(0L).Name("database").Raw(cached.Database).Name("table").Raw(cached.Table).Name("pkNames").Raw(cached.PkNames);
        WriteHeaderTail(json, isDdl: false, CanalJsonEventType.Of(row.Kind), row.CommitTs, string.Empty);

        json.Name("sqlType");
        if (cached.SqlTypes is { } sqlTypes)
        {
            json.Raw(sqlTypes);
        }
        else
        {
            json.StartObject();
            for (var i = 0; i < columns.Count; i++)
                json.Name(cached.Names[i]).Number((long)JavaSqlTypes.Of(columns[i], current[i]));
            json.EndObject();
        }

        json.Name("mysqlType").Raw(cached.MySqlTypes);

        var texts = Format(columns, current);
        json.Name("data");
        WriteRow(json, cached.Names, texts, onlyChangedFrom: null);

        json.Name("old");
        if (row.Kind == RowChangeKind.Update)
        {
            if (row.Before is null || row.Before.Count != columns.Count)
                throw new ArgumentException($"an update of {table.QualifiedName} needs the old row", nameof(row));
            var old = Format(columns, row.Before);
            WriteRow(json, cached.Names, old, _options.OnlyOutputUpdatedColumns ? texts : null);
        }
        else
        {
            json.Null();
        }

        if (_options.EnableTidbExtension)
            json.Name("_tidb").StartObject().Name("commitTs").Number(row.CommitTs.Value).EndObject();
        json.EndObject();
        return json.ToUtf8();
    }

    /// <summary>The header of a DDL or watermark message (no primary key names).</summary>
    private void WriteHeader(GoJsonWriter json, string database, string table, bool isDdl, string type, Tso commitTs, string sql)
    {
        // id is always 0 in TiCDC (Canal's batch id; ignored by Canal's adapter and Flink).
        json.Name("id").Number(0L).Name("database").String(database).Name("table").String(table).Name("pkNames").Null();
        WriteHeaderTail(json, isDdl, type, commitTs, sql);
    }

    private void WriteHeaderTail(GoJsonWriter json, bool isDdl, string type, Tso commitTs, string sql)
    {
        json.Name("isDdl").Bool(isDdl).Name("type").String(type)
            .Name("es").Number(commitTs.PhysicalMilliseconds)
            .Name("ts").Number(_time.GetUtcNow().ToUnixTimeMilliseconds())
            .Name("sql").String(sql);
    }

    private static string?[] Format(IReadOnlyList<ChangeColumn> columns, IReadOnlyList<object?> values)
    {
        var texts = new string?[columns.Count];
        for (var i = 0; i < texts.Length; i++)
            texts[i] = CanalJsonValue.Format(columns[i], values[i]);
        return texts;
    }

    // canal-json wraps a row's column→text object in a one-element array (Canal batches rows of one statement).
    // With only-output-updated-columns, an old row holds the columns whose text differs from the new row's.
    private static void WriteRow(GoJsonWriter json, byte[][] names, string?[] texts, string?[]? onlyChangedFrom)
    {
        json.StartArray().StartObject();
        for (var i = 0; i < names.Length; i++)
        {
            if (onlyChangedFrom is null || !string.Equals(texts[i], onlyChangedFrom[i], StringComparison.Ordinal))
                json.Name(names[i]).String(texts[i]);
        }

        json.EndObject().EndArray();
    }
}
