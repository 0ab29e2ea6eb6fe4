using Sluice.Server.Tasks.Contract;
using Sluice.Server.Tasks.Conversion;

namespace Sluice.Server.Tests.Tasks.Conversion;

/// <summary>JSON task to task file and back, and task file to JSON task and back, keep the task's meaning.</summary>
public sealed class TaskYamlRoundTripTests
{
    [Fact]
    public void The_document_example_comes_back_the_same()
    {
        // As printed, the example's rule names source "source-name", which its source_conf does not list (DM's
        // validator refuses it with 20031); the rule is given the listed source so that it has an instance to go to.
        var printed = TaskJson.ParseRequest(TaskSamples.DocumentCreateTaskBody).Task!;
        var task = printed with
        {
            TableMigrateRule = [.. printed.TableMigrateRule!.Select(rule => rule with { Source = rule.Source! with { SourceName = "mysql-replica-01" } })],
        };

        var back = TaskYamlConverter.FromYaml(TaskYamlConverter.ToYaml(task));

        Assert.Equal(CanonicalTask.Of(task), CanonicalTask.Of(back));
        Assert.Equal("replace", back.OnDuplicate);
        Assert.Equal(3, back.BinlogFilterRule?.Count);
    }

    [Fact]
    public void The_document_example_as_printed_is_refused_naming_its_rule()
    {
        var printed = TaskJson.ParseRequest(TaskSamples.DocumentCreateTaskBody).Task!;

        var error = Assert.Throws<TaskYamlException>(() => TaskYamlConverter.ToYaml(printed));

        Assert.Equal("table_migrate_rule[0].source.source_name", error.Key);
        Assert.Contains("source-name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_task_comes_back_the_same()
    {
        var task = TaskSamples.Valid();

        var back = TaskYamlConverter.FromYaml(TaskYamlConverter.ToYaml(task));

        Assert.Equal(CanonicalTask.Of(task), CanonicalTask.Of(back));
        Assert.Empty(TaskValidator.Validate(back, TaskSamples.KnownSources));
    }

    [Fact]
    public void A_dm_task_file_is_stable_through_json_and_back()
    {
        var first = TaskYamlConverter.FromYaml(Samples.RepresentativeTaskYaml);

        var second = TaskYamlConverter.FromYaml(TaskYamlConverter.ToYaml(first));

        Assert.Equal(CanonicalTask.Of(first), CanonicalTask.Of(second));
        Assert.Equal(TaskYamlConverter.ToYaml(first), TaskYamlConverter.ToYaml(second));
    }

    [Fact]
    public void A_dm_task_file_gives_the_task_it_describes()
    {
        var task = TaskYamlConverter.FromYaml(Samples.RepresentativeTaskYaml);

        Assert.Equal("shop-merge", task.Name);
        Assert.Equal("optimistic", task.ShardMode);
        Assert.Equal("+08:00", task.Timezone);
        Assert.True(task.EnhanceOnlineSchemaChange);
        Assert.Equal("ignore", task.OnDuplicate);
        Assert.Equal(["version"], task.IgnoreCheckingItems);
        Assert.Equal("123456", task.TargetConfig?.Password);
        Assert.Equal("1", task.TargetConfig?.Session?.ForeignKeyChecks);
        Assert.Equal(new TaskFullMigrateConf { ExportThreads = 8, Consistency = "none", ImportThreads = 6, DataDir = "./dumped_data", ImportMode = "logical" }, task.SourceConfig?.FullMigrateConf);
        Assert.Equal(new TaskIncrMigrateConf { ReplThreads = 32, ReplBatch = 200, SafeMode = true }, task.SourceConfig?.IncrMigrateConf);
        Assert.Equal(
            [new TaskSourceConf { SourceName = "mysql-replica-01", BinlogName = "mysql-bin.000003", BinlogPos = 194 }, new TaskSourceConf { SourceName = "mysql-replica-02", BinlogGtid = "0-3307-100" }],
            task.SourceConfig?.SourceConf);
        Assert.Equal(
            [
                "mysql-replica-01 shop_*.orders_* -> shop.orders [no-truncate]",
                "mysql-replica-01 shop_*.users -> shop. []",
                "mysql-replica-02 shop_*.* -> . []",
                "mysql-replica-02 ~^log_[0-9]+$.* -> logs. [no-drop]",
                "mysql-replica-02 shop_*.orders_* -> shop.orders [no-truncate]",
            ],
            task.TableMigrateRule!.Select(rule => $"{rule.Source!.SourceName} {rule.Source.Schema}.{rule.Source.Table} -> {rule.Target?.Schema}.{rule.Target?.Table} [{string.Join(", ", rule.BinlogFilterRule ?? [])}]"));
        Assert.Equal(["^DROP\\s+TABLE"], task.BinlogFilterRule?["no-drop"].IgnoreSql);
    }

    [Fact]
    public void The_json_from_a_task_file_passes_the_api_checks()
    {
        var task = TaskYamlConverter.FromYaml(Samples.RepresentativeTaskYaml);
        var instances = task.SourceConfig!.SourceConf!.Select(source => source.SourceName!).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(TaskValidator.Validate(task, instances));
    }

    [Fact]
    public void An_instance_without_a_block_allow_list_keeps_every_table_when_it_routes_some()
    {
        const string Yaml = """
            name: t
            task-mode: incremental
            target-database: { host: db, user: root }
            mysql-instances:
              - source-id: s1
                route-rules: [r]
            routes:
              r: { schema-pattern: "a_*", target-schema: a }
            """;

        var rules = TaskYamlConverter.FromYaml(Yaml).TableMigrateRule!;

        Assert.Equal(["*.* -> ", "a_*.* -> a"], rules.Select(rule => $"{rule.Source!.Schema}.{rule.Source.Table} -> {rule.Target?.Schema}"));
    }

    [Fact]
    public void Anchors_merge_keys_and_yaml_1_1_values_read_as_dm_reads_them()
    {
        const string Yaml = """
            name: t
            task-mode: full
            online-ddl: yes
            target-database: { host: db, port: 3307, user: root, password: 123456 }
            mysql-instances:
              - &common
                source-id: s1
                syncer-config-name: global
              - <<: *common
                source-id: s2
            syncers:
              global: { worker-count: 4 }
            """;

        var task = TaskYamlConverter.FromYaml(Yaml);

        Assert.True(task.EnhanceOnlineSchemaChange);
        Assert.Equal("123456", task.TargetConfig?.Password);
        Assert.Equal(["s1", "s2"], task.SourceConfig?.SourceConf?.Select(source => source.SourceName));
        Assert.Equal(4, task.SourceConfig?.IncrMigrateConf?.ReplThreads);
    }
}
