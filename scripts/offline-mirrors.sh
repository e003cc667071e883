# Sourced by scripts that build a package of their own from yuqing's sources (scripts/bench/store-bench.sh,
# scripts/fuzz.sh): resolves its dependencies offline by pointing each at the clone SwiftPM already keeps.
# Needs ROOT (the repository), PKG (the package to configure) and WORK (a scratch folder) set.
#
#   mirror NAME URL…   point the URLs at the local clone NAME-* when one exists (else leave them as they are)
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
