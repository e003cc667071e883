#!/usr/bin/env bash
# Working-day arithmetic: yuqing's calendar against Python's chinesecalendar, side by side in one run.
#
# Builds a release (-O) benchmark from the core's calendar and time sources with swiftc (no package change), creates a
# temporary virtual environment with `pip install chinesecalendar`, runs the same COUNT additions of N working days
# (varied start dates 2019–2026, N 1–15) on both, checks that both computed the same dates (checksum), and prints the
# timings and the ratio. The bar (docs/rules.md, brief §7) is at least 100×.
#
# Usage: scripts/bench/calendar-bench.sh [COUNT]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT="${1:-1000000}"
export PATH=/opt/swift/usr/bin:$PATH
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "building the Swift benchmark (swiftc -O)…"
swiftc -O -wmo -module-name CalendarBench -o "$work/calendar-bench" \
  scripts/bench/calendar/main.swift \
  Sources/YuqingCore/Calendar/*.swift \
  Sources/YuqingCore/Time/*.swift \
  Sources/YuqingCore/Errors/YuqingError.swift \
  Sources/YuqingCore/Policy/Localized.swift

echo "creating a virtual environment and installing chinesecalendar…"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check chinesecalendar
version="$("$work/venv/bin/python" -c 'import chinese_calendar; print(chinese_calendar.__version__)')"

echo "running $COUNT working-day additions on each side…"
read -r _ swift_s swift_n swift_sum < <("$work/calendar-bench" Sources/YuqingShell/Resources/calendar.txt "$COUNT")
read -r _ py_s py_n py_sum < <("$work/venv/bin/python" scripts/bench/calendar/bench.py "$COUNT")

if [ "$swift_sum" != "$py_sum" ]; then
  echo "MISMATCH: yuqing checksum $swift_sum, chinesecalendar checksum $py_sum" >&2
  exit 1
fi
python3 - "$swift_s" "$py_s" "$COUNT" "$version" <<'PY'
import sys
s, p, n, v = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ratio = p / s if s > 0 else float("inf")
print(f"yuqing WorkCalendar (swiftc -O): {s:.4f} s for {n} additions  ({s / n * 1e9:.1f} ns each)")
print(f"chinesecalendar {v} (CPython):   {p:.4f} s for {n} additions  ({p / n * 1e6:.2f} µs each)")
print(f"same results (checksum match); ratio: {ratio:,.0f}× faster  (bar: ≥100×) {'PASS' if ratio >= 100 else 'FAIL'}")
sys.exit(0 if ratio >= 100 else 1)
PY
