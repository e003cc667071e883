#!/usr/bin/env python3
"""More scenario kinds for the deadline oracle (scripts/check/oracle.py), beyond deadline_check.py's single-case runs:

    instruct-rel   a leader instruction entered after the fact with a relative due (`--due +3wd`, `+1d`, `+8h`)
    instruct-24    an instruction due at 24:00 of a holiday (`--due 2020-01-25T24:00`)
    recurrence     `link C2 C1 --as recurrence` on a responded (and often closed) case: the watch runs again
    ext-twice      a second extension application after a refusal, inside or outside the 3-working-day window
    reassign       a case claimed (often late) or designated, then assigned to another department
    calendar-load  `calendar load` of a changed year (an extra holiday in the case's working days)
    recur-early    a recurrence linked before the response (nothing moves: the watch runs from the response), and
                   sometimes a second one after it
    ext-many       three to five extension applications on one case: approved (partly), rejected, one made while
                   another is pending (refused), one after the 3-working-day window (refused)

    python3 scripts/check/widen_check.py [--n 300] [--seed 8] [--kinds a,b] [--yuqing .build/debug/yuqing] [--keep DIR]

Prints each disagreement with its script and the count per kind; exits 1 when anything disagrees.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402
from deadline_check import compare, fmt, interesting_days, parse_due, run_script  # noqa: E402
from oracle import NoData, add_working_days, claim_due, deadlines, is_workday, statuses  # noqa: E402

D = dt.timedelta
KINDS = ["instruct-rel", "instruct-24", "recurrence", "ext-twice", "reassign", "calendar-load", "recur-early",
         "ext-many"]
PATROL = "as 陈晓 --role patrol --dept open-gov"
LIAISON = "as 李娜 --role liaison --dept police"
COORD = "as 王敏 --role coordinator --dept open-gov"


def scenario(i: int, kind: str, rng: random.Random, days: list[dt.date]) -> dict:
    opts: dict = {}
    r = rng.random()
    if r < 0.15:
        opts["deemed"] = True
    elif r < 0.3:
        opts["cutoff"] = dt.time(17, 30)
    cut, deemed = opts.get("cutoff"), opts.get("deemed", False)
    day = rng.choice([d for d in days if d.year <= 2025 or d.month < 11])
    t0 = dt.datetime.combine(day, dt.time(rng.choice([0, 8, 9, 12, 17, 18, 22]), rng.choice([0, 30])))
    lines = [PATROL, f'collect "s{i}" --url https://example.com/s{i} --source weibo --category demand --at {fmt(t0)}']
    events: list[dict] = [{"kind": "collected", "at": t0}]
    claimed = claim_due(t0) + D(minutes=rng.choice([-30, 0, 45, 300]))
    claimed = max(claimed, t0)
    if claimed > claim_due(t0) and rng.random() < 0.5:
        lines += [COORD, f"assign C1 police --at {fmt(claimed)}"]
    else:
        lines += [LIAISON, f"claim C1 --at {fmt(claimed)}"]
    events.append({"kind": "claimed", "at": claimed})
    t = claimed
    refusals: list[str] = []
    load = None
    handler = LIAISON
    if kind in ("instruct-rel", "instruct-24"):
        at = t + D(minutes=rng.choice([10, 60 * 5, 60 * 24, 60 * 24 * 3 + 7]))
        if kind == "instruct-rel":
            spec = rng.choice(["+1wd", "+3wd", "+5wd", "+1d", "+8h"])
            n = int(spec[1:-2]) if spec.endswith("wd") else None
            try:
                own = add_working_days(at, n, cut, deemed) if n else at + (D(days=1) if spec == "+1d" else D(hours=8))
            except NoData:
                own = None
        else:
            hol = [d for d in (at.date() + D(days=k) for k in range(1, 40)) if not is_workday(d)]
            day24 = rng.choice(hol[:6]) if hol else at.date() + D(days=2)
            spec = f"{day24.isoformat()}T24:00"
            own = dt.datetime.combine(day24 + D(days=1), dt.time(0, 0))
        lines += ["as 刘市长 --role city-leader", f"instruct C1 --leader 刘市长 --text 请核查 --due {spec} --at {fmt(at)}"]
        events.append({"kind": "instructed", "at": at, "id": "L1", "due": own})
        t = at
        if rng.random() < 0.5:
            done = at + D(hours=rng.choice([5, 30, 100]))
            lines += [LIAISON, f"instruct undertake L1 --at {fmt(done)}", f"instruct complete L1 --note 办结 --at {fmt(done)}"]
            events.append({"kind": "instructionDone", "at": done, "id": "L1"})
            t = done
    elif kind == "ext-twice":
        window = add_working_days(claimed, 3, cut, deemed)
        a1 = claimed + D(hours=rng.choice([1, 20]))
        lines += [LIAISON, f"extend C1 --days 2 --reason 理由 --at {fmt(a1)}", COORD,
                  f"extend reject X1 --reason 不充分 --at {fmt(a1 + D(minutes=30))}"]
        events.append({"kind": "extensionApplied", "at": a1})
        a2 = rng.choice([a1 + D(hours=2), window - D(minutes=1), window, window + D(minutes=1), window + D(days=2)])
        n = rng.randint(1, 6)
        lines += [LIAISON, f"extend C1 --days {n} --reason 理由二 --at {fmt(a2)}"]
        t = a2
        if a2 <= window:
            m = rng.randint(1, n)
            lines += [COORD, f"extend approve X2 --days {m} --at {fmt(a2 + D(minutes=20))}"]
            events.append({"kind": "extensionApproved", "at": a2 + D(minutes=20), "days": m})
            t = a2 + D(minutes=20)
        else:
            refusals.append("within 3 working days")
    elif kind == "ext-many":
        window = add_working_days(claimed, 3, cut, deemed)
        a = claimed
        for k in range(rng.randint(3, 5)):
            a = a + D(minutes=rng.choice([20, 60 * 3, 60 * 20]))
            if k > 0 and rng.random() < 0.2:
                a = max(a, window + D(minutes=rng.choice([1, 60 * 30])))  # after the window
            n = rng.randint(1, 4)
            lines += [LIAISON, f"extend C1 --days {n} --reason 理由{k} --at {fmt(a)}"]
            if a > window:
                refusals.append("within 3 working days")
                continue
            if rng.random() < 0.15:  # a second application while this one is pending
                lines.append(f"extend C1 --days 1 --reason 又一 --at {fmt(a + D(minutes=5))}")
                refusals.append("pending extension")
            events.append({"kind": "extensionApplied", "at": a})
            decided = a + D(minutes=30)
            xid = f"X{sum(1 for e in events if e['kind'] == 'extensionApplied')}"
            if rng.random() < 0.3:
                lines += [COORD, f"extend reject {xid} --reason 不充分 --at {fmt(decided)}"]
            else:
                m = rng.randint(1, n)
                lines += [COORD, f"extend approve {xid} --days {m} --at {fmt(decided)}"]
                events.append({"kind": "extensionApproved", "at": decided, "days": m})
            a = decided
        t = a
    elif kind == "reassign":
        at = t + D(minutes=rng.choice([30, 60 * 20]))
        dept = rng.choice(["petitions", "emergency"])
        lines += [COORD, f"assign C1 {dept} --at {fmt(at)}"]
        t = at
        handler = f"as 赵刚 --role liaison --dept {dept}"  # the new department acts on the case from now on
    if kind == "recur-early":
        rec = t + D(hours=rng.choice([1, 10, 30]))
        lines += [PATROL, f'collect "early {i}" --url https://example.com/e{i} --source weibo --category demand --at {fmt(rec)}',
                  COORD, f"link C2 C1 --as recurrence --at {fmt(rec)}"]
        t = rec
    if kind in ("recurrence", "reassign", "calendar-load") or (kind == "recur-early" and rng.random() < 0.8) \
            or rng.random() < 0.3:
        verified = t + D(hours=rng.choice([2, 30, 100]))
        responded = verified + D(hours=rng.choice([1, 20]))
        lines += [handler, f"verify C1 --summary 核实 --at {fmt(verified)}",
                  f"respond C1 --channel weibo --url https://example.com/r{i} --text 回应 --at {fmt(responded)}"]
        events += [{"kind": "verified", "at": verified}, {"kind": "responded", "at": responded}]
        t = responded
    if kind == "recurrence":
        if rng.random() < 0.7:
            closed = t + D(hours=rng.choice([5, 24 * 8]))
            lines += [COORD, f"close C1 --note 办结 --at {fmt(closed)}"]
            events.append({"kind": "closed", "at": closed})
            t = closed
        rec = t + D(hours=rng.choice([1, 24 * 3, 24 * 30]))
        lines += [PATROL, f'collect "again {i}" --url https://example.com/a{i} --source weibo --category demand --at {fmt(rec)}',
                  COORD, f"link C2 C1 --as recurrence --at {fmt(rec)}"]
        opts["recurrence"] = rec
        t = rec
    if kind == "recur-early" and any(e["kind"] == "responded" for e in events) and rng.random() < 0.5:
        rec = t + D(hours=rng.choice([2, 24 * 3]))  # a second recurrence, after the response: the watch runs again
        lines += [PATROL, f'collect "later {i}" --url https://example.com/l{i} --source weibo --category demand --at {fmt(rec)}',
                  COORD, f"link C3 C1 --as recurrence --at {fmt(rec)}"]
        opts["recurrence"] = rec
        t = rec
    now = t + D(minutes=rng.choice([1, 60 * 24, 60 * 24 * 6, 60 * 24 * 9]))
    if kind == "calendar-load":
        # a changed year: an extra holiday on one of the working days the verification report counts
        # or a holiday on a weekday made a working day (a corrected notice)
        work = rng.random() < 0.4
        try:
            near = [claimed.date() + D(days=k) for k in range(1, 30 if work else 12)]
            span = [d for d in near if (not is_workday(d) and d.weekday() < 5) if work] or \
                [d for d in near if is_workday(d)][:5]
            work = work and not is_workday(span[0]) if span else False
        except NoData:
            span = []
        if span:
            extra = rng.choice(span)
            load = (extra.year, extra, work)
            now = max(now, dt.datetime.combine(extra, dt.time(12, 0)))
    head = [f"clock set {fmt(now)}"]
    if deemed:
        head.append("policy reading rest-day-start deemed")
    if cut:
        head.append("policy cutoff 17:30")
    tail = [COORD]
    if load:
        tail.append("calendar load CALFILE")
    tail.append("why C1")
    return {"kind": kind, "script": "\n".join(head + lines + tail) + "\n", "events": events, "now": now,
            "opts": opts, "refusals": refusals, "load": load}


def calendar_text(year: int, extra: dt.date, extra_work: bool) -> str:
    out = [f"year {year} 测试用（改一天）"]
    day = dt.date(year, 1, 1)
    while day.year == year:
        work = extra_work if day == extra else is_workday(day)
        if day.weekday() < 5 and not work:
            out.append(f"{day.isoformat()} holiday 假日 Holiday")
        elif day.weekday() >= 5 and work:
            out.append(f"{day.isoformat()} workday 调休 Make-up")
        day += D(days=1)
    return "\n".join(out) + "\n"


def run_one(args, i: int, sc: dict, root: str) -> tuple[int, str, str, int]:
    folder = os.path.join(root, f"s{i}")  # its own folder: `calendar load` saves calendars/ beside the store
    os.makedirs(folder, exist_ok=True)
    script = sc["script"]
    if sc["load"]:
        cal = os.path.join(folder, "changed.txt")
        with open(cal, "w") as f:
            f.write(calendar_text(*sc["load"]))
        script = script.replace("CALFILE", cal)
    path = os.path.join(folder, "s.yq")
    with open(path, "w") as f:
        f.write(script)
    p = run_script(args.yuqing, os.path.join(folder, "s.sqlite"), path)
    return i, p.stdout, p.stderr, p.returncode


def expected(sc: dict) -> dict:
    ev, now, opts = sc["events"], sc["now"], sc["opts"]
    want = deadlines(ev, now, opts.get("cutoff"), opts.get("deemed", False))
    rec = opts.get("recurrence")
    if rec is not None:
        want["follow"] = rec + D(days=7)  # Art. 9 ¶2 runs again from the recurrence (docs/rules.md §2)
    return want


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--yuqing", default=".build/debug/yuqing")
    ap.add_argument("--keep")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    days = interesting_days(rng)
    kinds = args.kinds.split(",")
    scs = [scenario(i, kinds[i % len(kinds)], rng, days) for i in range(args.n)]
    root = args.keep or tempfile.mkdtemp(prefix="yuqing-widen-")
    os.makedirs(root, exist_ok=True)
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda a: run_one(args, a[0], a[1], root), enumerate(scs)))
    tally = {k: [0, 0, 0] for k in kinds}  # agree, disagree, failed
    for i, out, err, rc in results:
        sc = scs[i]
        oracle.OVERRIDES.clear()
        if sc["load"]:
            oracle.OVERRIDES[sc["load"][1]] = sc["load"][2]
        errors = [l for l in err.splitlines() if "error:" in l]
        exp = sc["refusals"]
        if len(errors) != len(exp) or any(x not in e for x, e in zip(exp, errors)) or rc != (1 if exp else 0):
            tally[sc["kind"]][2] += 1
            print(f"--- s{i} [{sc['kind']}]: exit {rc}, refusals {errors}, oracle expects {exp}\n{sc['script']}")
            continue
        why = json.loads(out.strip().splitlines()[-1])
        got = {o["rule"] + (":" + o["subject"] if o["subject"] else ""): (parse_due(o["due"]), o) for o in why["obligations"]}
        want = expected(sc)
        st = statuses(sc["events"], sc["now"], want)
        if sc["opts"].get("recurrence") and "follow" in want:
            st["follow"] = "met" if sc["now"] >= want["follow"] else "pending"  # reopened: no longer waived
        agreed, bad = compare(got, want, st)
        tally[sc["kind"]][0] += agreed
        if bad:
            tally[sc["kind"]][1] += len(bad)
            print(f"--- s{i} [{sc['kind']}] (now {sc['now']}, {sc['opts']}, load {sc['load']}):\n" +
                  "\n".join("  " + b for b in bad) + "\n" + "".join("    | " + l + "\n" for l in sc["script"].splitlines()))
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    for k, (a, d, f) in tally.items():
        print(f"{k:14} {a:5} agree {d:4} disagree {f:3} failed")
    total = [sum(v[j] for v in tally.values()) for j in range(3)]
    print(f"{args.n} scenarios: {total[0]} deadlines agree, {total[1]} disagree, {total[2]} scenarios failed")
    return 0 if total[1] == 0 and total[2] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
