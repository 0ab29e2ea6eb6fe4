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
#   [SINKS='blackhole csv canal-json kafka mysql'] bench/changefeed/run.sh [TRANSACTIONS] [TABLE_ROWS] [RUNS]
#   (defaults: 60000 100000 3; SINKS picks the sinks measured)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
transactions=${1:-60000}
table_rows=${2:-100000}
runs=${3:-3}
sinks=" ${SINKS:-blackhole csv canal-json kafka mysql} "
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
# start_ts a second after the binlog file begins: the changefeed finds its start at the head of that file.
sql "FLUSH BINARY LOGS"
first=$(sql "SHOW MASTER STATUS" | cut -f1)
sleep 1.1
start_ts=$(now_tso)
echo "writing $transactions oltp_write_only transactions..." >&2
sb "$source_port" "$source_password" --events="$transactions" --time=0 run >/dev/null
sleep 1.1
target_ts=$(now_tso)
sleep 1.1
sql "INSERT INTO bench_marker.m VALUES (1)"
sql "FLUSH BINARY LOGS"
last=$(sql "SHOW MASTER STATUS" | cut -f1)

# Best (highest) rows/s of $runs runs; prints "rows rows_per_s streaming_rows_per_s" (streaming: from the moment
# the changefeed knows its start and tables; the same as rows/s for the decoder).
best() {
  local best_rate=0 best_stream=0 rows=0 out r s
  for _ in $(seq 1 "$runs"); do
    out=$("$@")
    r=$(sed -n 's/.* rows_per_s=\([0-9]*\).*/\1/p' <<<"$out")
    s=$(sed -n 's/.*streaming_rows_per_s=\([0-9]*\).*/\1/p' <<<"$out")
    rows=$(sed -n 's/^rows=\([0-9]*\).*/\1/p' <<<"$out")
    [ "$r" -gt "$best_rate" ] && best_rate=$r
    [ "${s:-$r}" -gt "$best_stream" ] && best_stream=${s:-$r}
  done
  echo "$rows $best_rate $best_stream"
}

read -r decoded decode_rate _ < <(best "${bench[@]}" --decode-only x --file "$first" --pos 4 --stop-file "$last")
# A sink left out of SINKS reads "- 0".
feed() { if [[ "$sinks" == *" $1 "* ]]; then best "${bench[@]}" --start-ts "$start_ts" --target-ts "$target_ts" --sink-uri "$2"; else echo "- 0 0"; fi; }
read -r bh_rows bh_rate bh_stream < <(feed blackhole "blackhole://")
read -r csv_rows csv_rate csv_stream < <(rm -rf "$work/csv"; feed csv "file://$work/csv?protocol=csv&flush-interval=5s")
read -r cj_rows cj_rate cj_stream < <(rm -rf "$work/cj"; feed canal-json "file://$work/cj?protocol=canal-json&flush-interval=5s")
read -r kafka_rows kafka_rate kafka_stream < <(feed kafka "kafka://mock/sbtest-cdc?protocol=canal-json&partition-num=4")
read -r my_rows my_rate my_stream < <(feed mysql "mysql://root:${target_password}@127.0.0.1:${target_port}/?worker-count=8&safe-mode=false")

encoded() { best dotnet "$work/bin/ChangefeedBench.dll" --encode-only "$1" --rows 200000; }
protocols=(csv canal-json open-protocol debezium simple)
declare -A encode_rate
for protocol in "${protocols[@]}"; do
  read -r _ encode_rate[$protocol] _ < <(encoded "$protocol")
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "binlog: $transactions sysbench oltp_write_only transactions on 4 tables of $table_rows rows ($decoded row changes); best of $runs runs"
printf '%-40s %9s %11s %15s %16s\n' "reader / sink" "rows" "rows/s" "streaming rows/s" "streaming/decode"
printf '%-40s %9s %11s %15s %16s\n' "binlog decode only (BinlogClient)" "$decoded" "$decode_rate" "$decode_rate" "1.00"
line() { printf '%-40s %9s %11s %15s %16s\n' "$1" "$2" "$3" "$4" "$(ratio "$4" "$decode_rate")"; }
line "changefeed -> blackhole" "$bh_rows" "$bh_rate" "$bh_stream"
line "changefeed -> file csv" "$csv_rows" "$csv_rate" "$csv_stream"
line "changefeed -> file canal-json" "$cj_rows" "$cj_rate" "$cj_stream"
line "changefeed -> kafka canal-json (mock)" "$kafka_rows" "$kafka_rate" "$kafka_stream"
line "changefeed -> mysql (8 workers)" "$my_rows" "$my_rate" "$my_stream"
for protocol in "${protocols[@]}"; do
  printf '%-40s %9s %11s %15s %16s\n' "encode only: $protocol" 200000 "${encode_rate[$protocol]}" "${encode_rate[$protocol]}" "$(ratio "${encode_rate[$protocol]}" "$decode_rate")"
done
echo
echo "goals: blackhole >= 0.8x decode ($(ratio "$bh_stream" "$decode_rate")x streaming); csv and canal-json >= 150000 rows/s encoded (${encode_rate[csv]}, ${encode_rate[canal-json]}; streaming end to end: $csv_stream csv, $cj_stream canal-json files, $kafka_stream kafka)"
