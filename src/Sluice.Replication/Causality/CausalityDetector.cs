namespace Sluice.Replication.Causality;

/// <summary>
/// Decides which apply worker a row change goes to so that changes touching the same key stay in order while
/// unrelated changes run in parallel, as DM's causality does: every change names its keys (the primary and unique
/// key values of its before and after images, each prefixed by its table); keys met together are joined into one
/// group, and a group is pinned to one worker. A change whose keys already sit in groups pinned to different
/// workers cannot go anywhere safely: <see cref="Assign"/> then reports a conflict, and the caller must wait until
/// every worker has applied what it holds (a flush), then <see cref="Reset"/> and assign again.
/// </summary>
/// <remarks>
/// https://docs.pingcap.com/tidb/stable/dm-overview (sync unit) — the same idea as TiDB DM's syncer causality:
/// a key-based union of in-flight changes, flushed on a cross-worker conflict. Memory grows with the keys in flight
/// only: the caller resets after every flush, or, when it lets the workers pass a marker without waiting for them
/// (<see cref="Mark"/>), releases the keys assigned before the marker once every worker has passed it.
/// </remarks>
public sealed class CausalityDetector
{
    private readonly int _workers;
    private readonly Dictionary<string, (int Worker, long Generation)> _workerOfKey = new(StringComparer.Ordinal);
    private long _generation;

    public CausalityDetector(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _workers = workers;
    }

    /// <summary>Keys held since the last <see cref="Reset"/>.</summary>
    public int KeysInFlight => _workerOfKey.Count;

    /// <summary>
    /// The worker for a change with <paramref name="keys"/>, or -1 when its keys are held by two different workers
    /// (flush, reset, then assign again). A change without keys goes to worker 0 after a conflict check on nothing:
    /// callers give keyless tables one key naming the table, so all of their rows stay in order on one worker.
    /// </summary>
    public int Assign(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var worker = -1;
        for (var k = 0; k < keys.Count; k++) // by index: no enumerator allocated per change
        {
            if (!_workerOfKey.TryGetValue(keys[k], out var held))
                continue;
            if (worker >= 0 && held.Worker != worker)
                return -1;
            worker = held.Worker;
        }

        if (worker < 0)
            worker = keys.Count == 0 ? 0 : WorkerOf(keys[0]);
        for (var k = 0; k < keys.Count; k++)
            _workerOfKey[keys[k]] = (worker, _generation);
        return worker;
    }

    /// <summary>
    /// Starts a new generation and returns the one that ends: the caller puts a marker behind everything assigned so
    /// far in every worker's queue, and once every worker has passed it, <see cref="Release"/>s that generation.
    /// </summary>
    public long Mark() => _generation++;

    /// <summary>
    /// Forgets the keys last assigned in <paramref name="generation"/> or before: every worker has applied them.
    /// A key assigned again since keeps its place.
    /// </summary>
    public void Release(long generation)
    {
        foreach (var (key, held) in _workerOfKey)
        {
            if (held.Generation <= generation)
                _workerOfKey.Remove(key);
        }
    }

    /// <summary>Forgets every key: call once every worker has applied what it was given.</summary>
    public void Reset() => _workerOfKey.Clear();

    /// <summary>A stable spread of keys over workers (string.GetHashCode is randomised per process, which is fine: only the spread matters).</summary>
    private int WorkerOf(string key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_workers);
}
