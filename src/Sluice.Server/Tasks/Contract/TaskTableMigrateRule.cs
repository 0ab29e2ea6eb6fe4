using System.Text.Json.Serialization;

namespace Sluice.Server.Tasks.Contract;

/// <summary>
/// One table_migrate_rule entry: which upstream tables of a source to migrate (the block-allow list), where to
/// (a route, when a target is given) and which binlog filters apply to them.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskTableMigrateRule
{
    [JsonPropertyName("source")]
    public TaskTableMigrateRuleSource? Source { get; init; }

    [JsonPropertyName("target")]
    public TaskTableMigrateRuleTarget? Target { get; init; }

    /// <summary>Names of <see cref="ApiTask.BinlogFilterRule"/> entries.</summary>
    [JsonPropertyName("binlog_filter_rule")]
    public IReadOnlyList<string>? BinlogFilterRule { get; init; }
}

/// <summary>The upstream side of a rule: a source and schema and table patterns (wildcards, or <c>~regex</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskTableMigrateRuleSource
{
    [JsonPropertyName("source_name")]
    public string? SourceName { get; init; }

    [JsonPropertyName("schema")]
    public string? Schema { get; init; }

    [JsonPropertyName("table")]
    public string? Table { get; init; }
}

/// <summary>The downstream side of a rule: plain names, no wildcards; a table left out keeps the upstream name.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskTableMigrateRuleTarget
{
    [JsonPropertyName("schema")]
    public string? Schema { get; init; }

    [JsonPropertyName("table")]
    public string? Table { get; init; }
}
