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

# Offline resolution: point each dependency at the clone SwiftPM already keeps.
. "$ROOT/scripts/offline-mirrors.sh"
mirror GRDB.swift https://github.com/groue/GRDB.swift https://github.com/groue/GRDB.swift.git
mirror swift-crypto https://github.com/apple/swift-crypto https://github.com/apple/swift-crypto.git
mirror swift-asn1 https://github.com/apple/swift-asn1 https://github.com/apple/swift-asn1.git
mirror CSV.swift https://github.com/yaslab/CSV.swift https://github.com/yaslab/CSV.swift.git
mirror ZIPFoundation https://github.com/weichsel/ZIPFoundation https://github.com/weichsel/ZIPFoundation.git
# PostgresStore's dependencies (YuqingStore compiles them even though the fuzzer never opens a store).
for dep in vapor/postgres-nio apple/swift-nio apple/swift-nio-ssl apple/swift-log apple/swift-atomics \
           apple/swift-collections apple/swift-nio-transport-services apple/swift-metrics \
           swift-server/swift-service-lifecycle apple/swift-async-algorithms apple/swift-system; do
    mirror "${dep#*/}" "https://github.com/$dep" "https://github.com/$dep.git"
done

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
