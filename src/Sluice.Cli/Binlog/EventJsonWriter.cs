using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.Cli.Binlog;

/// <summary>
/// Writes each event as one JSON object per line: type, positions, time, server id, GTID, schema, table and,
/// for row events, each row with column names and typed values (numbers as JSON numbers, DECIMAL exact,
/// temporal values as MySQL prints them, binary strings as base64).
/// </summary>
internal sealed class EventJsonWriter : IDisposable
{
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText FileName = JsonEncodedText.Encode("file");
    private static readonly JsonEncodedText PosName = JsonEncodedText.Encode("pos");
    private static readonly JsonEncodedText EndPosName = JsonEncodedText.Encode("end_pos");
    private static readonly JsonEncodedText TimeName = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText ServerIdName = JsonEncodedText.Encode("server_id");
    private static readonly JsonEncodedText GtidName = JsonEncodedText.Encode("gtid");
    private static readonly JsonEncodedText SchemaName = JsonEncodedText.Encode("schema");
    private static readonly JsonEncodedText TableName = JsonEncodedText.Encode("table");
    private static readonly JsonEncodedText RowsName = JsonEncodedText.Encode("rows");
    private static readonly JsonEncodedText BeforeName = JsonEncodedText.Encode("before");
    private static readonly JsonEncodedText AfterName = JsonEncodedText.Encode("after");
    private static readonly JsonEncodedText[] TypeNames = BuildTypeNames();

    private readonly ConsoleOutput _output;
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly Utf8JsonWriter _json;

    // Per-stream caches: consecutive events share a file, a second and their tables' column names.
    // By name: each table map brings new column objects, and hashing a new object (its header hash) costs far more than a short name.
    private readonly Dictionary<string, JsonEncodedText> _columnNames = new(StringComparer.Ordinal);
    private string? _file;
    private JsonEncodedText _fileText;
    private uint _timestamp = uint.MaxValue;
    private JsonEncodedText _timeText;

    public EventJsonWriter(ConsoleOutput output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
    public void Write(BinlogEvent binlogEvent, string file, string? gtid)
    {
        var header = binlogEvent.Header;
        if (!ReferenceEquals(file, _file))
        {
            _file = file;
            _fileText = JsonEncodedText.Encode(file);
        }

        if (header.Timestamp != _timestamp)
        {
            _timestamp = header.Timestamp;
            _timeText = JsonEncodedText.Encode(header.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        _json.WriteStartObject();
        _json.WriteString(TypeName, TypeNames[(byte)header.EventType]);
        _json.WriteString(FileName, _fileText);
        _json.WriteNumber(PosName, header.LogPosition >= header.EventSize ? header.LogPosition - header.EventSize : 0);
        _json.WriteNumber(EndPosName, header.LogPosition);
        _json.WriteString(TimeName, _timeText);
        _json.WriteNumber(ServerIdName, header.ServerId);
        if (gtid is not null)
            _json.WriteString(GtidName, gtid);
        WriteBody(binlogEvent);
        _json.WriteEndObject();
        _json.Flush();
        _line.Write("\n"u8);
        _output.Write(_line.WrittenSpan);
        _line.ResetWrittenCount();
        _json.Reset();
    }

    public void Dispose() => _json.Dispose();

    private void WriteBody(BinlogEvent binlogEvent)
    {
        switch (binlogEvent)
        {
            case RowsEvent rows:
                WriteRows(rows);
                break;
            case TableMapEvent map:
                _json.WriteString("schema", map.SchemaName);
                _json.WriteString("table", map.TableName);
                _json.WriteNumber("table_id", map.TableId);
                _json.WriteStartArray("columns");
                foreach (var column in map.Columns)
                    _json.WriteStringValue(column.DisplayName);
                _json.WriteEndArray();
                break;
            case QueryEvent query:
                _json.WriteString("schema", query.Schema);
                _json.WriteString("query", query.Query);
                break;
            case RotateEvent rotate:
                _json.WriteString("next_file", rotate.NextFileName);
                _json.WriteNumber("next_pos", rotate.Position);
                _json.WriteBoolean("fake", rotate.IsFake);
                break;
            case XidEvent xid:
                _json.WriteNumber("xid", xid.Xid);
                break;
            case GtidEvent gtid:
                _json.WriteString("event_gtid", gtid.Gtid);
                break;
            case MariaDbGtidEvent gtid:
                _json.WriteString("event_gtid", gtid.Gtid.ToString());
                _json.WriteBoolean("standalone", gtid.IsStandalone);
                break;
            case MariaDbGtidListEvent list:
                _json.WriteString("gtid_list", list.GtidList.ToString());
                break;
            case PreviousGtidsEvent previous:
                _json.WriteString("gtid_set", previous.GtidSet.ToString());
                break;
            case BinlogCheckpointEvent checkpoint:
                _json.WriteString("checkpoint_file", checkpoint.FileName);
                break;
            case AnnotateRowsEvent annotate:
                _json.WriteString("query", annotate.Query);
                break;
            case RowsQueryEvent rowsQuery:
                _json.WriteString("query", rowsQuery.Query);
                break;
            case FormatDescriptionEvent format:
                _json.WriteString("server_version", format.ServerVersion);
                _json.WriteNumber("binlog_version", format.BinlogVersion);
                _json.WriteString("checksum", format.ChecksumAlgorithm.ToString().ToUpperInvariant());
                break;
            case IntVarEvent intVar:
                _json.WriteString("variable", intVar.Kind == IntVarKind.LastInsertId ? "LAST_INSERT_ID" : "INSERT_ID");
                _json.WriteNumber("value", intVar.Value);
                break;
            case RandEvent rand:
                _json.WriteNumber("seed1", rand.Seed1);
                _json.WriteNumber("seed2", rand.Seed2);
                break;
            case UserVarEvent userVar:
                _json.WriteString("name", userVar.Name);
                _json.WritePropertyName("value");
                WriteValue(userVar.Value);
                break;
            case HeartbeatEvent heartbeat:
                _json.WriteString("heartbeat_file", heartbeat.FileName);
                break;
            case UnknownEvent unknown:
                _json.WriteNumber("type_code", (byte)unknown.Header.EventType);
                _json.WriteBase64String("body", unknown.Body.Span);
                break;
        }
    }

    private void WriteRows(RowsEvent rows)
    {
        _json.WriteString(SchemaName, rows.Table.SchemaName);
        _json.WriteString(TableName, rows.Table.TableName);
        _json.WriteStartArray(RowsName);
        var columns = rows.Table.Columns;
        foreach (var change in rows.Rows)
        {
            if (rows.Kind == RowsEventKind.Update)
            {
                _json.WriteStartObject();
                _json.WritePropertyName(BeforeName);
                WriteImage(change.Before, columns);
                _json.WritePropertyName(AfterName);
                WriteImage(change.After, columns);
                _json.WriteEndObject();
            }
            else
            {
                WriteImage(change.After ?? change.Before, columns);
            }
        }

        _json.WriteEndArray();
    }

    private void WriteImage(RowImage? image, IReadOnlyList<ColumnInfo> columns)
    {
        if (image is null)
        {
            _json.WriteNullValue();
            return;
        }

        _json.WriteStartObject();
        for (var i = 0; i < image.Count; i++)
        {
            if (!image.IsPresent(i))
                continue;
            if (i < columns.Count)
                _json.WritePropertyName(ColumnName(columns[i]));
            else
                _json.WritePropertyName($"@{i + 1}");
            WriteValue(image[i]);
        }

        _json.WriteEndObject();
    }

    private static JsonEncodedText[] BuildTypeNames()
    {
        var names = new JsonEncodedText[256];
        for (var code = 0; code < names.Length; code++)
            names[code] = JsonEncodedText.Encode(EventNames.Of((Sluice.MySql.Binlog.BinlogEventType)code));
        return names;
    }

    private JsonEncodedText ColumnName(ColumnInfo column)
    {
        if (!_columnNames.TryGetValue(column.DisplayName, out var name))
        {
            if (_columnNames.Count >= 10_000)
                _columnNames.Clear();
            name = JsonEncodedText.Encode(column.DisplayName);
            _columnNames[column.DisplayName] = name;
        }

        return name;
    }

    private void WriteValue(object? value)
    {
        switch (value)
        {
            case null:
                _json.WriteNullValue();
                break;
            case long l:
                _json.WriteNumberValue(l);
                break;
            case ulong u:
                _json.WriteNumberValue(u);
                break;
            case int i:
                _json.WriteNumberValue(i);
                break;
            case double d:
                _json.WriteNumberValue(d);
                break;
            case float f:
                _json.WriteNumberValue(f);
                break;
            case MySqlDecimal dec:
                _json.WriteRawValue(dec.ToString(), skipInputValidation: true);
                break;
            case string s:
                _json.WriteStringValue(s);
                break;
            case byte[] bytes:
                _json.WriteBase64StringValue(bytes);
                break;
            default:
                _json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
