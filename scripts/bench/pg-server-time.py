#!/usr/bin/env python3
"""The PostgreSQL server's time for each command, before and after a change: the sum of the statement durations the
server logs for the command's connection, median of --runs runs, for each binary given.

  python3 scripts/bench/pg-server-time.py --db postgres://… --log SERVER.LOG BEFORE_BINARY AFTER_BINARY [--runs 7]

The database is a filled store (e.g. `store copy` of a shared SQLite store into the cluster of scripts/pg-dev.sh,
whose log is $YUQING_PG_DIR/server.log); its role must be in the store's directory and have
`ALTER ROLE … SET log_min_duration_statement = 0`. Wall times on a shared 2-core machine carry the wait for a core
(search.py --pg-only gives them); the server's own time is the steadier figure for comparing query plans.
"""
import argparse, os, re, statistics, subprocess

QUERIES = ["cases where title ~ 水质", "cases where text ~ 水质", "cases where text ~ 水质 order by id desc",
           "cases where stage = collected and text ~ 水质 limit 50", "cases where text ~ 氨氮",
           "cases where title ~ 水质发黄", "cases where text ~ 水质发黄 order by id desc",
           "cases where title ~ 氨氮 limit 10", "echo ok"]
DURATION = re.compile(r"LOG:  duration: ([0-9.]+) ms")


def server_ms(binary, db, log, q):
    start = os.path.getsize(log)
    subprocess.run([binary, "--no-init", "--db", db, "-c", q], check=True, stdout=subprocess.DEVNULL)
    with open(log, errors="replace") as f:
        f.seek(start)
        return sum(float(m.group(1)) for m in DURATION.finditer(f.read()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("binaries", nargs="+")
    a = ap.parse_args()
    print(f"load {os.getloadavg()[0]:.1f}\n")
    print("| command | " + " | ".join(f"server ms: {os.path.basename(b)}" for b in a.binaries) + " |")
    print("|---|" + "---|" * len(a.binaries))
    for q in QUERIES:
        got = [statistics.median(server_ms(b, a.db, a.log, q) for _ in range(a.runs)) for b in a.binaries]
        print(f"| `{q}` | " + " | ".join(f"{g:.1f}" for g in got) + " |", flush=True)
    print(f"\nload {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
