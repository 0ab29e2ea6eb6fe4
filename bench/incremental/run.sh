#!/usr/bin/env bash
# Incremental replication: the same sysbench oltp_write_only binlog applied by Sluice and, in the same run, by a
# MariaDB replica with slave_parallel_threads 0 and 4; then replication lag while sysbench writes at full speed.
#
# Three throwaway MariaDB servers: the source, Sluice's target and a replica (log_slave_updates on, so that it
# writes the binlog Sluice's target writes too). The target and the replica start from one copy of the prepared
# tables, and each is set up to replicate from the source's position after it; neither runs while sysbench writes
# TRANSACTIONS transactions (4 row changes each: two UPDATEs, a DELETE and an INSERT). Then each catches up alone,
# timed from its start until it has applied the last transaction:
#   - sluice migrate --until-caught-up, from its checkpoint (no safe mode: as a running task that was stopped);
#   - the replica: START SLAVE, then MASTER_GTID_WAIT for the source's last GTID; slave_parallel_threads 0 and 4
#     (slave_parallel_mode as the server's default).
# Before each timed run every server has written its dirty pages. Every copy is checksummed against the source
# afterwards. Rows/s = 4 x transactions / seconds.
#
# Lag: sysbench writes at full speed (4 threads) for LAG_SECONDS while Sluice replicates, and a probe updates a
# heartbeat row on the source every 50 ms and polls the target every 2 ms; each heartbeat's lag is from its commit
# on the source to its first sight on the target. The same then for the replica with 4 threads.
#
#   [SYNCER='worker-count: 4, batch: 500, compact: true'] bench/incremental/run.sh [TRANSACTIONS] [TABLE_ROWS] [LAG_SECONDS] [RUNS]
#   (defaults: 60000 100000 30 3)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
transactions=${1:-60000}
table_rows=${2:-100000}
lag_seconds=${3:-30}
runs=${4:-3}
syncer=${SYNCER:-worker-count: 4, batch: 500, compact: true} # the task's syncer settings
cd "$repo"

if ! command -v sysbench >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sysbench >/dev/null
fi

work=$(mktemp -d /tmp/sluice-bench-incremental.XXXXXX)
chmod 777 "$work"
eval "$(bash scripts/mariadb.sh start bench-source "$work" | sed 's/^/source_/')"
eval "$(bash scripts/mariadb.sh start bench-target "$work" | sed 's/^/target_/')"
eval "$(bash scripts/mariadb.sh start bench-replica "$work" | sed 's/^/replica_/')"
trap 'for d in "$source_dir" "$target_dir" "$replica_dir"; do bash scripts/mariadb.sh stop "$d" >/dev/null 2>&1; done; rm -rf "$work"' EXIT
src() { mariadb -h127.0.0.1 -P"$source_port" -uroot -p"$source_password" -N "$@"; }
tgt() { mariadb -h127.0.0.1 -P"$target_port" -uroot -p"$target_password" -N "$@"; }
rep() { mariadb -h127.0.0.1 -P"$replica_port" -uroot -p"$replica_password" -N "$@"; }

# The replica writes what it applies to its own binlog, as Sluice's target does.
bash scripts/mariadb.sh stop "$replica_dir"
echo "log_slave_updates=1" >>"$replica_dir/my.cnf"
bash scripts/mariadb.sh restart "$replica_dir"

./sluice --help >/dev/null # builds the CLI once, outside the timings; every run goes through ./sluice, as a user runs it
dotnet build -c Release -v q bench/incremental/LagProbe.csproj >/dev/null
probe=(dotnet bench/incremental/bin/Release/net10.0/LagProbe.dll)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
min() { printf '%s\n' "$@" | sort -g | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
per_second() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
gtid() { src -e "SELECT @@gtid_binlog_pos"; }
seq_of() { echo "${1##*-}"; }
sysbench_run() { # $@ = extra sysbench options
  sysbench oltp_write_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$source_port" --mysql-user=root \
    --mysql-password="$source_password" --mysql-db=sbtest --tables=4 --table-size="$table_rows" --threads=4 "$@" run
}
checksums() { # $1 = src|tgt|rep
  "$1" -e "CHECKSUM TABLE sbtest.sbtest1, sbtest.sbtest2, sbtest.sbtest3, sbtest.sbtest4, sbtest.heartbeat" | awk '{ print $2 }' | tr '\n' ' '
}
verify() { # $1 = tgt|rep, $2 = contender
  if [ "$(checksums src)" != "$(checksums "$1")" ]; then echo "$2: checksums differ from the source" >&2; exit 1; fi
}

# The prepared tables, copied to the target and the replica outside their binlogs; P0 = the source's position after them.
src -e "CREATE DATABASE sbtest; CREATE TABLE sbtest.heartbeat (id INT PRIMARY KEY, seq BIGINT NOT NULL); INSERT INTO sbtest.heartbeat VALUES (1, 0)"
sysbench oltp_write_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$source_port" --mysql-user=root \
  --mysql-password="$source_password" --mysql-db=sbtest --tables=4 --table-size="$table_rows" --threads=2 prepare >/dev/null
mariadb-dump -h127.0.0.1 -P"$source_port" -uroot -p"$source_password" --single-transaction --databases sbtest >"$work/base.sql"
read -r p0_file p0_pos < <(src -e "SHOW MASTER STATUS" | awk '{ print $1, $2 }')
p0_gtid=$(gtid)
# Every server writes the pages a restore left dirty (about 100 MB) before a timed run, so that no run shares the CPU
# with a page cleaner flushing what the restore before it loaded.
settle() {
  local server
  for server in src tgt rep; do
    [ "$("$server" -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'sbtest'")" -gt 0 ] || continue
    "$server" -e "FLUSH TABLES sbtest.sbtest1, sbtest.sbtest2, sbtest.sbtest3, sbtest.sbtest4 FOR EXPORT; UNLOCK TABLES"
  done
}
restore() { # $1 = tgt|rep
  "$1" -e "DROP DATABASE IF EXISTS sbtest; DROP DATABASE IF EXISTS dm_meta"
  "$1" --init-command="SET SESSION sql_log_bin = 0" <"$work/base.sql"
}

. "$repo/bench/incremental/task.sh"
write_task "$work/task.yaml"

# Sluice's target at P0 with a checkpoint there, as a task that was stopped: a first run before sysbench writes
# (nothing to apply) records it, and the target's copy with its checkpoint is what every timed run starts from.
restore tgt
./sluice migrate --task "$work/task.yaml" --quiet --until-caught-up >/dev/null
mariadb-dump -h127.0.0.1 -P"$target_port" -uroot -p"$target_password" --single-transaction --databases sbtest dm_meta >"$work/target.sql"
sluice_at_p0() {
  tgt -e "DROP DATABASE IF EXISTS sbtest; DROP DATABASE IF EXISTS dm_meta"
  tgt --init-command="SET SESSION sql_log_bin = 0" <"$work/target.sql"
}
replica_at_p0() { # $1 = slave_parallel_threads
  rep -e "STOP SLAVE; RESET SLAVE ALL; RESET MASTER"
  restore rep
  rep -e "SET GLOBAL slave_parallel_threads = $1; SET GLOBAL gtid_slave_pos = '$p0_gtid';
    CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = $source_port, MASTER_USER = 'root',
    MASTER_PASSWORD = '$source_password', MASTER_USE_GTID = slave_pos"
}
run_sluice() {
  local t0
  t0=$(now)
  ./sluice migrate --task "$work/task.yaml" --quiet --until-caught-up >/dev/null
  elapsed "$t0"
}
run_replica() { # $1 = the GTID to wait for
  local t0
  t0=$(now)
  rep -e "START SLAVE"
  rep -e "SELECT MASTER_GTID_WAIT('$1', 3600)" | grep -qx 0 || { echo "replica did not reach $1" >&2; exit 1; }
  elapsed "$t0"
  rep -e "STOP SLAVE"
}

echo "sysbench oltp_write_only: $transactions transactions on 4 tables x $table_rows rows (4 threads)..." >&2
sysbench_run --events="$transactions" --time=0 >"$work/sysbench.log"
p1_gtid=$(gtid)
committed=$(($(seq_of "$p1_gtid") - $(seq_of "$p0_gtid")))
rows=$((4 * committed))

if [ "$runs" -gt 0 ]; then
  sluice=(); single=(); parallel=()
  for _ in $(seq 1 "$runs"); do
    sluice_at_p0; settle; sluice+=("$(run_sluice)"); verify tgt sluice
    replica_at_p0 0; settle; single+=("$(run_replica "$p1_gtid")"); verify rep "replica (0 threads)"
    replica_at_p0 4; settle; parallel+=("$(run_replica "$p1_gtid")"); verify rep "replica (4 threads)"
  done
  s=$(min "${sluice[@]}"); r0=$(min "${single[@]}"); r4=$(min "${parallel[@]}")
  mode=$(rep -e "SELECT @@slave_parallel_mode")

  echo "binlog: $committed transactions, $rows row changes (sysbench oltp_write_only), best of $runs"
  echo "sluice ($syncer): ${s} s  $(per_second "$rows" "$s") rows/s"
  echo "replica slave_parallel_threads=0:           ${r0} s  $(per_second "$rows" "$r0") rows/s   sluice/this = $(ratio "$r0" "$s")x"
  echo "replica slave_parallel_threads=4 ($mode): ${r4} s  $(per_second "$rows" "$r4") rows/s   sluice/this = $(ratio "$r4" "$s")x"
fi

if [ "$lag_seconds" -gt 0 ]; then
  # Sluice goes on from its checkpoint, caught up first, while sysbench writes at full speed.
  ./sluice migrate --task "$work/task.yaml" --quiet --until-caught-up >/dev/null
  ./sluice migrate --task "$work/task.yaml" --quiet >"$work/sluice.log" 2>&1 &
  sluice_pid=$!
  sleep 2
  before=$(seq_of "$(gtid)")
  sysbench_run --time="$lag_seconds" --events=0 >"$work/sysbench-lag.log" &
  sysbench_pid=$!
  sluice_lag=$("${probe[@]}" "$source_port" "$target_port" "$source_password" "$lag_seconds")
  wait "$sysbench_pid"
  written=$(($(seq_of "$(gtid)") - before))
  kill -TERM "$sluice_pid"; wait "$sluice_pid"
  ./sluice migrate --task "$work/task.yaml" --quiet --until-caught-up >/dev/null; verify tgt "sluice (lag)"
  echo "lag while sysbench writes $(per_second "$written" "$lag_seconds") transactions/s for ${lag_seconds} s, sluice:     $sluice_lag"

  [ "$runs" -gt 0 ] || replica_at_p0 4
  rep -e "START SLAVE"; rep -e "SELECT MASTER_GTID_WAIT('$(gtid)', 3600)" >/dev/null
  before=$(seq_of "$(gtid)")
  sysbench_run --time="$lag_seconds" --events=0 >"$work/sysbench-lag.log" &
  sysbench_pid=$!
  replica_lag=$("${probe[@]}" "$source_port" "$replica_port" "$source_password" "$lag_seconds")
  wait "$sysbench_pid"
  written=$(($(seq_of "$(gtid)") - before))
  rep -e "SELECT MASTER_GTID_WAIT('$(gtid)', 3600)" >/dev/null; verify rep "replica (lag)"
  echo "lag while sysbench writes $(per_second "$written" "$lag_seconds") transactions/s for ${lag_seconds} s, replica(4): $replica_lag"
fi
