#!/usr/bin/env python3
"""Shared-store throughput: commands per second with 1, 8 and 32 concurrent yuqing writer processes, on one SQLite
file and on one PostgreSQL database side by side, with pgbench's insert rates on the same server as the floor.

Each writer process runs N `collect` commands, in two ways: as a script (`yuqing run FILE`), as a desk importing
or a drill would (scripts commit every 1,000 commands or 250 ms); and typed into the REPL through a pseudo-terminal
(`script`), as desks work (the REPL commits every command before answering). After each run the ids printed are checked (no duplicate,
no gap) and `audit verify` must pass. pgbench runs two one-statement workloads against a table shaped like the
event log: a plain INSERT per transaction, and the same INSERT behind `pg_advisory_xact_lock` (what a chained
append costs without yuqing's own work: the ceiling of a single global chain).

Usage: python3 scripts/bench/shared-store.py [--n 200] [--repl-n 100] [--writers 1,8,32] [--seconds 5] [--binary PATH]
Without YUQING_TEST_PG, a throwaway cluster is started with scripts/pg-dev.sh and stopped afterwards.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def pg_url_parts(url):
    m = re.match(r"postgres(?:ql)?:///([^?]*)\?(.*)", url)
    if not m:
        sys.exit("shared-store: YUQING_TEST_PG must be a socket URL like postgres:///postgres?host=/dir&user=postgres")
    params = dict(p.split("=", 1) for p in m.group(2).split("&"))
    return params["host"], params.get("user", "postgres"), params.get("port", "5432")


def psql(host, user, db, sql):
    return sh(["psql", "-X", "-q", "-At", "-h", host, "-U", user, "-d", db, "-c", sql])


def writers_run(binary, backend, n, w, pg, work, repl=False):
    """Starts w writer processes on one fresh store, each running n collects (a script, or typed into the REPL);
    returns (seconds, ok, failed)."""
    home = tempfile.mkdtemp(prefix="yq-bench-", dir=work)
    env = {"HOME": home, "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home, "LANG": "C.UTF-8", "NO_COLOR": "1",
           "YUQING_NOW": "2019-12-19T09:00", "PATH": "/usr/bin:/bin", "TERM": "dumb", "INPUTRC": "/dev/null"}
    if backend == "sqlite":
        db = os.path.join(home, "shared.sqlite")
    else:
        host, user, port = pg
        name = "yq_bench_" + uuid.uuid4().hex[:10]
        psql(host, user, "postgres", f"CREATE DATABASE {name}")
        db = f"postgres:///{name}?host={host}&port={port}&user={user}"
    # The machine's user becomes the new store's administrator, who does not work cases (docs/security.md): the
    # patrol on duty is added here, and every writer records as them.
    patrol = "as 陈晓 --role patrol --dept open-gov"
    subprocess.run([binary, "--no-init", "--db", db, "-c", patrol], env=env, check=True, capture_output=True)
    files = []
    for k in range(w):
        path = os.path.join(home, f"w{k}.yq")
        with open(path, "w") as f:
            f.write(patrol + "\n")
            for i in range(n):
                f.write(f'collect "写入者{k} 第{i}条" --url https://x.cn/{k}/{i} --source weibo\n')
            if repl:
                f.write("quit\n")
        files.append(path)
    t0 = time.monotonic()
    if repl:
        # A pseudo-terminal makes yuqing a REPL: every command is committed before its answer.
        cmd = f"{binary} --no-init --db '{db}'"
        procs = [subprocess.Popen(["script", "-qc", cmd, "/dev/null"], env=env, stdin=open(p),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8",
                                  errors="replace") for p in files]
    else:
        procs = [subprocess.Popen([binary, "--no-init", "--db", db, "run", p], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True) for p in files]
    outs = [p.communicate()[0] for p in procs]
    seconds = time.monotonic() - t0
    ids = [int(m) for o in outs for m in re.findall(r"C(\d+) collected from", o)]
    failed = sum(1 for p in procs if p.returncode != 0)
    if len(set(ids)) != len(ids) or sorted(ids) != list(range(1, len(ids) + 1)):
        sys.exit(f"shared-store: {backend} x{w}: printed ids are not 1…{len(ids)} without duplicates")
    audit = subprocess.run([binary, "--no-init", "--db", db, "-c", "audit verify"], env=env, capture_output=True,
                           text=True)
    # The log holds the collects and the enrolment before them (the administrator, the patrol).
    logged = re.search(r"(\d+) events", audit.stdout)
    if audit.returncode != 0 or not logged or int(logged.group(1)) < len(ids):
        sys.exit(f"shared-store: {backend} x{w}: audit verify: {audit.stdout}{audit.stderr}")
    if backend == "postgres":
        psql(pg[0], pg[1], "postgres", f"DROP DATABASE {name} WITH (FORCE)")
    shutil.rmtree(home, ignore_errors=True)
    return seconds, len(ids), failed


def pgbench(pg, clients, seconds, work):
    host, user, port = pg
    name = "yq_pgbench_" + uuid.uuid4().hex[:10]
    psql(host, user, "postgres", f"CREATE DATABASE {name}")
    psql(host, user, name, "CREATE TABLE events (seq bigserial PRIMARY KEY, payload text NOT NULL)")
    payload = "repeat('x', 600)"  # about a collected event's payload and hashes
    scripts = {
        "insert": f"INSERT INTO events(payload) VALUES ({payload});\n",
        "locked": f"BEGIN;\nSELECT pg_advisory_xact_lock(1);\nINSERT INTO events(payload) VALUES ({payload});\nEND;\n",
    }
    rates = {}
    for kind, text in scripts.items():
        path = os.path.join(work, f"{kind}.sql")
        with open(path, "w") as f:
            f.write(text)
        out = sh(["pgbench", "-n", "-h", host, "-U", user, "-f", path, "-c", str(clients),
                  "-j", str(min(clients, 2)), "-T", str(seconds), name])
        rates[kind] = float(re.search(r"tps = ([\d.]+)", out).group(1))
    psql(host, user, "postgres", f"DROP DATABASE {name} WITH (FORCE)")
    return rates


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200, help="commands per writer process (scripts)")
    ap.add_argument("--repl-n", type=int, default=100, help="commands per writer process (typed into the REPL)")
    ap.add_argument("--writers", default="1,8,32")
    ap.add_argument("--seconds", type=int, default=5, help="length of each pgbench run")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "yuqing"))
    args = ap.parse_args()
    if not os.access(args.binary, os.X_OK):
        print("shared-store: building yuqing (release)…", file=sys.stderr)
        subprocess.run(["swift", "build", "-c", "release", "--product", "yuqing"], cwd=ROOT, check=True)
    started = False
    url = os.environ.get("YUQING_TEST_PG")
    if not url:
        out = sh([os.path.join(ROOT, "scripts", "pg-dev.sh"), "start"])
        url = re.search(r"YUQING_TEST_PG='([^']+)'", out).group(1)
        started = True
    pg = pg_url_parts(url)
    work = tempfile.mkdtemp(prefix="yq-shared-bench-")
    try:
        counts = [int(x) for x in args.writers.split(",")]
        print(f"collect commands: {args.n} per script, {args.repl_n} per REPL session; "
              "commands/s = successful commands / wall time")
        print()
        print("| writers | scripts: SQLite cmd/s | scripts: PostgreSQL cmd/s | REPL: SQLite cmd/s "
              "| REPL: PostgreSQL cmd/s | pgbench INSERT tps | pgbench INSERT under advisory lock tps |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for w in counts:
            cells = []
            for repl in [False, True]:
                for backend in ["sqlite", "postgres"]:
                    s, ok, failed = writers_run(args.binary, backend, args.repl_n if repl else args.n, w, pg, work,
                                                repl=repl)
                    note = f" ({failed} of {w} failed: busy)" if failed else ""
                    cells.append(f"{ok / s:,.0f}{note}")
            rates = pgbench(pg, w, args.seconds, work)
            print(f"| {w} | {' | '.join(cells)} | {rates['insert']:,.0f} | {rates['locked']:,.0f} |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if started:
            subprocess.run([os.path.join(ROOT, "scripts", "pg-dev.sh"), "stop"])


if __name__ == "__main__":
    main()
