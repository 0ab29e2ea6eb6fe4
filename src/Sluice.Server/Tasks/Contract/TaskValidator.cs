using System.Text.RegularExpressions;
using Sluice.Replication.Filtering;

namespace Sluice.Server.Tasks.Contract;

/// <summary>
/// The checks DM makes before it accepts a task (the spec's required fields and enums, then its task adjust and
/// conversion checks), each failure reported with DM's error code. All failures are returned, not just the first,
/// so one round trip shows everything to fix.
/// </summary>
/// <remarks>
/// https://docs.pingcap.com/tidb/stable/dm-open-api and DM's task configuration checks
/// (https://docs.pingcap.com/tidb/stable/task-configuration-file-full).
/// </remarks>
public static class TaskValidator
{
    /// <summary>
    /// The longest name whose meta tables fit MySQL's 64-character identifiers: DM's longest is
    /// <c>{name}_syncer_sharding_meta</c>, 21 characters of suffix.
    /// </summary>
    public const int MaxNameLength = 64 - 21;

    private static readonly string[] ImportModesNotSupported = ["physical", "import-into"];

    /// <summary>Checks a task as created or updated.</summary>
    /// <param name="knownSources">The names of the registered sources.</param>
    /// <returns>Every problem found; empty when the task can be stored.</returns>
    public static IReadOnlyList<TaskValidationError> Validate(ApiTask task, IReadOnlySet<string> knownSources)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(knownSources);
        var errors = new List<TaskValidationError>();
        CheckName(task.Name, errors);
        CheckModes(task, errors);
        CheckTarget(task.TargetConfig, errors);
        var sources = CheckSources(task.SourceConfig, knownSources, errors);
        CheckFilters(task.BinlogFilterRule, errors);
        CheckTableRules(task, sources, errors);
        CheckFullMigrateConf(task.SourceConfig?.FullMigrateConf, errors);
        CheckIncrMigrateConf(task.SourceConfig?.IncrMigrateConf, errors);
        return errors;
    }

    /// <summary>
    /// Checks that an incremental task knows where each source starts when it is started: a binlog_name or
    /// binlog_gtid in its source_conf, a checkpoint from an earlier run, or the start request's start_time.
    /// </summary>
    /// <param name="startTimeGiven">Whether the start request has a start_time.</param>
    /// <param name="sourcesWithCheckpoint">Sources for which the task's meta schema holds a checkpoint.</param>
    public static IReadOnlyList<TaskValidationError> ValidateStart(ApiTask task, bool startTimeGiven, IReadOnlySet<string> sourcesWithCheckpoint)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(sourcesWithCheckpoint);
        var errors = new List<TaskValidationError>();
        if (task.TaskMode != "incremental" || startTimeGiven)
        {
            return errors;
        }

        var conf = task.SourceConfig?.SourceConf ?? [];
        for (var i = 0; i < conf.Count; i++)
        {
            var source = conf[i];
            if (!source.HasBinlogStart && (source.SourceName is null || !sourcesWithCheckpoint.Contains(source.SourceName)))
            {
                errors.Add(new(TaskErrorCodes.ConfigMetadataNotSet, $"source_config.source_conf[{i}]",
                    $"an incremental task needs to know where source '{source.SourceName}' starts: give binlog_name (and binlog_pos) or binlog_gtid, or start the task with start_time"));
            }
        }

        return errors;
    }

    private static void CheckName(string? name, List<TaskValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new(TaskErrorCodes.ConfigTaskNameEmpty, "name", "missing: every task has a name, unique among tasks"));
            return;
        }

        // The name goes into URL paths (/api/v1/tasks/{task-name}), directory names and meta table names.
        if (name.Length > MaxNameLength || name is "." or ".." || name.AsSpan().ContainsAnyExcept(NameCharacters))
        {
            errors.Add(new(TaskErrorCodes.OpenApiCommon, "name",
                $"'{name}' is not a task name: use at most {MaxNameLength} letters, digits, '-', '_' and '.'"));
        }
    }

    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    private static void CheckModes(ApiTask task, List<TaskValidationError> errors)
    {
        if (!TaskValues.TryParseMode(task.TaskMode, out _))
        {
            errors.Add(new(TaskErrorCodes.ConfigInvalidTaskMode, "task_mode",
                task.TaskMode is null ? $"missing: set it to {TaskValues.TaskModes}" : $"'{task.TaskMode}' is not a task mode; use {TaskValues.TaskModes}"));
        }

        if (!TaskValues.IsShardMode(task.ShardMode))
        {
            errors.Add(new(TaskErrorCodes.ConfigShardModeNotSupport, "shard_mode", $"'{task.ShardMode}' is not a shard mode; use {TaskValues.ShardModes}"));
        }

        if (task.StrictOptimisticShardMode == true && task.ShardMode != "optimistic")
        {
            errors.Add(new(TaskErrorCodes.ConfigStrictOptimisticShardMode, "strict_optimistic_shard_mode",
                "strict optimistic shard mode needs shard_mode optimistic"));
        }

        if (task.EnhanceOnlineSchemaChange is null)
        {
            errors.Add(new(TaskErrorCodes.OpenApiCommon, "enhance_online_schema_change", "missing: set it to true or false"));
        }

        if (!TaskValues.TryParseOnDuplicate(task.OnDuplicate, out _))
        {
            errors.Add(new(TaskErrorCodes.ConfigInvalidLoadDuplicateResolution, "on_duplicate",
                task.OnDuplicate is null ? $"missing: set it to {TaskValues.OnDuplicates}" : $"'{task.OnDuplicate}' is not one of {TaskValues.OnDuplicates}"));
        }
    }

    private static void CheckTarget(TaskTargetDatabase? target, List<TaskValidationError> errors)
    {
        if (target is null)
        {
            errors.Add(new(TaskErrorCodes.ConfigNeedTargetDB, "target_config", "missing: say where to migrate to (host, port, user, password)"));
            return;
        }

        if (string.IsNullOrWhiteSpace(target.Host))
        {
            errors.Add(new(TaskErrorCodes.ConfigNeedTargetDB, "target_config.host", "missing: give the target's host name or address"));
        }

        if (target.Port is not { } port)
        {
            errors.Add(new(TaskErrorCodes.ConfigNeedTargetDB, "target_config.port", "missing: give the target's port"));
        }
        else if (port is < 1 or > 65535)
        {
            errors.Add(new(TaskErrorCodes.OpenApiCommon, "target_config.port", $"{port} is not a TCP port (1 to 65535)"));
        }

        if (string.IsNullOrEmpty(target.User))
        {
            errors.Add(new(TaskErrorCodes.ConfigNeedTargetDB, "target_config.user", "missing: give the user to connect as"));
        }

        if (target.Password is null)
        {
            errors.Add(new(TaskErrorCodes.ConfigNeedTargetDB, "target_config.password", "missing: give the user's password (\"\" for none)"));
        }

        CheckSecurity(target.Security, "target_config.security", errors);
        if (target.Session?.ForeignKeyChecks is { } checks && checks is not ("0" or "1"))
        {
            errors.Add(new(TaskErrorCodes.ConfigUnsupportedForeignKeyChecksOption, "target_config.session.foreign_key_checks", $"'{checks}' is not \"0\" or \"1\""));
        }
    }

    private static void CheckSecurity(TaskSecurity? security, string field, List<TaskValidationError> errors)
    {
        if (security?.ToTlsContents() is { } tls && (tls.Cert is null) != (tls.Key is null))
        {
            errors.Add(new(TaskErrorCodes.OpenApiCommon, field, "ssl_cert_content and ssl_key_content go together: give both or neither"));
        }
    }

    /// <summary>Checks source_conf; returns the names of the task's sources.</summary>
    private static HashSet<string> CheckSources(TaskSourceConfig? config, IReadOnlySet<string> knownSources, List<TaskValidationError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (config?.SourceConf is not { Count: > 0 } conf)
        {
            errors.Add(new(TaskErrorCodes.ConfigMySQLInstsAtLeastOne, "source_config.source_conf", "missing: list at least one source to migrate from"));
            return names;
        }

        for (var i = 0; i < conf.Count; i++)
        {
            var field = $"source_config.source_conf[{i}]";
            var name = conf[i].SourceName;
            if (string.IsNullOrEmpty(name))
            {
                errors.Add(new(TaskErrorCodes.ConfigEmptySourceID, $"{field}.source_name", "missing: name a registered source"));
                continue;
            }

            if (!knownSources.Contains(name))
            {
                errors.Add(new(TaskErrorCodes.OpenApiTaskSourceNotFound, $"{field}.source_name", $"source '{name}' is not registered; create it first (POST /api/v1/sources)"));
            }

            if (!names.Add(name))
            {
                errors.Add(new(TaskErrorCodes.ConfigMySQLInstSameSourceID, $"{field}.source_name", $"source '{name}' is listed twice; a source appears once in a task"));
            }

            if (!string.IsNullOrEmpty(conf[i].BinlogName) && conf[i].BinlogPos is < 4)
            {
                errors.Add(new(TaskErrorCodes.ConfigMetaInvalid, $"{field}.binlog_pos", $"{conf[i].BinlogPos} is before the first event of a binlog file (4)"));
            }
        }

        return names;
    }

    private static void CheckFilters(IReadOnlyDictionary<string, TaskBinlogFilterRule>? filters, List<TaskValidationError> errors)
    {
        foreach (var (name, rule) in filters ?? new Dictionary<string, TaskBinlogFilterRule>())
        {
            var field = $"binlog_filter_rule.{name}";
            var events = rule?.IgnoreEvent ?? [];
            for (var i = 0; i < events.Count; i++)
            {
                if (!BinlogEventKinds.TryParse(events[i]?.Trim(), out _))
                {
                    errors.Add(new(TaskErrorCodes.ConfigBinlogEventFilter, $"{field}.ignore_event[{i}]",
                        $"'{events[i]}' is not one of DM's event names (all, all dml, all ddl, insert, update, delete, create table, drop table, truncate table, rename table, create database, drop database, …)"));
                }
            }

            var patterns = rule?.IgnoreSql ?? [];
            for (var i = 0; i < patterns.Count; i++)
            {
                if (SqlPatternProblem(patterns[i]) is { } problem)
                {
                    errors.Add(new(TaskErrorCodes.ConfigBinlogEventFilter, $"{field}.ignore_sql[{i}]", problem));
                }
            }
        }
    }

    /// <summary>Compiles as the sync unit's binlog filter does, so what passes here also runs there.</summary>
    private static string? SqlPatternProblem(string? pattern)
    {
        if (pattern is null)
        {
            return "null is not a regular expression";
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, NamePattern.RegexMatchTimeout);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return $"'{pattern}' is not a usable regular expression: {e.Message}";
        }
    }

    private static void CheckTableRules(ApiTask task, HashSet<string> sources, List<TaskValidationError> errors)
    {
        if (task.TableMigrateRule is not { } rules)
        {
            errors.Add(new(TaskErrorCodes.OpenApiCommon, "table_migrate_rule", "missing: list the tables to migrate ([] for every schema)"));
            return;
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var field = $"table_migrate_rule[{i}]";
            var rule = rules[i];
            if (rule?.Source is not { } source)
            {
                errors.Add(new(TaskErrorCodes.OpenApiCommon, $"{field}.source", "missing: give source_name, schema and table"));
                continue;
            }

            if (string.IsNullOrEmpty(source.SourceName))
            {
                errors.Add(new(TaskErrorCodes.ConfigEmptySourceID, $"{field}.source.source_name", "missing: name one of the task's sources"));
            }
            else if (!sources.Contains(source.SourceName))
            {
                errors.Add(new(TaskErrorCodes.ConfigSourceIDNotFound, $"{field}.source.source_name",
                    $"'{source.SourceName}' is not one of the task's sources ({string.Join(", ", sources)}); add it to source_config.source_conf"));
            }

            CheckPattern(source.Schema, $"{field}.source.schema", errors);
            CheckPattern(source.Table, $"{field}.source.table", errors);
            CheckTarget(rule.Target, $"{field}.target", errors);

            var names = rule.BinlogFilterRule ?? [];
            for (var j = 0; j < names.Count; j++)
            {
                if (names[j] is not { } name || task.BinlogFilterRule?.ContainsKey(name) != true)
                {
                    var defined = task.BinlogFilterRule is { Count: > 0 } filters ? $"defined: {string.Join(", ", filters.Keys)}" : "binlog_filter_rule defines none";
                    errors.Add(new(TaskErrorCodes.ConfigFilterRuleNotFound, $"{field}.binlog_filter_rule[{j}]", $"no binlog filter rule named '{names[j]}' ({defined})"));
                }
            }
        }
    }

    private static void CheckPattern(string? pattern, string field, List<TaskValidationError> errors)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            errors.Add(new(TaskErrorCodes.OpenApiCommon, field, "missing: give a name or a pattern (* for all)"));
            return;
        }

        try
        {
            _ = NamePattern.Parse(pattern, caseSensitive: false);
        }
        catch (ArgumentException e)
        {
            errors.Add(new(TaskErrorCodes.ConfigGenBAList, field, e.Message));
        }
    }

    private static void CheckTarget(TaskTableMigrateRuleTarget? target, string field, List<TaskValidationError> errors)
    {
        if (target is null)
        {
            return;
        }

        // The target is a name, not a pattern: DM does not expand wildcards there.
        foreach (var (value, key) in new[] { (target.Schema, "schema"), (target.Table, "table") })
        {
            if (value is not null && value.AsSpan().IndexOfAny('*', '?') >= 0)
            {
                errors.Add(new(TaskErrorCodes.ConfigGenTableRouter, $"{field}.{key}", $"'{value}' holds a wildcard; a target is a plain name"));
            }
        }

        if (string.IsNullOrEmpty(target.Schema) && !string.IsNullOrEmpty(target.Table))
        {
            errors.Add(new(TaskErrorCodes.ConfigGenTableRouter, $"{field}.schema", "missing: a target table goes with a target schema"));
        }
    }

    private static void CheckFullMigrateConf(TaskFullMigrateConf? conf, List<TaskValidationError> errors)
    {
        if (conf is null)
        {
            return;
        }

        const string Field = "source_config.full_migrate_conf";
        CheckThreads(conf.ExportThreads, $"{Field}.export_threads", errors);
        CheckThreads(conf.ImportThreads, $"{Field}.import_threads", errors);
        if (conf.Consistency is { } consistency && !TaskValues.TryParseConsistency(consistency, out _))
        {
            errors.Add(new(TaskErrorCodes.OpenApiCommon, $"{Field}.consistency", $"'{consistency}' is not one of {TaskValues.Consistencies}"));
        }

        if (conf.ImportMode is { } mode && mode != "logical")
        {
            errors.Add(new(TaskErrorCodes.ConfigInvalidLoadMode, $"{Field}.import_mode", ImportModesNotSupported.Contains(mode)
                ? $"'{mode}' import writes into TiDB's storage directly and is not supported; use logical"
                : $"'{mode}' is not an import mode; use logical"));
        }

        if (conf.DataDir is { } dir && dir.Contains("://", StringComparison.Ordinal))
        {
            errors.Add(new(TaskErrorCodes.ConfigLoaderS3NotSupport, $"{Field}.data_dir", $"'{dir}': dumping to external storage is not supported yet; give a local directory"));
        }

        if (conf.OnDuplicateLogical is { } logical && logical is not ("replace" or "error" or "ignore"))
        {
            errors.Add(new(TaskErrorCodes.ConfigInvalidLoadDuplicateResolution, $"{Field}.on_duplicate_logical", $"'{logical}' is not one of replace, error, ignore"));
        }

        if (conf.OnDuplicatePhysical is { } physical && physical is not ("none" or "manual"))
        {
            errors.Add(new(TaskErrorCodes.ConfigInvalidLoadPhysicalDuplicateResolution, $"{Field}.on_duplicate_physical", $"'{physical}' is not one of none, manual"));
        }

        if (conf.Checksum is { } checksum && checksum is not ("required" or "optional" or "off"))
        {
            errors.Add(new(TaskErrorCodes.ConfigInvalidLoadPhysicalChecksum, $"{Field}.checksum", $"'{checksum}' is not one of required, optional, off"));
        }

        if (conf.Analyze is { } analyze && analyze is not ("required" or "optional" or "off"))
        {
            errors.Add(new(TaskErrorCodes.ConfigInvalidLoadAnalyze, $"{Field}.analyze", $"'{analyze}' is not one of required, optional, off"));
        }

        CheckSecurity(conf.Security, $"{Field}.security", errors);
    }

    private static void CheckIncrMigrateConf(TaskIncrMigrateConf? conf, List<TaskValidationError> errors)
    {
        if (conf is null)
        {
            return;
        }

        CheckThreads(conf.ReplThreads, "source_config.incr_migrate_conf.repl_threads", errors);
        if (conf.ReplBatch is < 1)
        {
            errors.Add(new(TaskErrorCodes.OpenApiCommon, "source_config.incr_migrate_conf.repl_batch", $"{conf.ReplBatch} is not a batch size; give 1 or more"));
        }
    }

    private static void CheckThreads(int? threads, string field, List<TaskValidationError> errors)
    {
        if (threads is < 1)
        {
            errors.Add(new(TaskErrorCodes.OpenApiCommon, field, $"{threads} is not a thread count; give 1 or more"));
        }
    }
}
