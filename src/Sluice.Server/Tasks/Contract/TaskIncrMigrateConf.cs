using System.Text.Json.Serialization;

namespace Sluice.Server.Tasks.Contract;

/// <summary>incr_migrate_conf: the sync unit (the spec's TaskIncrMigrateConf).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskIncrMigrateConf
{
    [JsonPropertyName("repl_threads")]
    public int? ReplThreads { get; init; }

    [JsonPropertyName("repl_batch")]
    public int? ReplBatch { get; init; }

    [JsonPropertyName("safe_mode")]
    public bool? SafeMode { get; init; }
}
