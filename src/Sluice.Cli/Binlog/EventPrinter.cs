using System.Diagnostics;
using System.Globalization;
using Sluice.MySql.Binlog.Events;

namespace Sluice.Cli.Binlog;

/// <summary>
/// Prints events in the chosen format, tagging each with the GTID of its transaction, and counts them; with
/// <see cref="EventFormat.None"/> it only counts and prints a summary line at the end.
/// </summary>
internal sealed class EventPrinter : IDisposable
{
    private readonly EventFormat _format;
    private readonly ConsoleOutput _output = new();
    private readonly EventJsonWriter? _json;
    private readonly EventTextWriter? _text;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string? _gtid;

    public EventPrinter(EventFormat format)
    {
        _format = format;
        _json = format == EventFormat.Json ? new EventJsonWriter(_output) : null;
        _text = format == EventFormat.Text ? new EventTextWriter(_output) : null;
    }

    public long Events { get; private set; }

    public long Rows { get; private set; }

    /// <summary>Prints one event read from <paramref name="file"/>; <paramref name="endsTransaction"/> after it, the GTID tag is dropped.</summary>
    public void Print(BinlogEvent binlogEvent, string file, bool endsTransaction)
    {
        Events++;
        if (binlogEvent is RowsEvent rows)
            Rows += rows.Rows.Count;
        if (_format == EventFormat.None)
            return;
        _gtid = binlogEvent switch
        {
            MariaDbGtidEvent mariaDb => mariaDb.Gtid.ToString(),
            GtidEvent mySql when !mySql.IsAnonymous => mySql.Gtid,
            _ => _gtid,
        };
        _json?.Write(binlogEvent, file, _gtid);
        _text?.Write(binlogEvent, file, _gtid);
        if (endsTransaction)
            _gtid = null;
    }

    public void Dispose()
    {
        if (_format == EventFormat.None)
        {
            var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
            var summary = string.Create(CultureInfo.InvariantCulture, $"events={Events} rows={Rows} seconds={seconds:F3} events_per_second={Events / seconds:F0}\n");
            _output.Write(System.Text.Encoding.UTF8.GetBytes(summary));
        }

        _json?.Dispose();
        _text?.Dispose();
        _output.Dispose();
    }
}
