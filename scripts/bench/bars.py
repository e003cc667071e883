#!/usr/bin/env python3
"""The speed bars of the brief (section 7), measured side by side with their anchors in one run.

  1. A script of N commands (default 100,000 `collect` lines) on a fresh SQLite store, against sqlite3 inserting N
     equivalent event rows from an SQL file (the same columns and indexes, committed every 1,000 rows, which is
     what yuqing does). Bar: within 3x.
  2. Start-up to the first answer of `yuqing -c …` on that store (N cases). Bar: median under 25 ms at 100k.
  3. With --big M (e.g. 1000000): a store of M cases, then `overdue`, a filtered `cases` query and (when present)
     a year's `score`. Bars: queries under 50 ms, assessment under 1 s; peak memory of a report under 150 MB.

Run from the repository:  python3 scripts/bench/bars.py [--n 100000] [--big 1000000]
It builds yuqing in release mode with a static Swift runtime (scratch path .build-static) first.
"""
import argparse, os, resource, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCES = ["weibo", "forum", "wechat", "news", "website", "video"]


def build():
    # A statically linked Swift runtime is how yuqing is deployed: it starts in about half the time.
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path", ".build-static",
                    "--product", "yuqing"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build-static", "release", "yuqing")


def script(path, n, start="2019-12-02T09:00"):
    with open(path, "w") as f:
        f.write(f"clock set {start}\n")
        # The machine's user becomes the store's administrator and records as the patrol on duty.
        f.write("as 陈晓 --role patrol --dept open-gov\n")
        for i in range(n):
            f.write(f'collect "测试舆情 {i}" --url https://example.com/{i} --source {SOURCES[i % 6]} --reposts {i % 500}\n')


def sql(path, n):
    """Rows shaped like yuqing's events (see Sources/YuqingStore migrations): same columns, same indexes."""
    with open(path, "w") as f:
        f.write("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;\n")
        f.write("CREATE TABLE events(seq INTEGER PRIMARY KEY, case_id TEXT, subject TEXT, actor_name TEXT, actor_role TEXT,"
                " actor_dept TEXT, verb TEXT NOT NULL, payload TEXT NOT NULL, effective INTEGER NOT NULL,"
                " recorded INTEGER NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);\n")
        f.write("CREATE INDEX events_case ON events(case_id, seq); CREATE INDEX events_subject ON events(subject, seq);\n")
        prev = "0" * 64
        for i in range(n):
            if i % 1000 == 0:
                f.write("BEGIN;\n")
            payload = ('{"collected":{"dept":null,"item":{"category":null,"excerpt":null,"metrics":{"comments":0,"reposts":%d,'
                       '"views":0},"source":"%s","title":"测试舆情 %d","url":"https://example.com/%d"}}}' % (i % 500, SOURCES[i % 6], i, i))
            h = "%064x" % (i * 2654435761 % (1 << 256))
            f.write(f"INSERT INTO events VALUES({i + 1},'C{i + 1}',NULL,'bench','coordinator','open-gov','collected','{payload}',"
                    f"{1575248400},{1575248400},'{prev}','{h}');\n")
            prev = h
            if i % 1000 == 999 or i == n - 1:
                f.write("COMMIT;\n")


def timed(cmd, **kw):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t


def median_ms(cmd, runs=21):
    times = []
    for _ in range(runs):
        times.append(timed(cmd) * 1000)
    return statistics.median(times)


def peak_rss_mb(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--big", type=int, default=0)
    a = ap.parse_args()
    if not shutil.which("sqlite3"):
        sys.exit("bars: sqlite3 is required (apt-get install sqlite3)")
    yq = build()
    work = tempfile.mkdtemp(prefix="yuqing-bars-")
    base = [yq, "--no-init"]

    yqs, sqlf = os.path.join(work, "n.yq"), os.path.join(work, "n.sql")
    script(yqs, a.n)
    sql(sqlf, a.n)
    db = os.path.join(work, "n.sqlite")
    t_yq = timed(base + ["--db", db, "run", yqs])
    with open(sqlf) as f:
        t_sql = timed(["sqlite3", os.path.join(work, "anchor.sqlite")], stdin=f)
    print(f"1. script of {a.n} commands: yuqing {t_yq:.2f} s, sqlite3 {t_sql:.2f} s, ratio {t_yq / t_sql:.2f}x (bar: <= 3x)")

    ms = median_ms(base + ["--db", db, "-c", f"show C{a.n // 2}"])
    print(f"2. start-up to first answer on {a.n} cases: median {ms:.1f} ms (bar: < 25 ms at 100k)")
    ms = median_ms(base + ["--db", db, "-c", "echo ok"])
    print(f"   (for comparison, `echo ok`: {ms:.1f} ms; sqlite3 select: "
          f"{median_ms(['sqlite3', db, 'select count(*) from events'], 11):.1f} ms)")

    if a.big:
        bigy = os.path.join(work, "big.yq")
        script(bigy, a.big, start="2019-12-02T09:00")
        bigdb = os.path.join(work, "big.sqlite")
        t = timed(base + ["--db", bigdb, "run", bigy])
        print(f"3. built a store of {a.big} cases in {t:.1f} s")
        for q in ["overdue", "cases where source = weibo and stage = collected limit 50", "count by source"]:
            print(f"   `{q}`: median {median_ms(base + ['--db', bigdb, '-c', q], 11):.1f} ms (bar: < 50 ms)")
        print(f"   peak memory of `cases --format csv` (all {a.big} cases): {peak_rss_mb(base + ['--db', bigdb, '-c', 'cases --format csv']):.0f} MB (bar: < 150 MB)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
