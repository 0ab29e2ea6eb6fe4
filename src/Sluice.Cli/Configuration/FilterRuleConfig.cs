namespace Sluice.Cli.Configuration;

/// <summary>
/// One binlog event filter rule (a named entry under the task's <c>filters</c>, or an entry of a source file's
/// <c>filters</c> list): DM's bf.BinlogEventRule. Read and checked now; the sync unit will apply it.
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
