#!/usr/bin/env bash
# Store benchmark (brief section 7): a script of N commands on a fresh SQLite store must take at most 3x the time
# sqlite3 takes to insert N equivalent event rows from an SQL file. Both run here, side by side, in one run.
#
# The benchmark is a small release executable in a temporary package that compiles the repo's YuqingCore and
# YuqingStore sources (the repo's manifest exports no library product), made and built by side_package.py; its
# dependencies are resolved offline onto the git clones SwiftPM already keeps.
#
# Usage: scripts/bench/store-bench.sh [N]     (default 100000)
set -euo pipefail
N="${1:-100000}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/yuqing-store-bench}"
command -v sqlite3 >/dev/null || { echo "store-bench: sqlite3 is required (apt-get install sqlite3)" >&2; exit 2; }

echo "store-bench: building (release)…" >&2
# The package (YuqingCore, YuqingStore and store/main.swift) and its manifest are made by side_package.py.
BIN="$(python3 "$ROOT/scripts/bench/side_package.py" build "$WORK" StoreBench "$ROOT/scripts/bench/store/main.swift")"

DATA="$WORK/data"
rm -rf "$DATA"
mkdir -p "$DATA"
"$BIN" sql "$N" > "$DATA/events.sql"

now() { date +%s.%N; }
t0=$(now)
sqlite3 "$DATA/sqlite3.db" < "$DATA/events.sql" > /dev/null
t1=$(now)
rows=$(sqlite3 "$DATA/sqlite3.db" "SELECT count(*) FROM events")
[ "$rows" = "$N" ] || { echo "store-bench: sqlite3 inserted $rows rows, not $N" >&2; exit 1; }
SQLITE=$(echo "$t1 - $t0" | bc -l)

YUQING=$("$BIN" run "$DATA/yuqing.sqlite" "$N")

RATIO=$(echo "$YUQING / $SQLITE" | bc -l)
printf 'commands: %d\nsqlite3 (events only, BEGIN/COMMIT per 1000): %.3f s\nyuqing store (events + projections, commit point per 1000): %.3f s\nratio: %.2fx (bar: 3x)\n' \
    "$N" "$SQLITE" "$YUQING" "$RATIO"
