#!/usr/bin/env bash
# Changefeed throughput: one sysbench oltp_write_only binlog delivered by a changefeed into each sink in turn —
# blackhole, file csv, file canal-json, kafka canal-json (librdkafka's mock cluster, in the bench process) and a
# MySQL target — beside the binlog decoder's own rate on the same binlog, in one run.
#
# Each changefeed runs from the TSO before sysbench to the TSO after it (one marker transaction written after the
# target ends it at once); rows/s is row changes delivered over the whole run (start-up, reading, decoding,
# encoding, the sink's acknowledgements). The decoder's rate is the binlog client reading and decoding the same
# files, with nothing done with the rows. The MySQL target holds its own sysbench prepare of the same tables.
# Each protocol's encoder is also timed alone (--encode-only), on sysbench-shaped row changes built in memory.
#
#   bench/changefeed/run.sh [TRANSACTIONS] [TABLE_ROWS] [RUNS]     (defaults: 60000 100000 3)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
transactions=${1:-60000}
table_rows=${2:-100000}
runs=${3:-3}
cd "$repo"

if ! command -v sysbench >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sysbench >/dev/null
fi
work=$(mktemp -d /tmp/sluice-bench-changefeed.XXXXXX)
eval "$(bash scripts/mariadb.sh start bench-source "$work" | sed 's/^/source_/')"
eval "$(bash scripts/mariadb.sh start bench-target "$work" | sed 's/^/target_/')"
trap 'bash scripts/mariadb.sh stop "$source_dir" >/dev/null 2>&1; bash scripts/mariadb.sh stop "$target_dir" >/dev/null 2>&1; rm -rf "$work"' EXIT
sql() { mariadb -h127.0.0.1 -P"$source_port" -uroot -p"$source_password" -N -e "$1"; }
tsql() { mariadb -h127.0.0.1 -P"$target_port" -uroot -p"$target_password" -N -e "$1"; }
now_tso() { echo $(( $(date +%s%3N) << 18 )); }

dotnet build bench/changefeed -c Release -o "$work/bin" >/dev/null
bench=(dotnet "$work/bin/ChangefeedBench.dll" --host 127.0.0.1 --port "$source_port" --user root --password "$source_password")

sb() { sysbench oltp_write_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$1" --mysql-user=root \
  --mysql-password="$2" --mysql-db=sbtest --tables=4 --table-size="$table_rows" --threads=4 "${@:3}"; }
sql "CREATE DATABASE sbtest; CREATE DATABASE bench_marker; CREATE TABLE bench_marker.m (id INT PRIMARY KEY)"
tsql "CREATE DATABASE sbtest"
sb "$source_port" "$source_password" prepare >/dev/null
sb "$target_port" "$target_password" prepare >/dev/null
sleep 1.1
start_ts=$(now_tso)
sql "FLUSH BINARY LOGS"
first=$(sql "SHOW MASTER STATUS" | cut -f1)
echo "writing $transactions oltp_write_only transactions..." >&2
sb "$source_port" "$source_password" --events="$transactions" --time=0 run >/dev/null
sleep 1.1
target_ts=$(now_tso)
sleep 1.1
sql "INSERT INTO bench_marker.m VALUES (1)"
sql "FLUSH BINARY LOGS"
last=$(sql "SHOW MASTER STATUS" | cut -f1)

# Best (highest) rows/s of $runs runs; prints "rows rows_per_s".
best() {
  local best_rate=0 rows=0 out r
  for _ in $(seq 1 "$runs"); do
    out=$("$@")
    r=$(sed -n 's/.*rows_per_s=\([0-9]*\).*/\1/p' <<<"$out")
    rows=$(sed -n 's/^rows=\([0-9]*\).*/\1/p' <<<"$out")
    [ "$r" -gt "$best_rate" ] && best_rate=$r
  done
  echo "$rows $best_rate"
}

read -r decoded decode_rate < <(best "${bench[@]}" --decode-only x --file "$first" --pos 4 --stop-file "$last")
feed() { best "${bench[@]}" --start-ts "$start_ts" --target-ts "$target_ts" --sink-uri "$1"; }
read -r bh_rows bh_rate < <(feed "blackhole://")
read -r csv_rows csv_rate < <(rm -rf "$work/csv"; feed "file://$work/csv?protocol=csv&flush-interval=5s")
read -r cj_rows cj_rate < <(rm -rf "$work/cj"; feed "file://$work/cj?protocol=canal-json&flush-interval=5s")
read -r kafka_rows kafka_rate < <(feed "kafka://mock/sbtest-cdc?protocol=canal-json&partition-num=4")
read -r my_rows my_rate < <(feed "mysql://root:${target_password}@127.0.0.1:${target_port}/?worker-count=8&safe-mode=false")

encoded() { best dotnet "$work/bin/ChangefeedBench.dll" --encode-only "$1" --rows 200000; }
protocols=(csv canal-json open-protocol debezium simple)
declare -A encode_rate
for protocol in "${protocols[@]}"; do
  read -r _ encode_rate[$protocol] < <(encoded "$protocol")
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "binlog: $transactions sysbench oltp_write_only transactions on 4 tables of $table_rows rows ($decoded row changes); best of $runs runs"
printf '%-40s %10s %12s %18s\n' "reader / sink" "rows" "rows/s" "ratio to decode"
printf '%-40s %10s %12s %18s\n' "binlog decode only (BinlogClient)" "$decoded" "$decode_rate" "1.00"
printf '%-40s %10s %12s %18s\n' "changefeed -> blackhole" "$bh_rows" "$bh_rate" "$(ratio "$bh_rate" "$decode_rate")"
printf '%-40s %10s %12s %18s\n' "changefeed -> file csv" "$csv_rows" "$csv_rate" "$(ratio "$csv_rate" "$decode_rate")"
printf '%-40s %10s %12s %18s\n' "changefeed -> file canal-json" "$cj_rows" "$cj_rate" "$(ratio "$cj_rate" "$decode_rate")"
printf '%-40s %10s %12s %18s\n' "changefeed -> kafka canal-json (mock)" "$kafka_rows" "$kafka_rate" "$(ratio "$kafka_rate" "$decode_rate")"
printf '%-40s %10s %12s %18s\n' "changefeed -> mysql (8 workers)" "$my_rows" "$my_rate" "$(ratio "$my_rate" "$decode_rate")"
for protocol in "${protocols[@]}"; do
  printf '%-40s %10s %12s %18s\n' "encode only: $protocol" 200000 "${encode_rate[$protocol]}" "$(ratio "${encode_rate[$protocol]}" "$decode_rate")"
done
echo
echo "goals: blackhole >= 0.8x decode ($(ratio "$bh_rate" "$decode_rate")x); csv and canal-json >= 150000 rows/s encoded (${encode_rate[csv]}, ${encode_rate[canal-json]}; $csv_rate, $cj_rate file; $kafka_rate kafka)"
