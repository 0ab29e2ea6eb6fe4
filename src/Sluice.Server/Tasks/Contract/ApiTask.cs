using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sluice.Server.Tasks.Contract;

/// <summary>
/// A DM task as <c>/api/v1/tasks</c> takes and gives it (the OpenAPI spec's <c>Task</c> schema), field for field,
/// with nothing checked or defaulted: <see cref="TaskValidator"/> checks it and <see cref="TaskMapper"/> turns it
/// into the engine's task. Values are strings and nullable where the spec has enums and optional fields, so that a
/// wrong value is reported with DM's error code instead of failing the whole body. Unknown fields are refused.
/// </summary>
/// <remarks>Named ApiTask rather than Task, which would hide System.Threading.Tasks.Task in this namespace.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ApiTask
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>full, incremental, all, dump or load.</summary>
    [JsonPropertyName("task_mode")]
    public string? TaskMode { get; init; }

    /// <summary>pessimistic or optimistic; absent for a task that merges no shards.</summary>
    [JsonPropertyName("shard_mode")]
    public string? ShardMode { get; init; }

    [JsonPropertyName("strict_optimistic_shard_mode")]
    public bool? StrictOptimisticShardMode { get; init; }

    /// <summary>Schema in the target for the checkpoint tables; DM's default is dm_meta.</summary>
    [JsonPropertyName("meta_schema")]
    public string? MetaSchema { get; init; }

    [JsonPropertyName("timezone")]
    public string? Timezone { get; init; }

    [JsonPropertyName("enhance_online_schema_change")]
    public bool? EnhanceOnlineSchemaChange { get; init; }

    /// <summary>replace, error or ignore (the spec); overwrite, as the document's examples write it, means replace.</summary>
    [JsonPropertyName("on_duplicate")]
    public string? OnDuplicate { get; init; }

    [JsonPropertyName("target_config")]
    public TaskTargetDatabase? TargetConfig { get; init; }

    /// <summary>Binlog event filter rules by name; table_migrate_rule entries name the ones that apply to them.</summary>
    [JsonPropertyName("binlog_filter_rule")]
    public IReadOnlyDictionary<string, TaskBinlogFilterRule>? BinlogFilterRule { get; init; }

    [JsonPropertyName("table_migrate_rule")]
    public IReadOnlyList<TaskTableMigrateRule>? TableMigrateRule { get; init; }

    [JsonPropertyName("source_config")]
    public TaskSourceConfig? SourceConfig { get; init; }

    /// <summary>
    /// The subtasks' status, which the server adds to a GET with <c>with_status=true</c>. Kept as given so that a body
    /// read back from the API can be sent again; the status schema belongs to the status endpoints, not to this one.
    /// </summary>
    [JsonPropertyName("status_list")]
    public IReadOnlyList<JsonElement>? StatusList { get; init; }

    /// <summary>Precheck items not to run (version, server_id, …).</summary>
    [JsonPropertyName("ignore_checking_items")]
    public IReadOnlyList<string>? IgnoreCheckingItems { get; init; }

    /// <summary>
    /// This task as the API shows it: the target password as DM prints it (<c>******</c>) and no certificate contents,
    /// which the spec hides when a configuration is read back.
    /// </summary>
    public ApiTask Redacted() => this with
    {
        TargetConfig = TargetConfig is null ? null : TargetConfig with
        {
            Password = TargetConfig.Password is null ? null : TaskTargetDatabase.HiddenPassword,
            Security = null,
        },
    };
}
