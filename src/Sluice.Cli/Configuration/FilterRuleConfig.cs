using Sluice.Replication.Filtering;

namespace Sluice.Cli.Configuration;

/// <summary>
/// One binlog event filter rule (a named entry under the task's <c>filters</c>, or an entry of a source file's
/// <c>filters</c> list): DM's bf.BinlogEventRule, which the sync unit applies to the instances that name it.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/dm-binlog-event-filter</remarks>
internal sealed record FilterRuleConfig
{
    public required string SchemaPattern { get; init; }

    public string? TablePattern { get; init; }

    /// <summary>Event types such as <c>all dml</c>, <c>truncate table</c>, as written.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>Regular expressions matched against DDL statements.</summary>
    public IReadOnlyList<string> SqlPatterns { get; init; } = [];

    /// <summary>Do, Ignore or Error.</summary>
    public required string Action { get; init; }

    /// <summary>The engine's rule; an event name DM does not know is an error naming it.</summary>
    public BinlogFilterRule ToRule(string name, YamlSection at)
    {
        var events = new List<BinlogEventKind>(Events.Count);
        foreach (var text in Events)
        {
            if (!BinlogEventKinds.TryParse(text.Trim().ToLowerInvariant(), out var kind))
                throw at.Error("filter-rules", $"filter '{name}' names the event '{text}', which is not one of DM's (all, all dml, all ddl, insert, update, delete, create table, drop table, truncate table, rename table, create database, drop database, …)");
            events.Add(kind);
        }

        return new BinlogFilterRule
        {
            Name = name,
            SchemaPattern = SchemaPattern,
            TablePattern = TablePattern,
            Events = events,
            SqlPattern = SqlPatterns,
            Action = Action switch
            {
                "Do" => BinlogFilterAction.Do,
                "Ignore" => BinlogFilterAction.Ignore,
                _ => BinlogFilterAction.Error,
            },
        };
    }

    public static FilterRuleConfig Read(YamlSection yaml)
    {
        var schemaPattern = yaml.String("schema-pattern");
        var tablePattern = yaml.String("table-pattern");
        var events = yaml.StringList("events") ?? [];
        var sqlPatterns = yaml.StringList("sql-pattern") ?? [];
        var action = yaml.String("action");
        yaml.Finish();

        if (string.IsNullOrEmpty(schemaPattern))
        {
            throw yaml.Error("schema-pattern", "missing: a filter rule matches source schemas by schema-pattern");
        }

        return new FilterRuleConfig
        {
            SchemaPattern = schemaPattern,
            TablePattern = string.IsNullOrEmpty(tablePattern) ? null : tablePattern,
            Events = events,
            SqlPatterns = sqlPatterns,
            Action = action switch
            {
                null or "" => throw yaml.Error("action", "missing: a filter rule's action is Do, Ignore or Error"),
                _ when action.Equals("Do", StringComparison.OrdinalIgnoreCase) => "Do",
                _ when action.Equals("Ignore", StringComparison.OrdinalIgnoreCase) => "Ignore",
                _ when action.Equals("Error", StringComparison.OrdinalIgnoreCase) => "Error",
                _ => throw yaml.Error("action", $"'{action}' is not an action; use Do, Ignore or Error"),
            },
        };
    }
}
