using System.Diagnostics.CodeAnalysis;

namespace Sluice.MySql.Positions;

/// <summary>
/// A MySQL GTID set: for each source server UUID, the transaction numbers executed from it, as in
/// <c>@@gtid_executed</c> (<c>3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:11-18,...</c>). Immutable; every
/// operation returns a new set (or this one when nothing changes).
/// </summary>
/// <remarks>
/// Source ids are <see cref="Guid"/>s read and written big-endian, so <see cref="Guid.ToString()"/> prints
/// them as MySQL does. Sources are kept in the order of their printed form, as MySQL prints them, and each
/// source's intervals are sorted and merged.
/// https://dev.mysql.com/doc/refman/8.0/en/replication-gtids-concepts.html
/// </remarks>
public sealed partial class GtidSet : IEquatable<GtidSet>
{
    private readonly Guid[] _sourceIds;
    private readonly GtidInterval[][] _intervals;
    private GtidSetIntervals? _intervalsView;

    private GtidSet(Guid[] sourceIds, GtidInterval[][] intervals)
    {
        _sourceIds = sourceIds;
        _intervals = intervals;
    }

    public static GtidSet Empty { get; } = new([], []);

    public bool IsEmpty => _sourceIds.Length == 0;

    /// <summary>Source ids in the order MySQL prints them.</summary>
    public IReadOnlyList<Guid> SourceIds => Array.AsReadOnly(_sourceIds);

    /// <summary>Each source's intervals, sorted and merged; enumerates in the order MySQL prints.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<GtidInterval>> Intervals =>
        _intervalsView ??= new GtidSetIntervals(_sourceIds, _intervals);

    /// <summary>The set with the transactions of <paramref name="interval"/> from <paramref name="sourceId"/> added.</summary>
    public GtidSet Add(Guid sourceId, GtidInterval interval)
    {
        // default(GtidInterval) bypasses the constructor's checks; keep it out of the set.
        if (interval.Start < 1)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "a GTID interval starts at 1 or later");

        var index = IndexOf(sourceId);
        if (index >= 0)
        {
            var list = _intervals[index];
            var added = GtidIntervalList.Add(list, interval);
            if (ReferenceEquals(added, list))
                return this;
            var intervals = (GtidInterval[][])_intervals.Clone();
            intervals[index] = added;
            return new GtidSet(_sourceIds, intervals);
        }

        return Insert(~index, sourceId, [interval]);
    }

    /// <summary>The set with one transaction added: what a GTID_LOG_EVENT's commit adds to gtid_executed.</summary>
    public GtidSet Add(Guid sourceId, long transactionNumber) =>
        Add(sourceId, new GtidInterval(transactionNumber, transactionNumber));

    public GtidSet Union(GtidSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty || ReferenceEquals(this, other))
            return this;
        if (IsEmpty)
            return other;

        var ids = new List<Guid>(_sourceIds.Length + other._sourceIds.Length);
        var lists = new List<GtidInterval[]>(ids.Capacity);
        int i = 0, j = 0;
        while (i < _sourceIds.Length || j < other._sourceIds.Length)
        {
            var order = i >= _sourceIds.Length ? 1
                : j >= other._sourceIds.Length ? -1
                : SourceIdOrder.Compare(_sourceIds[i], other._sourceIds[j]);
            if (order < 0)
            {
                ids.Add(_sourceIds[i]);
                lists.Add(_intervals[i++]);
            }
            else if (order > 0)
            {
                ids.Add(other._sourceIds[j]);
                lists.Add(other._intervals[j++]);
            }
            else
            {
                ids.Add(_sourceIds[i]);
                lists.Add(GtidIntervalList.Union(_intervals[i++], other._intervals[j++]));
            }
        }

        return new GtidSet([.. ids], [.. lists]);
    }

    /// <summary>Transactions in this set that are not in <paramref name="other"/>.</summary>
    public GtidSet Subtract(GtidSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsEmpty || other.IsEmpty)
            return this;

        List<Guid>? ids = null;
        List<GtidInterval[]>? lists = null;
        for (var i = 0; i < _sourceIds.Length; i++)
        {
            var list = _intervals[i];
            var otherIndex = other.IndexOf(_sourceIds[i]);
            var rest = otherIndex >= 0 ? GtidIntervalList.Subtract(list, other._intervals[otherIndex]) : list;
            if (ids is null && ReferenceEquals(rest, list))
                continue;
            if (ids is null)
            {
                ids = [.. _sourceIds.AsSpan(0, i)];
                lists = [.. _intervals.AsSpan(0, i)];
            }

            if (rest.Length > 0)
            {
                ids.Add(_sourceIds[i]);
                lists!.Add(rest);
            }
        }

        return ids is null ? this : new GtidSet([.. ids], [.. lists!]);
    }

    /// <summary>True when every transaction of <paramref name="other"/> is in this set (a superset test).</summary>
    public bool Contains(GtidSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var j = 0; j < other._sourceIds.Length; j++)
        {
            var index = IndexOf(other._sourceIds[j]);
            if (index < 0 || !GtidIntervalList.Contains(_intervals[index], other._intervals[j]))
                return false;
        }

        return true;
    }

    public bool Contains(Guid sourceId, long transactionNumber)
    {
        var index = IndexOf(sourceId);
        return index >= 0 && GtidIntervalList.Contains(_intervals[index], transactionNumber);
    }

    public bool Equals([NotNullWhen(true)] GtidSet? other)
    {
        if (other is null)
            return false;
        if (ReferenceEquals(this, other))
            return true;
        if (!_sourceIds.AsSpan().SequenceEqual(other._sourceIds))
            return false;
        for (var i = 0; i < _intervals.Length; i++)
        {
            if (!_intervals[i].AsSpan().SequenceEqual(other._intervals[i]))
                return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as GtidSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < _sourceIds.Length; i++)
        {
            hash.Add(_sourceIds[i]);
            foreach (var interval in _intervals[i])
                hash.Add(interval);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(GtidSet? left, GtidSet? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(GtidSet? left, GtidSet? right) => !(left == right);

    /// <summary>Builds a set from per-source intervals in any order, dropping sources with none.</summary>
    private static GtidSet FromUnsorted(Dictionary<Guid, List<GtidInterval>> bySource)
    {
        var ids = new List<Guid>(bySource.Count);
        foreach (var (id, list) in bySource)
        {
            if (list.Count > 0)
                ids.Add(id);
        }

        if (ids.Count == 0)
            return Empty;
        ids.Sort(SourceIdOrder.Comparer);
        var lists = new GtidInterval[ids.Count][];
        for (var i = 0; i < ids.Count; i++)
            lists[i] = GtidIntervalList.Normalize(bySource[ids[i]]);
        return new GtidSet([.. ids], lists);
    }

    private GtidSet Insert(int index, Guid sourceId, GtidInterval[] intervals)
    {
        var ids = new Guid[_sourceIds.Length + 1];
        var lists = new GtidInterval[_sourceIds.Length + 1][];
        _sourceIds.AsSpan(0, index).CopyTo(ids);
        _intervals.AsSpan(0, index).CopyTo(lists);
        ids[index] = sourceId;
        lists[index] = intervals;
        _sourceIds.AsSpan(index).CopyTo(ids.AsSpan(index + 1));
        _intervals.AsSpan(index).CopyTo(lists.AsSpan(index + 1));
        return new GtidSet(ids, lists);
    }

    /// <summary>Binary search over the sorted source ids; the complement of the insertion point when absent.</summary>
    private int IndexOf(Guid sourceId)
    {
        int low = 0, high = _sourceIds.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var order = SourceIdOrder.Compare(_sourceIds[mid], sourceId);
            if (order == 0)
                return mid;
            if (order < 0)
                low = mid + 1;
            else
                high = mid - 1;
        }

        return ~low;
    }
}
