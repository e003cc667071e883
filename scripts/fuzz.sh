#!/usr/bin/env bash
# Fuzzes yuqing's language with libFuzzer for SECONDS (default 60): the lexer, the parser against the real command
# table, the value parser and the condition parser (Fuzz/Sources/YuqingFuzz). The seed corpus is Fuzz/seeds (the
# docs' examples, the command table's examples, the golden scripts); what the fuzzer learns is kept in
# .build-fuzz/corpus between runs. A crash leaves its input in .build-fuzz/artifacts/ and exits non-zero.
#
# Usage: scripts/fuzz.sh [SECONDS] [extra libFuzzer flags…]
#   Reproduce a crash:  .build-fuzz/release/YuqingFuzz .build-fuzz/artifacts/crash-…
set -euo pipefail
SECONDS_TO_RUN="${1:-60}"
shift || true
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PKG="$ROOT/Fuzz"
WORK="$ROOT/.build-fuzz"
export PATH=/opt/swift/usr/bin:$PATH

# The manifest is made from the root Package.swift (so it never drifts from it), and every dependency is resolved
# offline onto the clone SwiftPM already keeps.
python3 "$ROOT/scripts/bench/side_package.py" fuzz-manifest > "$PKG/Package.swift"
. "$ROOT/scripts/offline-mirrors.sh"
mirror_all

echo "fuzz: building (release, --sanitize fuzzer)…" >&2
swift build -c release --package-path "$PKG" --scratch-path "$WORK" --product YuqingFuzz \
    --sanitize fuzzer -Xswiftc -enable-testing >&2
BIN="$WORK/release/YuqingFuzz"

mkdir -p "$WORK/corpus" "$WORK/artifacts"
echo "fuzz: running for ${SECONDS_TO_RUN} s…" >&2
# -rss_limit_mb and -timeout make a runaway input (memory, a hang) a finding, like a crash.
"$BIN" "$WORK/corpus" "$PKG/seeds" \
    -dict="$PKG/yuqing.dict" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$WORK/artifacts/" -print_final_stats=1 "$@"
