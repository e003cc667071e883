#!/usr/bin/env python3
"""What yuqing promises under failure and hostile input, measured (docs/reliability.md).

  1. kill -9 mid-script (--trials N, default 50): a script of 20,000 `collect` lines (about two seconds
     of the release build) is killed at a random moment within its run;
     every success it printed must be stored with its title, and `audit verify` must pass.
  2. A full disk (only as root, where a tmpfs can be mounted): a 2 MB tmpfs fills during a script; every success
     printed must be stored, the error must name the first command not stored, and the next id must be the first
     one not printed once there is room again.
  3. Hostile input, timed: a 1 MB unknown verb, 5,000 nested `not`, 20,000 `(`, a 60,000-character unknown verb.

Run from the repository:  python3 scripts/bench/reliability.py [--trials 50] [--debug]
It builds yuqing in release mode with a static Swift runtime (.build-static) as bars.py does; --debug uses
.build/debug/yuqing. Exits 1 if a promise is broken.
"""
import argparse, json, os, random, shutil, signal, subprocess, sys, tempfile, time

from yuqing_build import build


# Operators (docs/security.md): the machine's user becomes the administrator of a new store, and an administrator
# does not work cases, so every script first records as the patrol on duty.
PATROL = "as 陈晓 --role patrol --dept open-gov"


class Yuqing:
    def __init__(self, exe, work):
        self.exe, self.work = exe, work
        self.env = dict(os.environ, HOME=work, XDG_DATA_HOME=work, XDG_CONFIG_HOME=work, LANG="C.UTF-8", NO_COLOR="1",
                        YUQING_NOW="2019-12-19T09:00")

    def args(self, db, *a):
        return [self.exe, "--no-init", "--db", db] + list(a)

    def run(self, db, *a, stdin=None):
        r = subprocess.run(self.args(db, *a), env=self.env, capture_output=True, text=True, input=stdin)
        return r.returncode, r.stdout, r.stderr

    def stored(self, db):
        code, out, err = self.run(db, "--format", "json", "-c", "cases limit 1000000")
        if code != 0:
            raise SystemExit(f"cannot list cases: {err}")
        return {r["id"]: r["title"] for r in json.loads(out or "[]")}


def printed_cases(out):
    cases = {}
    for line in out.splitlines():
        if line.startswith("C") and " collected " in line and "“" in line:
            cases[line.split(" ", 1)[0]] = line.split("“", 1)[1].rsplit("”", 1)[0]
    return cases


def kill_trials(y, trials):
    script = os.path.join(y.work, "kill.yq")
    with open(script, "w") as f:
        f.write(PATROL + "\n")
        for i in range(20000):
            f.write(f'collect "被杀测试 第{i}条" --source weibo\n')
    broken, printed_total, stored_total, unprinted_stored = 0, 0, 0, 0
    for t in range(trials):
        db = os.path.join(y.work, f"kill{t}.sqlite")
        # Output to a file: a pipe nobody drains would block the writer after its commit, which is the reader's
        # doing, not yuqing's.
        with open(db + ".out", "w+b") as sink:
            p = subprocess.Popen(y.args(db, "run", script), env=y.env, stdout=sink, stderr=subprocess.STDOUT)
            # Within the run: 3,000 lines, as before, took 0.3 s, and most kills came after the end.
            time.sleep(random.uniform(0.05, 2.0))
            p.send_signal(signal.SIGKILL)
            p.wait()
            sink.seek(0)
            out = sink.read().decode("utf-8", "replace")
        printed = printed_cases(out)
        stored = y.stored(db)
        missing = [k for k, v in printed.items() if stored.get(k) != v]
        audit = y.run(db, "-c", "audit verify")[0]
        if missing or audit != 0:
            broken += 1
            print(f"  trial {t}: {len(missing)} printed but not stored, audit exit {audit}")
        printed_total += len(printed)
        stored_total += len(stored)
        unprinted_stored += len(set(stored) - set(printed))
    print(f"kill -9: {trials} trials, {printed_total} successes printed, all stored: {broken == 0};"
          f" {stored_total} stored in all ({unprinted_stored} stored but not yet printed when killed)")
    return broken == 0


def full_disk(y):
    if os.geteuid() != 0:
        print("full disk: skipped (needs root to mount a tmpfs)")
        return True
    mnt = tempfile.mkdtemp(prefix="yq-full-")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt]).returncode != 0:
        print("full disk: skipped (mounting a tmpfs is not permitted)")
        return True
    try:
        script = os.path.join(y.work, "full.yq")
        with open(script, "w") as f:
            f.write(PATROL + "\n")
            for i in range(4000):
                f.write(f'collect "第{i + 1}条帖子：某小区自来水发黄，居民反映已持续三天" --source weibo\n')
        db = os.path.join(mnt, "s.sqlite")
        # Enrolled first, so the script's standard error holds only the failure (not the new store's notice).
        y.run(db, "-c", PATROL)
        code, out, err = y.run(db, "run", script)
        printed = printed_cases(out)
        stored = y.stored(db)
        ok = code == 3 and all(stored.get(k) == v for k, v in printed.items()) and len(stored) == len(printed)
        first = err.splitlines()[0] if err else ""
        # The script's line 1 is PATROL, so the n-th collect is on line n + 1.
        ok = ok and first.startswith(f"{script}:{len(printed) + 2}:1: error: the store failed")
        subprocess.run(["mount", "-o", "remount,size=8m", mnt], check=True)
        code2, out2, _ = y.run(db, "-c", PATROL, "-c", "collect 有空间了 --source weibo")
        out2 = out2.splitlines()[-1] if out2 else ""
        ok = ok and code2 == 0 and out2.startswith(f"C{len(printed) + 1} collected")
        print(f"full disk (2 MB tmpfs): exit {code}, {len(printed)} printed, {len(stored)} stored;"
              f" error: {first[:110]}; next id after freeing space: {out2.split(' ', 1)[0]}; promise kept: {ok}")
        return ok
    finally:
        subprocess.run(["umount", mnt])
        os.rmdir(mnt)


def hostile(y):
    db = os.path.join(y.work, "h.sqlite")
    y.run(db, "-c", PATROL, "-c", "collect 一条 --source weibo")
    cases = [
        ("1 MB unknown verb", "x" * 1_000_000),
        ("60,000-character unknown verb", "动" * 60_000),
        ("5,000 nested not", "cases where " + "not " * 5000 + "historical"),
        ("20,000 (", "cases where " + "(" * 20000 + "historical" + ")" * 20000),
        ("1,000 or-ed comparisons", "cases where " + " or ".join(f"title = t{i}" for i in range(1000))),
    ]
    ok = True
    for name, text in cases:
        path = os.path.join(y.work, "hostile.yq")
        with open(path, "w") as f:
            f.write(text + "\n")
        t = time.perf_counter()
        code, out, err = y.run(db, "run", path)
        ms = (time.perf_counter() - t) * 1000
        first = (err or out).splitlines()[0][:100] if (err or out) else ""
        print(f"{name}: exit {code} in {ms:.0f} ms — {first}")
        ok = ok and code in (0, 1) and ms < 2000
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=50)
    ap.add_argument("--debug", action="store_true")
    a = ap.parse_args()
    exe = build(a.debug)
    work = tempfile.mkdtemp(prefix="yq-reliability-")
    try:
        y = Yuqing(exe, work)
        results = [kill_trials(y, a.trials), full_disk(y), hostile(y)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("verdict:", "every promise kept" if all(results) else "a promise was BROKEN")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
