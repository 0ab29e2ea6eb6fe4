#!/usr/bin/env bash
# Load throughput on sysbench data: the loader's LOAD DATA LOCAL against multi-row INSERT on one 250,000-row
# table, and the loader on the 1M-row set (4 tables x 250,000, 5 files each) with its secondary keys added after
# the data (what it does with tables it creates) against keys maintained during the load (target tables created
# beforehand), all against one throwaway MariaDB (binlog on) in the same run.
#
#   bench/load/run.sh [RUNS]     (default: best of 3 runs)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
runs=${1:-3}
cd "$repo"

if ! command -v sysbench >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sysbench >/dev/null
fi
work=$(mktemp -d /tmp/sluice-bench-load.XXXXXX)
eval "$(bash scripts/mariadb.sh start bench-load "$work")"
trap 'bash scripts/mariadb.sh stop "$dir" >/dev/null 2>&1; rm -rf "$work"' EXIT
sql() { mariadb -h127.0.0.1 -P"$port" -uroot -p"$password" -N -e "$1"; }

dotnet build -c Release -v q bench/load/LoadBench.csproj >/dev/null
bench=(dotnet bench/load/bin/Release/net10.0/LoadBench.dll)

sql "CREATE DATABASE sbtest"
sysbench oltp_read_write --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$port" --mysql-user=root \
  --mysql-password="$password" --mysql-db=sbtest --tables=4 --table-size=250000 --threads=2 prepare >/dev/null
"${bench[@]}" prepare "$port" "$password" "$work/one" 1 250000
"${bench[@]}" prepare "$port" "$password" "$work/all" 4 50000

reset() { sql "DROP DATABASE IF EXISTS bench_meta; DROP DATABASE IF EXISTS \`$1\`"; }
seconds() { sed -n 's/.*seconds=\([0-9.]*\).*/\1/p'; }
min() { printf '%s\n' "$@" | sort -g | head -1; }

one_load=(); one_insert=(); one_client=(); all_load=(); all_keys=()
for _ in $(seq 1 "$runs"); do
  reset one_load;   one_load+=("$("${bench[@]}" load "$port" "$password" "$work/one" one_load 1 | seconds)")
  reset one_insert; one_insert+=("$("${bench[@]}" insert "$port" "$password" "$work/one" one_insert | seconds)")
  # The server's own figure: the mariadb client's LOAD DATA LOCAL of the same file into the same table.
  reset one_client
  sql "CREATE DATABASE one_client; CREATE TABLE one_client.sbtest1 LIKE sbtest.sbtest1"
  t0=$(date +%s.%N)
  mariadb -h127.0.0.1 -P"$port" -uroot -p"$password" --local-infile=1 -e \
    "LOAD DATA LOCAL INFILE '$work/one/sbtest.sbtest1.00000.dat' INTO TABLE one_client.sbtest1 CHARACTER SET binary"
  one_client+=("$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')")
  reset all_load;   all_load+=("$("${bench[@]}" load "$port" "$password" "$work/all" all_load 4 | seconds)")
  reset all_keys
  sql "CREATE DATABASE all_keys; $(for t in 1 2 3 4; do printf 'CREATE TABLE all_keys.sbtest%s LIKE sbtest.sbtest%s; ' $t $t; done)"
  all_keys+=("$("${bench[@]}" load "$port" "$password" "$work/all" all_keys 4 | seconds)")
done

rate() { awk -v r="$1" -v s="$2" 'BEGIN { printf "%.0f", r / s }'; }
t=$(min "${one_load[@]}");   echo "250k rows, LOAD DATA (loader, 1 connection):      ${t} s  $(rate 250000 "$t") rows/s"
t=$(min "${one_insert[@]}"); echo "250k rows, multi-row INSERT (1,000 rows, 1 conn): ${t} s  $(rate 250000 "$t") rows/s"
t=$(min "${one_client[@]}"); echo "250k rows, mariadb client LOAD DATA LOCAL:        ${t} s  $(rate 250000 "$t") rows/s"
t=$(min "${all_load[@]}");   echo "1M rows, loader, 4 connections, keys after data:  ${t} s  $(rate 1000000 "$t") rows/s"
t=$(min "${all_keys[@]}");   echo "1M rows, loader, 4 connections, keys during data: ${t} s  $(rate 1000000 "$t") rows/s"
