#!/usr/bin/env bash
# Store benchmark (brief section 7): a script of N commands on a fresh SQLite store must take at most 3x the time
# sqlite3 takes to insert N equivalent event rows from an SQL file. Both run here, side by side, in one run.
#
# The benchmark is a small release executable in a temporary package that compiles the repo's YuqingCore and
# YuqingStore sources (the repo's manifest exports no library product). Its dependencies are resolved offline
# through mirrors onto the git clones SwiftPM already keeps (the repo's .build/repositories, or the user cache).
#
# Usage: scripts/bench/store-bench.sh [N]     (default 100000)
set -euo pipefail
N="${1:-100000}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/yuqing-store-bench}"
PKG="$WORK/package"
command -v sqlite3 >/dev/null || { echo "store-bench: sqlite3 is required (apt-get install sqlite3)" >&2; exit 2; }

mkdir -p "$PKG/Sources"
rm -rf "$PKG/Sources/YuqingCore" "$PKG/Sources/YuqingStore" "$PKG/Sources/StoreBench"
cp -R "$ROOT/Sources/YuqingCore" "$ROOT/Sources/YuqingStore" "$PKG/Sources/"
mkdir -p "$PKG/Sources/StoreBench"
cp "$ROOT/scripts/bench/store/main.swift" "$PKG/Sources/StoreBench/main.swift"
[ -f "$ROOT/Package.resolved" ] && cp "$ROOT/Package.resolved" "$PKG/Package.resolved"
cat > "$PKG/Package.swift" <<'SWIFT'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "store-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(name: "YuqingCore"),
        .target(name: "YuqingStore", dependencies: [
            "YuqingCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "StoreBench", dependencies: ["YuqingCore", "YuqingStore"]),
    ],
    swiftLanguageModes: [.v6]
)
SWIFT

# Offline resolution: point each dependency at a local clone when one exists.
. "$ROOT/scripts/offline-mirrors.sh"
mirror GRDB.swift https://github.com/groue/GRDB.swift https://github.com/groue/GRDB.swift.git
mirror swift-crypto https://github.com/apple/swift-crypto https://github.com/apple/swift-crypto.git
mirror swift-asn1 https://github.com/apple/swift-asn1 https://github.com/apple/swift-asn1.git
# PostgresStore's dependencies (YuqingStore compiles them even when only SQLite is measured).
for dep in vapor/postgres-nio apple/swift-nio apple/swift-nio-ssl apple/swift-log apple/swift-atomics \
           apple/swift-collections apple/swift-nio-transport-services apple/swift-metrics \
           swift-server/swift-service-lifecycle apple/swift-async-algorithms apple/swift-system; do
    mirror "${dep#*/}" "https://github.com/$dep" "https://github.com/$dep.git"
done

echo "store-bench: building (release)…" >&2
swift build -c release --package-path "$PKG" --scratch-path "$WORK/build" --product StoreBench >&2
BIN="$WORK/build/release/StoreBench"

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
