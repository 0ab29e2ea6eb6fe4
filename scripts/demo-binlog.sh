#!/usr/bin/env bash
# The binlog reader on its own: installs MariaDB when missing, starts a throwaway server, writes some rows and
# streams them back with `./sluice binlog tail`. Everything it starts is stopped when it ends.
# (`scripts/demo.sh binlog` runs it too.) Arguments go to `sluice binlog tail`, e.g. `--format text`.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

bash scripts/mariadb.sh install
run_dir=$(mktemp -d /tmp/sluice-demo.XXXXXX)
eval "$(bash scripts/mariadb.sh start demo "$run_dir")"
trap 'bash scripts/mariadb.sh stop "$dir" >/dev/null 2>&1; rm -rf "$run_dir"' EXIT

sql() { mariadb --default-character-set=utf8mb4 -h127.0.0.1 -P"$port" -uroot -p"$password" "$@"; }
start_file=$(sql -N -e "SHOW MASTER STATUS" | cut -f1)
start_pos=$(sql -N -e "SHOW MASTER STATUS" | cut -f2)

echo "== writing to a throwaway MariaDB on 127.0.0.1:$port" >&2
sql <<'SQL'
CREATE DATABASE shop;
CREATE TABLE shop.orders (
  id BIGINT UNSIGNED PRIMARY KEY AUTO_INCREMENT,
  customer VARCHAR(64) NOT NULL,
  amount DECIMAL(12,2) NOT NULL,
  status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new',
  placed_at DATETIME(3) NOT NULL,
  note JSON NULL
);
INSERT INTO shop.orders (customer, amount, placed_at, note) VALUES
  ('Ada', 19.99, '2026-11-25 10:00:00.125', '{"gift": true}'),
  ('Grace', 250.00, '2026-11-25 10:05:00.500', NULL),
  ('Zoë 🚀', -3.50, '2026-11-25 10:06:30.000', '[1, 2, 3]');
UPDATE shop.orders SET status = 'paid' WHERE customer = 'Ada';
DELETE FROM shop.orders WHERE customer = 'Grace';
SQL

echo "== ./sluice binlog tail --file $start_file --pos $start_pos --stop-at-end" >&2
./sluice binlog tail --host 127.0.0.1 --port "$port" --user root --password "$password" \
  --file "$start_file" --pos "$start_pos" --stop-at-end "$@"
