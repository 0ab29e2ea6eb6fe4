using Prometheus;

namespace Sluice.Server.Observability;

/// <summary>
/// A labelled metric whose children are set afresh at each scrape from the engine's status: children not set in a
/// scrape (a deleted task, a unit not reached yet in this run) are removed by <see cref="Sweep"/>, so they leave the
/// output instead of keeping their last value.
/// </summary>
internal sealed class ScrapedSeries<TChild>(Collector<TChild> collector)
    where TChild : ChildBase
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);

    /// <summary>The child with these label values, kept at this scrape.</summary>
    public TChild Child(params string[] labels)
    {
        _set.Add(Key(labels));
        return collector.WithLabels(labels);
    }

    /// <summary>Drops the child with these label values, e.g. to restart a counter from zero.</summary>
    public void Remove(params string[] labels) => collector.RemoveLabelled(labels);

    /// <summary>Removes every child not asked for since the last sweep.</summary>
    public void Sweep()
    {
        foreach (var labels in collector.GetAllLabelValues().ToList())
        {
            if (!_set.Contains(Key(labels)))
                collector.RemoveLabelled(labels);
        }

        _set.Clear();
    }

    private static string Key(string[] labels) => string.Join('\0', labels);
}
