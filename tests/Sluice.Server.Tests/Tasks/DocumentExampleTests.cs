using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sluice.Migration;
using Sluice.Replication.Filtering;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tests.Tasks;

/// <summary>The contract's own example: the create-task request of DM's OpenAPI document.</summary>
public sealed class DocumentExampleTests
{
    private static readonly IReadOnlyDictionary<string, SourceConnection> Sources = new Dictionary<string, SourceConnection>(StringComparer.Ordinal)
    {
        ["mysql-replica-01"] = new("192.168.0.10", 3306, "repl", "source-secret"),
    };

    [Fact]
    public void The_example_body_parses_with_every_field()
    {
        var task = TaskJson.ParseRequest(TaskSamples.DocumentCreateTaskBody).Task;

        Assert.NotNull(task);
        Assert.Equal("task-1", task.Name);
        Assert.Equal("all", task.TaskMode);
        Assert.Equal("pessimistic", task.ShardMode);
        Assert.Equal("dm-meta", task.MetaSchema);
        Assert.True(task.EnhanceOnlineSchemaChange);
        Assert.Equal("overwrite", task.OnDuplicate);
        Assert.Equal(["string"], task.TargetConfig?.Security?.CertAllowedCn);
        Assert.Equal(["rule-1", "rule-2", "rule-3"], task.BinlogFilterRule?.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["rule-1", "rule-2", "rule-3"], task.TableMigrateRule?[0].BinlogFilterRule);
        Assert.Equal("tb1", task.TableMigrateRule?[0].Target?.Table);
        Assert.Equal(16, task.SourceConfig?.IncrMigrateConf?.ReplThreads);
        Assert.Equal(4, task.SourceConfig?.SourceConf?[0].BinlogPos);
    }

    [Fact]
    public void The_example_maps_to_the_engine_task()
    {
        var task = TaskJson.ParseRequest(TaskSamples.DocumentCreateTaskBody).Task!;

        var migration = TaskMapper.ToMigrationTask(task, Sources);

        Assert.Equal("task-1", migration.Name);
        Assert.Equal(TaskMode.All, migration.Mode);
        Assert.Equal("dm-meta", migration.MetaSchema);
        Assert.Equal(new DatabaseEndpoint { Host = "127.0.0.1", Port = 3306, User = "root", Password = "123456" }, migration.Target);
        var source = Assert.Single(migration.Sources);
        Assert.Equal("mysql-replica-01", source.SourceId);
        Assert.Equal(new DatabaseEndpoint { Host = "192.168.0.10", Port = 3306, User = "repl", Password = "source-secret" }, source.Connection);
        Assert.Equal(
            new SyncStartPoint { BinlogName = "binlog.000001", BinlogPos = 4, BinlogGtid = "03fc0263-28c7-11e7-a653-6c0b84d59f30:1-7041423,05474d3c-28c7-11e7-8352-203db246dd3d:1-170" },
            source.Meta);
        Assert.Equal(4, source.Dump.Threads);
        Assert.Equal(Consistency.Auto, source.Dump.Consistency);
        Assert.Equal("./exported_data", source.Dump.DataDir);
        Assert.Equal(16, source.Load.Threads);
        Assert.Equal(OnDuplicate.Replace, source.Load.OnDuplicate);
        Assert.Equal(16, source.Sync.Threads);
        Assert.Equal(100, source.Sync.Batch);

        // The example's only rule names "source-name", which is not among its sources: as in DM, no rule applies to
        // mysql-replica-01, whose block-allow list is then empty (every schema).
        Assert.Null(source.BlockAllowList);
        Assert.Empty(source.Routes);
        Assert.Empty(source.Filters);
    }

    [Fact]
    public void The_example_rule_for_its_own_source_maps_to_route_allow_list_and_filters()
    {
        var task = TaskJson.ParseRequest(TaskSamples.DocumentCreateTaskBody.Replace("\"source-name\"", "\"mysql-replica-01\"", StringComparison.Ordinal)).Task!;

        var source = Assert.Single(TaskMapper.ToMigrationTask(task, Sources).Sources);

        var route = Assert.Single(source.Routes);
        Assert.Equal(("db-*", "tb-*", "db1", "tb1"), (route.SchemaPattern, route.TablePattern, route.TargetSchema, route.TargetTable));
        Assert.Equal(["db-*"], source.BlockAllowList?.DoDbs);
        Assert.Equal([new TablePattern("db-*", "tb-*")], source.BlockAllowList?.DoTables);
        Assert.Equal(["rule-1", "rule-2", "rule-3"], source.Filters.Select(filter => filter.Name));
        Assert.All(source.Filters, filter =>
        {
            Assert.Equal(("db-*", "tb-*"), (filter.SchemaPattern, filter.TablePattern));
            Assert.Equal([BinlogEventKind.AllDml], filter.Events);
            Assert.Equal(["^Drop"], filter.SqlPattern);
            Assert.Equal(BinlogFilterAction.Ignore, filter.Action);
        });
    }

    [Fact]
    public void Validating_the_example_finds_only_its_rule_naming_a_source_it_does_not_read()
    {
        var task = TaskJson.ParseRequest(TaskSamples.DocumentCreateTaskBody).Task!;

        var errors = TaskValidator.Validate(task, new HashSet<string>(StringComparer.Ordinal) { "mysql-replica-01", "source-name" });

        var error = Assert.Single(errors);
        Assert.Equal(TaskErrorCodes.ConfigSourceIDNotFound, error.Code);
        Assert.Equal("table_migrate_rule[0].source.source_name", error.Field);
    }

    [Fact]
    public void The_embedded_example_is_the_one_the_document_prints()
    {
        const string Document = "/work/shared/reference/dm-openapi.zh.md";
        if (!File.Exists(Document))
        {
            Assert.Skip($"{Document} is not on this machine.");
        }

        var text = File.ReadAllText(Document);
        var section = text[text.IndexOf("## 创建同步任务", StringComparison.Ordinal)..];
        var body = Regex.Match(section, @"-d '(?<body>\{.*?\})'", RegexOptions.Singleline).Groups["body"].Value;
        var options = new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true };

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body, documentOptions: options), JsonNode.Parse(TaskSamples.DocumentCreateTaskBody, documentOptions: options)));
    }
}
