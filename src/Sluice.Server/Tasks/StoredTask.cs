using System.Text.Json.Serialization;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tasks;

/// <summary>
/// A task as the server keeps it: the API's task (target secrets sealed) and the stage last asked for: the task's,
/// and each source's where an operation named some sources only.
/// </summary>
internal sealed record StoredTask(
    [property: JsonPropertyName("task")] ApiTask Task,
    [property: JsonPropertyName("stage")] TaskRequestedStage Stage,
    [property: JsonPropertyName("source_stages")] IReadOnlyDictionary<string, TaskRequestedStage>? SourceStages = null)
{
    public string Name => Task.Name ?? "";

    /// <summary>The stage last asked for <paramref name="source"/>.</summary>
    public TaskRequestedStage StageOf(string source) =>
        SourceStages is not null && SourceStages.TryGetValue(source, out var stage) ? stage : Stage;

    /// <summary>
    /// This task with <paramref name="stage"/> asked for <paramref name="sources"/> (all when null); the task's own
    /// stage is then Running while a source is, else Paused while one is, else Stopped.
    /// </summary>
    public StoredTask WithStage(TaskRequestedStage stage, IReadOnlyCollection<string>? sources)
    {
        if (sources is null)
            return this with { Stage = stage, SourceStages = null };
        var stages = SourceNames.ToDictionary(s => s, s => sources.Contains(s) ? stage : StageOf(s), StringComparer.Ordinal);
        var overall = stages.ContainsValue(TaskRequestedStage.Running) ? TaskRequestedStage.Running
            : stages.ContainsValue(TaskRequestedStage.Paused) ? TaskRequestedStage.Paused
            : TaskRequestedStage.Stopped;
        return this with { Stage = overall, SourceStages = stages.Values.Distinct().Count() == 1 ? null : stages };
    }

    /// <summary>The registered sources the task reads (its source_conf), in order.</summary>
    public IReadOnlyList<string> SourceNames =>
        [.. (Task.SourceConfig?.SourceConf ?? []).Select(conf => conf.SourceName).OfType<string>()];
}
