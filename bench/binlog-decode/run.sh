#!/usr/bin/env bash
# Binlog decoding throughput: Sluice against mariadb-binlog on the same sysbench oltp_write_only binlog,
# read from the remote server and from the local files, in one run.
#
#   bench/binlog-decode/run.sh [MIN_MB] [RUNS]     (defaults: 60 MB of OLTP binlog, best of 3 runs)
#
# Prints events/s for each reader and the ratios; Sluice's figure is a whole process, start-up included.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
min_mb=${1:-60}
runs=${2:-3}
cd "$repo"

if ! command -v sysbench >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sysbench >/dev/null
fi
work=$(mktemp -d /tmp/sluice-bench-binlog.XXXXXX)
eval "$(bash scripts/mariadb.sh start bench-source "$work")"
trap 'bash scripts/mariadb.sh stop "$dir" >/dev/null 2>&1; rm -rf "$work"' EXIT
sql() { mariadb -h127.0.0.1 -P"$port" -uroot -p"$password" -N -e "$1"; }

./sluice --help >/dev/null   # build outside the timings
sql "CREATE DATABASE sbtest"
sb=(sysbench oltp_write_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$port" --mysql-user=root
    --mysql-password="$password" --mysql-db=sbtest --tables=4 --table-size=50000 --threads=4)
"${sb[@]}" prepare >/dev/null
sql "FLUSH BINARY LOGS"
first=$(sql "SHOW MASTER STATUS" | cut -f1)
echo "generating at least ${min_mb} MB of oltp_write_only binlog from $first..." >&2
while :; do
  "${sb[@]}" --time=10 run >/dev/null
  bytes=$(sql "SHOW BINARY LOGS" | awk -v f="$first" '$1 >= f { s += $2 } END { print s }')
  [ "$bytes" -ge $((min_mb * 1024 * 1024)) ] && break
done
sql "FLUSH BINARY LOGS"
last=$(sql "SHOW MASTER STATUS" | cut -f1)
files=()
for f in $(sql "SHOW BINARY LOGS" | cut -f1); do
  if [[ "$f" > "$first" || "$f" == "$first" ]] && [[ "$f" < "$last" ]]; then files+=("$dir/data/$f"); fi
done
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')

# Best (lowest) wall time of $runs runs of a command, in seconds.
best() {
  local best_time="" t0 t1 t
  for _ in $(seq 1 "$runs"); do
    t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
    t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    if [ -z "$best_time" ] || awk -v a="$t" -v b="$best_time" 'BEGIN { exit !(a < b) }'; then best_time=$t; fi
  done
  echo "$best_time"
}

events=$(./sluice binlog decode --format none "${files[@]}" | sed -n 's/.*events=\([0-9]*\).*/\1/p')
remote=(--read-from-remote-server -h127.0.0.1 -P"$port" -uroot -p"$password" --to-last-log)
tail_args=(binlog tail --host 127.0.0.1 --port "$port" --user root --password "$password" --file "$(basename "${files[0]}")" --pos 4 --stop-at-end --ssl-mode Disabled)

t_raw=$(best mariadb-binlog "${remote[@]}" --raw --result-file="$work/raw-" "$(basename "${files[0]}")")
t_mb_remote=$(best mariadb-binlog "${remote[@]}" --base64-output=decode-rows -v "$(basename "${files[0]}")")
t_mb_local=$(best mariadb-binlog --base64-output=decode-rows -v "${files[@]}")
t_sl_remote=$(best ./sluice "${tail_args[@]}" --format none)
t_sl_remote_json=$(best ./sluice "${tail_args[@]}" --format json)
t_sl_local=$(best ./sluice binlog decode --format none "${files[@]}")
t_sl_local_json=$(best ./sluice binlog decode --format json "${files[@]}")

rate() { awk -v e="$events" -v t="$1" 'BEGIN { printf "%.0f", e / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }
echo
echo "binlog: ${#files[@]} files, ${mb} MB, ${events} events (sysbench oltp_write_only, 4 tables); best of ${runs} runs"
printf '%-48s %8s %12s\n' "reader" "seconds" "events/s"
printf '%-48s %8s %12s\n' "server send rate (mariadb-binlog --raw, remote)" "$t_raw" "$(rate "$t_raw")"
printf '%-48s %8s %12s\n' "mariadb-binlog -v decode-rows, remote" "$t_mb_remote" "$(rate "$t_mb_remote")"
printf '%-48s %8s %12s\n' "mariadb-binlog -v decode-rows, local files" "$t_mb_local" "$(rate "$t_mb_local")"
printf '%-48s %8s %12s\n' "sluice binlog tail --format none, remote" "$t_sl_remote" "$(rate "$t_sl_remote")"
printf '%-48s %8s %12s\n' "sluice binlog tail --format json, remote" "$t_sl_remote_json" "$(rate "$t_sl_remote_json")"
printf '%-48s %8s %12s\n' "sluice binlog decode --format none, local" "$t_sl_local" "$(rate "$t_sl_local")"
printf '%-48s %8s %12s\n' "sluice binlog decode --format json, local" "$t_sl_local_json" "$(rate "$t_sl_local_json")"
echo
echo "ratio sluice/mariadb-binlog events/s, local, decode only:   $(ratio "$t_sl_local" "$t_mb_local")x"
echo "ratio sluice/mariadb-binlog events/s, local, json output:   $(ratio "$t_sl_local_json" "$t_mb_local")x"
echo "ratio sluice/mariadb-binlog events/s, remote, decode only:  $(ratio "$t_sl_remote" "$t_mb_remote")x"
echo "ratio sluice/mariadb-binlog events/s, remote, json output:  $(ratio "$t_sl_remote_json" "$t_mb_remote")x"
echo "sluice remote time / server send time (goal <= 1.10):       $(awk -v a="$t_sl_remote" -v b="$t_raw" 'BEGIN { printf "%.2f", a / b }')"
