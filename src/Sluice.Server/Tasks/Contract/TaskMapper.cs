using Sluice.Migration;
using Sluice.Replication.Filtering;
using Sluice.Replication.Routing;

namespace Sluice.Server.Tasks.Contract;

/// <summary>
/// Turns a validated API task into the engine's <see cref="MigrationTask"/>, with the meaning DM gives each field
/// when it converts an OpenAPI task into subtask configurations: per source, the table_migrate_rule entries
/// naming it become its block-allow list (do-dbs and do-tables from their source patterns), its routes (those with
/// a target) and its binlog filters (the named templates, as Ignore rules on the entry's source patterns); the
/// full and incremental settings apply to every source; DM's defaults fill what is absent, as the CLI's task
/// file reader fills them.
/// </summary>
public static class TaskMapper
{
    public const string DefaultMetaSchema = "dm_meta";
    public const int DefaultExportThreads = 4;
    public const int DefaultImportThreads = 16;
    public const string DefaultDataDir = "./dumped_data";

    /// <summary>DM's chunk-filesize default (64 MiB), which the API does not expose.</summary>
    public const long DefaultChunkFileSize = 64L << 20;

    /// <param name="task">A task <see cref="TaskValidator.Validate"/> found no problem with.</param>
    /// <param name="sources">The connections of the registered sources by name; every source of the task must be here.</param>
    /// <param name="tlsFiles">Where certificate contents become files; needed only when the task or a source has some.</param>
    /// <exception cref="ArgumentException">The task is not valid, names a source not given, or has certificates and no <paramref name="tlsFiles"/>.</exception>
    public static MigrationTask ToMigrationTask(ApiTask task, IReadOnlyDictionary<string, SourceConnection> sources, ITlsFileStore? tlsFiles = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(sources);
        if (string.IsNullOrEmpty(task.Name) || !TaskValues.TryParseMode(task.TaskMode, out var mode)
            || task.TargetConfig is not { Host: { } host, Port: { } port, User: { } user } target
            || task.SourceConfig?.SourceConf is not { Count: > 0 } sourceConf)
        {
            throw new ArgumentException("The task has not been validated: it lacks a name, task_mode, target_config or source_conf.", nameof(task));
        }

        var instances = sourceConf.Select(conf => Instance(task, conf, sources, tlsFiles)).ToList();
        return new MigrationTask
        {
            Name = task.Name,
            Mode = mode,
            MetaSchema = string.IsNullOrEmpty(task.MetaSchema) ? DefaultMetaSchema : task.MetaSchema,
            Target = Endpoint(host, port, user, target.Password ?? string.Empty, target.Security?.ToTlsContents(), "target_config", tlsFiles),
            Sources = instances,
        };
    }

    private static SourceInstance Instance(ApiTask task, TaskSourceConf conf, IReadOnlyDictionary<string, SourceConnection> sources, ITlsFileStore? tlsFiles)
    {
        var name = conf.SourceName ?? throw new ArgumentException("The task has not been validated: a source_conf has no source_name.", nameof(task));
        if (!sources.TryGetValue(name, out var connection))
        {
            throw new ArgumentException($"No connection was given for source '{name}'.", nameof(sources));
        }

        var rules = (task.TableMigrateRule ?? [])
            .Select((rule, index) => (Rule: rule, Index: index))
            .Where(entry => entry.Rule.Source?.SourceName == name)
            .ToList();
        var full = task.SourceConfig?.FullMigrateConf;
        var incremental = task.SourceConfig?.IncrMigrateConf;
        var syncDefaults = new SyncOptions();
        return new SourceInstance
        {
            SourceId = name,
            Connection = Endpoint(connection.Host, connection.Port, connection.User, connection.Password, connection.Tls, $"source '{name}'", tlsFiles),
            BlockAllowList = BlockAllowList(rules.Select(entry => entry.Rule.Source!).ToList()),
            Routes = rules.Where(entry => !string.IsNullOrEmpty(entry.Rule.Target?.Schema)).Select(entry => Route(entry.Rule, entry.Index)).ToList(),
            Filters = rules.SelectMany(entry => Filters(task, entry.Rule)).ToList(),
            Dump = new DumpOptions
            {
                Threads = full?.ExportThreads ?? DefaultExportThreads,
                Consistency = TaskValues.TryParseConsistency(full?.Consistency, out var consistency) ? consistency : Consistency.Auto,
                ChunkFileSize = DefaultChunkFileSize,
                DataDir = string.IsNullOrEmpty(full?.DataDir) ? DefaultDataDir : full.DataDir,
            },
            Load = new LoadOptions
            {
                Threads = full?.ImportThreads ?? DefaultImportThreads,
                OnDuplicate = OnDuplicate(task),
            },
            Sync = new SyncOptions
            {
                Threads = incremental?.ReplThreads ?? syncDefaults.Threads,
                Batch = incremental?.ReplBatch ?? syncDefaults.Batch,
                SafeMode = incremental?.SafeMode ?? false,
            },
            Meta = conf.HasBinlogStart
                ? new SyncStartPoint
                {
                    BinlogName = string.IsNullOrEmpty(conf.BinlogName) ? null : conf.BinlogName,
                    BinlogPos = conf.BinlogPos is { } pos and >= 4 ? (ulong)pos : 4,
                    BinlogGtid = string.IsNullOrEmpty(conf.BinlogGtid) ? null : conf.BinlogGtid,
                }
                : null,
        };
    }

    /// <summary>
    /// A source no rule names migrates every non-system schema, as DM's empty block-allow list does.
    /// </summary>
    private static BlockAllowList? BlockAllowList(List<TaskTableMigrateRuleSource> rules) => rules.Count == 0
        ? null
        : new BlockAllowList
        {
            DoDbs = rules.Select(rule => rule.Schema!).Distinct(StringComparer.Ordinal).ToList(),
            DoTables = rules.Select(rule => new TablePattern(rule.Schema!, rule.Table!)).Distinct().ToList(),
        };

    private static RouteRule Route(TaskTableMigrateRule rule, int index) =>
        new(rule.Source!.Schema!, NullIfEmpty(rule.Source.Table), rule.Target!.Schema!, NullIfEmpty(rule.Target.Table))
        {
            Name = $"table_migrate_rule[{index}]",
        };

    /// <summary>Each named template becomes an Ignore rule on the entry's source patterns (DM copies the template per entry).</summary>
    private static IEnumerable<BinlogFilterRule> Filters(ApiTask task, TaskTableMigrateRule rule)
    {
        foreach (var name in rule.BinlogFilterRule ?? [])
        {
            if (task.BinlogFilterRule?.GetValueOrDefault(name) is not { } template)
            {
                throw new ArgumentException($"The task has not been validated: binlog filter rule '{name}' is not defined.", nameof(task));
            }

            yield return new BinlogFilterRule
            {
                Name = name,
                SchemaPattern = rule.Source!.Schema!,
                TablePattern = NullIfEmpty(rule.Source.Table),
                Events = (template.IgnoreEvent ?? []).Select(text => BinlogEventKinds.Parse(text.Trim())).ToList(),
                SqlPattern = template.IgnoreSql ?? [],
                Action = BinlogFilterAction.Ignore,
            };
        }
    }

    /// <summary>full_migrate_conf.on_duplicate_logical, the loader's own key, wins over the task's on_duplicate.</summary>
    private static OnDuplicate OnDuplicate(ApiTask task) =>
        TaskValues.TryParseOnDuplicate(task.SourceConfig?.FullMigrateConf?.OnDuplicateLogical, out var logical) ? logical
        : TaskValues.TryParseOnDuplicate(task.OnDuplicate, out var onDuplicate) ? onDuplicate
        : Migration.OnDuplicate.Replace;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>An endpoint; certificate contents are written to files only when there are some.</summary>
    private static DatabaseEndpoint Endpoint(string host, int port, string user, string password, TlsContents? contents, string owner, ITlsFileStore? tlsFiles)
    {
        var files = contents is null || contents.IsEmpty
            ? null
            : (tlsFiles ?? throw new ArgumentException($"{owner} has TLS certificates and no place was given to write them.", nameof(tlsFiles))).Save(contents);
        return new DatabaseEndpoint
        {
            Host = host,
            Port = port,
            User = user,
            Password = password,
            SslCa = files?.Ca,
            SslCert = files?.Cert,
            SslKey = files?.Key,
        };
    }
}
