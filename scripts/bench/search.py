#!/usr/bin/env python3
"""Searches and start-up on a store already built (issue 14's search and start-up rows), wall and CPU time.

  python3 scripts/bench/search.py STORE [--runs 11] [--no-build] [--pg postgres://…]
  python3 scripts/bench/search.py --pg-only postgres://… [--binary PATH] [--runs 11]

STORE is an SQLite store made by bars.py's collect script (one title in 7 and one excerpt in 3 hold 水质, one
excerpt in 1,000 holds 氨氮); it is copied first (with its -wal/-shm), and the copy is opened once before anything
is measured, so a migration of this branch (new indexes) is not counted. Prints, for each command, the median wall
time and the median CPU time (user + system of the child) over --runs runs, next to `echo ok` (the start-up alone),
`true` and a sqlite3 select. With --pg, the copy is also copied into that (empty) PostgreSQL database with
`store copy` and the searches are run there too. With --pg-only, the searches run on that PostgreSQL database as
it is (filled before, e.g. by an earlier --pg run or `store copy`), with --binary (e.g. another branch's build) or
this branch's; its operator (the database role) must be in the store's directory.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from yuqing_build import build, ROOT  # noqa: E402

SEARCHES = [
    "cases where title ~ 水质",
    "cases where text ~ 水质",
    "cases where text ~ 水质 order by id desc",
    "cases where stage = collected and text ~ 水质 limit 50",
    "cases where text ~ 氨氮",
    "search 水质",
    "search 氨氮",
]
# A word of several grams, common in the generated titles: the planner's estimate of it is poorest (PostgreSQL).
PG_ONLY = ["cases where title ~ 水质发黄", "cases where text ~ 水质发黄 order by id desc"]


def run(cmd):
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status):
        raise subprocess.CalledProcessError(status, cmd)
    return wall * 1000, (ru.ru_utime + ru.ru_stime) * 1000


def median(cmd, runs):
    got = [run(cmd) for _ in range(runs)]
    return statistics.median(w for w, _ in got), statistics.median(c for _, c in got)


def row(label, cmd, runs):
    w, c = median(cmd, runs)
    print(f"| {label} | {w:.1f} ms | CPU {c:.1f} ms |", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("store", nargs="?")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--pg", help="an empty PostgreSQL database to copy the store into and search too")
    ap.add_argument("--pg-only", help="a filled PostgreSQL database: search it as it is")
    ap.add_argument("--binary", help="with --pg-only: the yuqing to measure (default: this branch's release build)")
    a = ap.parse_args()
    if a.pg_only:
        binary = a.binary or (os.path.join(ROOT, ".build-static", "release", "yuqing") if a.no_build else build())
        pq = [binary, "--no-init", "--db", a.pg_only]
        print(f"PostgreSQL ({a.pg_only.split('@')[-1]}), {binary}; load {os.getloadavg()[0]:.1f}\n")
        print("| command | wall (median) | CPU (median) |\n|---|---|---|")
        for q in SEARCHES + PG_ONLY:
            row(f"`{q}`", pq + ["-c", q], a.runs)
        row("`echo ok`", pq + ["-c", "echo ok"], a.runs)
        return
    if not a.store:
        ap.error("STORE is required (or --pg-only)")
    binary = os.path.join(ROOT, ".build-static", "release", "yuqing") if a.no_build else build()
    work = tempfile.mkdtemp(prefix="yuqing-search-")
    try:
        db = os.path.join(work, "store.sqlite")
        for ext in ["", "-wal", "-shm", ".key", ".head"]:
            if os.path.exists(a.store + ext):
                shutil.copy(a.store + ext, db + ext)
                os.chmod(db + ext, 0o600)
        yq = [binary, "--no-init", "--db", db]
        subprocess.run(yq + ["-c", "echo opened"], check=True, stdout=subprocess.DEVNULL)
        n = int(subprocess.run(["sqlite3", db, "SELECT count(*) FROM cases"], capture_output=True, text=True,
                               check=True).stdout)
        print(f"{n:,} cases; load {os.getloadavg()[0]:.1f}\n")
        print("| command | wall (median) | CPU (median) |\n|---|---|---|")
        for q in SEARCHES:
            row(f"`{q}`", yq + ["-c", q], a.runs)
        row(f"`show C{n // 2}` (start-up to first answer)", yq + ["-c", f"show C{n // 2}"], 21)
        row("`echo ok`", yq + ["-c", "echo ok"], 21)
        row("sqlite3 select", ["sqlite3", db, f"SELECT title FROM cases WHERE num = {n // 2}"], 21)
        row("`true`", ["true"], 21)
        if a.pg:
            # On the server the operator is the database role (docs/security.md): a role the directory does not
            # know reads only `help`, so it is added (as an administrator, who reads every case) before the copy.
            role = subprocess.run(["psql", "-d", a.pg, "-Atc", "SELECT current_user"], capture_output=True,
                                  text=True, check=True).stdout.strip()
            subprocess.run(yq + ["-c", f"user add {role} --name {role} --role admin"], check=True,
                           stdout=subprocess.DEVNULL)
            subprocess.run(yq + ["-c", f"store copy --to {a.pg}"], check=True, stdout=subprocess.DEVNULL)
            pq = [binary, "--no-init", "--db", a.pg]
            print(f"\nPostgreSQL ({a.pg.split('@')[-1]}); load {os.getloadavg()[0]:.1f}\n")
            print("| command | wall (median) | CPU (median) |\n|---|---|---|")
            for q in SEARCHES + PG_ONLY:
                row(f"`{q}`", pq + ["-c", q], a.runs)
            row("`echo ok`", pq + ["-c", "echo ok"], 11)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
