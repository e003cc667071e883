#!/usr/bin/env python3
"""Generate dated case scenarios as yuqing scripts, run them through the real executable and compare every
deadline of `why --format json` with the independent oracle (scripts/check/oracle.py).

    pip install chinesecalendar
    python3 scripts/check/deadline_check.py [--n 400] [--seed 7] [--yuqing .build/debug/yuqing] [--keep DIR]

Each scenario is one case in a fresh SQLite store (under a temporary folder), with `--at` times chosen around
nights, weekends, holidays, make-up working days, the last working day before a holiday and exact midnights.
Prints every disagreement (scenario script, rule, yuqing's due, the oracle's due) and the agreement count; exits 1
when anything disagrees. --keep DIR keeps the scripts and outputs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chinese_calendar  # noqa: E402

from oracle import NoData, add_working_days, claim_due, deadlines, is_workday, national, statuses  # noqa: E402

D = dt.timedelta
TZ = dt.timezone(D(hours=8))


def fmt(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M")


def interesting_days(rng: random.Random) -> list[dt.date]:
    """Holidays, make-up working days, the days either side of them, plus ordinary days, 2019-2026."""
    days = []
    for y in range(2019, 2027):
        for day in chinese_calendar.get_holidays(dt.date(y, 1, 1), dt.date(y, 12, 31), include_weekends=False):
            days += [day - D(days=1), day, day + D(days=1)]
        for day in chinese_calendar.get_workdays(dt.date(y, 1, 1), dt.date(y, 12, 31), include_weekends=False):
            if day.weekday() >= 5:  # a make-up working day
                days += [day - D(days=1), day, day + D(days=1)]
    days = [d for d in days if dt.date(2019, 1, 2) <= d <= dt.date(2026, 12, 31)]
    for _ in range(len(days) // 3):
        days.append(dt.date(2019, 1, 1) + D(days=rng.randrange(8 * 365)))
    return sorted(set(days))


TIMES = ["00:00", "00:30", "07:59", "08:00", "09:10", "12:00", "16:00", "17:30", "17:59", "18:00", "20:00",
         "22:00", "23:00", "23:59"]


def scenario(i: int, rng: random.Random, days: list[dt.date]) -> tuple[str, list[dict], dt.datetime, dict]:
    """One case: the script text, the events for the oracle, now and the policy options."""
    opts = {}
    r = rng.random()
    if r < 0.08:
        opts["deemed"] = True
    elif r < 0.16:
        opts["cutoff"] = dt.time(17, 30)
    r = rng.random()
    if r < 0.07:
        opts["readings"] = frozenset({"escalation-from liaison"})
    elif r < 0.14:
        opts["readings"] = frozenset({"high-response-from review"})
    elif r < 0.20:
        opts["national"] = True
    day = rng.choice(days)
    if day.year == 2026 and day.month == 12 and rng.random() < 0.5:
        day = day - D(days=40)  # most scenarios stay inside the calendar
    hh, mm = map(int, rng.choice(TIMES).split(":"))
    t0 = dt.datetime.combine(day, dt.time(hh, mm))
    lines: list[str] = []
    events: list[dict] = [{"kind": "collected", "at": t0}]
    lines += ["as 陈晓 --role patrol --dept open-gov",
              f'collect "scenario {i}" --url https://example.com/s{i} --source weibo --category demand --at {fmt(t0)}']
    due = claim_due(t0)
    late = rng.random() < 0.2
    span = int((due - t0).total_seconds() // 60)
    t = due + D(minutes=rng.choice([1, 30, 200])) if late else t0 + D(minutes=rng.choice([0, 1, span // 2, span]))
    if late and rng.random() < 0.6:
        lines += ["as 王敏 --role coordinator --dept open-gov", f"assign C1 police --at {fmt(t)}"]
    else:
        lines += ["as 李娜 --role liaison --dept police", f"claim C1 --at {fmt(t)}"]
    events.append({"kind": "claimed", "at": t})
    claimed = t

    def step(lo_min: int, hi_min: int) -> dt.datetime:
        nonlocal t
        choices = [rng.randint(lo_min, hi_min), lo_min, 60 * 24, 60 * 2, 60 * 2 + 1]
        t = t + D(minutes=max(lo_min, min(hi_min, rng.choice(choices))))
        return t

    level = None
    ops = []
    if rng.random() < 0.8:
        ops.append("assess")
    if rng.random() < 0.6:
        ops.append("report")
    rng.shuffle(ops)
    if "assess" in ops and rng.random() < 0.2:
        ops.append("reassess")
    for op in ops:
        at = step(0, 240)
        if op in ("assess", "reassess"):
            level = rng.choice(["general", "high-attention", "major-sensitive"])
            hist = rng.random() < 0.2
            if not hist and rng.random() < 0.25:  # a meeting's decision (outside a meeting: no meeting)
                lines += ["as 王敏 --role coordinator --dept open-gov", f"decide C1 level {level} 会商定级 --at {fmt(at)}"]
            else:
                lines += ["as 李娜 --role liaison --dept police",
                          f"assess C1 --level {level}{' --historical' if hist else ''} --at {fmt(at)}"]
            events.append({"kind": "assessed", "at": at, "level": level, "historical": hist})
        else:
            lines += ["as 李娜 --role liaison --dept police", f"report C1 --text 报送 --at {fmt(at)}"]
            events.append({"kind": "reported", "at": at})
    major_at = next((e["at"] for e in events if e["kind"] == "assessed" and e["level"] == "major-sensitive"), None)
    if level == "major-sensitive" and rng.random() < 0.5:
        at = step(0, 200)
        lines += ["as 李娜 --role liaison --dept police", f"liaise C1 --note 核实衔接 --at {fmt(at)}"]
        events.append({"kind": "liaised", "at": at})
    if level == "major-sensitive" and rng.random() < 0.6:
        at = step(0, 300)
        lines += ["as 王敏 --role coordinator --dept open-gov", f"escalate C1 --at {fmt(at)}"]
        events.append({"kind": "escalated", "at": at})
    expected_ext = None
    if rng.random() < 0.35 and not opts.get("national"):  # the national profile has no extension rule (refused)
        at = step(0, 60 * 24 * 5)
        n = rng.randint(1, 10)
        lines += ["as 李娜 --role liaison --dept police", f"extend C1 --days {n} --reason 理由 --at {fmt(at)}"]
        try:
            window = add_working_days(claimed, 3, opts.get("cutoff"), opts.get("deemed", False))
            accepted = at <= window
        except NoData:
            accepted = None
        expected_ext = accepted
        if accepted:
            events.append({"kind": "extensionApplied", "at": at})
        r = rng.random() if accepted is not False else 1.0  # a refused application has no X1 to decide
        if accepted is False:
            opts["refusals"] = ["within 3 working days"]
        if r < 0.8:
            at = step(10, 60 * 24 * 2)
            lines.append("as 王敏 --role coordinator --dept open-gov")
            if r < 0.3:
                lines.append(f"extend approve X1 --at {fmt(at)}")
                if accepted:
                    events.append({"kind": "extensionApproved", "at": at, "days": n})
            elif r < 0.45:
                lines.append(f"decide C1 approve-extension X1 --at {fmt(at)}")
                if accepted:
                    events.append({"kind": "extensionApproved", "at": at, "days": n})
            elif r < 0.65:
                m = rng.randint(1, n)
                lines.append(f"extend approve X1 --days {m} --at {fmt(at)}")
                if accepted:
                    events.append({"kind": "extensionApproved", "at": at, "days": m})
            else:
                lines.append(f"extend reject X1 --reason 不充分 --at {fmt(at)}")
    if rng.random() < 0.25:
        at = step(0, 60 * 24 * 3)
        own = None
        line = f"instruct C1 --leader 刘市长 --text 请核查 --at {fmt(at)}"
        if rng.random() < 0.5:
            own = at + D(hours=rng.choice([4, 24, 48, 72]))
            line += f" --due {fmt(own)}"
        lines += ["as 刘市长 --role city-leader", line]
        events.append({"kind": "instructed", "at": at, "id": "L1", "due": own})
        if rng.random() < 0.6:  # 交办 → 承办 → 办结
            done = step(10, 60 * 24 * 8)
            lines += ["as 李娜 --role liaison --dept police", f"instruct undertake L1 --at {fmt(done)}",
                      f"instruct complete L1 --note 办结 --at {fmt(done)}"]
            events.append({"kind": "instructionDone", "at": done, "id": "L1"})
    verified = None
    if rng.random() < 0.7:
        verified = step(60, 60 * 24 * 12)
        lines += ["as 李娜 --role liaison --dept police", f"verify C1 --summary 核实 --at {fmt(verified)}"]
        events.append({"kind": "verified", "at": verified})
        if rng.random() < 0.6:
            at = step(30, 60 * 24 * 4)
            if level in ("high-attention", "major-sensitive"):
                reviewed = step(0, 60 * 24 * 4)
                lines += [f"respond C1 --draft 回应稿 --at {fmt(at)}",
                          "as 王敏 --role coordinator --dept open-gov", f"review C1 approve --at {fmt(reviewed)}"]
                events.append({"kind": "reviewApproved", "at": reviewed})
                if rng.random() < 0.3:  # reviewed, not yet published
                    at = None
                else:
                    at = step(0, 60 * 24 * 4)
                    lines += ["as 李娜 --role liaison --dept police",
                              f"respond C1 --publish --channel weibo --url https://example.com/r{i} --at {fmt(at)}"]
            else:
                lines.append(f"respond C1 --channel weibo --url https://example.com/r{i} --text 回应 --at {fmt(at)}")
            if at is not None:
                events.append({"kind": "responded", "at": at})
    if "responded" in {e["kind"] for e in events} and rng.random() < 0.3:
        at = step(60, 60 * 24 * 10)
        lines += ["as 王敏 --role coordinator --dept open-gov", f"close C1 --note 办结 --at {fmt(at)}"]
        events.append({"kind": "closed", "at": at})
    now = t + D(minutes=rng.choice([1, 60, 60 * 24, 60 * 24 * 4, 60 * 24 * 20]))
    head = [f"clock set {fmt(now)}"]
    if opts.get("deemed"):
        head.append("policy reading rest-day-start deemed")
    if opts.get("cutoff"):
        head.append("policy cutoff 17:30")
    for reading in sorted(opts.get("readings", ())):
        head.append("policy reading " + reading)
    if opts.get("national"):
        head.append("policy use national")
    script = "\n".join(head + lines + ["as 王敏 --role coordinator --dept open-gov", "why C1"]) + "\n"
    return script, events, now, opts


def compare(got, want, want_status):
    """yuqing's deadlines and statuses (`why --format json`, by key) against the oracle's: how many agree, and a
    line for each that does not."""
    agree, bad = 0, []
    for key in sorted(set(got) | set(want)):
        if key not in got:
            bad.append(f"{key}: yuqing has none, oracle {want[key]}")
        elif key not in want:
            bad.append(f"{key}: oracle has none, yuqing {got[key][0]} ({got[key][1]['status']})")
        elif got[key][0] != want[key]:
            bad.append(f"{key}: yuqing {got[key][0]}, oracle {want[key]}  [{got[key][1]['explanation']}]")
        elif want_status.get(key) is not None and got[key][1]["status"] != want_status[key]:
            bad.append(f"{key}: status yuqing {got[key][1]['status']}, oracle {want_status[key]} (due {want[key]})")
        else:
            agree += 1
    return agree, bad


def parse_due(s: str | None) -> dt.datetime | None:
    if s is None:
        return None
    return dt.datetime.fromisoformat(s).astimezone(TZ).replace(tzinfo=None)


def run_script(yuqing: str, db: str, path: str) -> subprocess.CompletedProcess:
    """Runs a scenario script through yuqing on its own store, every error reported, answers in English JSON."""
    return subprocess.run([yuqing, "--db", db, "--no-init", "--keep-going", "--format", "json", "--lang", "en", "run", path],
                          capture_output=True, text=True)


def run_one(args, i: int, script: str, folder: str) -> tuple[int, str, str, int]:
    path = os.path.join(folder, f"s{i}.yq")
    with open(path, "w") as f:
        f.write(script)
    db = os.path.join(folder, f"s{i}.sqlite")
    p = run_script(args.yuqing, db, path)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    return i, p.stdout, p.stderr, p.returncode


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--yuqing", default=".build/debug/yuqing")
    ap.add_argument("--keep")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    days = interesting_days(rng)
    scenarios = [scenario(i, rng, days) for i in range(args.n)]
    folder = args.keep or tempfile.mkdtemp(prefix="yuqing-check-")
    os.makedirs(folder, exist_ok=True)
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda a: run_one(args, a[0], a[1][0], folder), enumerate(scenarios)))
    agree = disagree = failed = 0
    for i, out, err, rc in results:
        script, events, now, opts = scenarios[i]
        expected = opts.get("refusals", [])
        errors = [l for l in err.splitlines() if "error:" in l]
        if len(errors) != len(expected) or any(x not in e for x, e in zip(expected, errors)):
            failed += 1
            print(f"--- s{i}: refusals {errors} but the oracle expects {expected}\n{script}")
            continue
        if rc != (1 if expected else 0):
            failed += 1
            print(f"--- s{i}: yuqing failed (exit {rc}): {err.strip()[:600]}\n{script}")
            continue
        why = json.loads(out.strip().splitlines()[-1])
        got = {}
        for o in why["obligations"]:
            key = o["rule"] + (":" + o["subject"] if o["subject"] else "")
            got[key] = (parse_due(o["due"]), o)
        want = (national(events) if opts.get("national")
                else deadlines(events, now, opts.get("cutoff"), opts.get("deemed", False), opts.get("readings", frozenset())))
        want_status = statuses(events, now, want)
        bad = []
        for key, (_, o) in got.items():  # `why` names the article of every deadline, in both languages
            art = o["article"]
            cites = f"Art. {art}" if art[:1].isdigit() else art
            if cites not in o["explanation"] or not o["explanation_zh"] or ("第" not in o["explanation_zh"] and art not in o["explanation_zh"]):
                bad.append(f"{key}: the explanation does not cite {cites}: {o['explanation']} / {o['explanation_zh']}")
        agreed, differ = compare(got, want, want_status)
        agree += agreed
        bad += differ
        if bad:
            disagree += len(bad)
            print(f"--- s{i} (now {now}, {opts}):\n" + "\n".join("  " + b for b in bad) + "\n" +
                  "".join("    | " + l + "\n" for l in script.splitlines()))
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{args.n} scenarios: {agree} deadlines agree, {disagree} disagree, {failed} scenarios failed")
    return 0 if disagree == 0 and failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
