using System.Text.Json.Nodes;

namespace Sluice.Cli.Dmctl;

/// <summary>
/// The dump and load bars of one source for the watch display, from its subtask status. A unit past a phase has
/// finished it, and the status no longer carries that phase's figures: its bar is shown full. Phases before the
/// first one seen (an incremental task, or a load-only task's dump) get no bar.
/// </summary>
internal static class LoadPhases
{
    private static readonly string[] Order = ["dump", "load"];

    /// <param name="subtask">One element of the task status's data.</param>
    /// <param name="firstSeen">The first phase shown for this source so far; null when none was.</param>
    /// <returns>Each phase to show with its percentage (0 to 100).</returns>
    public static IReadOnlyList<(string Phase, double Percent)> Of(JsonObject subtask, string? firstSeen)
    {
        ArgumentNullException.ThrowIfNull(subtask);
        var unit = StatusFormat.Text(subtask, "unit");
        var current = Array.IndexOf(Order, unit);
        if (current < 0)
            current = unit == "sync" ? Order.Length : -1;
        if (current < 0)
            return [];
        var first = firstSeen is null ? current : Math.Min(Array.IndexOf(Order, firstSeen) is var seen and >= 0 ? seen : current, current);
        var phases = new List<(string, double)>();
        for (var i = first; i < Order.Length && i <= current; i++)
        {
            var phase = Order[i];
            phases.Add((phase, i < current ? 100 : StatusFormat.Percent(StatusFormat.Text(subtask[phase + "_status"], "progress"))));
        }

        return phases;
    }
}
