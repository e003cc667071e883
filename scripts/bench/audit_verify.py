#!/usr/bin/env python3
"""`audit verify` on a store of N collected cases (default 100,000), timed with one or more yuqing binaries run in
turn (wall and CPU time, user+sys of the child), so a change to the check can be measured before and after on the
same store and the same load.

The store is built once by running the collect script of bars.py through the first binary (the whole command path,
a commit point every 1,000 commands) into WORK (default: a new temporary folder; give --work to keep it, and
--store to reuse one). Each binary must pass `audit verify` on it (exit 0), which is checked on every run.

Run from the repository:
  python3 scripts/bench/audit_verify.py --bin before=/tmp/yuqing-main --bin after=.build-static/release/yuqing \
      [--n 100000] [--rounds 3] [--work /tmp/NAME-100k]
"""
import argparse, os, resource, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bars import collect_script  # noqa: E402


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p, wall, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", action="append", required=True, help="LABEL=PATH, in the order run each round")
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--work")
    ap.add_argument("--store", help="an existing store to measure (not rebuilt)")
    a = ap.parse_args()
    bins = [b.split("=", 1) for b in a.bin]
    work = a.work or tempfile.mkdtemp(prefix="yuqing-audit-")
    os.makedirs(work, exist_ok=True)
    db = a.store or os.path.join(work, "store.sqlite")
    if not a.store and not os.path.exists(db):
        script = os.path.join(work, "collect.yq")
        collect_script(script, a.n)
        p, wall, cpu = timed([bins[0][1], "--no-init", "--db", db, "run", script])
        if p.returncode != 0:
            sys.exit(f"building the store failed: {p.stderr[-2000:]}")
        print(f"store of {a.n} cases built in {wall:.1f} s (CPU {cpu:.1f} s)", flush=True)
    times = {label: [] for label, _ in bins}
    for r in range(a.rounds):
        for label, path in bins:
            p, wall, cpu = timed([path, "--no-init", "--db", db, "-c", "audit verify"])
            if p.returncode != 0:
                sys.exit(f"{label}: audit verify failed:\n{p.stdout[-2000:]}{p.stderr[-2000:]}")
            times[label].append((wall, cpu))
            print(f"round {r + 1} {label}: wall {wall:.2f} s, CPU {cpu:.2f} s, load {os.getloadavg()[0]:.1f}", flush=True)
    for label, t in times.items():
        if not t:
            continue
        print(f"{label}: wall {' / '.join(f'{w:.2f}' for w, _ in t)} s (median {statistics.median(w for w, _ in t):.2f}), "
              f"CPU {' / '.join(f'{c:.2f}' for _, c in t)} s (median {statistics.median(c for _, c in t):.2f})")


if __name__ == "__main__":
    main()
