#!/usr/bin/env bash
# The quick start: DM's API served by `sluice server`, replicating live between two throwaway MariaDB servers.
#
#   scripts/demo.sh [--keep] [--seconds N]     the DM server demo (N seconds of live writes, default 15)
#   scripts/demo.sh binlog [ARGS...]           the binlog reader demo (scripts/demo-binlog.sh)
#
# Installs MariaDB (and curl, jq) from Debian's packages when missing, starts a source and a target server on free
# ports (ROW binlog, GTIDs; scripts/mariadb.sh), seeds two tables in schema `shop`, starts `./sluice server` on a
# free port, and through DM's OpenAPI (curl) creates a source and an `all` task, starts it and prints its status
# and both servers' row counts every second while rows are written on the source; it ends by comparing CHECKSUM
# TABLE on both sides. Everything it started is stopped when it ends, on Ctrl-C and on failure too, and its
# temporary directory is removed. With --keep, after a successful run the three servers stay up (and the directory
# stays) and it prints the environment lines the README's curl commands use, and how to stop them.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

if [ "${1:-}" = binlog ]; then
  shift
  exec bash scripts/demo-binlog.sh "$@"
fi

keep=false
write_seconds=15
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=true ;;
    --seconds) write_seconds=${2:?--seconds takes a number}; shift ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

started=$(date +%s)
say() { printf '\033[1m== %s\033[0m\n' "$*"; }
fail() { echo "demo.sh: $*" >&2; exit 1; }
now_ms() { local t=${EPOCHREALTIME//[!0-9]/}; echo $((10#$t / 1000)); } # EPOCHREALTIME: microseconds

bash scripts/mariadb.sh install
if ! command -v curl >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1; then
  echo "demo.sh: installing curl and jq from Debian's packages" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends curl jq >&2 \
    || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends curl jq >&2; }
fi


# Built before anything starts, so that the first run's build does not keep servers waiting.
./sluice --version >/dev/null

work=$(mktemp -d /tmp/sluice-demo.XXXXXX)
server_pid=""
writer_pid=""
succeeded=false
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  [ -z "$writer_pid" ] || kill "$writer_pid" 2>/dev/null || true
  if $keep && $succeeded; then
    return "$code"
  fi
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  bash scripts/mariadb.sh stop-all "$work" >/dev/null 2>&1 || true
  if $keep; then
    echo "demo.sh: stopped everything; the logs are under $work" >&2
  else
    rm -rf "$work"
  fi
  return "$code"
}
trap cleanup EXIT
trap 'echo; echo "demo.sh: interrupted" >&2; exit 130' INT TERM

say "starting two throwaway MariaDB servers (source and target) under $work"
eval "$(bash scripts/mariadb.sh start source "$work" | sed 's/^/source_/')"
eval "$(bash scripts/mariadb.sh start target "$work" | sed 's/^/target_/')"
echo "source 127.0.0.1:$source_port (server_id $source_server_id), target 127.0.0.1:$target_port (server_id $target_server_id)"
export MYSQL_PWD=$source_password # both servers' root password; keeps it off the command lines
src() { mariadb --default-character-set=utf8mb4 -h127.0.0.1 -P"$source_port" -uroot -N "$@"; }
tgt() { mariadb --default-character-set=utf8mb4 -h127.0.0.1 -P"$target_port" -uroot -N "$@"; }

say "seeding schema shop on the source: customers (1,000 rows), orders (5,000 rows)"
src <<'SQL'
CREATE DATABASE shop;
USE shop;
CREATE TABLE shop.customers (
  id INT PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  email VARCHAR(128) NOT NULL,
  city VARCHAR(64) NOT NULL,
  created_at DATETIME NOT NULL
);
INSERT INTO shop.customers
  SELECT seq, IF(seq = 42, 'Zoë 🚀', CONCAT('customer ', seq)), CONCAT('c', seq, '@example.com'),
         ELT(1 + seq % 5, 'Lisbon', 'Osaka', 'Lima', 'Oslo', 'Nairobi'), '2026-01-01' + INTERVAL seq MINUTE
  FROM seq_1_to_1000;
CREATE TABLE shop.orders (
  id BIGINT UNSIGNED PRIMARY KEY AUTO_INCREMENT,
  customer_id INT NOT NULL,
  amount DECIMAL(12,2) NOT NULL,
  status ENUM('new', 'paid', 'shipped') NOT NULL DEFAULT 'new',
  placed_at DATETIME(3) NOT NULL,
  note JSON NULL,
  KEY (customer_id)
);
INSERT INTO shop.orders (customer_id, amount, status, placed_at, note)
  SELECT 1 + seq % 1000, ROUND(seq * 7.31 % 500, 2), ELT(1 + seq % 3, 'new', 'paid', 'shipped'),
         '2026-11-01' + INTERVAL seq SECOND, IF(seq % 10 = 0, JSON_OBJECT('gift', TRUE), NULL)
  FROM seq_1_to_5000;
SQL

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
api_port=""
for _ in $(seq 1 200); do p=$((20000 + RANDOM % 30000)); if port_is_free "$p"; then api_port=$p; break; fi; done
[ -n "$api_port" ] || fail "no free port for sluice server"
api="http://127.0.0.1:$api_port/api/v1"
say "./sluice server --data-dir $work/sluice-data --addr 127.0.0.1:$api_port"
# Its own session: it outlives the script with --keep, and a Ctrl-C reaches only the script, whose trap stops it.
setsid ./sluice server --data-dir "$work/sluice-data" --addr "127.0.0.1:$api_port" >"$work/server.log" 2>&1 </dev/null &
server_pid=$!
for _ in $(seq 1 300); do
  curl -fsS -o /dev/null "$api/cluster/masters" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "sluice server exited"; }
  sleep 0.1
done
curl -fsS -o /dev/null "$api/cluster/masters" || { cat "$work/server.log" >&2; fail "sluice server does not answer"; }

# Prints the call as a curl command line, sends it, prints the status code and the answer (shortened); a non-2xx
# answer ends the demo.
call() { # METHOD PATH [BODY]
  local method=$1 path=$2 body=${3:-} code shown
  if [ -n "$body" ]; then
    shown=$(jq -c . <<<"$body")
    echo "\$ curl -X $method $api$path -H 'Content-Type: application/json' -d '$shown'"
    code=$(curl -sS -o "$work/answer.json" -w '%{http_code}' -X "$method" "$api$path" -H 'Content-Type: application/json' -d "$body")
  else
    echo "\$ curl -X $method $api$path"
    code=$(curl -sS -o "$work/answer.json" -w '%{http_code}' -X "$method" "$api$path")
  fi
  shown=$(jq -c . "$work/answer.json" 2>/dev/null || cat "$work/answer.json")
  [ "${#shown}" -le 200 ] || shown="${shown:0:197}..."
  echo "  HTTP $code $shown"
  case "$code" in 2*) ;; *) fail "$method $path answered HTTP $code" ;; esac
}

say "DM's OpenAPI: a source, an 'all' task from shop to the target, started"
call POST /sources "{\"source_name\": \"demo-source\", \"host\": \"127.0.0.1\", \"port\": $source_port, \"user\": \"root\",
  \"password\": \"$source_password\", \"enable\": true, \"enable_gtid\": true}"
call POST /tasks "{\"task\": {\"name\": \"demo\", \"task_mode\": \"all\", \"meta_schema\": \"dm_meta\",
  \"enhance_online_schema_change\": true, \"on_duplicate\": \"replace\",
  \"target_config\": {\"host\": \"127.0.0.1\", \"port\": $target_port, \"user\": \"root\", \"password\": \"$target_password\"},
  \"table_migrate_rule\": [{\"source\": {\"source_name\": \"demo-source\", \"schema\": \"shop\", \"table\": \"*\"}}],
  \"source_config\": {\"full_migrate_conf\": {\"export_threads\": 2, \"import_threads\": 2},
    \"incr_migrate_conf\": {\"repl_threads\": 4, \"repl_batch\": 100},
    \"source_conf\": [{\"source_name\": \"demo-source\"}]}}}"
call POST /tasks/demo/start '{}'
t0=$(now_ms)

rows() { # the rows of both tables on one server, or "-" while the target has no tables yet
  "$1" -e "SELECT (SELECT COUNT(*) FROM shop.customers) + (SELECT COUNT(*) FROM shop.orders)" 2>/dev/null || echo -
}
status_line() { # one line of the task's status: stage and unit, then the unit's numbers
  curl -sS "$api/tasks/demo/status" 2>/dev/null | jq -r '.data[0] as $s | "\($s.stage)/\($s.unit)" + (
      if $s.unit == "sync" and $s.sync_status then $s.sync_status |
        "  events \(.total_events // 0)  tps \(.recent_tps // 0)  lag \(.seconds_behind_master // 0)s  synced \(.synced // false)"
      elif $s.unit == "load" and $s.load_status then $s.load_status | "  loaded \(.progress) (\(.finished_bytes)/\(.total_bytes) bytes)"
      elif $s.unit == "dump" and $s.dump_status then $s.dump_status | "  dumped \(.finished_rows) rows, \(.completed_tables)/\(.total_tables) tables"
      else "" end)' 2>/dev/null || echo "(no status)"
}
tick() { # one line: seconds since the task started, its status, both servers' rows (the target's counted first)
  local s t
  t=$(rows tgt); s=$(rows src)
  printf '%4ss  %-72s rows: source %6s  target %6s\n' $((($(now_ms) - t0) / 1000)) "$(status_line)" "$s" "$t"
}
next_tick=0
wait_tick() { # sleeps until the next whole second since the task started (none skipped unless a tick took longer)
  local now
  now=$(now_ms)
  next_tick=$((next_tick + 1000))
  while [ $((t0 + next_tick)) -le "$now" ]; do next_tick=$((next_tick + 1000)); done
  sleep "$(printf '%d.%03d' $(((t0 + next_tick - now) / 1000)) $(((t0 + next_tick - now) % 1000)))"
}

say "writing on the source for ${write_seconds}s (each tick: 5 orders inserted, one paid, one deleted, a customer moved)"
writer() {
  local end=$((SECONDS + write_seconds)) n=0
  while [ "$SECONDS" -lt "$end" ]; do
    n=$((n + 1))
    echo "INSERT INTO shop.orders (customer_id, amount, placed_at) SELECT 1 + (seq * $n) % 1000, ROUND(($n + seq) * 3.7 % 300, 2), NOW(3) FROM seq_1_to_5;
UPDATE shop.orders SET status = 'paid' WHERE id = $((1 + RANDOM % 5000));
DELETE FROM shop.orders WHERE id = $((1 + RANDOM % 5000));
UPDATE shop.customers SET city = 'Quito' WHERE id = $((1 + RANDOM % 1000));"
    sleep 0.1
  done
}
writer | mariadb -h127.0.0.1 -P"$source_port" -uroot shop &
writer_pid=$! # the client: it ends when the writer does
while kill -0 "$writer_pid" 2>/dev/null; do
  tick
  wait_tick
done
wait "$writer_pid" || fail "the writer failed"
writer_pid=""

say "writes stopped; waiting for the target to catch up (and the task's checkpoint with it: synced true)"
tables="shop.customers, shop.orders"
checksums() { "$1" -e "CHECKSUM TABLE $tables" 2>/dev/null | cut -f2 | paste -sd' '; }
synced() { # keeps the status it read, to print the one that satisfied the wait
  curl -sS -o "$work/status.json" "$api/tasks/demo/status" 2>/dev/null &&
    [ "$(jq -r '.data[0].sync_status.synced' "$work/status.json" 2>/dev/null)" = true ]
}
caught_up=false
for _ in $(seq 1 120); do
  if [ "$(rows src)" = "$(rows tgt)" ] && [ "$(checksums src)" = "$(checksums tgt)" ] && synced; then caught_up=true; tick; break; fi
  tick
  wait_tick
done
$caught_up || fail "the target did not converge in 120 s: source $(checksums src), target $(checksums tgt); see $work/server.log"

say "CHECKSUM TABLE $tables"
paste <(src -e "CHECKSUM TABLE $tables" | sed 's/^/source /') <(tgt -e "CHECKSUM TABLE $tables" | sed 's/^/target /') |
  awk -F'\t' '{ printf "%-24s %12s    %-24s %12s\n", $1, $2, $3, $4 }'
echo "\$ curl $api/tasks/demo/status   (when the target had caught up; stage, unit and sync_status, shortened)"
jq -c '.data[0] | {stage, unit, sync_status: (.sync_status
  | {total_events, synced, seconds_behind_master, master_binlog, syncer_binlog, syncer_binlog_gtid})}' "$work/status.json" | sed 's/^/  /'
echo "replicated: $(rows tgt) rows, checksums equal ($((($(now_ms) - t0) / 1000)) s after the task started, $(($(date +%s) - started)) s in all)"
succeeded=true

if $keep; then
  say "--keep: the servers stay up; for the README's curl commands, in your shell:"
  echo "export DM_ADDR=127.0.0.1:$api_port SOURCE_PORT=$source_port TARGET_PORT=$target_port MYSQL_PWD=$source_password"
  echo "# mariadb -h127.0.0.1 -P\$SOURCE_PORT -uroot shop     (the target: -P\$TARGET_PORT)"
  echo "# to stop everything: kill $server_pid; bash scripts/mariadb.sh stop-all $work; rm -rf $work"
fi
