namespace Sluice.Server.Tests.Tasks.Conversion;

/// <summary>Task files the conversion tests start from.</summary>
internal static class Samples
{
    /// <summary>
    /// A DM task file of the kind DM users keep: two instances with meta, routes merging shards, Ignore filters, a
    /// block-allow list with wildcards and a regular expression, and shared mydumpers, loaders and syncers.
    /// </summary>
    public const string RepresentativeTaskYaml = """
        name: shop-merge
        task-mode: all
        shard-mode: optimistic
        meta-schema: dm_meta
        timezone: "+08:00"
        online-ddl: true
        enable-heartbeat: false
        ignore-checking-items: ["version"]

        target-database:
          host: "192.168.0.20"
          port: 4000
          user: root
          password: "123456"
          max-allowed-packet: 67108864
          session:
            foreign_key_checks: "1"

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
            chunk-filesize: 64
            extra-args: "--consistency none"

        loaders:
          global:
            pool-size: 6
            dir: ./dumped_data
            import-mode: logical
            on-duplicate-logical: ignore

        syncers:
          global:
            worker-count: 32
            batch: 200
            safe-mode: true
        """;
}
