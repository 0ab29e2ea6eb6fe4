#!/usr/bin/env bash
# A full migration of sysbench data from one throwaway MariaDB (the source) to another (the target), by Sluice and by
# its peers in the same run:
#   - sluice migrate, task-mode full, 2 export threads and 2 import threads (dump files on disk, then the load);
#   - mydumper -t 2 then myloader -t 2, as it runs by default (binary log off for its sessions) and with
#     --enable-binlog (what Sluice and the other peers do: the target's binlog keeps every row);
#   - mariadb-dump --single-transaction piped into mariadb;
#   - parallel LOAD DATA: 2 sessions SELECT ... INTO OUTFILE on the source, then 2 sessions LOAD DATA LOCAL INFILE
#     into tables created beforehand (the plain way to move CSV);
# each target reset before each run. Prints each wall time (best of RUNS), Sluice's ratios to the peers and Sluice's
# peak RSS, then Sluice's peak RSS again on 4x the rows to show it does not grow with the data.
#
# Every tool connects over loopback without TLS, as each does by default there.
#
#   bench/full-migration/run.sh [RUNS] [TABLE_ROWS] [RSS_TABLE_ROWS]   (defaults: 3, 250000, 1000000)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
runs=${1:-3}
table_rows=${2:-250000}
rss_table_rows=${3:-1000000}
cd "$repo"

need=()
command -v sysbench >/dev/null 2>&1 || need+=(sysbench)
command -v mydumper >/dev/null 2>&1 || need+=(mydumper)
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/sluice-bench-full.XXXXXX)
chmod 777 "$work"
eval "$(bash scripts/mariadb.sh start bench-source "$work" | sed 's/^/source_/')"
eval "$(bash scripts/mariadb.sh start bench-target "$work" | sed 's/^/target_/')"
trap 'bash scripts/mariadb.sh stop "$source_dir" >/dev/null 2>&1; bash scripts/mariadb.sh stop "$target_dir" >/dev/null 2>&1; rm -rf "$work"' EXIT
src() { mariadb -h127.0.0.1 -P"$source_port" -uroot -p"$source_password" -N "$@"; }
tgt() { mariadb -h127.0.0.1 -P"$target_port" -uroot -p"$target_password" -N "$@"; }

./sluice --help >/dev/null # builds the CLI once, outside the timings
sluice_dll="$repo/.build/cli/sluice.dll"

prepare() { # $1 = rows per table
  src -e "DROP DATABASE IF EXISTS sbtest; CREATE DATABASE sbtest"
  sysbench oltp_read_write --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$source_port" --mysql-user=root \
    --mysql-password="$source_password" --mysql-db=sbtest --tables=4 --table-size="$1" --threads=2 prepare >/dev/null
}
reset_target() { tgt -e "DROP DATABASE IF EXISTS sbtest; DROP DATABASE IF EXISTS dm_meta"; rm -rf "$work/dump" "$work/mydumper" "$work/csv"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
min() { printf '%s\n' "$@" | sort -g | head -1; }
max() { printf '%s\n' "$@" | sort -g | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
checksums() { # $1 = src|tgt
  "$1" -e "CHECKSUM TABLE sbtest.sbtest1, sbtest.sbtest2, sbtest.sbtest3, sbtest.sbtest4" | awk '{ print $2 }' | tr '\n' ' '
}
verify() { # $1 = contender; the target must equal the source after every run
  if [ "$(checksums src)" != "$(checksums tgt)" ]; then echo "$1: target checksums differ from the source" >&2; exit 1; fi
}

cat >"$work/task.yaml" <<EOF
name: bench
task-mode: full
target-database: { host: 127.0.0.1, port: $target_port, user: root, password: "$target_password" }
mysql-instances:
  - source-id: source-1
    from: { host: 127.0.0.1, port: $source_port, user: root, password: "$source_password" }
    block-allow-list: only
    mydumper-config-name: dump
    loader-config-name: load
block-allow-list:
  only: { do-dbs: ["sbtest"] }
mydumpers:
  dump: { threads: 2 }
loaders:
  load: { pool-size: 2, dir: "$work/dump" }
EOF

run_sluice() { # prints "seconds peak_rss_kib"
  local t0 rss
  t0=$(now)
  /usr/bin/time -f '%M' -o "$work/rss" dotnet "$sluice_dll" migrate --task "$work/task.yaml" --quiet >/dev/null
  rss=$(cat "$work/rss")
  echo "$(elapsed "$t0") $rss"
}

run_mydumper() { # prints "dump_seconds"
  local t0
  t0=$(now)
  mydumper -h 127.0.0.1 -P "$source_port" -u root -p "$source_password" -B sbtest -t 2 -o "$work/mydumper" -v 0
  elapsed "$t0"
}

run_myloader() { # $@ = extra myloader options; prints "load_seconds"
  local t0
  tgt -e "DROP DATABASE IF EXISTS sbtest"
  t0=$(now)
  myloader -h 127.0.0.1 -P "$target_port" -u root -p "$target_password" -t 2 -d "$work/mydumper" -v 0 "$@"
  elapsed "$t0"
}

run_mariadb_dump() {
  local t0
  t0=$(now)
  mariadb-dump -h127.0.0.1 -P"$source_port" -uroot -p"$source_password" --single-transaction --databases sbtest |
    mariadb -h127.0.0.1 -P"$target_port" -uroot -p"$target_password"
  elapsed "$t0"
}

run_load_data() { # prints "total_seconds load_seconds"
  local t0 t1 load
  mkdir -p "$work/csv" && chmod 777 "$work/csv"
  t0=$(now)
  tgt -e "CREATE DATABASE sbtest"
  for t in 1 2 3 4; do
    tgt -e "USE sbtest; $(src -e "SHOW CREATE TABLE sbtest.sbtest$t" | cut -f2- | sed 's/\\n/ /g')"
  done
  for pair in "1 2" "3 4"; do
    (for t in $pair; do src -e "SELECT * FROM sbtest.sbtest$t INTO OUTFILE '$work/csv/sbtest$t.csv'"; done) &
  done
  wait
  t1=$(now)
  for pair in "1 2" "3 4"; do
    (for t in $pair; do
      tgt --local-infile=1 -e "LOAD DATA LOCAL INFILE '$work/csv/sbtest$t.csv' INTO TABLE sbtest.sbtest$t CHARACTER SET binary"
    done) &
  done
  wait
  load=$(elapsed "$t1")
  echo "$(elapsed "$t0") $load"
}

prepare "$table_rows"
rows=$((4 * table_rows))
sluice=(); sluice_rss=(); mydumper_t=(); mydumper_binlog_t=(); dump_t=(); csv_total=(); csv_load=()
for _ in $(seq 1 "$runs"); do
  reset_target; read -r t rss <<<"$(run_sluice)"; verify sluice; sluice+=("$t"); sluice_rss+=("$rss")
  reset_target; d=$(run_mydumper)
  l=$(run_myloader); verify mydumper; mydumper_t+=("$(awk -v a="$d" -v b="$l" 'BEGIN { printf "%.2f", a + b }')")
  l=$(run_myloader --enable-binlog); verify "myloader -e"; mydumper_binlog_t+=("$(awk -v a="$d" -v b="$l" 'BEGIN { printf "%.2f", a + b }')")
  reset_target; dump_t+=("$(run_mariadb_dump)"); verify mariadb-dump
  reset_target; read -r t l <<<"$(run_load_data)"; verify "LOAD DATA"; csv_total+=("$t"); csv_load+=("$l")
done

s=$(min "${sluice[@]}"); m=$(min "${mydumper_t[@]}"); mb=$(min "${mydumper_binlog_t[@]}"); d=$(min "${dump_t[@]}"); c=$(min "${csv_total[@]}"); cl=$(min "${csv_load[@]}")
rss=$(max "${sluice_rss[@]}")
echo "rows: $rows (4 tables x $table_rows), best of $runs"
echo "sluice migrate (2 export + 2 import threads):   ${s} s   peak RSS $((rss / 1024)) MiB"
echo "mydumper -t 2 + myloader -t 2 (binlog off):     ${m} s   sluice/this = $(ratio "$s" "$m")"
echo "mydumper -t 2 + myloader -t 2 --enable-binlog:  ${mb} s   sluice/this = $(ratio "$s" "$mb")"
echo "mariadb-dump --single-transaction | mariadb:    ${d} s   sluice/this = $(ratio "$s" "$d")"
echo "parallel SELECT INTO OUTFILE + LOAD DATA (2+2): ${c} s   sluice/this = $(ratio "$s" "$c")   (LOAD DATA alone ${cl} s)"

if [ "$rss_table_rows" -gt 0 ]; then
  prepare "$rss_table_rows"
  reset_target; read -r t big_rss <<<"$(run_sluice)"; verify sluice
  echo "sluice migrate on $((4 * rss_table_rows)) rows: ${t} s   peak RSS $((big_rss / 1024)) MiB (vs $((rss / 1024)) MiB on $rows rows)"
fi
