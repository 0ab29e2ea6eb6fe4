using Sluice.Server.Tasks.Contract;
using YamlDotNet.Serialization;

namespace Sluice.Server.Tasks.Conversion;

/// <summary>
/// Writes the API's task as a DM task file, as DM's converter lays it out: per source, a block-allow list of the
/// tables its table_migrate_rule entries name, a route for each entry with a target and a filter for each binlog
/// filter template an entry names (on that entry's tables); one mydumper, loader and syncer shared by all
/// instances. Generated rules are numbered in the order of the task's entries (route-01, filter-01, ...).
/// </summary>
internal static class TaskYamlWriter
{
    public const string DumperName = "dump-01";
    public const string LoaderName = "load-01";
    public const string SyncerName = "sync-01";

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    public static string Write(ApiTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var sources = task.SourceConfig?.SourceConf ?? [];
        var rules = task.TableMigrateRule ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var name = rules[i].Source?.SourceName;
            if (!sources.Any(source => source.SourceName == name))
            {
                throw new TaskYamlException($"table_migrate_rule[{i}].source.source_name", $"'{name}' is not one of the task's sources in source_config.source_conf");
            }
        }

        var file = new TaskFileModel
        {
            Name = task.Name,
            TaskMode = task.TaskMode,
            ShardMode = string.IsNullOrEmpty(task.ShardMode) ? null : task.ShardMode,
            StrictOptimisticShardMode = task.StrictOptimisticShardMode,
            MetaSchema = task.MetaSchema,
            Timezone = task.Timezone,
            OnlineDdl = task.EnhanceOnlineSchemaChange,
            IgnoreCheckingItems = task.IgnoreCheckingItems?.ToList(),
            TargetDatabase = Target(task.TargetConfig),
            MySqlInstances = [],
            BlockAllowList = [],
            Routes = [],
            Filters = [],
            Mydumpers = Dumper(task.SourceConfig?.FullMigrateConf) is { } dumper ? new() { [DumperName] = dumper } : null,
            Loaders = Loader(task) is { } loader ? new() { [LoaderName] = loader } : null,
            Syncers = Syncer(task.SourceConfig?.IncrMigrateConf) is { } syncer ? new() { [SyncerName] = syncer } : null,
        };

        for (var i = 0; i < sources.Count; i++)
        {
            file.MySqlInstances.Add(Instance(task, file, sources[i], i + 1));
        }

        file.BlockAllowList = NullIfEmpty(file.BlockAllowList);
        file.Routes = NullIfEmpty(file.Routes);
        file.Filters = NullIfEmpty(file.Filters);
        return Serializer.Serialize(file);
    }

    private static InstanceModel Instance(ApiTask task, TaskFileModel file, TaskSourceConf source, int number)
    {
        var rules = (task.TableMigrateRule ?? []).Where(rule => rule.Source?.SourceName == source.SourceName).ToList();
        var instance = new InstanceModel
        {
            SourceId = source.SourceName,
            Meta = source.HasBinlogStart
                ? new MetaModel
                {
                    BinlogName = string.IsNullOrEmpty(source.BinlogName) ? null : source.BinlogName,
                    BinlogPos = string.IsNullOrEmpty(source.BinlogName) ? null : source.BinlogPos,
                    BinlogGtid = string.IsNullOrEmpty(source.BinlogGtid) ? null : source.BinlogGtid,
                }
                : null,
            MydumperConfigName = file.Mydumpers is null ? null : DumperName,
            LoaderConfigName = file.Loaders is null ? null : LoaderName,
            SyncerConfigName = file.Syncers is null ? null : SyncerName,
        };
        if (rules.Count == 0)
        {
            return instance;
        }

        var listName = $"ba-list-{number:00}";
        file.BlockAllowList![listName] = new BlockAllowListModel
        {
            DoDbs = rules.Select(rule => rule.Source!.Schema!).Distinct(StringComparer.Ordinal).ToList(),
            DoTables = rules.Select(rule => (rule.Source!.Schema!, rule.Source.Table!)).Distinct()
                .Select(table => new TableModel { DbName = table.Item1, TblName = table.Item2 }).ToList(),
        };
        instance.BlockAllowList = listName;
        instance.RouteRules = [];
        instance.FilterRules = [];
        foreach (var rule in rules)
        {
            if (!string.IsNullOrEmpty(rule.Target?.Schema))
            {
                var name = $"route-{file.Routes!.Count + 1:00}";
                file.Routes.Add(name, new RouteModel
                {
                    SchemaPattern = rule.Source!.Schema,
                    TablePattern = rule.Source.Table,
                    TargetSchema = rule.Target.Schema,
                    TargetTable = string.IsNullOrEmpty(rule.Target.Table) ? null : rule.Target.Table,
                });
                instance.RouteRules.Add(name);
            }

            foreach (var templateName in rule.BinlogFilterRule ?? [])
            {
                var template = task.BinlogFilterRule?.GetValueOrDefault(templateName)
                    ?? throw new TaskYamlException("binlog_filter_rule", $"no binlog filter rule named '{templateName}'");
                var name = $"filter-{file.Filters!.Count + 1:00}";
                file.Filters.Add(name, new FilterModel
                {
                    SchemaPattern = rule.Source!.Schema,
                    TablePattern = rule.Source.Table,
                    Events = template.IgnoreEvent?.ToList(),
                    SqlPattern = template.IgnoreSql?.ToList(),
                    Action = "Ignore",
                });
                instance.FilterRules.Add(name);
            }
        }

        instance.RouteRules = NullIfEmpty(instance.RouteRules);
        instance.FilterRules = NullIfEmpty(instance.FilterRules);
        return instance;
    }

    /// <summary>The password as given: the caller decides whether the file gets it or DM's <c>******</c>.</summary>
    private static DatabaseModel? Target(TaskTargetDatabase? target)
    {
        if (target is null)
        {
            return null;
        }

        if (target.Security?.ToTlsContents() is { IsEmpty: false })
        {
            // A task file gives certificate file paths; contents have no place there.
            throw new TaskYamlException("target_config.security", "certificate contents cannot be written to a task file; give the target's certificates as files in the file's security.ssl-ca, ssl-cert and ssl-key");
        }

        return new DatabaseModel
        {
            Host = target.Host,
            Port = target.Port,
            User = target.User,
            Password = target.Password,
            Security = target.Security?.CertAllowedCn is { Count: > 0 } names ? new SecurityModel { CertAllowedCn = names.ToList() } : null,
            Session = target.Session?.ForeignKeyChecks is { } checks ? new() { ["foreign_key_checks"] = checks } : null,
        };
    }

    private static MydumperModel? Dumper(TaskFullMigrateConf? full) =>
        full?.ExportThreads is null && string.IsNullOrEmpty(full?.Consistency)
            ? null
            : new MydumperModel
            {
                Threads = full.ExportThreads,
                ExtraArgs = string.IsNullOrEmpty(full.Consistency) ? null : $"--consistency {full.Consistency}",
            };

    private static LoaderModel? Loader(ApiTask task)
    {
        var full = task.SourceConfig?.FullMigrateConf;
        if (full?.Security?.ToTlsContents() is { IsEmpty: false })
        {
            throw new TaskYamlException("source_config.full_migrate_conf.security", "certificate contents for the physical import cannot be written to a task file");
        }

        // The loader's own key wins over the task's, as in the API; DM's loader spells overwrite as replace.
        var onDuplicate = !string.IsNullOrEmpty(full?.OnDuplicateLogical) ? full.OnDuplicateLogical : task.OnDuplicate;
        var loader = new LoaderModel
        {
            PoolSize = full?.ImportThreads,
            Dir = string.IsNullOrEmpty(full?.DataDir) ? null : full.DataDir,
            ImportMode = full?.ImportMode,
            OnDuplicateLogical = onDuplicate == "overwrite" ? "replace" : string.IsNullOrEmpty(onDuplicate) ? null : onDuplicate,
            OnDuplicatePhysical = full?.OnDuplicatePhysical,
            SortingDirPhysical = full?.SortingDir,
            DiskQuotaPhysical = full?.DiskQuota,
            ChecksumPhysical = full?.Checksum,
            Analyze = full?.Analyze,
            RangeConcurrency = full?.RangeConcurrency,
            CompressKvPairs = full?.CompressKvPairs,
            PdAddr = full?.PdAddr,
        };
        return Serializer.Serialize(loader).Trim() == "{}" ? null : loader;
    }

    private static SyncerModel? Syncer(TaskIncrMigrateConf? incremental) =>
        incremental is null || incremental == new TaskIncrMigrateConf()
            ? null
            : new SyncerModel { WorkerCount = incremental.ReplThreads, Batch = incremental.ReplBatch, SafeMode = incremental.SafeMode };

    private static Dictionary<string, T>? NullIfEmpty<T>(Dictionary<string, T>? rules) => rules is { Count: > 0 } ? rules : null;

    private static List<string>? NullIfEmpty(List<string>? names) => names is { Count: > 0 } ? names : null;
}
