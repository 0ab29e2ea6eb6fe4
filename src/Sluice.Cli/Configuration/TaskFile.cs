namespace Sluice.Cli.Configuration;

/// <summary>
/// A DM task file as written (DM's TaskConfig): every key checked for its type and refused when unknown, nothing
/// resolved or defaulted yet. <see cref="TaskFileReader"/> turns it into the engine's task.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/task-configuration-file-full</remarks>
internal sealed record TaskFile
{
    public string? Name { get; init; }

    /// <summary>task-mode as written: all, full, incremental, dump or load.</summary>
    public string? TaskMode { get; init; }

    public string? MetaSchema { get; init; }

    public bool? CaseSensitive { get; init; }

    public bool? CleanDumpFile { get; init; }

    public DbConfig? TargetDatabase { get; init; }

    public IReadOnlyList<MySqlInstanceConfig> MySqlInstances { get; init; } = [];

    /// <summary>block-allow-list rules by name; black-white-list's when the file uses only the old name.</summary>
    public IReadOnlyDictionary<string, BlockAllowListConfig> BlockAllowLists { get; init; } = new Dictionary<string, BlockAllowListConfig>();

    public IReadOnlyDictionary<string, RouteConfig> Routes { get; init; } = new Dictionary<string, RouteConfig>();

    public IReadOnlyDictionary<string, FilterRuleConfig> Filters { get; init; } = new Dictionary<string, FilterRuleConfig>();

    public IReadOnlyDictionary<string, ExpressionFilterConfig> ExpressionFilters { get; init; } = new Dictionary<string, ExpressionFilterConfig>();

    public IReadOnlyDictionary<string, MydumperConfig> Mydumpers { get; init; } = new Dictionary<string, MydumperConfig>();

    public IReadOnlyDictionary<string, LoaderConfig> Loaders { get; init; } = new Dictionary<string, LoaderConfig>();

    public IReadOnlyDictionary<string, SyncerConfig> Syncers { get; init; } = new Dictionary<string, SyncerConfig>();

    public required YamlSection Yaml { get; init; }

    /// <param name="yaml">The task file's text.</param>
    /// <param name="origin">The file's name, for messages; null when it has none.</param>
    public static TaskFile Parse(string yaml, string? origin = null)
    {
        var root = YamlSection.LoadDocument(yaml, origin);
        var blockAllowLists = Named(root, "block-allow-list", BlockAllowListConfig.Read);
        var blackWhiteLists = Named(root, "black-white-list", BlockAllowListConfig.Read);
        var file = new TaskFile
        {
            Yaml = root,
            Name = root.String("name"),
            TaskMode = root.String("task-mode"),
            MetaSchema = root.String("meta-schema"),
            CaseSensitive = root.Bool("case-sensitive"),
            CleanDumpFile = root.Bool("clean-dump-file"),
            TargetDatabase = root.Section("target-database") is { } target ? DbConfig.Read(target) : null,
            MySqlInstances = root.SectionList("mysql-instances")?.Select(MySqlInstanceConfig.Read).ToList() ?? [],

            // As DM: the old name's rules are used only when the new name defines none.
            BlockAllowLists = blockAllowLists.Count > 0 ? blockAllowLists : blackWhiteLists,
            Routes = Named(root, "routes", RouteConfig.Read),
            Filters = Named(root, "filters", FilterRuleConfig.Read),
            ExpressionFilters = Named(root, "expression-filter", ExpressionFilterConfig.Read),
            Mydumpers = Named(root, "mydumpers", MydumperConfig.Read),
            Loaders = Named(root, "loaders", LoaderConfig.Read),
            Syncers = Named(root, "syncers", SyncerConfig.Read),
        };
        root.Finish(DmKeysNotActedOn.Task);
        return file;
    }

    private static Dictionary<string, T> Named<T>(YamlSection root, string key, Func<YamlSection, T> read)
    {
        var rules = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (name, body) in root.NamedSections(key) ?? [])
        {
            rules.Add(name, read(body));
        }

        return rules;
    }
}
