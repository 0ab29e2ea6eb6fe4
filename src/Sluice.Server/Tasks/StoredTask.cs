using System.Text.Json.Serialization;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tasks;

/// <summary>A task as the server keeps it: the API's task (target secrets sealed) and the stage last asked for.</summary>
internal sealed record StoredTask(
    [property: JsonPropertyName("task")] ApiTask Task,
    [property: JsonPropertyName("stage")] TaskRequestedStage Stage)
{
    public string Name => Task.Name ?? "";

    /// <summary>The registered sources the task reads (its source_conf), in order.</summary>
    public IReadOnlyList<string> SourceNames =>
        [.. (Task.SourceConfig?.SourceConf ?? []).Select(conf => conf.SourceName).OfType<string>()];
}
