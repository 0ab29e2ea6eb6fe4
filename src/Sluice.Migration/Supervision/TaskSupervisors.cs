using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sluice.Migration.Supervision;

/// <summary>The supervisors of a server's tasks, by task name (case-sensitive, as DM's task names are).</summary>
/// <param name="logger">Given to every supervisor made here; none when null.</param>
public sealed class TaskSupervisors(ILogger<TaskSupervisor>? logger = null)
{
    private readonly ConcurrentDictionary<string, TaskSupervisor> _tasks = new(StringComparer.Ordinal);

    /// <summary>The supervisor of <paramref name="name"/>, or null when there is none.</summary>
    public TaskSupervisor? Get(string name) => _tasks.TryGetValue(name, out var supervisor) ? supervisor : null;

    /// <summary>The supervisor of <paramref name="name"/>, made (New) when there is none.</summary>
    public TaskSupervisor GetOrAdd(string name) => _tasks.GetOrAdd(name, n => new TaskSupervisor(n, logger));

    /// <summary>Forgets the supervisor of <paramref name="name"/>; false when there is none or it is still Running (stop it first).</summary>
    public bool Remove(string name) =>
        _tasks.TryGetValue(name, out var supervisor)
        && supervisor.Snapshot().Stage != TaskStage.Running
        && _tasks.TryRemove(new KeyValuePair<string, TaskSupervisor>(name, supervisor));

    /// <summary>Every supervisor's task name.</summary>
    public IReadOnlyList<string> Names => [.. _tasks.Keys];

    /// <summary>For shutdown: stops every running task at a checkpoint, all at once, and waits for them.</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(_tasks.Values.Select(t => t.StopAsync(cancellationToken))).ConfigureAwait(false);
}
