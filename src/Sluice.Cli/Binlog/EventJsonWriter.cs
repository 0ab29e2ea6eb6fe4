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
internal sealed class EventJsonWriter(Stream output) : IAsyncDisposable
{
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Indented = false, SkipValidation = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private readonly Stream _output = output;

    public void Write(BinlogEvent binlogEvent, string file, string? gtid)
    {
        var header = binlogEvent.Header;
        _json.WriteStartObject();
        _json.WriteString("type", EventNames.Of(header.EventType));
        _json.WriteString("file", file);
        _json.WriteNumber("pos", header.LogPosition >= header.EventSize ? header.LogPosition - header.EventSize : 0);
        _json.WriteNumber("end_pos", header.LogPosition);
        _json.WriteString("time", header.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        _json.WriteNumber("server_id", header.ServerId);
        if (gtid is not null)
            _json.WriteString("gtid", gtid);
        WriteBody(binlogEvent);
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _output.WriteByte((byte)'\n');
    }

    public async ValueTask DisposeAsync()
    {
        await _json.FlushAsync().ConfigureAwait(false);
        await _json.DisposeAsync().ConfigureAwait(false);
        await _output.FlushAsync().ConfigureAwait(false);
    }

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
        _json.WriteString("schema", rows.Table.SchemaName);
        _json.WriteString("table", rows.Table.TableName);
        _json.WriteStartArray("rows");
        var columns = rows.Table.Columns;
        foreach (var change in rows.Rows)
        {
            if (rows.Kind == RowsEventKind.Update)
            {
                _json.WriteStartObject();
                _json.WritePropertyName("before");
                WriteImage(change.Before, columns);
                _json.WritePropertyName("after");
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
            _json.WritePropertyName(i < columns.Count ? columns[i].DisplayName : $"@{i + 1}");
            WriteValue(image[i]);
        }

        _json.WriteEndObject();
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
