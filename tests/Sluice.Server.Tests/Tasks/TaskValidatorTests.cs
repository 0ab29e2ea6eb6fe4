using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tests.Tasks;

/// <summary>One test per check: each starts from a valid task and breaks exactly one thing.</summary>
public sealed class TaskValidatorTests
{
    private static readonly ApiTask Valid = TaskSamples.Valid();

    [Fact]
    public void The_sample_task_passes() => Assert.Empty(TaskValidator.Validate(Valid, TaskSamples.KnownSources));

    [Fact]
    public void Name_is_required() =>
        AssertSingle(Valid with { Name = " " }, TaskErrorCodes.ConfigTaskNameEmpty, "name");

    [Theory]
    [InlineData("task/1")]
    [InlineData("task 1")]
    [InlineData("..")]
    [InlineData("a-task-name-far-too-long-for-its-meta-tables-x")]
    public void Name_has_only_allowed_characters_and_length(string name) =>
        AssertSingle(Valid with { Name = name }, TaskErrorCodes.OpenApiCommon, "name");

    [Theory]
    [InlineData(null)]
    [InlineData("sync")]
    [InlineData("ALL")]
    public void Task_mode_is_one_of_DMs(string? mode) =>
        AssertSingle(Valid with { TaskMode = mode }, TaskErrorCodes.ConfigInvalidTaskMode, "task_mode");

    [Fact]
    public void Shard_mode_is_pessimistic_optimistic_or_absent()
    {
        Assert.Empty(TaskValidator.Validate(Valid with { ShardMode = null }, TaskSamples.KnownSources));
        Assert.Empty(TaskValidator.Validate(Valid with { ShardMode = "optimistic" }, TaskSamples.KnownSources));
        AssertSingle(Valid with { ShardMode = "eager" }, TaskErrorCodes.ConfigShardModeNotSupport, "shard_mode");
    }

    [Fact]
    public void Strict_optimistic_shard_mode_needs_optimistic_shard_mode()
    {
        Assert.Empty(TaskValidator.Validate(Valid with { ShardMode = "optimistic", StrictOptimisticShardMode = true }, TaskSamples.KnownSources));
        AssertSingle(Valid with { StrictOptimisticShardMode = true }, TaskErrorCodes.ConfigStrictOptimisticShardMode, "strict_optimistic_shard_mode");
    }

    [Fact]
    public void Enhance_online_schema_change_is_required() =>
        AssertSingle(Valid with { EnhanceOnlineSchemaChange = null }, TaskErrorCodes.OpenApiCommon, "enhance_online_schema_change");

    [Theory]
    [InlineData(null)]
    [InlineData("skip")]
    public void On_duplicate_is_replace_error_or_ignore(string? value) =>
        AssertSingle(Valid with { OnDuplicate = value }, TaskErrorCodes.ConfigInvalidLoadDuplicateResolution, "on_duplicate");

    [Fact]
    public void On_duplicate_overwrite_as_the_document_writes_it_is_accepted() =>
        Assert.Empty(TaskValidator.Validate(Valid with { OnDuplicate = "overwrite" }, TaskSamples.KnownSources));

    [Fact]
    public void Target_config_is_required() =>
        AssertSingle(Valid with { TargetConfig = null }, TaskErrorCodes.ConfigNeedTargetDB, "target_config");

    [Fact]
    public void Target_host_is_required() =>
        AssertSingle(Valid with { TargetConfig = Valid.TargetConfig! with { Host = "" } }, TaskErrorCodes.ConfigNeedTargetDB, "target_config.host");

    [Fact]
    public void Target_password_is_required() =>
        AssertSingle(Valid with { TargetConfig = Valid.TargetConfig! with { Password = null } }, TaskErrorCodes.ConfigNeedTargetDB, "target_config.password");

    [Fact]
    public void Target_port_is_a_tcp_port() =>
        AssertSingle(Valid with { TargetConfig = Valid.TargetConfig! with { Port = 70000 } }, TaskErrorCodes.OpenApiCommon, "target_config.port");

    [Fact]
    public void Client_certificate_and_key_go_together() =>
        AssertSingle(
            Valid with { TargetConfig = Valid.TargetConfig! with { Security = new TaskSecurity { SslCertContent = "-----BEGIN CERTIFICATE-----", SslKeyContent = "" } } },
            TaskErrorCodes.OpenApiCommon,
            "target_config.security");

    [Fact]
    public void Foreign_key_checks_is_0_or_1() =>
        AssertSingle(
            Valid with { TargetConfig = Valid.TargetConfig! with { Session = new TaskTargetSession { ForeignKeyChecks = "on" } } },
            TaskErrorCodes.ConfigUnsupportedForeignKeyChecksOption,
            "target_config.session.foreign_key_checks");

    [Fact]
    public void At_least_one_source_conf()
    {
        var task = Valid with { SourceConfig = Valid.SourceConfig! with { SourceConf = [] }, TableMigrateRule = [] };

        AssertSingle(task, TaskErrorCodes.ConfigMySQLInstsAtLeastOne, "source_config.source_conf");
    }

    [Fact]
    public void Source_config_is_required()
    {
        var task = Valid with { SourceConfig = null, TableMigrateRule = [] };

        AssertSingle(task, TaskErrorCodes.ConfigMySQLInstsAtLeastOne, "source_config.source_conf");
    }

    [Fact]
    public void Every_source_is_registered() =>
        AssertSingle(Valid, TaskErrorCodes.OpenApiTaskSourceNotFound, "source_config.source_conf[1].source_name", new HashSet<string>(StringComparer.Ordinal) { "mysql-01" });

    [Fact]
    public void Source_name_is_required()
    {
        var conf = Valid.SourceConfig!.SourceConf!;
        var task = Valid with { SourceConfig = Valid.SourceConfig with { SourceConf = [conf[0], conf[1], new TaskSourceConf { SourceName = "" }] } };

        AssertSingle(task, TaskErrorCodes.ConfigEmptySourceID, "source_config.source_conf[2].source_name");
    }

    [Fact]
    public void A_source_appears_once()
    {
        var conf = Valid.SourceConfig!.SourceConf!;
        var task = Valid with { SourceConfig = Valid.SourceConfig with { SourceConf = [conf[0], conf[1], conf[0]] } };

        AssertSingle(task, TaskErrorCodes.ConfigMySQLInstSameSourceID, "source_config.source_conf[2].source_name");
    }

    [Fact]
    public void Binlog_pos_is_not_before_the_first_event()
    {
        var conf = Valid.SourceConfig!.SourceConf!;
        var task = Valid with { SourceConfig = Valid.SourceConfig with { SourceConf = [conf[0] with { BinlogPos = 0 }, conf[1]] } };

        AssertSingle(task, TaskErrorCodes.ConfigMetaInvalid, "source_config.source_conf[0].binlog_pos");
    }

    [Fact]
    public void Table_migrate_rule_is_required() =>
        AssertSingle(Valid with { TableMigrateRule = null }, TaskErrorCodes.OpenApiCommon, "table_migrate_rule");

    [Fact]
    public void A_table_rule_names_a_source_of_the_task() =>
        AssertSingle(
            WithRule(2, rule => rule with { Source = rule.Source! with { SourceName = "mysql-03" } }),
            TaskErrorCodes.ConfigSourceIDNotFound,
            "table_migrate_rule[2].source.source_name");

    [Fact]
    public void A_table_rule_names_a_source_even_when_registered()
    {
        var known = new HashSet<string>(TaskSamples.KnownSources, StringComparer.Ordinal) { "mysql-03" };
        var task = WithRule(2, rule => rule with { Source = rule.Source! with { SourceName = "mysql-03" } });

        AssertSingle(task, TaskErrorCodes.ConfigSourceIDNotFound, "table_migrate_rule[2].source.source_name", known);
    }

    [Fact]
    public void A_table_rule_has_a_source() =>
        AssertSingle(WithRule(1, rule => rule with { Source = null }), TaskErrorCodes.OpenApiCommon, "table_migrate_rule[1].source");

    [Fact]
    public void A_source_table_pattern_is_required() =>
        AssertSingle(WithRule(1, rule => rule with { Source = rule.Source! with { Table = null } }), TaskErrorCodes.OpenApiCommon, "table_migrate_rule[1].source.table");

    [Fact]
    public void A_source_regular_expression_compiles() =>
        AssertSingle(WithRule(3, rule => rule with { Source = rule.Source! with { Schema = "~log_(" } }), TaskErrorCodes.ConfigGenBAList, "table_migrate_rule[3].source.schema");

    [Theory]
    [InlineData("shop_*", "orders", "schema")]
    [InlineData("shop", "orders_?", "table")]
    public void A_target_has_no_wildcard(string schema, string table, string field) =>
        AssertSingle(
            WithRule(0, rule => rule with { Target = new TaskTableMigrateRuleTarget { Schema = schema, Table = table } }),
            TaskErrorCodes.ConfigGenTableRouter,
            $"table_migrate_rule[0].target.{field}");

    [Fact]
    public void A_target_table_goes_with_a_target_schema() =>
        AssertSingle(
            WithRule(0, rule => rule with { Target = new TaskTableMigrateRuleTarget { Table = "orders" } }),
            TaskErrorCodes.ConfigGenTableRouter,
            "table_migrate_rule[0].target.schema");

    [Fact]
    public void Binlog_filter_rules_named_by_a_table_rule_exist() =>
        AssertSingle(
            WithRule(1, rule => rule with { BinlogFilterRule = ["no-deletes", "no-updates"] }),
            TaskErrorCodes.ConfigFilterRuleNotFound,
            "table_migrate_rule[1].binlog_filter_rule[1]");

    [Fact]
    public void Ignore_event_values_are_DM_event_names() =>
        AssertSingle(
            WithFilter("no-deletes", new TaskBinlogFilterRule { IgnoreEvent = ["delete", "remove rows"] }),
            TaskErrorCodes.ConfigBinlogEventFilter,
            "binlog_filter_rule.no-deletes.ignore_event[1]");

    [Fact]
    public void Ignore_event_names_are_read_without_case() =>
        Assert.Empty(TaskValidator.Validate(WithFilter("no-deletes", new TaskBinlogFilterRule { IgnoreEvent = ["All DML", "Truncate Table"] }), TaskSamples.KnownSources));

    [Theory]
    [InlineData("^DROP (")]
    [InlineData(@"^(DROP)\s+\1")]
    public void Ignore_sql_compiles_as_the_sync_unit_compiles_it(string pattern) =>
        AssertSingle(
            WithFilter("no-drops", new TaskBinlogFilterRule { IgnoreSql = ["^TRUNCATE", pattern] }),
            TaskErrorCodes.ConfigBinlogEventFilter,
            "binlog_filter_rule.no-drops.ignore_sql[1]");

    [Fact]
    public void Export_threads_is_at_least_one() =>
        AssertSingle(WithFull(full => full with { ExportThreads = 0 }), TaskErrorCodes.OpenApiCommon, "source_config.full_migrate_conf.export_threads");

    [Fact]
    public void Import_threads_is_at_least_one() =>
        AssertSingle(WithFull(full => full with { ImportThreads = -1 }), TaskErrorCodes.OpenApiCommon, "source_config.full_migrate_conf.import_threads");

    [Fact]
    public void Consistency_is_one_of_dumplings() =>
        AssertSingle(WithFull(full => full with { Consistency = "strict" }), TaskErrorCodes.OpenApiCommon, "source_config.full_migrate_conf.consistency");

    [Theory]
    [InlineData("physical")]
    [InlineData("import-into")]
    [InlineData("fast")]
    public void Import_mode_is_logical(string mode) =>
        AssertSingle(WithFull(full => full with { ImportMode = mode }), TaskErrorCodes.ConfigInvalidLoadMode, "source_config.full_migrate_conf.import_mode");

    [Fact]
    public void Data_dir_is_local() =>
        AssertSingle(WithFull(full => full with { DataDir = "s3://bucket/prefix" }), TaskErrorCodes.ConfigLoaderS3NotSupport, "source_config.full_migrate_conf.data_dir");

    [Fact]
    public void On_duplicate_logical_is_replace_error_or_ignore() =>
        AssertSingle(WithFull(full => full with { OnDuplicateLogical = "overwrite" }), TaskErrorCodes.ConfigInvalidLoadDuplicateResolution, "source_config.full_migrate_conf.on_duplicate_logical");

    [Fact]
    public void On_duplicate_physical_is_none_or_manual() =>
        AssertSingle(WithFull(full => full with { OnDuplicatePhysical = "replace" }), TaskErrorCodes.ConfigInvalidLoadPhysicalDuplicateResolution, "source_config.full_migrate_conf.on_duplicate_physical");

    [Fact]
    public void Checksum_and_analyze_are_required_optional_or_off()
    {
        AssertSingle(WithFull(full => full with { Checksum = "yes" }), TaskErrorCodes.ConfigInvalidLoadPhysicalChecksum, "source_config.full_migrate_conf.checksum");
        AssertSingle(WithFull(full => full with { Analyze = "yes" }), TaskErrorCodes.ConfigInvalidLoadAnalyze, "source_config.full_migrate_conf.analyze");
    }

    [Fact]
    public void Repl_threads_is_at_least_one() =>
        AssertSingle(
            Valid with { SourceConfig = Valid.SourceConfig! with { IncrMigrateConf = new TaskIncrMigrateConf { ReplThreads = 0 } } },
            TaskErrorCodes.OpenApiCommon,
            "source_config.incr_migrate_conf.repl_threads");

    [Fact]
    public void Repl_batch_is_at_least_one() =>
        AssertSingle(
            Valid with { SourceConfig = Valid.SourceConfig! with { IncrMigrateConf = new TaskIncrMigrateConf { ReplBatch = 0 } } },
            TaskErrorCodes.OpenApiCommon,
            "source_config.incr_migrate_conf.repl_batch");

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var errors = TaskValidator.Validate(Valid with { Name = "", TaskMode = "sync", OnDuplicate = "skip" }, TaskSamples.KnownSources);

        Assert.Equal(
            [TaskErrorCodes.ConfigTaskNameEmpty, TaskErrorCodes.ConfigInvalidTaskMode, TaskErrorCodes.ConfigInvalidLoadDuplicateResolution],
            errors.Select(error => error.Code));
    }

    [Fact]
    public void An_incremental_task_needs_a_binlog_start_for_each_source()
    {
        var conf = Valid.SourceConfig!.SourceConf!;
        var task = Valid with
        {
            TaskMode = "incremental",
            SourceConfig = Valid.SourceConfig with { SourceConf = [conf[0], new TaskSourceConf { SourceName = "mysql-02", BinlogPos = 4 }] },
        };
        var none = new HashSet<string>(StringComparer.Ordinal);

        var error = Assert.Single(TaskValidator.ValidateStart(task, startTimeGiven: false, none));
        Assert.Equal((TaskErrorCodes.ConfigMetadataNotSet, "source_config.source_conf[1]"), (error.Code, error.Field));

        Assert.Empty(TaskValidator.ValidateStart(task, startTimeGiven: true, none));
        Assert.Empty(TaskValidator.ValidateStart(task, startTimeGiven: false, new HashSet<string>(StringComparer.Ordinal) { "mysql-02" }));
        Assert.Empty(TaskValidator.ValidateStart(Valid with { TaskMode = "incremental" }, startTimeGiven: false, none));
        Assert.Empty(TaskValidator.ValidateStart(task with { TaskMode = "all" }, startTimeGiven: false, none));
    }

    private static void AssertSingle(ApiTask task, int code, string field, IReadOnlySet<string>? known = null)
    {
        var errors = TaskValidator.Validate(task, known ?? TaskSamples.KnownSources);

        var error = Assert.Single(errors);
        Assert.Equal((code, field), (error.Code, error.Field));
        Assert.StartsWith(field + ": ", error.Message, StringComparison.Ordinal);
    }

    private static ApiTask WithRule(int index, Func<TaskTableMigrateRule, TaskTableMigrateRule> change)
    {
        var rules = Valid.TableMigrateRule!.ToList();
        rules[index] = change(rules[index]);
        return Valid with { TableMigrateRule = rules };
    }

    private static ApiTask WithFilter(string name, TaskBinlogFilterRule rule)
    {
        var filters = new Dictionary<string, TaskBinlogFilterRule>(Valid.BinlogFilterRule!, StringComparer.Ordinal) { [name] = rule };
        return Valid with { BinlogFilterRule = filters };
    }

    private static ApiTask WithFull(Func<TaskFullMigrateConf, TaskFullMigrateConf> change) =>
        Valid with { SourceConfig = Valid.SourceConfig! with { FullMigrateConf = change(Valid.SourceConfig.FullMigrateConf!) } };
}
