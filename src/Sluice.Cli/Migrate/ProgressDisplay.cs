using System.Globalization;
using Sluice.Migration;

namespace Sluice.Cli.Migrate;

/// <summary>
/// A live progress bar on standard error for a running migration (redrawn in place on a terminal, one line
/// every few seconds otherwise), showing DM's unit, tables, rows, bytes, rate and percent.
/// </summary>
internal sealed class ProgressDisplay(bool quiet) : IProgress<MigrationProgress>, IDisposable
{
    private const int BarWidth = 30;
    private readonly Lock _gate = new();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private long _lastDrawTicks;
    private bool _drawn;

    public void Report(MigrationProgress value)
    {
        if (quiet)
            return;
        lock (_gate)
        {
            var now = Environment.TickCount64;
            var interval = _terminal ? 100 : 5_000;
            if (now - _lastDrawTicks < interval && value.Percent < 100)
                return;
            _lastDrawTicks = now;
            var filled = (int)Math.Round(Math.Clamp(value.Percent, 0, 100) / 100 * BarWidth);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{value.SourceId} {value.Unit,-4} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {value.Percent,5:F1}%  tables {value.FinishedTables}/{value.TotalTables}  rows {value.Rows:N0}  {value.Bytes / 1048576.0:F1} MiB  {value.BytesPerSecond / 1048576.0:F1} MiB/s");
            if (_terminal)
            {
                Console.Error.Write("\r" + line.PadRight(Console.BufferWidth > 0 ? Math.Min(Console.BufferWidth - 1, 160) : line.Length));
                _drawn = true;
            }
            else
            {
                Console.Error.WriteLine(line);
            }
        }
    }

    /// <summary>Ends the in-place line so what follows starts on its own.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_drawn)
                Console.Error.WriteLine();
            _drawn = false;
        }
    }

    public void Dispose() => Finish();
}
