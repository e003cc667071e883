#!/usr/bin/env python3
"""`store rebuild` and the selective recompute of a calendar load (issue 14), on a copy of a store.

  python3 scripts/bench/recompute.py --store STORE.sqlite [--yq BINARY] [--no-build] [--runs 1]

On a copy of STORE (with its -wal and -shm files), measures with the wall time, CPU time (user + system of the
process) and peak memory of each run:
  1. `store rebuild`, next to sqlite3 reading the events table (the floor), then checks `audit verify` and that the
     projection tables hold what they held before (a digest of every row, from sqlite3);
  2. `calendar load` of a test year after the store's last one (2027, New Year's Day off only): the cases whose
     deadlines it can move are recomputed, the others not (a store of cases handled in 2019 has none).
The binary is the release build with a static Swift runtime (yuqing_build.py) unless --yq names another, so the
same script measures an older binary for the "before" column.
"""
import argparse, concurrent.futures, hashlib, os, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from yuqing_build import build, ROOT  # noqa: E402

TABLES = ["cases", "dues", "case_urls", "departments", "case_text", "case_extensions", "ids"]


def timed(cmd):
    """Wall, CPU (user + system) and peak RSS (MB) of one run of cmd; its output."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"recompute: {' '.join(cmd)} failed:\n{out.decode()}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, out.decode()


def digest(db):
    """A digest of every projection row (sorted), so a rebuild can be checked to leave what was there. Computed in
    a child process: the rows of a 1M store take gigabytes here, and a process forked from this one afterwards
    would report them as its own peak memory (Linux keeps the parent's high-water mark in `ru_maxrss`)."""
    with concurrent.futures.ProcessPoolExecutor(1) as pool:
        return pool.submit(_digest, db).result()


def _digest(db):
    h = hashlib.sha256()
    for t in TABLES:
        # Quote mode: every value as an SQL literal (blobs in hex), so snapshots compare exactly.
        rows = subprocess.run(["sqlite3", "-cmd", ".mode quote", db, f"SELECT * FROM {t}"], capture_output=True)
        h.update(t.encode())
        h.update(b"\n".join(sorted(rows.stdout.splitlines())))
    return h.hexdigest()[:16]


def copy_store(src, dir):
    dst = os.path.join(dir, "store.sqlite")
    for suffix in ["", "-wal", "-shm", ".key", ".head"]:
        if os.path.exists(src + suffix):
            shutil.copy(src + suffix, dst + suffix)
    return dst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--yq")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--runs", type=int, default=1)
    a = ap.parse_args()
    yq = a.yq or (os.path.join(ROOT, ".build-static", "release", "yuqing") if a.no_build else build())
    print(f"binary {yq}; load {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="yq-recompute-") as work:
        db = copy_store(a.store, work)
        events = subprocess.run(["sqlite3", db, "SELECT count(*) FROM events"], capture_output=True, text=True).stdout.strip()
        read = timed(["sqlite3", db, "SELECT * FROM events"])
        print(f"reading the events table ({events} events): {read[0]:.2f} s; CPU {read[1]:.2f} s", flush=True)
        # A store made by an older binary may be migrated (and its projections rebuilt) when first opened: not timed.
        w, cpu, mb, _ = timed([yq, "--db", db, "-c", "store info"])
        print(f"first open (migrations): {w:.2f} s; CPU {cpu:.2f} s", flush=True)
        before = digest(db)
        for _ in range(a.runs):
            w, cpu, mb, _ = timed([yq, "--db", db, "-c", "store rebuild"])
            print(f"store rebuild: {w:.2f} s; CPU {cpu:.2f} s; {mb:.0f} MB peak; load {os.getloadavg()[0]:.1f}", flush=True)
        after = digest(db)
        print(f"projection rows {'unchanged' if after == before else 'CHANGED'} ({before} / {after})", flush=True)
        w, cpu, mb, out = timed([yq, "--db", db, "-c", "audit verify"])
        print(f"audit verify: {w:.2f} s; {out.strip().splitlines()[-1] if out.strip() else ''}", flush=True)
        year = os.path.join(work, "2027.txt")
        with open(year, "w") as f:
            f.write("year 2027 test\n2027-01-01 holiday 元旦 New Year's Day\n")
        w, cpu, mb, out = timed([yq, "--db", db, "-c", f"calendar load {year}"])
        print(f"calendar load 2027: {w:.2f} s; CPU {cpu:.2f} s; {mb:.0f} MB peak; load {os.getloadavg()[0]:.1f}", flush=True)
        print("  " + out.strip().replace("\n", "\n  "), flush=True)


if __name__ == "__main__":
    main()
