#!/usr/bin/env bash
# CPU time of two Sluice builds on the same fixed catch-up: run.sh's sysbench oltp_write_only binlog (4 row changes a
# transaction) applied by `sluice migrate --until-caught-up` from the same checkpoint, the builds taking turns run after
# run, so that a busy shared machine weighs on both alike. Per run: wall seconds, user and system CPU seconds of the
# sluice process (/usr/bin/time), and, with ALLOC_HOOK (a startup hook assembly appending "allocated_bytes cpu_seconds
# gen0 gen1 gen2" at exit to $ALLOC_HOOK_OUT), the bytes it allocated. Every run is checksummed against the source.
#
#   [SYNCER='worker-count: 4, batch: 500, compact: true'] [ALLOC_HOOK=hook.dll] \
#     bench/incremental/cpu.sh BEFORE/sluice.dll AFTER/sluice.dll [TRANSACTIONS] [TABLE_ROWS] [RUNS]
#   (defaults: 60000 100000 5)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
before_dll=$(readlink -f "$1")
after_dll=$(readlink -f "$2")
transactions=${3:-60000}
table_rows=${4:-100000}
runs=${5:-5}
syncer=${SYNCER:-worker-count: 4, batch: 500, compact: true}
cd "$repo"

work=$(mktemp -d /tmp/sluice-bench-cpu.XXXXXX)
chmod 777 "$work"
eval "$(bash scripts/mariadb.sh start bench-source "$work" | sed 's/^/source_/')"
eval "$(bash scripts/mariadb.sh start bench-target "$work" | sed 's/^/target_/')"
trap 'for d in "$source_dir" "$target_dir"; do bash scripts/mariadb.sh stop "$d" >/dev/null 2>&1; done; rm -rf "$work"' EXIT
src() { mariadb -h127.0.0.1 -P"$source_port" -uroot -p"$source_password" -N "$@"; }
tgt() { mariadb -h127.0.0.1 -P"$target_port" -uroot -p"$target_password" -N "$@"; }
checksums() { "$1" -e "CHECKSUM TABLE sbtest.sbtest1, sbtest.sbtest2, sbtest.sbtest3, sbtest.sbtest4" | awk '{ print $2 }' | tr '\n' ' '; }

src -e "CREATE DATABASE sbtest"
sysbench oltp_write_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$source_port" --mysql-user=root \
  --mysql-password="$source_password" --mysql-db=sbtest --tables=4 --table-size="$table_rows" --threads=2 prepare >/dev/null
mariadb-dump -h127.0.0.1 -P"$source_port" -uroot -p"$source_password" --single-transaction --databases sbtest >"$work/base.sql"
read -r p0_file p0_pos < <(src -e "SHOW MASTER STATUS" | awk '{ print $1, $2 }')
p0_gtid=$(src -e "SELECT @@gtid_binlog_pos")
tgt --init-command="SET SESSION sql_log_bin = 0" <"$work/base.sql"

. "$repo/bench/incremental/task.sh"
write_task "$work/task.yaml"

# The target at P0 with its checkpoint there, as a stopped task: what every run starts from.
dotnet "$after_dll" migrate --task "$work/task.yaml" --quiet --until-caught-up >/dev/null
mariadb-dump -h127.0.0.1 -P"$target_port" -uroot -p"$target_password" --single-transaction --databases sbtest dm_meta >"$work/target.sql"

sysbench oltp_write_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$source_port" --mysql-user=root \
  --mysql-password="$source_password" --mysql-db=sbtest --tables=4 --table-size="$table_rows" --threads=4 \
  --events="$transactions" --time=0 run >"$work/sysbench.log"
p1_gtid=$(src -e "SELECT @@gtid_binlog_pos")
rows=$((4 * (${p1_gtid##*-} - ${p0_gtid##*-})))
expected=$(checksums src)

echo "binlog: $rows row changes (sysbench oltp_write_only); syncer: $syncer; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "run build  wall_s user_s sys_s cpu_s cpu_us_per_row alloc_bytes_per_row gc0/1/2"
for run in $(seq 1 "$runs"); do
  for build in before after; do
    dll=$before_dll
    [ "$build" = after ] && dll=$after_dll
    tgt -e "DROP DATABASE IF EXISTS sbtest; DROP DATABASE IF EXISTS dm_meta"
    tgt --init-command="SET SESSION sql_log_bin = 0" <"$work/target.sql"
    rm -f "$work/alloc"
    env ${ALLOC_HOOK:+DOTNET_STARTUP_HOOKS="$ALLOC_HOOK" ALLOC_HOOK_OUT="$work/alloc"} \
      /usr/bin/time -f "%e %U %S" -o "$work/time" dotnet "$dll" migrate --task "$work/task.yaml" --quiet --until-caught-up >/dev/null
    [ "$(checksums tgt)" = "$expected" ] || { echo "$build: checksums differ from the source" >&2; exit 1; }
    read -r wall user sys <"$work/time"
    alloc="-"; gcs="-"
    if [ -s "$work/alloc" ]; then
      read -r bytes _ g0 g1 g2 <"$work/alloc"
      alloc=$(awk -v b="$bytes" -v r="$rows" 'BEGIN { printf "%.0f", b / r }'); gcs="$g0/$g1/$g2"
    fi
    awk -v run="$run" -v b="$build" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rows" -v a="$alloc" -v g="$gcs" \
      'BEGIN { printf "%-3s %-6s %6.2f %6.2f %5.2f %5.2f %6.1f %s %s\n", run, b, w, u, s, u + s, (u + s) * 1e6 / r, a, g }'
  done
done
