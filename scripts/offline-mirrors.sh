# Sourced by scripts/bench/side_package.py, which builds a package of its own from yuqing's sources (the store
# benchmarks' generators, the fuzzer): resolves its dependencies offline by pointing each at the clone SwiftPM
# already keeps. Needs ROOT (the repository), PKG (the package to configure) and WORK (a scratch folder) set.
#
#   mirror NAME URL…   point the URLs at the local clone NAME-* when one exists (else leave them as they are)
#   mirror_all         every package yuqing's libraries depend on, directly or not
#
# The link carries the package's own name, since SwiftPM takes a mirror's identity from its last path component.
mirror() {
    local name="$1" clone=""
    shift
    mkdir -p "$WORK/mirrors"
    for d in "$ROOT/.build/repositories" "$HOME/.cache/org.swift.swiftpm/repositories"; do
        clone="$(ls -d "$d/$name"-* 2>/dev/null | head -1 || true)"
        [ -n "$clone" ] && break
    done
    [ -n "$clone" ] || return 0
    ln -sfn "$clone" "$WORK/mirrors/$name"
    for url in "$@"; do
        swift package --package-path "$PKG" config set-mirror --original "$url" --mirror "$WORK/mirrors/$name"
    done
}

mirror_all() {
    local dep
    for dep in groue/GRDB.swift apple/swift-crypto apple/swift-asn1 yaslab/CSV.swift weichsel/ZIPFoundation \
               vapor/postgres-nio apple/swift-nio apple/swift-nio-ssl apple/swift-log apple/swift-atomics \
               apple/swift-collections apple/swift-nio-transport-services apple/swift-metrics \
               swift-server/swift-service-lifecycle apple/swift-async-algorithms apple/swift-system; do
        mirror "${dep#*/}" "https://github.com/$dep" "https://github.com/$dep.git"
    done
}
