using System.Text.RegularExpressions;
using Sluice.Server.Tasks.Contract;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Sluice.Server.Tasks.Conversion;

/// <summary>
/// Reads a DM task file into the API's task, with the meaning the CLI's task reader gives each key: per instance,
/// its block-allow list's tables, routes and Ignore filters become table_migrate_rule entries of that source, and its
/// dump, load and sync settings (named, inline, and the *-thread overrides) become the task's full and incremental
/// settings, which the API holds once for all sources. Fields the API requires and the file may leave out get DM's
/// defaults (on_duplicate replace, enhance_online_schema_change false, port 3306, an empty password). What the API
/// task cannot hold is refused, naming the key.
/// </summary>
internal static partial class TaskYamlReader
{
    /// <summary>Table patterns for "every table" in a rule; the API task requires one where the file may leave it out.</summary>
    private const string AllTables = "*";

    /// <summary>DM's chunk-filesize default in MiB, the only one the API task (which has no such field) can mean.</summary>
    private const string DefaultChunkFileSize = "64";

    /// <summary>MySQL's port, which the CLI's reader also takes when a task file gives none.</summary>
    private const int DefaultPort = 3306;

    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static ApiTask Read(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var (file, at) = Parse(yaml);
        CheckNotExpressible(file, at);
        var instances = file.MySqlInstances ?? [];
        var settings = instances.Select((instance, i) => ReadUnitSettings(file, instance, i, at)).ToList();
        for (var i = 1; i < settings.Count; i++)
        {
            if (settings[i].Differs(settings[0]) is { } key)
            {
                throw at.Error($"differs from mysql-instances[0]; the API task has one {key} setting for all sources", "mysql-instances", i, key);
            }
        }

        var first = settings.Count > 0 ? settings[0] : null;
        return new ApiTask
        {
            Name = file.Name,
            TaskMode = file.TaskMode,
            ShardMode = !string.IsNullOrEmpty(file.ShardMode) ? file.ShardMode : file.IsSharding == true ? "pessimistic" : null,
            StrictOptimisticShardMode = file.StrictOptimisticShardMode,
            MetaSchema = file.MetaSchema,
            Timezone = file.Timezone,
            // The API requires these where a task file may leave them to DM's defaults, which fill them here.
            EnhanceOnlineSchemaChange = file.OnlineDdl ?? false,
            OnDuplicate = first?.OnDuplicate ?? "replace",
            IgnoreCheckingItems = file.IgnoreCheckingItems,
            TargetConfig = Target(file.TargetDatabase, at),
            BinlogFilterRule = FilterTemplates(file, at),
            TableMigrateRule = instances.SelectMany((instance, i) => TableRules(file, instance, i, at)).ToList(),
            SourceConfig = new TaskSourceConfig
            {
                FullMigrateConf = first?.Full,
                IncrMigrateConf = first?.Incremental,
                SourceConf = instances.Select(SourceConf).ToList(),
            },
        };
    }

    private static (TaskFileModel File, YamlKeyPath At) Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 1)
            {
                var start = stream.Documents[1].RootNode.Start;
                throw new TaskYamlException(string.Empty, "the text holds more than one YAML document; give one task", (int)start.Line, (int)start.Column);
            }

            var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (root is not YamlMappingNode)
            {
                throw new TaskYamlException(string.Empty, "expected a mapping of keys (name, task-mode, ...) at the top", root is null ? null : (int)root.Start.Line, root is null ? null : (int)root.Start.Column);
            }

            var file = Deserializer.Deserialize<TaskFileModel>(new MergingParser(new Parser(new StringReader(yaml))));
            return (file, new YamlKeyPath(root));
        }
        catch (YamlException e)
        {
            throw new TaskYamlException(string.Empty, Describe(e), (int)e.Start.Line, (int)e.Start.Column, e);
        }
    }

    /// <summary>YamlDotNet's message without its position prefix, and with the model's type names turned into DM's words.</summary>
    private static string Describe(YamlException e)
    {
        var message = e.InnerException is { } inner and not YamlException ? $"{e.Message} ({inner.Message})" : e.Message;
        var cut = message.StartsWith('(') ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        message = cut >= 0 ? message[(cut + 3)..] : message;
        return UnknownProperty().Match(message) is { Success: true } unknown
            ? $"unknown key '{unknown.Groups[1].Value}'"
            : $"not a valid task file: {message}";
    }

    [GeneratedRegex("^Property '([^']*)' not found on type")]
    private static partial Regex UnknownProperty();

    private static void CheckNotExpressible(TaskFileModel file, YamlKeyPath at)
    {
        if (file.CaseSensitive == true)
        {
            throw at.Error("the API task has no case-sensitive; it always matches names case-insensitively", "case-sensitive");
        }

        if (file.CleanDumpFile == false)
        {
            throw at.Error("the API task has no clean-dump-file; it always removes the dump files once loaded", "clean-dump-file");
        }

        if (file.ExpressionFilter is { Count: > 0 })
        {
            throw at.Error("the API task has no expression filters", "expression-filter");
        }
    }

    private static TaskTargetDatabase? Target(DatabaseModel? target, YamlKeyPath at)
    {
        if (target is null)
        {
            return null;
        }

        var security = target.Security;
        foreach (var (value, key) in new[] { (security?.SslCa, "ssl-ca"), (security?.SslCert, "ssl-cert"), (security?.SslKey, "ssl-key") })
        {
            if (!string.IsNullOrEmpty(value))
            {
                throw at.Error("the API task takes certificate contents, not file paths; give them in target_config.security", "target-database", "security", key);
            }
        }

        // Session variables other than foreign_key_checks are not acted on, as in the CLI; the API holds only that one.
        var foreignKeyChecks = target.Session?.GetValueOrDefault("foreign_key_checks");
        return new TaskTargetDatabase
        {
            Host = target.Host,
            Port = target.Port ?? DefaultPort,
            User = target.User,
            Password = target.Password ?? string.Empty,
            Security = security?.CertAllowedCn is { Count: > 0 } names ? new TaskSecurity { CertAllowedCn = names } : null,
            Session = foreignKeyChecks is null ? null : new TaskTargetSession { ForeignKeyChecks = foreignKeyChecks },
        };
    }

    private static TaskSourceConf SourceConf(InstanceModel instance) => new()
    {
        SourceName = instance.SourceId,
        BinlogName = instance.Meta?.BinlogName,
        BinlogPos = instance.Meta?.BinlogPos,
        BinlogGtid = instance.Meta?.BinlogGtid,
    };

    /// <summary>Every filter the instances use, by its name in the file, as an API template (ignore_event, ignore_sql).</summary>
    private static Dictionary<string, TaskBinlogFilterRule>? FilterTemplates(TaskFileModel file, YamlKeyPath at)
    {
        var used = (file.MySqlInstances ?? []).SelectMany(instance => instance.FilterRules ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (used.Count == 0)
        {
            return null;
        }

        var templates = new Dictionary<string, TaskBinlogFilterRule>(StringComparer.Ordinal);
        foreach (var name in used)
        {
            if (file.Filters?.GetValueOrDefault(name) is not { } filter)
            {
                continue; // Reported with the instance that names it.
            }

            if (!string.Equals(filter.Action, "Ignore", StringComparison.OrdinalIgnoreCase))
            {
                throw at.Error($"'{filter.Action}': the API task's binlog filters only ignore events (action Ignore)", "filters", name, "action");
            }

            templates.Add(name, new TaskBinlogFilterRule { IgnoreEvent = filter.Events, IgnoreSql = filter.SqlPattern });
        }

        return templates;
    }

    /// <summary>
    /// One source's table_migrate_rule entries: its block-allow list's tables first, then each route's target and
    /// each filter's name on the entry with the same source patterns, or on a new entry when none has them (whose
    /// tables then join the allow list, as in DM's own conversion). An instance without a block-allow list but with
    /// routes or filters gets a leading <c>* / *</c> entry, so that it still migrates every table.
    /// </summary>
    private static List<TaskTableMigrateRule> TableRules(TaskFileModel file, InstanceModel instance, int index, YamlKeyPath at)
    {
        if (instance.From is not null)
        {
            throw at.Error("the API task reads registered sources; create the source (POST /api/v1/sources) and leave from out", "mysql-instances", index, "from");
        }

        if (instance.ExpressionFilters is { Count: > 0 })
        {
            throw at.Error("the API task has no expression filters", "mysql-instances", index, "expression-filters");
        }

        var source = instance.SourceId;
        var rules = AllowedTables(file, instance, index, at)
            .Select(table => new RuleDraft(table.Schema, table.Table)).ToList();
        var routes = Named(file.Routes, instance.RouteRules, "routes", "route-rules", index, at);
        var filters = Named(file.Filters, instance.FilterRules, "filters", "filter-rules", index, at);
        if (rules.Count == 0 && (routes.Count > 0 || filters.Count > 0))
        {
            rules.Add(new RuleDraft(AllTables, AllTables));
        }

        foreach (var (name, route) in routes)
        {
            foreach (var key in new[] { ("extract-table", route.ExtractTable), ("extract-schema", route.ExtractSchema), ("extract-source", route.ExtractSource) })
            {
                if (key.Item2 is not null)
                {
                    throw at.Error("the API task cannot write a shard's schema, table or source into extra columns", "routes", name, key.Item1);
                }
            }

            if (string.IsNullOrEmpty(route.SchemaPattern) || string.IsNullOrEmpty(route.TargetSchema))
            {
                throw at.Error("a route needs schema-pattern and target-schema", "routes", name);
            }

            var table = string.IsNullOrEmpty(route.TablePattern) ? AllTables : route.TablePattern;
            var rule = rules.Find(r => r.Matches(route.SchemaPattern, table) && r.TargetSchema is null);
            if (rule is null)
            {
                rule = new RuleDraft(route.SchemaPattern, table);
                rules.Add(rule);
            }

            rule.TargetSchema = route.TargetSchema;
            rule.TargetTable = string.IsNullOrEmpty(route.TargetTable) ? null : route.TargetTable;
        }

        foreach (var (name, filter) in filters)
        {
            if (string.IsNullOrEmpty(filter.SchemaPattern))
            {
                throw at.Error("missing: a filter rule matches source schemas by schema-pattern", "filters", name, "schema-pattern");
            }

            var table = string.IsNullOrEmpty(filter.TablePattern) ? AllTables : filter.TablePattern;
            var rule = rules.Find(r => r.Matches(filter.SchemaPattern, table));
            if (rule is null)
            {
                rule = new RuleDraft(filter.SchemaPattern, table);
                rules.Add(rule);
            }

            rule.Filters.Add(name);
        }

        return rules.Select(rule => rule.ToRule(source)).ToList();
    }

    /// <summary>
    /// The (schema, table) patterns of the instance's block-allow list. do-dbs alone means every table of them; with
    /// do-tables, a do-dbs entry adds nothing the do-tables do not name (DM checks tables after schemas), so it must
    /// be one of their db-names. Ignore lists have no API form.
    /// </summary>
    private static List<(string Schema, string Table)> AllowedTables(TaskFileModel file, InstanceModel instance, int index, YamlKeyPath at)
    {
        var (key, name) = !string.IsNullOrEmpty(instance.BlockAllowList) ? ("block-allow-list", instance.BlockAllowList) : ("black-white-list", instance.BlackWhiteList);
        if (string.IsNullOrEmpty(name))
        {
            return [];
        }

        // As DM and the CLI: the old section is used only when the new one defines nothing.
        var (section, lists) = file.BlockAllowList is { Count: > 0 } current ? ("block-allow-list", current) : ("black-white-list", file.BlackWhiteList);
        if (lists is null || !lists.TryGetValue(name, out var list))
        {
            throw at.Error($"no rule named '{name}' under {section}", "mysql-instances", index, key);
        }

        if (list is null)
        {
            return [];
        }

        if (list.IgnoreDbs is { Count: > 0 })
        {
            throw at.Error("the API task lists the tables to migrate; it cannot ignore schemas", section, name, "ignore-dbs");
        }

        if (list.IgnoreTables is { Count: > 0 })
        {
            throw at.Error("the API task lists the tables to migrate; it cannot ignore tables", section, name, "ignore-tables");
        }

        var doDbs = list.DoDbs ?? [];
        var doTables = list.DoTables ?? [];
        if (doTables.Count == 0)
        {
            return doDbs.Distinct(StringComparer.Ordinal).Select(db => (db, AllTables)).ToList();
        }

        var tables = new List<(string, string)>();
        for (var i = 0; i < doTables.Count; i++)
        {
            if (string.IsNullOrEmpty(doTables[i].DbName) || string.IsNullOrEmpty(doTables[i].TblName))
            {
                throw at.Error("missing: each entry names a schema (db-name) and a table (tbl-name)", section, name, "do-tables", i);
            }

            tables.Add((doTables[i].DbName!, doTables[i].TblName!));
        }

        for (var i = 0; i < doDbs.Count; i++)
        {
            if (!tables.Exists(table => table.Item1 == doDbs[i]))
            {
                throw at.Error($"'{doDbs[i]}' has no do-tables entry; the API task migrates tables, so list its tables (tbl-name: \"*\" for all)", section, name, "do-dbs", i);
            }
        }

        return tables.Distinct().ToList();
    }

    private static List<(string Name, T Rule)> Named<T>(Dictionary<string, T?>? defined, List<string>? names, string section, string key, int index, YamlKeyPath at)
        where T : class
    {
        var rules = new List<(string, T)>();
        var list = names ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (defined is null || !defined.TryGetValue(list[i], out var rule))
            {
                throw at.Error($"no rule named '{list[i]}' under {section}", "mysql-instances", index, key, i);
            }

            if (rule is null)
            {
                throw at.Error("the rule is empty; give its patterns", section, list[i]);
            }

            rules.Add((list[i], rule));
        }

        return rules;
    }

    private static UnitSettings ReadUnitSettings(TaskFileModel file, InstanceModel instance, int index, YamlKeyPath at)
    {
        var dumper = Pick(file.Mydumpers, instance.MydumperConfigName, instance.Mydumper, "mydumpers", "mydumper-config-name", index, at);
        var loader = Pick(file.Loaders, instance.LoaderConfigName, instance.Loader, "loaders", "loader-config-name", index, at);
        var syncer = Pick(file.Syncers, instance.SyncerConfigName, instance.Syncer, "syncers", "syncer-config-name", index, at);
        object[] dumperAt = dumper.Name is null ? ["mysql-instances", index, "mydumper"] : ["mydumpers", dumper.Name];
        object[] syncerAt = syncer.Name is null ? ["mysql-instances", index, "syncer"] : ["syncers", syncer.Name];
        var dump = dumper.Rule;
        if (dump is not null)
        {
            CheckDumper(dump, dumperAt, at);
        }

        var sync = syncer.Rule;
        if (sync is not null)
        {
            CheckSyncer(sync, syncerAt, at);
        }

        var load = loader.Rule;
        var full = new TaskFullMigrateConf
        {
            ExportThreads = instance.MydumperThread is > 0 ? instance.MydumperThread : dump?.Threads,
            Consistency = dump?.ExtraArgs is { } args ? Consistency(args, [.. dumperAt, "extra-args"], at) : null,
            ImportThreads = instance.LoaderThread is > 0 ? instance.LoaderThread : load?.PoolSize is > 0 ? load.PoolSize : null,
            DataDir = string.IsNullOrEmpty(load?.Dir) ? null : load.Dir,
            ImportMode = load?.ImportMode?.ToLowerInvariant() switch
            {
                null or "" => null,
                "sql" or "loader" => "logical", // DM's older names of the logical import.
                var mode => mode,
            },
            OnDuplicatePhysical = load?.OnDuplicatePhysical,
            SortingDir = load?.SortingDirPhysical,
            DiskQuota = load?.DiskQuotaPhysical,
            Checksum = load?.ChecksumPhysical,
            Analyze = load?.Analyze,
            RangeConcurrency = load?.RangeConcurrency,
            CompressKvPairs = load?.CompressKvPairs,
            PdAddr = load?.PdAddr,
        };
        var incremental = new TaskIncrMigrateConf
        {
            ReplThreads = instance.SyncerThread is > 0 ? instance.SyncerThread : sync?.WorkerCount is > 0 ? sync.WorkerCount : null,
            ReplBatch = sync?.Batch is > 0 ? sync.Batch : null,
            SafeMode = sync?.SafeMode,
        };

        // The current key wins over the deprecated one, as DM reads them.
        var onDuplicate = !string.IsNullOrEmpty(load?.OnDuplicateLogical) ? load.OnDuplicateLogical : load?.OnDuplicate;
        return new UnitSettings(
            full == new TaskFullMigrateConf() ? null : full,
            incremental == new TaskIncrMigrateConf() ? null : incremental,
            string.IsNullOrEmpty(onDuplicate) ? null : onDuplicate.ToLowerInvariant());
    }

    private static void CheckDumper(MydumperModel dumper, object[] path, YamlKeyPath at)
    {
        if (!string.IsNullOrEmpty(dumper.ChunkFileSize) && dumper.ChunkFileSize != DefaultChunkFileSize)
        {
            throw at.Error("the API task has no chunk size; it dumps in DM's default 64 MiB files", [.. path, "chunk-filesize"]);
        }

        if (dumper.Rows is > 0)
        {
            throw at.Error("the API task has no row chunking for the dump", [.. path, "rows"]);
        }

        if (!string.IsNullOrWhiteSpace(dumper.Where))
        {
            throw at.Error("dumping only the rows that match a condition is not supported", [.. path, "where"]);
        }
    }

    /// <summary>Settings the CLI acts on and the API task cannot hold are refused unless they are the engine's defaults.</summary>
    private static void CheckSyncer(SyncerModel syncer, object[] path, YamlKeyPath at)
    {
        if (syncer.CheckpointFlushInterval is > 0 and not 5)
        {
            throw at.Error("the API task has no checkpoint interval; it flushes every 5 seconds", [.. path, "checkpoint-flush-interval"]);
        }

        if (syncer.Compact == true)
        {
            throw at.Error("the API task has no compact option", [.. path, "compact"]);
        }

        if (syncer.MultipleRows == false)
        {
            throw at.Error("the API task has no multiple-rows option; it always writes multi-row statements", [.. path, "multiple-rows"]);
        }

        if (!string.IsNullOrEmpty(syncer.SafeModeDuration) && syncer.SafeModeDuration is not ("60s" or "1m" or "1m0s"))
        {
            throw at.Error("the API task has no safe-mode-duration; it keeps safe mode for 1m after a restart", [.. path, "safe-mode-duration"]);
        }
    }

    /// <summary>
    /// The dump's consistency from dumpling's <c>--consistency</c> in extra-args (split as DM splits them); any other
    /// option has no API form.
    /// </summary>
    private static string? Consistency(string extraArgs, object[] path, YamlKeyPath at)
    {
        var words = extraArgs.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(word => word.Trim('"', '\'')).ToList();
        string? consistency = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].StartsWith("--consistency=", StringComparison.Ordinal))
            {
                consistency = words[i]["--consistency=".Length..];
            }
            else if (words[i] == "--consistency" && i + 1 < words.Count)
            {
                consistency = words[++i];
            }
            else
            {
                throw at.Error($"'{words[i]}': the API task can only say --consistency of dumpling's options", path);
            }
        }

        return consistency;
    }

    private static (string? Name, T? Rule) Pick<T>(Dictionary<string, T?>? defined, string? name, T? inline, string section, string key, int index, YamlKeyPath at)
        where T : class
    {
        if (string.IsNullOrEmpty(name))
        {
            return (null, inline);
        }

        if (inline is not null)
        {
            throw at.Error($"both {key} and an inline entry are given; use one", "mysql-instances", index, key);
        }

        return defined is not null && defined.TryGetValue(name, out var rule)
            ? (name, rule)
            : throw at.Error($"no rule named '{name}' under {section}", "mysql-instances", index, key);
    }

    private sealed record UnitSettings(TaskFullMigrateConf? Full, TaskIncrMigrateConf? Incremental, string? OnDuplicate)
    {
        /// <summary>The instance key whose setting differs from <paramref name="other"/>'s; null when none does.</summary>
        public string? Differs(UnitSettings other) =>
            (Full?.ExportThreads, Full?.Consistency) != (other.Full?.ExportThreads, other.Full?.Consistency) ? "mydumper-config-name"
            : Full != other.Full ? "loader-config-name"
            : Incremental != other.Incremental ? "syncer-config-name"
            : OnDuplicate != other.OnDuplicate ? "loader-config-name"
            : null;
    }

    private sealed class RuleDraft(string schema, string table)
    {
        public string? TargetSchema { get; set; }

        public string? TargetTable { get; set; }

        public List<string> Filters { get; } = [];

        public bool Matches(string otherSchema, string otherTable) => schema == otherSchema && table == otherTable;

        public TaskTableMigrateRule ToRule(string? source) => new()
        {
            Source = new TaskTableMigrateRuleSource { SourceName = source, Schema = schema, Table = table },
            Target = TargetSchema is null ? null : new TaskTableMigrateRuleTarget { Schema = TargetSchema, Table = TargetTable },
            BinlogFilterRule = Filters.Count == 0 ? null : Filters,
        };
    }
}
