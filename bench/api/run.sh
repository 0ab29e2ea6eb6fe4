#!/usr/bin/env bash
# What GET /api/v1/tasks/{name}/status costs under concurrent clients, against a store-only read.
#
# Two throwaway MariaDB servers (source and target), a schema of a few tables seeded on the source, and
# `sluice server` on a free port with its own data dir. Through the API (curl): a source, an `all` task from the
# schema to the target, started, and waited for until its status shows the sync unit. Then, while a writer inserts
# a row on the source about every 10 ms (so the sync unit's numbers move), the load program (ApiLoad.csproj) runs CLIENTS
# concurrent keep-alive clients for SECONDS (after 2 s of warm-up not counted), first on the task's status, then on
# GET /api/v1/sources (a read of the metadata store that does not ask the engine) as the peer figure.
# Prints requests/s, p50, p99 and max latency (ms), the non-200 count and the server's CPU time per request of each,
# and the ratios status/sources.
#
#   [SECONDS=30] [CLIENTS=50] bench/api/run.sh [SECONDS] [CLIENTS]     (arguments win over the environment)
seconds=${1:-$SECONDS} # bash's SECONDS starts from the environment's value, else 0: read before anything runs
[ "$seconds" != 0 ] || seconds=30
clients=${2:-${CLIENTS:-50}}
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"

work=$(mktemp -d /tmp/sluice-bench-api.XXXXXX)
chmod 777 "$work"
source_dir=""; target_dir=""; server_pid=""; writer_pid=""
cleanup() {
  [ -z "$writer_pid" ] || kill "$writer_pid" 2>/dev/null || true
  [ -z "$server_pid" ] || { kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  for d in "$source_dir" "$target_dir"; do [ -z "$d" ] || bash scripts/mariadb.sh stop "$d" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
eval "$(bash scripts/mariadb.sh start bench-api-source "$work" | sed 's/^/source_/')"
eval "$(bash scripts/mariadb.sh start bench-api-target "$work" | sed 's/^/target_/')"
src() { mariadb -h127.0.0.1 -P"$source_port" -uroot -p"$source_password" -N "$@"; }

./sluice --help >/dev/null # builds the CLI once, outside the timings
sluice_dll="$repo/.build/cli/sluice.dll"
dotnet build -c Release -v q bench/api/ApiLoad.csproj >/dev/null
load=(dotnet bench/api/bin/Release/net10.0/ApiLoad.dll)

# A few tables with rows, for the dump and load units to have something to move before sync.
src -e "CREATE DATABASE bench_api"
for t in 1 2 3 4; do
  src bench_api -e "CREATE TABLE bench_api.t$t (id BIGINT AUTO_INCREMENT PRIMARY KEY, k INT NOT NULL, c VARCHAR(100) NOT NULL, KEY (k));
    INSERT INTO bench_api.t$t (k, c) SELECT seq % 1000, CONCAT('row-', seq) FROM seq_1_to_5000"
done

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
api_port=""
for _ in $(seq 1 200); do p=$((20000 + RANDOM % 30000)); if port_is_free "$p"; then api_port=$p; break; fi; done
[ -n "$api_port" ] || { echo "no free port" >&2; exit 1; }
api="http://127.0.0.1:$api_port/api/v1"
dotnet "$sluice_dll" server --data-dir "$work/sluice-data" --addr "127.0.0.1:$api_port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do curl -fsS -o /dev/null "$api/sources" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "$api/sources" || { echo "sluice server did not answer" >&2; cat "$work/server.log" >&2; exit 1; }

call() { # $1 = method, $2 = path, $3 = body; fails with the answer on a non-2xx
  local code
  code=$(curl -sS -o "$work/answer.json" -w '%{http_code}' -X "$1" "$api$2" -H 'Content-Type: application/json' -d "${3:-}")
  case "$code" in 2*) ;; *) echo "$1 $2: HTTP $code $(cat "$work/answer.json")" >&2; exit 1 ;; esac
}
call POST /sources "{\"source_name\": \"bench-source\", \"host\": \"127.0.0.1\", \"port\": $source_port, \"user\": \"root\",
  \"password\": \"$source_password\", \"enable\": true, \"enable_gtid\": false}"
call POST /tasks "{\"task\": {\"name\": \"bench\", \"task_mode\": \"all\", \"meta_schema\": \"dm_meta\", \"enhance_online_schema_change\": true, \"on_duplicate\": \"replace\",
  \"target_config\": {\"host\": \"127.0.0.1\", \"port\": $target_port, \"user\": \"root\", \"password\": \"$target_password\"},
  \"table_migrate_rule\": [{\"source\": {\"source_name\": \"bench-source\", \"schema\": \"bench_api\", \"table\": \"*\"}}],
  \"source_config\": {\"source_conf\": [{\"source_name\": \"bench-source\"}]}}}"
call POST /tasks/bench/start "{}"
unit=""
for _ in $(seq 1 600); do
  call GET /tasks/bench/status
  unit=$(jq -r '.data[0] | "\(.stage) \(.unit)"' "$work/answer.json")
  [ "$unit" = "Running sync" ] && break
  sleep 0.2
done
[ "$unit" = "Running sync" ] || { echo "task did not reach the sync unit: $(cat "$work/answer.json")" >&2; exit 1; }

# The writer: one connection, a row then a 10 ms sleep, for as long as both runs last (the count it reached is printed).
while :; do echo "INSERT INTO bench_api.t1 (k, c) VALUES (1, 'live');"; sleep 0.01; done |
  mariadb -h127.0.0.1 -P"$source_port" -uroot -p"$source_password" >/dev/null & # $! = the client: killing it ends the loop too
writer_pid=$!

rows_before=$(src -e "SELECT COUNT(*) FROM bench_api.t1")
call GET /tasks/bench/status
status_bytes=$(wc -c <"$work/answer.json")
call GET /sources
sources_bytes=$(wc -c <"$work/answer.json")
call GET /tasks/bench/status
events_before=$(jq -r '.data[0].sync_status.total_events // 0' "$work/answer.json")
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
# The server's CPU time (user + system) over each run, per request: what an answer costs whatever else the machine
# runs (latency under CPU contention reflects the neighbours too; the load program shares the machine).
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.0f", ($12 + $13) * 1000 / hz }' "/proc/$server_pid/stat"; }
per_request() { awk -v ms="$1" -v n="$2" 'BEGIN { printf "%.3f", ms / n }'; }
cpu0=$(cpu_ms)
status=$("${load[@]}" "$api/tasks/bench/status" "$clients" "$seconds")
cpu1=$(cpu_ms)
sources=$("${load[@]}" "$api/sources" "$clients" "$seconds")
cpu2=$(cpu_ms)
rows_written=$(($(src -e "SELECT COUNT(*) FROM bench_api.t1") - rows_before))
call GET /tasks/bench/status
events_after=$(jq -r '.data[0] | "\(.stage) \(.unit), total_events \(.sync_status.total_events), synced \(.sync_status.synced)"' "$work/answer.json")

echo "GET /tasks/{name}/status, $clients clients, ${seconds} s: $status server_cpu_ms_per_request=$(per_request $((cpu1 - cpu0)) "$(field requests "$status")")"
echo "GET /sources,             $clients clients, ${seconds} s: $sources server_cpu_ms_per_request=$(per_request $((cpu2 - cpu1)) "$(field requests "$sources")")"
awk -v a="$(field p99_ms "$status")" -v b="$(field p99_ms "$sources")" -v c="$(field rps "$status")" -v d="$(field rps "$sources")" \
  'BEGIN { printf "status/sources: p99 %.2fx, requests/s %.2fx\n", a / b, c / d }'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "answer sizes: status $status_bytes bytes, sources $sources_bytes bytes; the writer inserted $rows_written rows during the runs"
echo "task at the start of the load: total_events $events_before; at the end: $events_after"
if [ "$(field non200 "$status")" != 0 ] || [ "$(field non200 "$sources")" != 0 ]; then echo "non-200 answers" >&2; exit 1; fi
