#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for developing and testing yuqing (and what .ci/run uses).
#
#   scripts/pg-dev.sh start   initdb (once) and start the cluster; prints the variables to export
#   scripts/pg-dev.sh env     prints them again:  eval "$(scripts/pg-dev.sh env)"
#   scripts/pg-dev.sh stop    stops the cluster and removes its folder
#
# The cluster listens on a Unix socket in its own folder only (no TCP), trusts local connections, and belongs to
# the `postgres` user when run as root (initdb refuses to run as root). Its folder is $YUQING_PG_DIR, by default
# ${TMPDIR:-/tmp}/yuqing-pg-UID-CHECKOUT (one cluster per checkout, so two working copies never stop each
# other's cluster). YUQING_TEST_PG is the URL the tests use to create their own databases.
# Debian's `postgresql` package provides the programs: apt-get install -y postgresql
set -euo pipefail

checkout="$(cd "$(dirname "$0")/.." && pwd | cksum | cut -d" " -f1)"
dir="${YUQING_PG_DIR:-${TMPDIR:-/tmp}/yuqing-pg-$(id -u)-$checkout}"
data="$dir/data"
sock="$dir/sock"
log="$dir/server.log"

bindir="${PG_BINDIR:-}"
if [ -z "$bindir" ]; then
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-dev.sh: PostgreSQL server programs not found (apt-get install -y postgresql)" >&2
  exit 1
fi

# As root, the cluster is run by `postgres`; otherwise by the caller.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() {
  # The tests' superuser is the cluster's owner: `postgres` as root, else the caller.
  local user=postgres
  [ "$(id -u)" = 0 ] || user="$(id -un)"
  echo "postgres:///postgres?host=$sock&user=$user"
}

print_env() {
  echo "export YUQING_TEST_PG='$(url)'"
  echo "export PGHOST='$sock'"
  [ "$(id -u)" = 0 ] && echo "export PGUSER=postgres" || echo "export PGUSER='$(id -un)'"
}

case "${1:-}" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    chmod 700 "$dir"
    if [ ! -f "$data/PG_VERSION" ]; then
      as_owner mkdir -p "$sock"
      as_owner "$bindir/initdb" -D "$data" -A trust -E UTF8 --locale=C.UTF-8 \
        -U "$( [ "$(id -u)" = 0 ] && echo postgres || id -un )" >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      # No TCP at all; the socket lives in the cluster's folder. Enough connections for 32 writers plus the tests.
      as_owner "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 \
        -o "-k $sock -c listen_addresses='' -c max_connections=200 ${YUQING_PG_OPTIONS:-}" start >/dev/null \
        || { cat "$log" >&2; exit 1; }
    fi
    print_env
    ;;
  env)
    print_env
    ;;
  stop)
    if [ -f "$data/PG_VERSION" ]; then
      as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  status)
    as_owner "$bindir/pg_ctl" -D "$data" status
    ;;
  *)
    echo "usage: scripts/pg-dev.sh start|env|stop|status" >&2
    exit 2
    ;;
esac
