namespace Sluice.MySql.Positions;

/// <summary>
/// Set algebra on one source's intervals. Every list here is normalised: sorted by start, non-empty
/// intervals, and neither overlapping nor adjacent (<c>1-5</c> and <c>6-9</c> are kept as <c>1-9</c>),
/// which is the form MySQL keeps and prints, so equal sets have equal lists.
/// </summary>
internal static class GtidIntervalList
{
    /// <summary>Sorts and merges intervals given in any order.</summary>
    public static GtidInterval[] Normalize(List<GtidInterval> intervals)
    {
        if (intervals.Count == 0)
            return [];
        intervals.Sort(static (x, y) => x.Start.CompareTo(y.Start));
        var result = new List<GtidInterval>(intervals.Count);
        var current = intervals[0];
        for (var i = 1; i < intervals.Count; i++)
        {
            var next = intervals[i];
            // End is at most 2^63-2, so End + 1 cannot overflow.
            if (next.Start <= current.End + 1)
            {
                if (next.End > current.End)
                    current = new GtidInterval(current.Start, next.End);
            }
            else
            {
                result.Add(current);
                current = next;
            }
        }

        result.Add(current);
        return [.. result];
    }

    /// <summary>The list with one more interval; returns <paramref name="list"/> itself when nothing is new.</summary>
    public static GtidInterval[] Add(GtidInterval[] list, GtidInterval interval)
    {
        if (list.Length > 0)
        {
            // The common case by far: the next transaction of the newest interval.
            ref readonly var last = ref list[^1];
            if (interval.Start == last.End + 1 || (interval.Start > last.Start && interval.Start <= last.End && interval.End > last.End))
            {
                var extended = (GtidInterval[])list.Clone();
                extended[^1] = new GtidInterval(last.Start, interval.End);
                return extended;
            }

            if (Contains(list, interval))
                return list;
        }

        return Union(list, [interval]);
    }

    public static GtidInterval[] Union(GtidInterval[] left, GtidInterval[] right)
    {
        if (right.Length == 0)
            return left;
        if (left.Length == 0)
            return right;

        var result = new List<GtidInterval>(left.Length + right.Length);
        int i = 0, j = 0;
        var hasCurrent = false;
        GtidInterval current = default;
        while (i < left.Length || j < right.Length)
        {
            GtidInterval next;
            if (j >= right.Length || (i < left.Length && left[i].Start <= right[j].Start))
                next = left[i++];
            else
                next = right[j++];

            if (!hasCurrent)
            {
                current = next;
                hasCurrent = true;
            }
            else if (next.Start <= current.End + 1)
            {
                if (next.End > current.End)
                    current = new GtidInterval(current.Start, next.End);
            }
            else
            {
                result.Add(current);
                current = next;
            }
        }

        result.Add(current);
        return [.. result];
    }

    /// <summary>Transactions in <paramref name="left"/> that are not in <paramref name="right"/>.</summary>
    public static GtidInterval[] Subtract(GtidInterval[] left, GtidInterval[] right)
    {
        if (left.Length == 0 || right.Length == 0)
            return left;

        var result = new List<GtidInterval>(left.Length + 1);
        var changed = false;
        var j = 0;
        foreach (var interval in left)
        {
            var from = interval.Start;
            while (j < right.Length && right[j].End < from)
                j++;

            // right[j..] may overlap this interval; do not advance j past an interval that may also
            // overlap the next one.
            var k = j;
            while (k < right.Length && right[k].Start <= interval.End && from <= interval.End)
            {
                changed = true;
                if (right[k].Start > from)
                    result.Add(new GtidInterval(from, right[k].Start - 1));
                if (right[k].End >= interval.End)
                {
                    from = interval.End + 1;
                    break;
                }

                from = right[k].End + 1;
                k++;
            }

            if (from <= interval.End)
                result.Add(from == interval.Start ? interval : new GtidInterval(from, interval.End));
        }

        return changed ? [.. result] : left;
    }

    /// <summary>True when every transaction of <paramref name="subset"/> is in <paramref name="superset"/>.</summary>
    public static bool Contains(GtidInterval[] superset, GtidInterval[] subset)
    {
        var i = 0;
        foreach (var interval in subset)
        {
            while (i < superset.Length && superset[i].End < interval.Start)
                i++;
            // Normalised lists: an interval is covered only by a single interval of the superset.
            if (i >= superset.Length || superset[i].Start > interval.Start || superset[i].End < interval.End)
                return false;
        }

        return true;
    }

    public static bool Contains(GtidInterval[] list, GtidInterval interval)
    {
        var index = IndexOfCovering(list, interval.Start);
        return index >= 0 && list[index].End >= interval.End;
    }

    public static bool Contains(GtidInterval[] list, long transactionNumber) =>
        IndexOfCovering(list, transactionNumber) >= 0;

    /// <summary>Index of the interval holding <paramref name="transactionNumber"/>, or -1.</summary>
    private static int IndexOfCovering(GtidInterval[] list, long transactionNumber)
    {
        int low = 0, high = list.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (list[mid].End < transactionNumber)
                low = mid + 1;
            else if (list[mid].Start > transactionNumber)
                high = mid - 1;
            else
                return mid;
        }

        return -1;
    }
}
