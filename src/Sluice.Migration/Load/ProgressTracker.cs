using System.Diagnostics;

namespace Sluice.Migration.Load;

/// <summary>Counts finished work across the loader's parallel connections and reports it.</summary>
internal sealed class ProgressTracker
{
    private readonly Lock _lock = new();
    private readonly IProgress<LoadProgress>? _progress;
    private readonly Dictionary<TablePlan, int> _pendingChunks;
    private readonly int _totalChunks;
    private readonly long _totalRows;
    private readonly long _totalBytes;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _finishedTables;
    private int _finishedChunks;
    private long _rows;
    private long _bytes;
    private long _bytesThisRun;

    public ProgressTracker(IReadOnlyList<TablePlan> tables, IProgress<LoadProgress>? progress)
    {
        _progress = progress;
        _pendingChunks = tables.ToDictionary(t => t, t => t.Chunks.Count);
        _finishedTables = tables.Count(t => t.Chunks.Count == 0);
        _totalChunks = tables.Sum(t => t.Chunks.Count);
        _totalRows = tables.Sum(t => t.Chunks.Sum(c => c.Chunk.Rows));
        _totalBytes = tables.Sum(t => t.Chunks.Sum(c => c.Bytes));
    }

    /// <summary>A chunk loaded by an earlier run: counted with the manifest's row count, not in this run's rate.</summary>
    public void Skipped(TablePlan table, ChunkPlan chunk)
    {
        lock (_lock)
            Finish(table, chunk.Chunk.Rows, chunk.Bytes);
    }

    public void Loaded(TablePlan table, ChunkPlan chunk, long rows)
    {
        lock (_lock)
        {
            _bytesThisRun += chunk.Bytes;
            Finish(table, rows, chunk.Bytes);
            Report();
        }
    }

    public void Report()
    {
        if (_progress is null)
            return;
        lock (_lock)
        {
            var percent = _totalBytes > 0 ? 100.0 * _bytes / _totalBytes
                : _totalChunks > 0 ? 100.0 * _finishedChunks / _totalChunks
                : 100.0;
            var seconds = _clock.Elapsed.TotalSeconds;
            _progress.Report(new LoadProgress(
                _pendingChunks.Count, _finishedTables, _totalChunks, _finishedChunks, _totalRows, _rows, _totalBytes, _bytes,
                percent, seconds > 0 ? _bytesThisRun / seconds : 0));
        }
    }

    private void Finish(TablePlan table, long rows, long bytes)
    {
        _finishedChunks++;
        _rows += rows;
        _bytes += bytes;
        if (--_pendingChunks[table] == 0)
            _finishedTables++;
    }
}
