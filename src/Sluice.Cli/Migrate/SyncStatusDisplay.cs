using System.Globalization;
using Sluice.Migration.Sync;

namespace Sluice.Cli.Migrate;

/// <summary>
/// The sync unit's live numbers on standard error, as query-status shows them: redrawn in place on a terminal,
/// one line every few seconds otherwise.
/// </summary>
internal sealed class SyncStatusDisplay(bool quiet) : IProgress<SyncStatus>, IDisposable
{
    private readonly StatusLine _line = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));
    private int _toldStart;

    public void Report(SyncStatus value)
    {
        if (quiet)
            return;
        if (Interlocked.Exchange(ref _toldStart, 1) == 0)
            _line.WriteLine($"{value.SourceId} Sync  started from {value.StartedFrom}");
        _line.Draw(() => string.Create(CultureInfo.InvariantCulture,
            $"{value.SourceId} Sync  events {value.TotalEvents:N0}  tps {value.RecentTps:F0} (avg {value.TotalTps:F0})  synced {value.SyncerBinlog} / master {value.MasterBinlog}  behind {value.SecondsBehindMaster} s{(value.Synced ? "  synced" : string.Empty)}{(value.SafeMode ? "  safe-mode" : string.Empty)}"));
    }

    /// <summary>A line of its own, such as a pause notice.</summary>
    public void Tell(string text) => _line.WriteLine(text);

    public void Finish() => _line.Finish();

    public void Dispose() => Finish();
}
