using System.Globalization;
using Sluice.Migration.Sync;

namespace Sluice.Cli.Migrate;

/// <summary>
/// The sync unit's live numbers on standard error, as query-status shows them: redrawn in place on a terminal,
/// one line every few seconds otherwise.
/// </summary>
internal sealed class SyncStatusDisplay(bool quiet) : IProgress<SyncStatus>, IDisposable
{
    private readonly Lock _gate = new();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private long _lastDrawTicks = Environment.TickCount64 - 3_600_000;
    private bool _drawn;
    private bool _toldStart;

    public void Report(SyncStatus value)
    {
        if (quiet)
            return;
        lock (_gate)
        {
            if (!_toldStart)
            {
                Console.Error.WriteLine($"{value.SourceId} Sync  started from {value.StartedFrom}");
                _toldStart = true;
            }

            var now = Environment.TickCount64;
            if (now - _lastDrawTicks < (_terminal ? 500 : 10_000))
                return;
            _lastDrawTicks = now;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{value.SourceId} Sync  events {value.TotalEvents:N0}  tps {value.RecentTps:F0} (avg {value.TotalTps:F0})  synced {value.SyncerBinlog} / master {value.MasterBinlog}  behind {value.SecondsBehindMaster} s{(value.Synced ? "  synced" : string.Empty)}{(value.SafeMode ? "  safe-mode" : string.Empty)}");
            if (_terminal)
            {
                Console.Error.Write("\r" + line.PadRight(Console.BufferWidth > 0 ? Math.Min(Console.BufferWidth - 1, 200) : line.Length));
                _drawn = true;
            }
            else
            {
                Console.Error.WriteLine(line);
            }
        }
    }

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
