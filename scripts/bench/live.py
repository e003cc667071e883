#!/usr/bin/env python3
"""Live terminals: what a waiting REPL costs and how fast another desk's commit shows above its prompt.

Two yuqing REPLs run on one store, each at its own pseudo-terminal, as a meeting is held from two desks:

- idle CPU: the chair's REPL waits at its prompt (in the meeting, nothing happening) for --idle seconds; its user +
  system CPU time from /proc/PID/stat, as a percentage of one core. Also measured outside any meeting.
- commit-to-line delay: the other desk says --n remarks, one every --gap seconds; for each, the time from the other
  desk's answer (printed after its commit: acknowledged means stored) to the remark appearing at the chair's
  terminal, and from the Enter key to it. Median, 95th percentile and maximum.

Usage: python3 scripts/bench/live.py [--n 50] [--gap 0.3] [--idle 20] [--backend sqlite|postgres] [--debug]
PostgreSQL takes YUQING_TEST_PG (scripts/pg-dev.sh start prints it).
"""
import argparse
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yuqing_build  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


class Desk:
    """A yuqing REPL on the slave side of a pty; everything it prints is kept with the time it was read."""

    def __init__(self, binary, db, env):
        self.master, slave = os.openpty()
        self.proc = subprocess.Popen([binary, "--no-init", "--db", db], stdin=slave, stdout=slave, stderr=slave,
                                     env=env, start_new_session=True)
        os.close(slave)
        self.out = b""
        self.seen = []  # (time, length of out after the read)

    def pump(self, timeout):
        r, _, _ = select.select([self.master], [], [], timeout)
        if r:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            self.out += data
            self.seen.append((time.monotonic(), len(self.out)))

    def when(self, text, after=0):
        """The time the output first held `text` (searching from byte `after`), or None."""
        at = self.out.find(text.encode(), after)
        if at < 0:
            return None
        end = at + len(text.encode())
        return next(t for t, n in self.seen if n >= end)

    def send(self, s):
        os.write(self.master, s.encode())

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK

    def close(self):
        self.send("\x04")
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self.master)


def pump_all(desks, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for d in desks:
            d.pump(0.01)


def wait_for(desks, desk, text, after=0, timeout=10):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if desk.when(text, after) is not None:
            return True
        for d in desks:
            d.pump(0.01)
    return False


def idle_cpu(desks, desk, seconds):
    pump_all(desks, 1)
    c0, t0 = desk.cpu_seconds(), time.monotonic()
    pump_all(desks, seconds)
    return 100 * (desk.cpu_seconds() - c0) / (time.monotonic() - t0)


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--gap", type=float, default=0.3)
    ap.add_argument("--idle", type=float, default=20)
    ap.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--debug", action="store_true", help="measure the debug build instead of the release build")
    ap.add_argument("--binary")
    a = ap.parse_args()
    binary = a.binary or yuqing_build.build(debug=a.debug)

    work = tempfile.mkdtemp(prefix="yq-live-bench-")
    env = {"HOME": work, "XDG_DATA_HOME": work, "XDG_CONFIG_HOME": work, "LANG": "C.UTF-8", "NO_COLOR": "1",
           "PATH": "/usr/bin:/bin", "TERM": "dumb", "INPUTRC": "/dev/null"}
    dropdb = None
    if a.backend == "sqlite":
        db = os.path.join(work, "live.sqlite")
    else:
        base = os.environ.get("YUQING_TEST_PG")
        if not base:
            sys.exit("live: --backend postgres needs YUQING_TEST_PG (eval \"$(scripts/pg-dev.sh start)\")")
        name = "yq_live_" + uuid.uuid4().hex[:8]
        host = base.split("host=")[1].split("&")[0]
        user = base.split("user=")[1].split("&")[0] if "user=" in base else "postgres"
        subprocess.run(["createdb", "-h", host, "-U", user, name], check=True)
        dropdb = ["dropdb", "-h", host, "-U", user, name]
        db = base.replace("///postgres?", f"///{name}?")

    desks = []
    try:
        chair = Desk(binary, db, env)
        desks.append(chair)
        assert wait_for(desks, chair, "]> "), chair.out
        # The benchmark's user is the new store's administrator (its first operator), recording as the people.
        mark = len(chair.out)
        chair.send("as 王敏 --role coordinator --dept open-gov\r")
        assert wait_for(desks, chair, "]> ", mark), chair.out[mark:]
        idle_outside = idle_cpu(desks, chair, a.idle)

        other = Desk(binary, db, env)
        desks.append(other)
        assert wait_for(desks, other, "]> "), other.out
        mark = len(other.out)
        other.send("as 王芳 --role liaison --dept police\r")
        assert wait_for(desks, other, "]> ", mark), other.out[mark:]
        mark = len(chair.out)
        chair.send('meeting open "性能测试会商"\r')
        assert wait_for(desks, chair, "[M1 ", mark), chair.out[mark:]
        other.send("meeting join M1\r")
        assert wait_for(desks, other, "Joined M1"), other.out
        idle_meeting = idle_cpu(desks, chair, a.idle)

        from_answer, from_enter = [], []
        for k in range(a.n):
            text = f"remark {k:04d} 第{k}条发言"
            c_mark, o_mark = len(chair.out), len(other.out)
            enter = time.monotonic()
            other.send(f'say "{text}"\r')
            assert wait_for(desks, other, f"] {text}", o_mark), other.out[o_mark:]
            assert wait_for(desks, chair, f"] {text}", c_mark), chair.out[c_mark:]
            answered, shown = other.when(f"] {text}", o_mark), chair.when(f"] {text}", c_mark)
            from_answer.append(max(0.0, shown - answered) * 1000)
            from_enter.append((shown - enter) * 1000)
            pump_all(desks, a.gap)

        print(f"yuqing live terminals — {a.backend}, {'debug' if a.debug else 'release'} build, {os.cpu_count()} cores")
        print(f"idle CPU of a waiting REPL: {idle_outside:.2f} % of one core outside a meeting, "
              f"{idle_meeting:.2f} % in a meeting ({a.idle:.0f} s each)")
        for name, v in (("commit (other desk's answer) → line", from_answer), ("Enter at the other desk → line", from_enter)):
            print(f"{name}: median {statistics.median(v):.0f} ms, p95 {pct(v, 95):.0f} ms, max {max(v):.0f} ms "
                  f"({len(v)} remarks)")
    finally:
        for d in desks:
            d.close()
        if dropdb:
            subprocess.run(dropdb, check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
