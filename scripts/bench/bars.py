#!/usr/bin/env python3
"""The speed bars of issue 14 (and brief section 7), each measured next to its anchor in one run.

At N cases (default 100,000) and, with --big M (e.g. 1000000), at M cases:

  1. mixed script: collect, claim, assess, report, verify, respond for --mixed cases (default 4,500), against
     sqlite3 inserting the very event rows yuqing stored (read back from its store: same table, indexes, pragmas,
     WAL, a transaction per 1,000 rows). Bar: within 3x. Next to it, the floor: sqlite3 inserting every row yuqing
     stored (events and the projections kept in the same transaction), the same way.
  2. collect-only script of N commands, against sqlite3 inserting its event rows the same way. Bar: within 3x.
  3. `store rebuild` on N (and M) events, against reading the events table with sqlite3. Bar: < 3 s at 100k,
     < 30 s at 1M.
  4. `cases where title ~ 水质`, `cases where text ~ 水质` (a word in most cases) and `cases where text ~ 氨氮`
     (a word in one case in 1,000), the first screen page, and `search` (ranked) of both words (median wall and
     CPU time). Bar: < 50 ms at 1M. scripts/bench/search.py measures these on a store already built.
  5. `overdue` and filtered `cases` listings (the first screen page), asked by the store's administrator, and
     `count by source` (no bar: it counts every case). Bar: < 50 ms at 1M (brief section 7).
  6. `cases --format csv` over every case: peak memory. Bar: < 150 MB at 1M.
  7. `extensions`: median (an index read); the REPL at rest on a pseudo-terminal: resident memory after 5 quiet
     seconds and its share of a core over 10 more. Bar: < 30 MB, < 1 % of a core (brief section 7).
  8. start-up to the first answer of `yuqing -c "show C…"` (median), next to `echo ok` and a sqlite3 select.
     Bar: < 25 ms at 1M.

The stores are built by running the collect script through the release binary (the whole command path, batched
with a commit point every 1,000 commands), then checked with `audit verify`. `score` and `accountability` are
measured by scripts/bench/supervision.py, not here.

Run from the repository:  python3 scripts/bench/bars.py [--n 100000] [--mixed 4500] [--big 1000000] [--no-build]
                                                       [--scripts-only]
It builds yuqing in release mode with a static Swift runtime (scratch path .build-static) first: that is the binary
users install (README).
"""
import argparse, os, shutil, sqlite3, statistics, subprocess, sys, tempfile, time, unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from yuqing_build import build, ROOT  # noqa: E402

SOURCES = ["weibo", "forum", "wechat", "news", "website", "video"]
TITLES = ["网友反映路口红绿灯故障", "网传化工厂夜间异味", "市民投诉小区噪音扰民", "关于某小区自来水水质发黄的帖子",
          "网友反映公交线路调整不便", "网传某路段积水严重", "居民反映垃圾清运不及时"]
EXCERPTS = ["居民反映已持续三天。", "多名网友转发，要求有关部门回应。", "疑似河道水质异常，有网友拍到死鱼。"]


def collect_line(i, at=None):
    # One title in 7 and one excerpt in 3 hold 水质 (titles and excerpts are both searched by `text ~`): a word
    # found everywhere. One excerpt in 1,000 holds 氨氮: a rare word, as most searches are.
    at = f" --at {at}" if at else ""
    excerpt = "水体氨氮超标。" if i % 1000 == 7 else EXCERPTS[i % 3]
    return (f'collect "{TITLES[i % 7]} {i}" --url https://example.com/{i} --source {SOURCES[i % 6]} '
            f'--excerpt "{excerpt}" --reposts {i % 500}{at}\n')


def collect_script(path, n):
    with open(path, "w") as f:
        # The machine's user becomes the store's administrator and records as the patrol on duty.
        f.write("clock set 2019-12-02T09:00\nas 陈晓 --role patrol --dept open-gov\n")
        for i in range(n):
            f.write(collect_line(i))


def mixed_script(path, cases):
    """Every case through collect, claim, assess, report, verify and respond, a block of 500 cases at a time (the
    roles change per block, as a day's work would), with times moving forward through working days."""
    with open(path, "w") as f:
        f.write("clock set 2020-03-02T09:00\n")
        f.write("as 王敏 --role coordinator --dept open-gov\ndept contact police --leader 刘建军 --staff 李娜\n")
        days = ["2020-01-%02d" % d for d in (6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 20, 21, 22, 23)]
        done = 0
        for day in days * (cases // (500 * len(days)) + 1):
            if done >= cases:
                break
            ids = range(done + 1, min(cases, done + 500) + 1)
            f.write("as 陈晓 --role patrol --dept open-gov\n")
            for i in ids:
                f.write(collect_line(i, at=f"{day}T09:{i % 60:02d}").replace("--reposts", "--dept police --reposts"))
            f.write("as 李娜 --role liaison --dept police\n")
            for i in ids:
                m = f"{i % 60:02d}"
                f.write(f"claim C{i} --at {day}T10:{m}\n")
                f.write(f"assess C{i} --level general --at {day}T11:{m}\n")
                f.write(f'report C{i} --text "已通知相关单位处理" --at {day}T12:{m}\n')
                f.write(f'verify C{i} --summary "经核实，情况属实，已处理" --at {day}T15:{m}\n')
                f.write(f'respond C{i} --channel weibo --text "已处理完毕" --at {day}T16:{m}\n')
            done = ids[-1]


def anchor_sql(db, out):
    """The events yuqing stored, as an SQL file for sqlite3: the same table and indexes, WAL with synchronous =
    FULL (yuqing's settings), one transaction per 1,000 rows."""
    src = sqlite3.connect(db)
    ddl = [r[0] for r in src.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND sql IS NOT NULL "
                                     "ORDER BY type = 'index'")]
    cols = [r[1] for r in src.execute("PRAGMA table_info(events)")]
    n = 0
    with open(out, "w") as f:
        f.write("PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\n")
        for s in ddl:
            f.write(s + ";\n")
        for row in src.execute(f"SELECT {', '.join(cols)} FROM events ORDER BY seq"):
            if n % 1000 == 0:
                f.write("BEGIN;\n")
            vals = [sql_value(v) for v in row]
            f.write(f"INSERT INTO events({', '.join(cols)}) VALUES ({', '.join(vals)});\n")
            n += 1
            if n % 1000 == 0:
                f.write("COMMIT;\n")
        if n % 1000:
            f.write("COMMIT;\n")
    src.close()
    return n


def sql_value(v):
    if v is None:
        return "NULL"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, bytes):
        return "X'" + v.hex() + "'"
    return "'" + v.replace("'", "''") + "'"


def grams(text):
    """SearchGrams.document: each run of letters and digits (any script) as its pairs plus its last character."""
    out, prev = [], None
    for ch in text:
        token = ch.isascii() and ch.isalnum() or not ch.isascii() and unicodedata.category(ch) in (
            "Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No")
        if not token:
            if prev:
                out.append(prev)
            prev = None
            continue
        if prev:
            out.append(prev + ch)
        prev = ch
    if prev:
        out.append(prev)
    return " ".join(out)


def floor_sql(db, out):
    """Every row yuqing stored — the events and the projections it keeps in the same transaction (cases, post URLs,
    due index, search text and its FTS5 grams, extensions, checkpoints) — as an SQL file for sqlite3, with yuqing's
    schema and indexes and a transaction per 1,000 events (each table's rows spread evenly over them). A floor, not
    an anchor: yuqing rewrites a case's rows each batch that touches it; this inserts each final row once."""
    src = sqlite3.connect(db)
    ddl = [r[0] for r in src.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'case_search_%' "
        "AND name NOT LIKE 'grdb_%' ORDER BY type = 'index', rowid")]
    tables = [r[0] for r in src.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
        "AND name NOT LIKE 'case_search_%' AND name NOT LIKE 'grdb_%' AND name NOT LIKE 'sqlite_%'")]
    rows = {}
    for t in tables:
        cols = [r[1] for r in src.execute(f"PRAGMA table_info({t})")]
        rows[t] = [f"INSERT INTO {t}({', '.join(cols)}) VALUES ({', '.join(sql_value(v) for v in r)});"
                   for r in src.execute(f"SELECT {', '.join(cols)} FROM {t}")]
    if "case_text" in tables:
        rows["case_search"] = [f"INSERT INTO case_search(rowid, grams) VALUES ({n}, {sql_value(grams(b))});"
                               for n, b in src.execute("SELECT num, body FROM case_text ORDER BY num")]
    src.close()
    n = len(rows.get("events", []))
    chunks = max(1, (n + 999) // 1000)
    with open(out, "w") as f:
        f.write("PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\n")
        for s in ddl:
            f.write(s + ";\n")
        for k in range(chunks):
            f.write("BEGIN;\n")
            for t, rs in rows.items():
                for r in rs[k * len(rs) // chunks:(k + 1) * len(rs) // chunks]:
                    f.write(r + "\n")
            f.write("COMMIT;\n")
    return sum(len(rs) for rs in rows.values())


def run(cmd, stdin=None):
    """Runs one child; returns its wall time and its CPU time (user + system, from its own rusage). The machine is
    shared, so CPU time is the steadier figure: wall time also counts the waiting for a core."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        raise subprocess.CalledProcessError(p.returncode, cmd)
    return wall, ru.ru_utime + ru.ru_stime


def timed(cmd, **kw):
    return run(cmd, **kw)[0]


def median_ms(cmd, runs=11):
    return statistics.median(timed(cmd) * 1000 for _ in range(runs))


def median_ms_cpu(cmd, runs=11):
    """Median wall and median CPU time (user + system of the child), in ms."""
    got = [run(cmd) for _ in range(runs)]
    return statistics.median(w for w, _ in got) * 1000, statistics.median(c for _, c in got) * 1000


def peak_rss_mb(cmd):
    """The child's own peak memory, from GNU time: a child started by this script would report this script's
    high-water mark as its own `ru_maxrss` (Linux keeps the parent's mark across vfork and exec), and by then the
    script holds the floor's SQL (400 MB at 100k)."""
    if not os.path.exists("/usr/bin/time"):
        sys.exit("bars: /usr/bin/time is required for peak memory (apt-get install time)")
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True, check=True)
    return int(p.stderr.strip().splitlines()[-1]) / 1024


def repl_at_rest(cmd, settle=5.0, watch=10.0):
    """The REPL on a pseudo-terminal, waiting at its prompt: resident memory (VmRSS) after `settle` seconds of quiet
    (it gives its executable's pages back after 3, `IdlePages`) and the share of a core it used over the next
    `watch` seconds. Ends it with Ctrl-D."""
    import pty
    master, slave = pty.openpty()
    p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    try:
        time.sleep(settle)
        with open(f"/proc/{p.pid}/status") as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024

        def ticks():
            with open(f"/proc/{p.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
        t0 = ticks()
        time.sleep(watch)
        share = (ticks() - t0) / os.sysconf("SC_CLK_TCK") / watch * 100
        os.write(master, b"\x04")
        p.wait(timeout=10)
    finally:
        if p.poll() is None:
            p.kill()
        os.close(master)
    return rss, share


class Table:
    def __init__(self):
        self.rows = []

    def add(self, work, measured, anchor, bar, met):
        self.rows.append((work, measured, anchor, bar, "met" if met else "**not met**" if met is False else "—"))
        print(f"{work}: {measured} | anchor: {anchor} | bar: {bar}", flush=True)

    def markdown(self):
        out = ["| work | yuqing | anchor / floor | bar | verdict |", "|---|---|---|---|---|"]
        out += ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join(out)


def script_row(t, yq, work, label, lines, cases):
    db = os.path.join(work, f"{label}.sqlite")
    y, ycpu = run(yq + ["--db", db, "run", lines])
    sqlf, anchor_db = os.path.join(work, f"{label}.sql"), os.path.join(work, f"{label}-anchor.sqlite")
    rows = anchor_sql(db, sqlf)
    with open(sqlf) as f:
        s, scpu = run(["sqlite3", anchor_db], stdin=f)
    t.add(f"{label} ({cases:,} cases, {rows:,} events)",
          f"{y:.2f} s ({y / s:.1f}×); CPU {ycpu:.2f} s ({ycpu / scpu:.1f}×)",
          f"sqlite3, same {rows:,} rows: {s:.2f} s; CPU {scpu:.2f} s", "≤ 3×",
          # Judged by CPU: wall time carries the wait for a core on a shared machine and sqlite3's fsyncs waiting
          # on a busy disk (1 s of a 2 s run at load 7), which can make the ratio look met when it is not.
          ycpu / scpu <= 3)
    # What the same sqlite3 pays to insert everything yuqing stores (not only the events): how much of the ratio
    # is the data kept, not the program keeping it.
    floorf, floor_db = os.path.join(work, f"{label}-floor.sql"), os.path.join(work, f"{label}-floor.sqlite")
    stored = floor_sql(db, floorf)
    with open(floorf) as f:
        fl, flcpu = run(["sqlite3", floor_db], stdin=f)
    t.add(f"{label}: floor, every stored row ({stored:,} rows)",
          f"sqlite3: {fl:.2f} s ({fl / s:.1f}× the anchor); CPU {flcpu:.2f} s ({flcpu / scpu:.1f}×)",
          "the anchor above", "—", None)
    return db


def store_rows(t, yq, db, n, big):
    scale = f"{n:,}"
    verified = subprocess.run(yq + ["--db", db, "-c", "audit verify"], capture_output=True, text=True)
    if verified.returncode:
        sys.exit(f"bars: audit verify failed on the {scale}-case store:\n{verified.stdout}{verified.stderr}")
    read, readcpu = run(["sqlite3", db, "SELECT * FROM events"])
    r, rcpu = run(yq + ["--db", db, "-c", "store rebuild"])
    t.add(f"`store rebuild`, {scale} events", f"{r:.2f} s; CPU {rcpu:.2f} s",
          f"reading the events table: {read:.2f} s; CPU {readcpu:.2f} s", "< 30 s" if big else "< 3 s",
          r < (30 if big else 3))
    # Search, and the brief's query bar (`overdue` and filtered `cases` on 1M cases): the first screen page, asked by
    # the store's administrator. `count by source` has no bar (every case is counted).
    for q, bar in [("cases where title ~ 水质", True), ("cases where text ~ 水质", True), ("cases where text ~ 氨氮", True),
                   ("search 水质", True), ("search 氨氮", True), ("overdue", True),
                   ("cases where source = weibo and stage = collected limit 50", True),
                   ("cases where dept = none limit 50", True), ("count by source", False)]:
        ms, cpu = median_ms_cpu(yq + ["--db", db, "-c", q])
        t.add(f"`{q}`, {scale} cases", f"{ms:.0f} ms; CPU {cpu:.0f} ms", "—", "< 50 ms at 1M" if bar else "—",
              (ms < 50 if big else None) if bar else None)
    mb = peak_rss_mb(yq + ["--db", db, "-c", "cases --format csv"])
    t.add(f"`cases --format csv`, {scale} rows", f"{mb:.0f} MB peak", "—", "< 150 MB at 1M", mb < 150 if big else None)
    rss, share = repl_at_rest(yq + ["--db", db])
    t.add(f"the REPL at rest (5 s at the prompt), {scale} cases", f"{rss:.1f} MB resident; {share:.2f} % of a core",
          "—", "< 30 MB; < 1 % of a core", rss < 30 and share < 1)
    ms = median_ms(yq + ["--db", db, "-c", "extensions --all"])
    t.add(f"`extensions --all`, {scale} cases", f"{ms:.0f} ms", "—", "an index read", None)
    ms, cpu = median_ms_cpu(yq + ["--db", db, "-c", f"show C{n // 2}"], 21)
    echo, echocpu = median_ms_cpu(yq + ["--db", db, "-c", "echo ok"], 21)
    sel, selcpu = median_ms_cpu(["sqlite3", db, f"SELECT title FROM cases WHERE num = {n // 2}"], 21)
    t.add(f"start-up to first answer (`show`), {scale} cases", f"{ms:.1f} ms; CPU {cpu:.1f} ms",
          f"`echo ok` {echo:.1f} ms (CPU {echocpu:.1f}); sqlite3 select {sel:.1f} ms (CPU {selcpu:.1f})", "< 25 ms",
          ms < 25)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--mixed", type=int, default=4_500)
    ap.add_argument("--big", type=int, default=0)
    ap.add_argument("--no-build", action="store_true", help="use .build-static/release/yuqing as it is")
    ap.add_argument("--scripts-only", action="store_true", help="measure the two script rows only (while iterating)")
    a = ap.parse_args()
    if not shutil.which("sqlite3"):
        sys.exit("bars: sqlite3 is required (apt-get install sqlite3)")
    binary = os.path.join(ROOT, ".build-static", "release", "yuqing") if a.no_build else build()
    yq = [binary, "--no-init"]
    work = tempfile.mkdtemp(prefix="yuqing-bars-")
    t = Table()
    try:
        path = os.path.join(work, "mixed.yq")
        mixed_script(path, a.mixed)
        script_row(t, yq, work, "mixed script", path, a.mixed)
        path = os.path.join(work, "collect.yq")
        collect_script(path, a.n)
        db = script_row(t, yq, work, "collect-only script", path, a.n)
        if not a.scripts_only:
            store_rows(t, yq, db, a.n, big=False)
        if a.big and not a.scripts_only:
            path = os.path.join(work, "big.yq")
            collect_script(path, a.big)
            bigdb = os.path.join(work, "big.sqlite")
            s = timed(yq + ["--db", bigdb, "run", path])
            print(f"built a store of {a.big:,} cases in {s:.0f} s", flush=True)
            os.remove(path)
            store_rows(t, yq, bigdb, a.big, big=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(t.markdown())


if __name__ == "__main__":
    main()
