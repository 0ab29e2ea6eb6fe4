using System.Text.Json.Serialization;

namespace Sluice.Server.Tasks.Contract;

/// <summary>source_config: the sources a task reads and how each unit runs for all of them.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskSourceConfig
{
    [JsonPropertyName("full_migrate_conf")]
    public TaskFullMigrateConf? FullMigrateConf { get; init; }

    [JsonPropertyName("incr_migrate_conf")]
    public TaskIncrMigrateConf? IncrMigrateConf { get; init; }

    [JsonPropertyName("source_conf")]
    public IReadOnlyList<TaskSourceConf>? SourceConf { get; init; }
}

/// <summary>One source of the task, by its registered name, with where its incremental replication starts.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskSourceConf
{
    [JsonPropertyName("source_name")]
    public string? SourceName { get; init; }

    [JsonPropertyName("binlog_name")]
    public string? BinlogName { get; init; }

    [JsonPropertyName("binlog_pos")]
    public long? BinlogPos { get; init; }

    [JsonPropertyName("binlog_gtid")]
    public string? BinlogGtid { get; init; }

    /// <summary>Whether a binlog start is given (a file name or a GTID set), as DM's meta requires one of them.</summary>
    [JsonIgnore]
    public bool HasBinlogStart => !string.IsNullOrEmpty(BinlogName) || !string.IsNullOrEmpty(BinlogGtid);
}
