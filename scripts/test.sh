#!/usr/bin/env bash
# Sets up what the tests need (MariaDB from Debian's packages) and runs every test of the solution.
# Tests start and stop their own throwaway MariaDB instances through scripts/mariadb.sh.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

bash scripts/mariadb.sh install
trap 'bash scripts/mariadb.sh stop-all >/dev/null 2>&1 || true' EXIT

results=$(mktemp -d)
status=0
dotnet test Sluice.slnx -c Release --logger "trx" --results-directory "$results" "$@" || status=$?

# One plain closing line over every test assembly's results.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
rm -rf "$results"
echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
