using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tests.Tasks;

/// <summary>Tasks the tests start from.</summary>
internal static class TaskSamples
{
    public static readonly IReadOnlySet<string> KnownSources = new HashSet<string>(StringComparer.Ordinal) { "mysql-01", "mysql-02" };

    public static readonly IReadOnlyDictionary<string, SourceConnection> Connections = new Dictionary<string, SourceConnection>(StringComparer.Ordinal)
    {
        ["mysql-01"] = new("10.0.0.1", 3306, "dm", "secret-1"),
        ["mysql-02"] = new("10.0.0.2", 3307, "dm", "secret-2"),
    };

    /// <summary>The document's create-task request body, as printed under 创建同步任务 in dm-openapi.zh.md (trailing comma included).</summary>
    public const string DocumentCreateTaskBody = """
        {
          "task": {
            "name": "task-1",
            "task_mode": "all",
            "shard_mode": "pessimistic",
            "meta_schema": "dm-meta",
            "enhance_online_schema_change": true,
            "on_duplicate": "overwrite",
            "target_config": {
              "host": "127.0.0.1",
              "port": 3306,
              "user": "root",
              "password": "123456",
              "security": {
                "ssl_ca_content": "",
                "ssl_cert_content": "",
                "ssl_key_content": "",
                "cert_allowed_cn": [
                  "string"
                ]
              }
            },
            "binlog_filter_rule": {
              "rule-1": {
                "ignore_event": [
                  "all dml"
                ],
                "ignore_sql": [
                  "^Drop"
                ]
              },
              "rule-2": {
                "ignore_event": [
                  "all dml"
                ],
                "ignore_sql": [
                  "^Drop"
                ]
              },
              "rule-3": {
                "ignore_event": [
                  "all dml"
                ],
                "ignore_sql": [
                  "^Drop"
                ]
              }
            },
            "table_migrate_rule": [
              {
                "source": {
                  "source_name": "source-name",
                  "schema": "db-*",
                  "table": "tb-*"
                },
                "target": {
                  "schema": "db1",
                  "table": "tb1"
                },
                "binlog_filter_rule": [
                  "rule-1",
                  "rule-2",
                  "rule-3",
                ]
              }
            ],
            "source_config": {
              "full_migrate_conf": {
                "export_threads": 4,
                "import_threads": 16,
                "data_dir": "./exported_data",
                "consistency": "auto"
              },
              "incr_migrate_conf": {
                "repl_threads": 16,
                "repl_batch": 100
              },
              "source_conf": [
                {
                  "source_name": "mysql-replica-01",
                  "binlog_name": "binlog.000001",
                  "binlog_pos": 4,
                  "binlog_gtid": "03fc0263-28c7-11e7-a653-6c0b84d59f30:1-7041423,05474d3c-28c7-11e7-8352-203db246dd3d:1-170"
                }
              ]
            }
          }
        }
        """;

    /// <summary>A task that passes every check: two sources, routes, filters, every unit's settings.</summary>
    public const string ValidTaskJson = """
        {
          "name": "orders-merge",
          "task_mode": "all",
          "shard_mode": "pessimistic",
          "meta_schema": "dm_meta",
          "enhance_online_schema_change": true,
          "on_duplicate": "replace",
          "target_config": { "host": "10.0.0.9", "port": 4000, "user": "root", "password": "target-secret" },
          "binlog_filter_rule": {
            "no-deletes": { "ignore_event": ["delete", "truncate table"] },
            "no-drops": { "ignore_event": ["drop table", "drop database"], "ignore_sql": ["^DROP\\s+TABLE", "^ALTER TABLE .* DROP"] }
          },
          "table_migrate_rule": [
            {
              "source": { "source_name": "mysql-01", "schema": "shop_*", "table": "orders_*" },
              "target": { "schema": "shop", "table": "orders" },
              "binlog_filter_rule": ["no-deletes", "no-drops"]
            },
            {
              "source": { "source_name": "mysql-02", "schema": "shop_*", "table": "orders_*" },
              "target": { "schema": "shop", "table": "orders" },
              "binlog_filter_rule": ["no-deletes"]
            },
            {
              "source": { "source_name": "mysql-02", "schema": "crm", "table": "*" }
            },
            {
              "source": { "source_name": "mysql-02", "schema": "~^log_[0-9]+$", "table": "events" },
              "target": { "schema": "logs" }
            }
          ],
          "source_config": {
            "full_migrate_conf": { "export_threads": 8, "import_threads": 6, "data_dir": "/var/lib/sluice/dump", "consistency": "snapshot", "import_mode": "logical", "on_duplicate_logical": "ignore" },
            "incr_migrate_conf": { "repl_threads": 32, "repl_batch": 200, "safe_mode": true },
            "source_conf": [
              { "source_name": "mysql-01", "binlog_name": "mysql-bin.000042", "binlog_pos": 1234 },
              { "source_name": "mysql-02", "binlog_gtid": "0-3307-100" }
            ]
          }
        }
        """;

    public static ApiTask Valid() => TaskJson.Parse(ValidTaskJson);
}
