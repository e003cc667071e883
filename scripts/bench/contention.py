#!/usr/bin/env python3
"""Writers and readers on one store at once (issue 11; docs/reliability.md).

W writer processes each run a script of N `collect` commands on one fresh store, while a reader runs
`yuqing -c 'count by source'` over and over until every writer is done. Reported: each writer's time and exit
status, any "locked"/"busy" message, the reader's latency (median, 95th percentile, max), and a final check that
every case printed by a writer is stored with its title (and `audit verify`).

Bars: every writer finishes, no "database is locked", reader median under 100 ms.

Run from the repository:  python3 scripts/bench/contention.py [--writers 8] [--n 5000] [--debug]
By default it builds yuqing in release mode with a static Swift runtime (scratch path .build-static), as bars.py
does; --debug uses .build/debug/yuqing as it is.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, threading, time

from yuqing_build import build
SOURCES = ["weibo", "forum", "wechat", "news", "website", "video"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--debug", action="store_true")
    a = ap.parse_args()
    exe = build(a.debug)
    work = tempfile.mkdtemp(prefix="yq-contention-")
    db = os.path.join(work, "s.sqlite")
    env = dict(os.environ, HOME=work, XDG_DATA_HOME=work, XDG_CONFIG_HOME=work, LANG="C.UTF-8", NO_COLOR="1",
               YUQING_NOW="2019-12-19T09:00")
    base = [exe, "--no-init", "--db", db]
    # The machine's user becomes the new store's administrator, who does not work cases (docs/security.md): the
    # patrol on duty is added here, and every writer records as them.
    patrol = "as 陈晓 --role patrol --dept open-gov"
    subprocess.run(base + ["-c", patrol], check=True, env=env, stdout=subprocess.DEVNULL)
    scripts = []
    for w in range(a.writers):
        p = os.path.join(work, f"w{w}.yq")
        with open(p, "w") as f:
            f.write(patrol + "\n")
            for i in range(a.n):
                f.write(f'collect "写者{w} 第{i}条" --source {SOURCES[i % 6]}\n')
        scripts.append(p)

    latencies, reader_failures = [], []
    done = threading.Event()

    def reader():
        while not done.is_set():
            t = time.perf_counter()
            r = subprocess.run(base + ["-c", "count by source"], env=env, capture_output=True, text=True)
            latencies.append((time.perf_counter() - t) * 1000)
            if r.returncode != 0:
                reader_failures.append(r.stdout + r.stderr)

    t0 = time.perf_counter()
    results = []

    def writer(w, script):
        # Output goes to a file: a pipe left unread would stall the writer, not the store.
        with open(script + ".out", "w+") as out:
            start = time.perf_counter()
            code = subprocess.run(base + ["run", script], env=env, stdout=out, stderr=subprocess.STDOUT).returncode
            secs = time.perf_counter() - start
            out.seek(0)
            results.append((w, code, secs, out.read()))

    writers = [threading.Thread(target=writer, args=(w, s)) for w, s in enumerate(scripts)]
    for t in writers:
        t.start()
    th = threading.Thread(target=reader)
    th.start()
    for t in writers:
        t.join()
    results.sort()
    done.set()
    th.join()
    total = time.perf_counter() - t0

    problems = 0
    printed = {}
    for w, code, secs, out in results:
        lines = out.splitlines()
        bad = [l for l in lines if not l.startswith("C") and not l.startswith("Now acting as")]
        locked = sum("locked" in l or "busy" in l for l in lines)
        for l in lines:
            if l.startswith("C") and "“" in l:
                printed[l.split(" ", 1)[0]] = l.split("“", 1)[1].split("”", 1)[0]
        print(f"writer {w}: exit {code}, {secs:.1f} s, {sum(l.startswith('C') for l in lines)} printed, {locked} locked/busy")
        if code != 0 or bad:
            problems += 1
            print("   ", "\n    ".join(bad[:5]))
    rows = json.loads(subprocess.run(base + ["--format", "json", "-c", f"cases limit {a.writers * a.n + 10}"],
                                     env=env, capture_output=True, text=True, check=True).stdout)
    stored = {r["id"]: r["title"] for r in rows}
    missing = [k for k, v in printed.items() if stored.get(k) != v]
    audit = subprocess.run(base + ["-c", "audit verify"], env=env, capture_output=True, text=True)
    lat = sorted(latencies)
    p95 = lat[int(len(lat) * 0.95)] if lat else 0
    print(f"all writers: {total:.1f} s for {a.writers} x {a.n} commands ({a.writers * a.n / total:.0f} commands/s)")
    print(f"reader: {len(lat)} runs, median {statistics.median(lat):.1f} ms, p95 {p95:.1f} ms, max {lat[-1]:.1f} ms,"
          f" {len(reader_failures)} failed")
    print(f"stored {len(stored)} cases; printed {len(printed)}; printed but not stored as printed: {len(missing)};"
          f" audit verify exit {audit.returncode}")
    shutil.rmtree(work, ignore_errors=True)
    ok = problems == 0 and not missing and not reader_failures and audit.returncode == 0 \
        and len(stored) == a.writers * a.n and statistics.median(lat) < 100
    print("verdict:", "met" if ok else "NOT met")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
