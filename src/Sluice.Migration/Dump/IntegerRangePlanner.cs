namespace Sluice.Migration.Dump;

/// <summary>
/// Cuts the values [min, max] of a single-column integer key into ranges of about <c>chunkRows</c> rows each,
/// judging the density from the estimated row count. The first range is open below and the last open above, so
/// the ranges cover every value exactly once whatever the estimate.
/// </summary>
internal static class IntegerRangePlanner
{
    /// <summary>Ranges as (From inclusive, To exclusive); null is unbounded.</summary>
    public static IReadOnlyList<(Int128? From, Int128? To)> Plan(Int128 min, Int128 max, long estimatedRows, long chunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var span = max - min + 1;
        Int128 rows = estimatedRows > 0 ? estimatedRows : span;
        var count = Int128.Min(Int128.Min((rows + chunkRows - 1) / chunkRows, span), MaxChunks);
        if (count <= 1)
            return [(null, null)];
        var step = (span + count - 1) / count;
        var ranges = new List<(Int128?, Int128?)>();
        for (var from = min; from <= max; from += step)
        {
            Int128? to = max - from >= step ? from + step : null;
            ranges.Add((ranges.Count == 0 ? null : from, to));
            if (to is null)
                break;
        }

        return ranges;
    }

    /// <summary>Bounds the number of files a wildly wrong estimate could ask for.</summary>
    private const int MaxChunks = 100_000;
}
