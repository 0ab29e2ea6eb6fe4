using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tests.Tasks;

public sealed class TaskJsonTests
{
    /// <summary>Every field of the spec's Task and of the schemas under it, each with a value that is not its default.</summary>
    private const string EveryField = """
        {
          "name": "task-1",
          "task_mode": "incremental",
          "shard_mode": "optimistic",
          "strict_optimistic_shard_mode": true,
          "meta_schema": "dm_meta",
          "timezone": "Asia/Shanghai",
          "enhance_online_schema_change": false,
          "on_duplicate": "error",
          "target_config": {
            "host": "127.0.0.1", "port": 4000, "user": "root", "password": "123456",
            "security": { "ssl_ca_content": "CA", "ssl_cert_content": "CERT", "ssl_key_content": "KEY", "cert_allowed_cn": ["dm"] },
            "session": { "foreign_key_checks": "1" }
          },
          "binlog_filter_rule": { "rule-1": { "ignore_event": ["all dml"], "ignore_sql": ["^Drop"] } },
          "table_migrate_rule": [
            { "source": { "source_name": "s1", "schema": "db-*", "table": "tb-*" }, "target": { "schema": "db1", "table": "tb1" }, "binlog_filter_rule": ["rule-1"] }
          ],
          "source_config": {
            "full_migrate_conf": {
              "export_threads": 2, "import_threads": 3, "data_dir": "./d", "consistency": "flush", "import_mode": "logical",
              "sorting_dir": "./s", "disk_quota": "80G", "checksum": "off", "analyze": "required", "range_concurrency": 5,
              "compress-kv-pairs": "gz", "pd_addr": "pd:2379",
              "security": { "ssl_ca_content": "CA2", "ssl_cert_content": "", "ssl_key_content": "" },
              "on_duplicate_logical": "ignore", "on_duplicate_physical": "manual"
            },
            "incr_migrate_conf": { "repl_threads": 7, "repl_batch": 50, "safe_mode": true },
            "source_conf": [ { "source_name": "s1", "binlog_name": "binlog.000001", "binlog_pos": 4, "binlog_gtid": "0-1-2" } ]
          },
          "status_list": [ { "name": "task-1", "source_name": "s1", "worker_name": "w1", "stage": "Running", "unit": "sync" } ],
          "ignore_checking_items": ["version"]
        }
        """;

    [Fact]
    public void Json_to_record_to_json_keeps_every_field()
    {
        var task = TaskJson.Parse(EveryField);

        var written = TaskJson.Serialize(task);

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(EveryField), JsonNode.Parse(written)),
            $"written back as {written}");
    }

    [Fact]
    public void Absent_fields_stay_absent()
    {
        const string Minimal = """{"name":"t","task_mode":"all"}""";

        Assert.Equal(Minimal, TaskJson.Serialize(TaskJson.Parse(Minimal)));
    }

    [Theory]
    [InlineData("""{"name":"t","task-mode":"all"}""")]
    [InlineData("""{"name":"t","target_config":{"host":"h","max_allowed_packet":1}}""")]
    [InlineData("""{"table_migrate_rule":[{"source":{"source_name":"s","schema":"d","table":"t","extract_table":"x"}}]}""")]
    [InlineData("""{"source_config":{"source_conf":[{"source_name":"s","binlog_position":4}]}}""")]
    [InlineData("""{"source_config":{"full_migrate_conf":{"threads":4}}}""")]
    [InlineData("""{"binlog_filter_rule":{"r":{"ignore_event":[],"action":"Do"}}}""")]
    public void Unknown_fields_are_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => TaskJson.Parse(json));

    [Fact]
    public void Unknown_fields_are_refused_with_any_serializer_options() =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<ApiTask>("""{"name":"t","nmae":"u"}""", JsonSerializerOptions.Web));

    [Fact]
    public void A_value_of_the_wrong_type_is_refused() =>
        Assert.ThrowsAny<JsonException>(() => TaskJson.Parse("""{"target_config":{"port":"3306"}}"""));

    [Fact]
    public void The_request_wraps_the_task() =>
        Assert.Equal("t", TaskJson.ParseRequest("""{"task":{"name":"t"}}""").Task?.Name);

    [Fact]
    public void Redacted_hides_the_password_and_certificates()
    {
        var task = TaskJson.Parse(EveryField).Redacted();

        Assert.Equal("******", task.TargetConfig?.Password);
        Assert.Null(task.TargetConfig?.Security);
        Assert.DoesNotContain("123456", TaskJson.Serialize(task), StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", task.TargetConfig?.Host);
    }
}
