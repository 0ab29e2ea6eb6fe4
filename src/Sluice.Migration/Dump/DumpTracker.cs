using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sluice.Migration.Dump;

/// <summary>Counts rows, bytes and finished tables across the export connections and reports them.</summary>
internal sealed class DumpTracker(int totalTables, long estimatedRows, IProgress<DumpProgress>? progress)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<string> _warnings = new();
    private long _rows;
    private long _bytes;
    private int _finishedTables;

    public IReadOnlyList<string> Warnings => [.. _warnings];

    public void Add(long rows, long bytes)
    {
        Interlocked.Add(ref _rows, rows);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void TableFinished() => Interlocked.Increment(ref _finishedTables);

    public void Warn(string warning) => _warnings.Enqueue(warning);

    public void Report(bool finished = false) => progress?.Report(Snapshot(finished));

    public DumpProgress Snapshot(bool finished = false)
    {
        var rows = Interlocked.Read(ref _rows);
        var bytes = Interlocked.Read(ref _bytes);
        var tables = Volatile.Read(ref _finishedTables);
        var elapsed = _clock.Elapsed;
        double percent;
        if (finished)
            percent = 100;
        else if (estimatedRows > 0)
            percent = Math.Min(99.9, 100.0 * rows / estimatedRows);
        else
            percent = totalTables == 0 ? 0 : 100.0 * tables / totalTables * 0.999;
        return new DumpProgress
        {
            TotalTables = totalTables,
            FinishedTables = tables,
            Rows = rows,
            Bytes = bytes,
            EstimatedRows = estimatedRows,
            Percent = percent,
            BytesPerSecond = elapsed.TotalSeconds > 0 ? bytes / elapsed.TotalSeconds : 0,
            Elapsed = elapsed,
            Warnings = Warnings,
        };
    }
}
