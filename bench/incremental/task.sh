# Sourced by run.sh and cpu.sh: the incremental task both apply the sysbench binlog with.
# Needs target_port, target_password, source_port, source_password, p0_file, p0_pos, p0_gtid and syncer set.
write_task() { # $1 = the task file to write
  cat >"$1" <<EOF_TASK
name: bench
task-mode: incremental
target-database: { host: 127.0.0.1, port: $target_port, user: root, password: "$target_password" }
mysql-instances:
  - source-id: source-1
    from: { host: 127.0.0.1, port: $source_port, user: root, password: "$source_password" }
    block-allow-list: only
    meta: { binlog-name: $p0_file, binlog-pos: $p0_pos, binlog-gtid: "$p0_gtid" }
    syncer-config-name: sync
block-allow-list:
  only: { do-dbs: ["sbtest"] }
syncers:
  sync: { $syncer }
EOF_TASK
}
