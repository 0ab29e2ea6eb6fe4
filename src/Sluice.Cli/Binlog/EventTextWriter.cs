using System.Globalization;
using System.Text;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.Cli.Binlog;

/// <summary>Readable lines, in the spirit of mysqlbinlog -v: a header line per event, then its statement or rows.</summary>
internal sealed class EventTextWriter(ConsoleOutput console) : IDisposable
{
    private readonly StringWriter _text = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    public void Write(BinlogEvent binlogEvent, string file, string? gtid)
    {
        WriteLines(binlogEvent, file, gtid);
        console.Write(System.Text.Encoding.UTF8.GetBytes(_text.ToString()));
        _text.GetStringBuilder().Clear();
    }

    public void Dispose() => _text.Dispose();

    private void WriteLines(BinlogEvent binlogEvent, string file, string? gtid)
    {
        var header = binlogEvent.Header;
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"# at {file}:{(header.LogPosition >= header.EventSize ? header.LogPosition - header.EventSize : 0)} ");
        line.Append(header.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        line.Append(CultureInfo.InvariantCulture, $" server_id {header.ServerId} {EventNames.Of(header.EventType)}");
        if (gtid is not null)
            line.Append(" gtid ").Append(gtid);
        _text.WriteLine(line.ToString());
        switch (binlogEvent)
        {
            case QueryEvent query:
                _text.WriteLine($"{(query.Schema.Length > 0 ? $"use `{query.Schema}`; " : string.Empty)}{query.Query}");
                break;
            case TableMapEvent map:
                _text.WriteLine($"### table map {map.TableId}: `{map.SchemaName}`.`{map.TableName}` ({string.Join(", ", map.Columns.Select(c => c.DisplayName))})");
                break;
            case RotateEvent rotate:
                _text.WriteLine($"### rotate to {rotate.NextFileName}:{rotate.Position}{(rotate.IsFake ? " (fake)" : string.Empty)}");
                break;
            case RowsEvent rows:
                WriteRows(rows);
                break;
            case AnnotateRowsEvent annotate:
                _text.WriteLine($"#Q> {annotate.Query}");
                break;
            case XidEvent xid:
                _text.WriteLine($"COMMIT /* xid={xid.Xid} */");
                break;
        }
    }

    private void WriteRows(RowsEvent rows)
    {
        var table = $"`{rows.Table.SchemaName}`.`{rows.Table.TableName}`";
        foreach (var change in rows.Rows)
        {
            switch (rows.Kind)
            {
                case RowsEventKind.Insert:
                    _text.WriteLine($"### INSERT INTO {table} SET {Image(change.After, rows.Table.Columns)}");
                    break;
                case RowsEventKind.Delete:
                    _text.WriteLine($"### DELETE FROM {table} WHERE {Image(change.Before, rows.Table.Columns)}");
                    break;
                default:
                    _text.WriteLine($"### UPDATE {table} WHERE {Image(change.Before, rows.Table.Columns)} SET {Image(change.After, rows.Table.Columns)}");
                    break;
            }
        }
    }

    private static string Image(RowImage? image, IReadOnlyList<ColumnInfo> columns)
    {
        if (image is null)
            return string.Empty;
        var parts = new List<string>(image.Count);
        for (var i = 0; i < image.Count; i++)
        {
            if (image.IsPresent(i))
                parts.Add($"{(i < columns.Count ? columns[i].DisplayName : $"@{i + 1}")}={Literal(image[i])}");
        }

        return string.Join(" ", parts);
    }

    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
        byte[] b => "0x" + Convert.ToHexString(b),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        long or ulong or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        MySqlDecimal dec => dec.ToString(),
        _ => $"'{Convert.ToString(value, CultureInfo.InvariantCulture)}'",
    };
}
