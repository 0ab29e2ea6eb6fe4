using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Sluice.MySql.Positions;

/// <summary>Read-only dictionary view of a <see cref="GtidSet"/>'s sorted arrays, enumerating in print order.</summary>
internal sealed class GtidSetIntervals(Guid[] sourceIds, GtidInterval[][] intervals)
    : IReadOnlyDictionary<Guid, IReadOnlyList<GtidInterval>>
{
    public int Count => sourceIds.Length;

    public IEnumerable<Guid> Keys => Array.AsReadOnly(sourceIds);

    public IEnumerable<IReadOnlyList<GtidInterval>> Values
    {
        get
        {
            for (var i = 0; i < intervals.Length; i++)
                yield return Array.AsReadOnly(intervals[i]);
        }
    }

    public IReadOnlyList<GtidInterval> this[Guid key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"source {key} is not in the GTID set");

    public bool ContainsKey(Guid key) => IndexOf(key) >= 0;

    public bool TryGetValue(Guid key, [MaybeNullWhen(false)] out IReadOnlyList<GtidInterval> value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? Array.AsReadOnly(intervals[index]) : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<Guid, IReadOnlyList<GtidInterval>>> GetEnumerator()
    {
        for (var i = 0; i < sourceIds.Length; i++)
            yield return new KeyValuePair<Guid, IReadOnlyList<GtidInterval>>(sourceIds[i], Array.AsReadOnly(intervals[i]));
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(Guid key)
    {
        for (var i = 0; i < sourceIds.Length; i++)
        {
            if (sourceIds[i] == key)
                return i;
        }

        return -1;
    }
}
