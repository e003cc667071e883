#!/usr/bin/env python3
"""`collect import` at volume: N rows (default 100,000) of a platform-shaped CSV (Chinese headers, counts such as
`1.2万`, times in several forms, every tenth row a later observation of an earlier post under another URL) imported
into a fresh SQLite store as one all-or-nothing transaction; then the same file in GB18030, a `--dry-run` of it, and
`store rebuild` of the resulting store. (No .xlsx at this size: LibreOffice takes minutes to write one.)

Memory is flat when the peak resident size does not grow with the number of rows: the script imports N/20, N/4 and
N rows and prints the three peaks side by side (GNU time's maximum resident set size).

Run from the repository:  python3 scripts/bench/import.py [--n 100000]
It builds yuqing in release mode with a static Swift runtime (scratch path .build-static), like bars.py.
"""
import argparse, os, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bars import ROOT, build  # noqa: E402

PLATFORMS = ["新浪微博", "微信公众号", "抖音", "今日头条", "快手", "知乎", "百度贴吧", "人民网领导留言板", "澎湃新闻", "B站"]


def url(i):
    kind = i % 5
    if kind == 0:
        return f"https://weibo.com/1749127163/{i}?refer_flag=1001030103_"
    if kind == 1:
        return f"https://mp.weixin.qq.com/s?__biz=MzA5NjM4NDYwMA==&mid={2650000000 + i}&idx=1&sn=ab{i}&chksm=8b5e&scene=27"
    if kind == 2:
        return f"https://www.douyin.com/video/{7341234567890000000 + i}?previous_page=app_code_link"
    if kind == 3:
        return f"https://www.toutiao.com/article/{7341234567000 + i}/?log_from=abc"
    return f"https://news.example.cn/2024/03/{i}.html?utm_source=weibo"


def variant(i):
    """The same post under another address (mobile host, other tracking parameters)."""
    u = url(i)
    return u.replace("https://www.", "http://m.").replace("refer_flag=1001030103_", "from=timeline")


def write_csv(path, n):
    with open(path, "w", encoding="utf-8") as f:
        f.write("序号,标题,链接,来源,发布时间,作者,转发数,评论数,阅读数,正文摘要\n")
        for r in range(n):
            repeat = r % 10 == 9
            i = r - 5 if repeat else r
            when = ["2024/03/01 09:10", "2024-03-01 10:20:00", "2024年3月1日 11:05"][r % 3]
            views = f"{(r % 90) / 10 + 1:.1f}万"
            reposts = f'"{1000 + r % 9000:,}"'
            f.write(f'{r + 1},网传明光市某小区问题 {i},{variant(i) if repeat else url(i)},{PLATFORMS[i % len(PLATFORMS)]},'
                    f'{when},作者{i % 977},{reposts},{r % 300},{views},"摘要 {i}：居民反映情况，要求答复"\n')


PATROL = "as 陈晓 --role patrol --dept open-gov"


def answers(out):
    """The commands' own output, without the enrolment's lines (the patrol added, "Now acting as")."""
    return "\n".join(l for l in out.strip().splitlines()
                     if not l.startswith("Now acting as") and not l.endswith("added to the directory."))


def run(binary, db, *commands):
    """Runs yuqing as a child and returns (seconds, peak RSS of the children so far in MB)."""
    # The machine's user becomes the store's administrator and records as the patrol on duty.
    args = [binary, "--db", db, "--lang", "en", "-c", PATROL]
    for c in commands:
        args += ["-c", c]
    env = dict(os.environ, YUQING_NOW="2024-03-01T17:00")
    t = time.perf_counter()
    p = subprocess.run(args, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(commands)}\n{p.stdout}{p.stderr}")
    return elapsed, answers(p.stdout)


def peak_of(binary, db, command):
    """Seconds and peak resident size (MB) of one run, measured by GNU time (`apt-get install time`)."""
    env = dict(os.environ, YUQING_NOW="2024-03-01T17:00")
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "--db", db, "--lang", "en",
                        "-c", PATROL, "-c", command], env=env,
                       capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"failed: {command}\n{p.stdout}{p.stderr}")
    return elapsed, int(p.stderr.strip().splitlines()[-1]) / 1024, answers(p.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    a = ap.parse_args()
    binary = build()
    with tempfile.TemporaryDirectory() as d:
        rows = {}
        for n in (a.n // 20, a.n // 4, a.n):
            csv = os.path.join(d, f"export-{n}.csv")
            write_csv(csv, n)
            db = os.path.join(d, f"import-{n}.sqlite")
            secs, mb, out = peak_of(binary, db, f"collect import {csv}")
            rows[n] = (secs, mb, out, os.path.getsize(csv))
        n = a.n
        gb = os.path.join(d, "export-gb18030.csv")
        subprocess.run(["iconv", "-f", "UTF-8", "-t", "GB18030", "-o", gb, os.path.join(d, f"export-{n}.csv")], check=True)
        gb_secs, _ = run(binary, os.path.join(d, "gb.sqlite"), f"collect import {gb}")
        dry_secs, _ = run(binary, os.path.join(d, "dry.sqlite"), f"collect import {os.path.join(d, f'export-{n}.csv')} --dry-run")
        rebuild_secs, _ = run(binary, os.path.join(d, f"import-{n}.sqlite"), "store rebuild")
        _, count = run(binary, os.path.join(d, f"import-{n}.sqlite"), "count by source --format csv")
    print(f"rows       file      seconds  rows/s   peak RSS  result")
    for k, (secs, mb, out, size) in rows.items():
        print(f"{k:<10,} {size / 1e6:5.1f} MB  {secs:7.1f}  {k / secs:7,.0f}  {mb:6.0f} MB  {out}")
    print(f"GB18030 copy of {n:,} rows: {gb_secs:.1f} s; --dry-run: {dry_secs:.1f} s; store rebuild after it: {rebuild_secs:.1f} s")
    print("cases by source:", count.replace("\n", "; "))
    verdict = "met" if rows[n][0] < 60 else "NOT met"
    print(f"bar: {n:,} rows in one transaction under a minute: {verdict}")


if __name__ == "__main__":
    main()
