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
    private readonly StatusLine _line = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));

    public void Report(MigrationProgress value)
    {
        if (quiet)
            return;
        _line.Draw(
            () =>
            {
                var filled = (int)Math.Round(Math.Clamp(value.Percent, 0, 100) / 100 * BarWidth);
                return string.Create(CultureInfo.InvariantCulture,
                    $"{value.SourceId} {value.Unit,-4} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {value.Percent,5:F1}%  tables {value.FinishedTables}/{value.TotalTables}  rows {value.Rows:N0}  {value.Bytes / 1048576.0:F1} MiB  {value.BytesPerSecond / 1048576.0:F1} MiB/s");
            },
            force: value.Percent >= 100);
    }

    /// <summary>Ends the in-place line so what follows starts on its own.</summary>
    public void Finish() => _line.Finish();

    public void Dispose() => Finish();
}
