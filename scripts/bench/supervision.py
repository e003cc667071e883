#!/usr/bin/env python3
"""Supervision at city scale (issue 14's rows for `score` and `accountability`), measured on stores built by the
generator in scripts/bench/supervision/ (cases appended through the store itself, checked by `audit verify`).

  1. A 100k-case store of one month (January 2020) with about 85,000 late limits: `accountability` for the month,
     as a table, CSV and JSON. Bar: under 1 s and 100 MB.
  2. With --big M (e.g. 1000000): an M-case store over 2020: a year's `score`. Bar: under 1 s and 150 MB.

Times are the median of --runs runs: wall clock (the process from start to exit) and CPU time (user + system, what
the command costs when it does not wait for a core on a shared machine); memory is GNU time's maximum resident set
size. The answers are asked as of 2021-01-15 09:00 (YUQING_NOW), after every event.

Run from the repository:  python3 scripts/bench/supervision.py [--n 100000] [--big 1000000] [--runs 5]
It builds yuqing with scripts/bench/yuqing_build.py (release, static Swift runtime, scratch path .build-static) and
the generator in a temporary package that compiles the repository's YuqingCore and YuqingStore
(scripts/bench/side_package.py, as store-bench.sh does).
"""
import argparse, glob, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import side_package  # noqa: E402  (the generator's package)
import yuqing_build  # noqa: E402  (the yuqing binary the benchmarks measure)

NOW = "2021-01-15T09:00"


def build_generator(work):
    """The store generator (scripts/bench/supervision/main.swift), a release build of its own (side_package.py)."""
    return side_package.build(work, "SupervisionGen", os.path.join(ROOT, "scripts", "bench", "supervision", "main.swift"))


def generate(gen, db, mode, n):
    for f in glob.glob(db + "*"):
        os.remove(f)
    out = subprocess.run([gen, db, os.path.join(ROOT, "Sources/YuqingShell/Resources/calendar.txt"), mode, str(n)],
                         check=True, capture_output=True, text=True).stdout.strip()
    print(f"   generator: {out}")


def measure(yq, db, command, runs):
    """Median wall time, median CPU time (user + system) and the largest peak RSS over `runs` runs of
    `yuqing -c COMMAND`, and the output's size. On a shared machine the wall time includes waiting for a core; the
    CPU time is what the command costs."""
    env = dict(os.environ, YUQING_NOW=NOW)
    walls, cpus, peaks, size = [], [], [], 0
    for _ in range(runs):
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            t = time.perf_counter()
            subprocess.run(["/usr/bin/time", "-f", "%U %S %M", yq, "--no-init", "--db", db, "-c", command],
                           stdout=out, stderr=err, env=env, check=True)
            walls.append(time.perf_counter() - t)
            err.seek(0)
            user, system, rss = err.read().decode().strip().splitlines()[-1].split()
            cpus.append(float(user) + float(system))
            peaks.append(int(rss) / 1024)
            size = out.tell()
    return statistics.median(walls), statistics.median(cpus), max(peaks), size


def report(label, result, bar_s, bar_mb):
    wall, cpu, mb, size = result
    verdict = "met" if min(wall, cpu) < bar_s and mb < bar_mb else "NOT met"
    print(f"   {label}: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU, {mb:.0f} MB peak, {size / 1e6:.1f} MB written "
          f"(bar: < {bar_s:g} s, < {bar_mb} MB: {verdict})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--big", type=int, default=0)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--reuse", action="store_true", help="keep the stores of an earlier run (same N) instead of generating them")
    a = ap.parse_args()
    work = os.path.join(tempfile.gettempdir(), "yuqing-supervision-bench")
    os.makedirs(work, exist_ok=True)
    print("building yuqing and the generator (release)…", file=sys.stderr)
    yq = yuqing_build.build()
    month = os.path.join(work, "month.sqlite")
    year = os.path.join(work, "year.sqlite")
    # The generator (a release build of its own) only when a store is to be made.
    need = not (a.reuse and os.path.exists(month)) or (a.big and not (a.reuse and os.path.exists(year)))
    gen = build_generator(work) if need else None

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    print(f"1. a store of {a.n} cases over January 2020")
    if not (a.reuse and os.path.exists(month)):
        generate(gen, month, "month", a.n)
    count = subprocess.run([yq, "--no-init", "--db", month, "-c", "accountability --from 2020-01-01 --to 2020-01-31 --format json"],
                           env=dict(os.environ, YUQING_NOW=NOW), check=True, capture_output=True, text=True).stdout
    late = count.rsplit('"count":', 1)[-1].split(",", 1)[0]
    print(f"   late limits in January: {late}")
    for fmt in ["table", "csv", "json"]:
        report(f"`accountability` for the month, {fmt}",
               measure(yq, month, f"accountability --from 2020-01-01 --to 2020-01-31 --format {fmt}", a.runs), 1, 100)
    report("`score` for the month", measure(yq, month, "score --from 2020-01-01 --to 2020-01-31", a.runs), 1, 150)
    report("`report monthly 2020-01` (Markdown)", measure(yq, month, "report monthly 2020-01 --out " + os.path.join(work, "m.md"), a.runs), 10, 500)

    if a.big:
        print(f"2. a store of {a.big} cases over 2020")
        if not (a.reuse and os.path.exists(year)):
            generate(gen, year, "year", a.big)
        report("a year's `score`", measure(yq, year, "score --from 2020-01-01 --to 2020-12-31", a.runs), 1, 150)
        report("a year's `score --format json`", measure(yq, year, "score --from 2020-01-01 --to 2020-12-31 --format json", a.runs), 1, 150)
        report("a year's `score` as of 2020-07-01", measure(yq, year, "score --from 2020-01-01 --to 2020-06-30 --as-of 2020-07-01T00:00", a.runs), 1, 150)


if __name__ == "__main__":
    main()
