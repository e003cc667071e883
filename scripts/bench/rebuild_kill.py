#!/usr/bin/env python3
"""kill -9 during `store rebuild`: the store stays whole (issue 14's faster rebuild keeps its one transaction).

  python3 scripts/bench/rebuild_kill.py --store STORE.sqlite [--yq BINARY] [--no-build] [--at 0.3,1,2,3]

On a copy of STORE, for each moment in --at (seconds after the start): starts `store rebuild`, kills it with
SIGKILL at that moment, then checks that the events are untouched (count and head hash), that `audit verify` says
the chain is intact, that SQLite's integrity check passes, and that every projection row is what it was before
(the old projections or the new ones: a rebuild leaves the same rows, so the digest must not change either way).
A check, not a timing: it prints one line per moment and exits non-zero when any check fails.
"""
import argparse, os, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from yuqing_build import build, ROOT  # noqa: E402
from recompute import copy_store, digest  # noqa: E402


def sql(db, q):
    return subprocess.run(["sqlite3", db, q], capture_output=True, text=True).stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--yq")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--at", default="0.3,1,2,3")
    a = ap.parse_args()
    yq = a.yq or (os.path.join(ROOT, ".build-static", "release", "yuqing") if a.no_build else build())
    failed = 0
    with tempfile.TemporaryDirectory(prefix="yq-rebuild-kill-") as work:
        base = copy_store(a.store, work)
        # The first open of a store made by an older binary may rebuild it once: done before anything is compared.
        subprocess.run([yq, "--db", base, "-c", "store info"], capture_output=True, check=True)
        before = digest(base)
        events = sql(base, "SELECT count(*), max(hash) FROM events")
        for at in [float(x) for x in a.at.split(",")]:
            trial = os.path.join(work, f"kill-{at}")
            os.makedirs(trial)
            db = copy_store(base, trial)
            p = subprocess.Popen([yq, "--db", db, "-c", "store rebuild"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            time.sleep(at)
            finished = p.poll() is not None
            if not finished:
                os.kill(p.pid, signal.SIGKILL)
            p.wait()
            integrity = sql(db, "PRAGMA integrity_check")
            same_events = sql(db, "SELECT count(*), max(hash) FROM events") == events
            audit = subprocess.run([yq, "--db", db, "-c", "audit verify"], capture_output=True, text=True)
            rows = digest(db)
            ok = integrity == "ok" and same_events and audit.returncode == 0 and rows == before
            failed += not ok
            print(f"killed at {at:.1f} s{' (had finished)' if finished else ''}: integrity {integrity}; events "
                  f"{'untouched' if same_events else 'CHANGED'}; audit verify {'ok' if audit.returncode == 0 else 'FAILED'}; "
                  f"projection rows {'unchanged' if rows == before else 'CHANGED'}", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
