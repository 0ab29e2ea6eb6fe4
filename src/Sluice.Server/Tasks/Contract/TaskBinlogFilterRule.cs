using System.Text.Json.Serialization;

namespace Sluice.Server.Tasks.Contract;

/// <summary>
/// A binlog event filter template (the spec's TaskBinLogFilterRule): what to ignore in the tables of the
/// table_migrate_rule entries that name it. DM applies it as an Ignore rule on those entries' source patterns.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskBinlogFilterRule
{
    /// <summary>DM event names: <c>all dml</c>, <c>truncate table</c>, …</summary>
    [JsonPropertyName("ignore_event")]
    public IReadOnlyList<string>? IgnoreEvent { get; init; }

    /// <summary>Regular expressions over statement text.</summary>
    [JsonPropertyName("ignore_sql")]
    public IReadOnlyList<string>? IgnoreSql { get; init; }
}
