namespace Sluice.Cli.Configuration;

/// <summary>One entry of <c>mysql-instances</c>: a source and the names of the rules it uses (DM's MySQLInstance).</summary>
internal sealed record MySqlInstanceConfig
{
    public string? SourceId { get; init; }

    /// <summary>Sluice's extension: the source's connection given in the task file instead of a source file.</summary>
    public DbConfig? From { get; init; }

    public MetaConfig? Meta { get; init; }

    /// <summary>block-allow-list, or its old name black-white-list when the new one is not given.</summary>
    public string? BlockAllowList { get; init; }

    public IReadOnlyList<string> RouteRules { get; init; } = [];

    public IReadOnlyList<string> FilterRules { get; init; } = [];

    /// <summary>expression-filters: names of expression-filter entries.</summary>
    public IReadOnlyList<string> ExpressionFilters { get; init; } = [];

    public string? MydumperConfigName { get; init; }

    public MydumperConfig? Mydumper { get; init; }

    /// <summary>mydumper-thread: overrides the mydumpers entry's threads; 0 leaves it.</summary>
    public int? MydumperThread { get; init; }

    public string? LoaderConfigName { get; init; }

    public LoaderConfig? Loader { get; init; }

    /// <summary>loader-thread: overrides the loaders entry's pool-size; 0 leaves it.</summary>
    public int? LoaderThread { get; init; }

    public string? SyncerConfigName { get; init; }

    public SyncerConfig? Syncer { get; init; }

    /// <summary>syncer-thread: overrides the syncers entry's worker-count; 0 leaves it.</summary>
    public int? SyncerThread { get; init; }

    public required YamlSection Yaml { get; init; }

    public static MySqlInstanceConfig Read(YamlSection yaml)
    {
        var config = new MySqlInstanceConfig
        {
            Yaml = yaml,
            SourceId = yaml.String("source-id"),
            From = yaml.Section("from") is { } from ? DbConfig.Read(from) : null,
            Meta = yaml.Section("meta") is { } meta ? MetaConfig.Read(meta) : null,
            BlockAllowList = OneOf(yaml.String("block-allow-list"), yaml.String("black-white-list")),
            RouteRules = yaml.StringList("route-rules") ?? [],
            FilterRules = yaml.StringList("filter-rules") ?? [],
            ExpressionFilters = yaml.StringList("expression-filters") ?? [],
            MydumperConfigName = yaml.String("mydumper-config-name"),
            Mydumper = yaml.Section("mydumper") is { } mydumper ? MydumperConfig.Read(mydumper) : null,
            MydumperThread = NonNegative(yaml, "mydumper-thread"),
            LoaderConfigName = yaml.String("loader-config-name"),
            Loader = yaml.Section("loader") is { } loader ? LoaderConfig.Read(loader) : null,
            LoaderThread = NonNegative(yaml, "loader-thread"),
            SyncerConfigName = yaml.String("syncer-config-name"),
            Syncer = yaml.Section("syncer") is { } syncer ? SyncerConfig.Read(syncer) : null,
            SyncerThread = NonNegative(yaml, "syncer-thread"),
        };
        yaml.Finish(DmKeysNotActedOn.Instance);
        return config;
    }

    // As DM: the old name is used only when the new one is not given.
    private static string? OneOf(string? current, string? old) => string.IsNullOrEmpty(current) ? old : current;

    private static int? NonNegative(YamlSection yaml, string key)
    {
        var value = yaml.Int(key);
        return value is < 0 ? throw yaml.Error(key, $"{value} is not a thread count") : value;
    }
}
