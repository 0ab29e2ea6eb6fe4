using Sluice.Cli.Configuration;
using Sluice.Migration;
using Sluice.Replication.Filtering;
using Sluice.Replication.Routing;
using Sluice.Server.Tasks.Contract;
using Sluice.Server.Tasks.Conversion;

namespace Sluice.Cli.Tests.Configuration;

/// <summary>
/// A DM task file run by <c>sluice migrate</c> and the same file sent through the API (converted to the API task,
/// then mapped by <see cref="TaskMapper"/>) give the engine the same task: the same tables allowed, routed and
/// filtered, the same unit settings and starts.
/// </summary>
/// <remarks>
/// Lives with the CLI's tests because it needs the CLI's reader; the server's tests cannot reference the CLI.
/// Allow lists, routes and filters are compared by what they decide for sample tables, since the API form writes
/// a schema-wide pattern as table <c>*</c> and lists do-dbs the CLI's file leaves implicit.
/// </remarks>
public sealed class TaskYamlConverterAgreementTests
{
    private const string TaskYaml = """
        name: shop-merge
        task-mode: all
        meta-schema: dm_meta
        target-database:
          host: "192.168.0.20"
          port: 4000
          user: root
          password: "123456"
        mysql-instances:
          - source-id: mysql-replica-01
            meta:
              binlog-name: mysql-bin.000003
              binlog-pos: 194
            block-allow-list: shop-tables
            route-rules: [orders-route, users-route]
            filter-rules: [no-truncate]
            mydumper-config-name: global
            loader-config-name: global
            syncer-config-name: global
          - source-id: mysql-replica-02
            meta:
              binlog-gtid: "0-3307-100"
            block-allow-list: shop-and-logs
            route-rules: [orders-route, logs-route]
            filter-rules: [no-truncate, no-drop]
            mydumper-config-name: global
            loader-config-name: global
            syncer-config-name: global
        block-allow-list:
          shop-tables:
            do-dbs: ["shop_*"]
            do-tables:
              - db-name: "shop_*"
                tbl-name: "orders_*"
              - db-name: "shop_*"
                tbl-name: "users"
          shop-and-logs:
            do-dbs: ["shop_*", "~^log_[0-9]+$"]
        routes:
          orders-route:
            schema-pattern: "shop_*"
            table-pattern: "orders_*"
            target-schema: shop
            target-table: orders
          users-route:
            schema-pattern: "shop_*"
            table-pattern: "users"
            target-schema: shop
          logs-route:
            schema-pattern: "~^log_[0-9]+$"
            table-pattern: "*"
            target-schema: logs
        filters:
          no-truncate:
            schema-pattern: "shop_*"
            table-pattern: "orders_*"
            events: ["truncate table", "delete"]
            action: Ignore
          no-drop:
            schema-pattern: "~^log_[0-9]+$"
            table-pattern: "*"
            events: ["drop table"]
            sql-pattern: ["^DROP\\s+TABLE"]
            action: Ignore
        mydumpers:
          global:
            threads: 8
            extra-args: "--consistency none"
        loaders:
          global:
            pool-size: 6
            dir: ./dumped_data
            on-duplicate-logical: ignore
        syncers:
          global:
            worker-count: 32
            batch: 200
            safe-mode: true
        """;

    private static readonly TableName[] SampleTables =
    [
        new("shop_1", "orders_1"), new("shop_2", "orders_2024"), new("shop_1", "users"), new("shop_1", "items"),
        new("log_7", "events"), new("log_x", "events"), new("crm", "customers"), new("other", "orders_1"),
    ];

    private static readonly BinlogEventKind[] SampleEvents = [BinlogEventKind.Insert, BinlogEventKind.Delete, BinlogEventKind.TruncateTable, BinlogEventKind.DropTable];

    [Fact]
    public void The_cli_reader_and_the_api_mapping_give_the_same_engine_task()
    {
        var sources = new Dictionary<string, SourceFile>(StringComparer.Ordinal)
        {
            ["mysql-replica-01"] = new() { SourceId = "mysql-replica-01", Connection = new DatabaseEndpoint { Host = "10.0.0.1", User = "dm", Password = "p1" } },
            ["mysql-replica-02"] = new() { SourceId = "mysql-replica-02", Connection = new DatabaseEndpoint { Host = "10.0.0.2", User = "dm", Password = "p2" } },
        };
        var connections = sources.ToDictionary(pair => pair.Key, pair => new SourceConnection(pair.Value.Connection.Host, pair.Value.Connection.Port, pair.Value.Connection.User, pair.Value.Connection.Password), StringComparer.Ordinal);

        var cli = TaskFileReader.Read(TaskYaml, sources, "task.yaml");
        var apiTask = TaskYamlConverter.FromYaml(TaskYaml);
        Assert.Empty(TaskValidator.Validate(apiTask, connections.Keys.ToHashSet(StringComparer.Ordinal)));
        var api = TaskMapper.ToMigrationTask(apiTask, connections);

        Assert.Equal((cli.Name, cli.Mode, cli.MetaSchema, cli.CaseSensitive, cli.CleanDumpFile, cli.Target), (api.Name, api.Mode, api.MetaSchema, api.CaseSensitive, api.CleanDumpFile, api.Target));
        Assert.Equal(cli.Sources.Select(source => source.SourceId), api.Sources.Select(source => source.SourceId));

        // The samples exercise each part: a table kept and routed, one left out, one whose events are filtered.
        var decisions = Decisions(api.Sources[1]);
        Assert.Contains("log_7.events allowed=True -> logs.events ", decisions.Single(d => d.StartsWith("log_7.events", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("allowed=False", decisions.Single(d => d.StartsWith("other.orders_1", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("shop_1.orders_1 allowed=True -> shop.orders ", decisions.Single(d => d.StartsWith("shop_1.orders_1", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.NotEqual(Decisions(api.Sources[0]), decisions);
        foreach (var (expected, actual) in cli.Sources.Zip(api.Sources))
        {
            Assert.Equal(expected.Connection, actual.Connection);
            Assert.Equal(expected.Dump with { ChunkFileSize = 0 }, actual.Dump with { ChunkFileSize = 0 });
            Assert.Equal(expected.Load, actual.Load);
            Assert.Equal(expected.Sync, actual.Sync);
            Assert.Equal(expected.Meta, actual.Meta);
            Assert.Equal(Decisions(expected), Decisions(actual));
            Assert.Equal(Routes(expected), Routes(actual));
            Assert.Equal(Filters(expected), Filters(actual));
        }
    }

    /// <summary>For each sample table: allowed or not, where it goes, and what the binlog filter does with each sample event.</summary>
    private static List<string> Decisions(SourceInstance source)
    {
        var tables = new TableFilter(source.BlockAllowList, caseSensitive: false);
        var router = new TableRouter(source.Routes, caseSensitive: false);
        var filter = new BinlogEventFilter(source.Filters, caseSensitive: false);
        return SampleTables.Select(table =>
            $"{table} allowed={tables.Allows(table)} -> {router.Route(table)} "
            + string.Join(",", SampleEvents.Select(kind => filter.Decide(table, kind, kind == BinlogEventKind.DropTable ? $"DROP TABLE {table.Table}" : null)))).ToList();
    }

    private static List<string> Routes(SourceInstance source) =>
        source.Routes.Select(route => $"{route.SchemaPattern}.{route.TablePattern ?? "*"} -> {route.TargetSchema}.{route.TargetTable}").Order(StringComparer.Ordinal).ToList();

    private static List<string> Filters(SourceInstance source) =>
        source.Filters.Select(rule => $"{rule.SchemaPattern}.{rule.TablePattern ?? "*"} {rule.Action} [{string.Join(",", rule.Events)}] [{string.Join(",", rule.SqlPattern)}]")
            .Order(StringComparer.Ordinal).ToList();
}
