using Sluice.Replication.Configuration;
using Sluice.Migration;
using Sluice.Replication.Filtering;
using Sluice.Replication.Routing;

namespace Sluice.Cli.Configuration;

/// <summary>
/// Turns a DM task file into the engine's <see cref="MigrationTask"/>: resolves the rules each instance names,
/// finds each source's connection (an inline <c>from:</c> or the source file with the same source-id), applies
/// DM's defaults and refuses what DM would refuse, saying which field is wrong.
/// </summary>
/// <remarks>Defaults and checks follow DM's TaskConfig.adjust: https://docs.pingcap.com/tidb/stable/task-configuration-file-full</remarks>
internal static class TaskFileReader
{
    public const string DefaultMetaSchema = "dm_meta";
    public const int DefaultDumpThreads = 4;
    public const int DefaultLoadPoolSize = 16;
    public const string DefaultDir = "./dumped_data";
    public const long DefaultChunkFileSize = 64L << 20;

    /// <param name="taskYaml">The task file's text.</param>
    /// <param name="sources">DM source files by source-id; instances with an inline <c>from:</c> need none.</param>
    /// <param name="origin">The task file's name, for messages; null when it has none.</param>
    /// <exception cref="TaskConfigException">The file cannot be used as written.</exception>
    public static MigrationTask Read(string taskYaml, IReadOnlyDictionary<string, SourceFile> sources, string? origin = null) =>
        Resolve(TaskFile.Parse(taskYaml, origin), sources);

    /// <inheritdoc cref="Read"/>
    public static MigrationTask Resolve(TaskFile file, IReadOnlyDictionary<string, SourceFile> sources)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(sources);
        var root = file.Yaml;
        if (string.IsNullOrWhiteSpace(file.Name))
        {
            throw root.Error("name", "missing: every task has a name, unique among tasks");
        }

        var mode = ParseMode(file);
        var target = file.TargetDatabase?.ToEndpoint()
            ?? throw root.Error("target-database", "missing: say where to migrate to (host, port, user, password)");
        if (file.MySqlInstances.Count == 0)
        {
            throw root.Error("mysql-instances", "missing: list at least one source to migrate from");
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var instances = new List<SourceInstance>(file.MySqlInstances.Count);
        for (var i = 0; i < file.MySqlInstances.Count; i++)
        {
            instances.Add(ResolveInstance(file, i, sources, seen));
        }

        return new MigrationTask
        {
            Name = file.Name,
            Mode = mode,
            MetaSchema = string.IsNullOrEmpty(file.MetaSchema) ? DefaultMetaSchema : file.MetaSchema,
            CaseSensitive = file.CaseSensitive ?? false,
            CleanDumpFile = file.CleanDumpFile ?? true,
            Target = target,
            Sources = instances,
        };
    }

    private static TaskMode ParseMode(TaskFile file) => file.TaskMode?.ToLowerInvariant() switch
    {
        null or "" => throw file.Yaml.Error("task-mode", "missing: set task-mode to all, full, incremental, dump or load"),
        "all" => TaskMode.All,
        "full" => TaskMode.Full,
        "incremental" => TaskMode.Incremental,
        "dump" => TaskMode.Dump,
        "load" => TaskMode.Load,
        "load&sync" => throw file.Yaml.Error("task-mode", "'load&sync' is not supported yet; use all, full, incremental, dump or load"),
        _ => throw file.Yaml.Error("task-mode", $"'{file.TaskMode}' is not a task mode; use all, full, incremental, dump or load"),
    };

    private static SourceInstance ResolveInstance(TaskFile file, int index, IReadOnlyDictionary<string, SourceFile> sources, Dictionary<string, int> seen)
    {
        var instance = file.MySqlInstances[index];
        var yaml = instance.Yaml;
        SourceFileReader.CheckSourceId(yaml, "source-id", instance.SourceId);
        var sourceId = instance.SourceId!;
        if (!seen.TryAdd(sourceId, index))
        {
            throw yaml.Error("source-id", $"'{sourceId}' is also the source-id of mysql-instances[{seen[sourceId]}]; a source appears once in a task");
        }

        var dumper = Pick(yaml, file.Mydumpers, "mydumpers", "mydumper-config-name", instance.MydumperConfigName, "mydumper", instance.Mydumper) ?? new MydumperConfig();
        var loader = Pick(yaml, file.Loaders, "loaders", "loader-config-name", instance.LoaderConfigName, "loader", instance.Loader) ?? new LoaderConfig();
        var syncer = Pick(yaml, file.Syncers, "syncers", "syncer-config-name", instance.SyncerConfigName, "syncer", instance.Syncer) ?? new SyncerConfig();
        var filters = CheckNames(yaml, "filter-rules", instance.FilterRules, file.Filters, "filters")
            .Select((rule, i) => rule.ToRule(instance.FilterRules[i], yaml)).ToList();

        return new SourceInstance
        {
            SourceId = sourceId,
            Connection = Connection(instance, sourceId, sources),
            BlockAllowList = BlockAllowList(file, instance),
            Routes = CheckNames(yaml, "route-rules", instance.RouteRules, file.Routes, "routes").Select((route, i) => route.ToRouteRule() with { Name = instance.RouteRules[i] }).ToList(),
            Dump = new DumpOptions
            {
                // As DM: mydumper-thread overrides threads, and extra-args (passed to dumpling last) override both.
                Threads = dumper.Dumpling.Threads ?? (instance.MydumperThread is > 0 ? instance.MydumperThread : null) ?? dumper.Threads ?? DefaultDumpThreads,
                Consistency = dumper.Dumpling.Consistency ?? Consistency.Auto,
                ChunkRows = dumper.Dumpling.Rows ?? dumper.Rows ?? 0,
                ChunkFileSize = dumper.Dumpling.FileSize ?? dumper.ChunkFileSize ?? DefaultChunkFileSize,
                DataDir = loader.Dir ?? DefaultDir,
            },
            Load = new LoadOptions
            {
                // loader-thread overrides pool-size; 0 in either means DM's default.
                Threads = instance.LoaderThread is > 0 ? instance.LoaderThread.Value : loader.PoolSize is > 0 ? loader.PoolSize.Value : DefaultLoadPoolSize,
                OnDuplicate = loader.OnDuplicate ?? OnDuplicate.Replace,
            },
            Filters = filters,
            ExpressionFilters = CheckNames(yaml, "expression-filters", instance.ExpressionFilters, file.ExpressionFilters, "expression-filter")
                .Select((filter, i) => filter.Rule with { Name = instance.ExpressionFilters[i] }).ToList(),
            Sync = SyncOptions(yaml, instance, syncer),
            Meta = instance.Meta is { } meta
                ? new SyncStartPoint { BinlogName = meta.BinlogName, BinlogPos = (ulong)(meta.BinlogPos ?? 4), BinlogGtid = meta.BinlogGtid }
                : null,
        };
    }

    private static SyncOptions SyncOptions(YamlSection yaml, MySqlInstanceConfig instance, SyncerConfig syncer)
    {
        var defaults = new SyncOptions();
        return new SyncOptions
        {
            // syncer-thread overrides worker-count; 0 in either means DM's default.
            Threads = instance.SyncerThread is > 0 ? instance.SyncerThread.Value : syncer.WorkerCount is > 0 ? syncer.WorkerCount.Value : defaults.Threads,
            Batch = syncer.Batch is > 0 ? syncer.Batch.Value : defaults.Batch,
            SafeMode = syncer.SafeMode ?? false,
            SafeModeDuration = syncer.SafeModeDuration is { Length: > 0 } text
                ? GoDuration.Parse(text) is { } duration && duration >= TimeSpan.Zero ? duration : throw yaml.Error("syncer", $"safe-mode-duration '{text}' is not a duration such as 60s or 1m30s")
                : defaults.SafeModeDuration,
            CheckpointFlushInterval = syncer.CheckpointFlushInterval is > 0 ? TimeSpan.FromSeconds(syncer.CheckpointFlushInterval.Value) : defaults.CheckpointFlushInterval,
            MultipleRows = syncer.MultipleRows ?? defaults.MultipleRows,
            Compact = syncer.Compact ?? defaults.Compact,
        };
    }

    private static DatabaseEndpoint Connection(MySqlInstanceConfig instance, string sourceId, IReadOnlyDictionary<string, SourceFile> sources)
    {
        sources.TryGetValue(sourceId, out var sourceFile);
        return (instance.From, sourceFile) switch
        {
            ({ }, { }) => throw instance.Yaml.Error("from", $"source '{sourceId}' is given both here and by a source file; keep one"),
            ({ } from, null) => from.ToEndpoint(),
            (null, { } file) => file.Connection,
            _ => throw instance.Yaml.Error("source-id",
                $"source '{sourceId}' has no connection: add from: {{host, port, user, password}} to this entry, or give the DM source file whose source-id is '{sourceId}'"),
        };
    }

    private static BlockAllowList? BlockAllowList(TaskFile file, MySqlInstanceConfig instance)
    {
        if (string.IsNullOrEmpty(instance.BlockAllowList))
        {
            return null;
        }

        if (file.BlockAllowLists.TryGetValue(instance.BlockAllowList, out var rule))
        {
            return rule.ToBlockAllowList();
        }

        var key = instance.Yaml.Has("block-allow-list") ? "block-allow-list" : "black-white-list";
        throw instance.Yaml.Error(key, NotDefined("block-allow-list", instance.BlockAllowList, file.BlockAllowLists.Keys));
    }

    /// <summary>The named entry or the inline one (DM refuses both at once); null when the instance gives neither.</summary>
    private static T? Pick<T>(YamlSection yaml, IReadOnlyDictionary<string, T> defined, string section, string nameKey, string? name, string inlineKey, T? inline)
        where T : class
    {
        if (string.IsNullOrEmpty(name))
        {
            return inline;
        }

        if (inline is not null)
        {
            throw yaml.Error(inlineKey, $"both {nameKey} and {inlineKey} are given; use one");
        }

        return defined.TryGetValue(name, out var config) ? config : throw yaml.Error(nameKey, NotDefined(section, name, defined.Keys));
    }

    private static List<T> CheckNames<T>(YamlSection yaml, string key, IReadOnlyList<string> names, IReadOnlyDictionary<string, T> defined, string section)
    {
        var rules = new List<T>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (names[j] == names[i])
                {
                    throw yaml.Error(key, i, $"'{names[i]}' is listed twice");
                }
            }

            rules.Add(defined.TryGetValue(names[i], out var rule) ? rule : throw yaml.Error(key, i, NotDefined(section, names[i], defined.Keys)));
        }

        return rules;
    }

    private static string NotDefined(string section, string name, IEnumerable<string> defined)
    {
        var names = defined.ToList();
        return names.Count == 0
            ? $"no rule named '{name}': the task file defines no {section}"
            : $"no rule named '{name}' under {section} (defined: {string.Join(", ", names)})";
    }
}
