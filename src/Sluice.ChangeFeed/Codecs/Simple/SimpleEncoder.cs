using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs.Simple;

/// <summary>
/// TiCDC's simple protocol, JSON flavour: one message per event; DML {version, database, table, tableID, type,
/// commitTs, buildTs, schemaVersion, data, old}, DDL {type, sql, commitTs, buildTs, tableSchema, preTableSchema},
/// WATERMARK {commitTs}. Messages carry no key.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-simple-protocol</remarks>
public sealed class SimpleEncoder : IChangeEncoder
{
    /// <summary>The protocol version every message states.</summary>
    public const int Version = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly EncoderOptions _options;
    private readonly TimeProvider _clock;

    /// <param name="options">The changefeed's protocol settings.</param>
    /// <param name="clock">Gives buildTs (when the message was built); the system clock when null.</param>
    public SimpleEncoder(EncoderOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clock = clock ?? TimeProvider.System;
    }

    public string Protocol => "simple";

    public ValueTask<EncodedMessage> EncodeRowAsync(RowChangedEvent row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var table = row.Table;
        var value = Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteString("database", table.Schema);
            json.WriteString("table", table.Name);
            if (table.TableId != 0)
                json.WriteNumber("tableID", table.TableId);
            json.WriteString("type", row.Kind switch
            {
                RowChangeKind.Insert => "INSERT",
                RowChangeKind.Delete => "DELETE",
                _ => "UPDATE",
            });
            json.WriteNumber("commitTs", row.CommitTs.Value);
            json.WriteNumber("buildTs", BuildTs());
            if (table.Version.Value != 0)
                json.WriteNumber("schemaVersion", table.Version.Value);
            if (row.After is { } after)
                SimpleValueText.WriteRow(json, "data", table, after);
            if (row.Before is { } before && row.Kind != RowChangeKind.Insert)
                SimpleValueText.WriteRow(json, "old", table, before);
            json.WriteEndObject();
        });
        return ValueTask.FromResult(Checked(new EncodedMessage(null, value, row.CommitTs, table.Schema, table.Name)));
    }

    public ValueTask<EncodedMessage?> EncodeDdlAsync(DdlEvent ddl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        var value = Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteString("type", DdlType(ddl.ActionType));
            json.WriteString("sql", ddl.Query);
            json.WriteNumber("commitTs", ddl.CommitTs.Value);
            json.WriteNumber("buildTs", BuildTs());
            if (ddl.TableAfter is { } after)
                SimpleTableSchema.Write(json, "tableSchema", after);
            if (ddl.TableBefore is { } before)
                SimpleTableSchema.Write(json, "preTableSchema", before);
            json.WriteEndObject();
        });
        return ValueTask.FromResult<EncodedMessage?>(Checked(new EncodedMessage(null, value, ddl.CommitTs, ddl.Schema, ddl.Table)));
    }

    public EncodedMessage? EncodeResolved(Tso resolvedTs)
    {
        var value = Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteString("type", "WATERMARK");
            json.WriteNumber("commitTs", resolvedTs.Value);
            json.WriteNumber("buildTs", BuildTs());
            json.WriteEndObject();
        });
        return new EncodedMessage(null, value, resolvedTs);
    }

    /// <summary>The simple protocol's DDL message type for TiDB's action type.</summary>
    internal static string DdlType(DdlActionType action) => action switch
    {
        DdlActionType.CreateTable => "CREATE",
        DdlActionType.RenameTable => "RENAME",
        DdlActionType.AddIndex or DdlActionType.AddForeignKey or DdlActionType.AddPrimaryKey => "CINDEX",
        DdlActionType.DropIndex or DdlActionType.DropForeignKey or DdlActionType.DropPrimaryKey => "DINDEX",
        DdlActionType.DropTable => "ERASE",
        DdlActionType.TruncateTable => "TRUNCATE",
        DdlActionType.AddColumn or DdlActionType.DropColumn or DdlActionType.ModifyColumn or DdlActionType.RebaseAutoId
            or DdlActionType.SetDefaultValue or DdlActionType.ModifyTableComment or DdlActionType.RenameIndex
            or DdlActionType.AddTablePartition or DdlActionType.DropTablePartition
            or DdlActionType.ModifyTableCharsetAndCollate or DdlActionType.TruncateTablePartition => "ALTER",
        _ => "QUERY",
    };

    private long BuildTs() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private EncodedMessage Checked(EncodedMessage message)
    {
        if (message.Length > _options.MaxMessageBytes)
        {
            throw new ChangefeedException(
                "CDC:ErrMessageTooLarge",
                $"a simple message of {message.Length} bytes for {message.Schema}.{message.Table} at {message.CommitTs} exceeds max-message-bytes {_options.MaxMessageBytes}",
                isRetryable: false);
        }

        return message;
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            write(json);
        return buffer.WrittenSpan.ToArray();
    }
}
