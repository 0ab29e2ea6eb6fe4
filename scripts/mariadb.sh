#!/usr/bin/env bash
# Throwaway MariaDB instances for tests, benchmarks and the demo: no systemd, no fixed ports.
#
#   scripts/mariadb.sh install              install mariadb-server/-client from Debian when missing
#   scripts/mariadb.sh start NAME [RUN_DIR] start an instance; prints shell assignments (port=, dir=, pid=, ...)
#   scripts/mariadb.sh stop DIR             stop the instance living in DIR (by the pid in its pid file)
#   scripts/mariadb.sh restart DIR          start the stopped instance in DIR again (same port and data)
#   scripts/mariadb.sh stop-all [RUN_DIR]   stop every instance under RUN_DIR
#
# Instances: ROW binlog with GTID, CRC32 checksums, TLS with a per-instance CA, a TCP user root@'%'
# with password "$SLUICE_TEST_PASSWORD" (default "sluice"). RUN_DIR defaults to <repo>/.run.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
password=${SLUICE_TEST_PASSWORD:-sluice}

log() { echo "mariadb.sh: $*" >&2; }

install() {
  if command -v mariadbd >/dev/null 2>&1 && command -v mariadb >/dev/null 2>&1; then
    return 0
  fi
  log "installing mariadb-server from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends mariadb-server mariadb-client openssl >&2
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 30000))
    if port_is_free "$p"; then echo "$p"; return 0; fi
  done
  log "no free port found"; return 1
}

make_certs() {
  local dir=$1
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Sluice Test CA" \
    -keyout "$dir/ca-key.pem" -out "$dir/ca.pem" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$dir/server-key.pem" -out "$dir/server.csr" >/dev/null 2>&1
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$dir/san.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" -CAcreateserial \
    -days 3650 -extfile "$dir/san.ext" -out "$dir/server-cert.pem" >/dev/null 2>&1
}

write_config() {
  local dir=$1 port=$2
  cat >"$dir/my.cnf" <<CNF
[client]
socket=$dir/mysqld.sock
user=root

[mysqld]
user=root
datadir=$dir/data
tmpdir=$dir/tmp
socket=$dir/mysqld.sock
pid-file=$dir/mysqld.pid
port=$port
bind-address=127.0.0.1
server_id=$port
log_bin=binlog
binlog_format=ROW
binlog_row_image=FULL
binlog_checksum=CRC32
character_set_server=utf8mb4
collation_server=utf8mb4_general_ci
gtid_domain_id=0
gtid_strict_mode=1
local_infile=1
max_allowed_packet=1G
max_connections=500
innodb_buffer_pool_size=256M
innodb_log_file_size=256M
innodb_flush_log_at_trx_commit=2
sync_binlog=0
skip_name_resolve=1
ssl_ca=$dir/ca.pem
ssl_cert=$dir/server-cert.pem
ssl_key=$dir/server-key.pem
log_error=$dir/error.log
CNF
}

start() {
  local name=$1 run_dir=${2:-$repo/.run}
  install
  mkdir -p "$run_dir"
  local dir port attempt
  for attempt in 1 2 3; do
    dir=$(mktemp -d "$run_dir/$name.XXXXXX")
    port=$(pick_port)
    mkdir -p "$dir/tmp"
    make_certs "$dir"
    write_config "$dir" "$port"
    mariadb-install-db --defaults-file="$dir/my.cnf" --user=root --datadir="$dir/data" \
      --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 \
      || { log "install-db failed: $(grep -i error "$dir/error.log" 2>/dev/null | tail -3)"; cp "$dir/error.log" "$dir.failed.log" 2>/dev/null; return 1; }
    setsid mariadbd --defaults-file="$dir/my.cnf" </dev/null >>"$dir/stdout.log" 2>&1 &
    if wait_ready "$dir"; then
      break
    fi
    log "instance $name did not start on port $port (attempt $attempt): $(tail -3 "$dir/error.log" 2>/dev/null)"
    stop "$dir" || true
    rm -rf "$dir"
    dir=
  done
  [ -n "$dir" ] || return 1
  mariadb --defaults-file="$dir/my.cnf" -uroot <<SQL
SET SESSION sql_log_bin=0;
CREATE USER 'root'@'%' IDENTIFIED VIA mysql_native_password USING PASSWORD('$password');
GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;
CREATE USER 'root'@'127.0.0.1' IDENTIFIED VIA mysql_native_password USING PASSWORD('$password');
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
SQL
  echo "dir=$dir"
  echo "port=$port"
  echo "pid=$(cat "$dir/mysqld.pid")"
  echo "server_id=$port"
  echo "user=root"
  echo "password=$password"
  echo "ca=$dir/ca.pem"
  echo "socket=$dir/mysqld.sock"
}

wait_ready() {
  local dir=$1
  for _ in $(seq 1 300); do
    if [ -f "$dir/mysqld.pid" ] && mariadb-admin --defaults-file="$dir/my.cnf" -uroot ping >/dev/null 2>&1; then
      return 0
    fi
    if [ -f "$dir/mysqld.pid" ] && ! kill -0 "$(cat "$dir/mysqld.pid")" 2>/dev/null; then
      return 1
    fi
    sleep 0.1
  done
  return 1
}

stop() {
  local dir=$1 pid
  [ -f "$dir/mysqld.pid" ] || return 0
  pid=$(cat "$dir/mysqld.pid")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

# Starts a stopped instance again on its own data, port and certificates.
restart() {
  local dir=$1
  setsid mariadbd --defaults-file="$dir/my.cnf" </dev/null >>"$dir/stdout.log" 2>&1 &
  wait_ready "$dir" || { log "instance in $dir did not start again: $(tail -3 "$dir/error.log" 2>/dev/null)"; return 1; }
}

stop_all() {
  local run_dir=${1:-$repo/.run} d
  for d in "$run_dir"/*/; do
    [ -f "$d/my.cnf" ] && stop "$d"
  done
  return 0
}

case "${1:-}" in
  install) install ;;
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  restart) shift; restart "$@" ;;
  stop-all) shift; stop_all "$@" ;;
  *) echo "usage: $0 install | start NAME [RUN_DIR] | stop DIR | restart DIR | stop-all [RUN_DIR]" >&2; exit 2 ;;
esac
