"""An independent deadline oracle for the Mingguang rules (docs/rules.md §1-2, ../shared/seed/).

It is written from the articles and the documented readings, NOT from yuqing's code, and takes its working
calendar from PyPI's `chinesecalendar` (pip install chinesecalendar), not from yuqing's calendar.txt.

A case is given as a list of events (dicts with 'kind' and 'at', a naive Shanghai datetime); `deadlines(case, now)`
returns {key: due-or-None} where key is the rule id (plus ':L#' for leader instructions) and None means "the
calendar has no data for the year" (yuqing shows `due: null`). Rules a case does not (or no longer) owe are absent.

The articles, as this oracle reads them:
  Art. 6    claim: within the patrol interval in force at collection: workday (incl. make-up workday) 08:00-18:00
            every 1 h; workday evening 18:00-24:00 and rest days/holidays 08:00-24:00 every 2 h; collected 00:00-08:00
            the clock starts at 08:00 that day with that day's interval.
  Art. 8 ¶1 report.unit: 2 h (clock) from the claim, general and high-attention (and not yet judged) cases. A case
            judged major sensitive drops it unless it was already overdue (due before the judgement; reading
            unit-report-when-major stays).
  Art. 8 ¶2 verify: 5 working days from the claim (15 for historical issues) plus the approved extension days.
            extend.apply: the window of 3 working days from the claim (an opportunity: listed while open).
  Art. 8 ¶3 escalate: 2 h (clock) from the judgement as major sensitive (reading escalation-from judgement).
  Art. 8 ¶4 instruct: the instruction's own due, else 5 working days from the instruction.
  Art. 9 ¶1 respond: 3 working days from the verification report (general); respond.high: 5 working days
            (high-attention and major sensitive; reading high-response-from verification).
  Art. 9 ¶2 follow: 7 days (clock) from the response.
Working days: the start day is not counted (民法典 §201); the deadline is the cut-off (default 24:00) of the N-th
working day after the start day (reading rest-day-start counted; `deemed`: a start on a rest day is moved to the
next working day, which is then not counted either).
"""
from __future__ import annotations

import datetime as dt

import chinese_calendar

D = dt.timedelta
H = D(hours=1)


class NoData(Exception):
    """The calendar lacks the year (yuqing: due null, 'unknown')."""


OVERRIDES: dict[dt.date, bool] = {}  # a changed year (`calendar load`): day -> working day or not


def is_workday(day: dt.date) -> bool:
    if day in OVERRIDES:
        return OVERRIDES[day]
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError as e:  # chinesecalendar: "no available data for year 2027"
        raise NoData(str(e)) from e


def add_working_days(start: dt.datetime, n: int, cutoff: dt.time | None = None, deemed: bool = False) -> dt.datetime:
    """The cut-off of the n-th working day after the start day (start day not counted)."""
    day = start.date()
    if deemed and not is_workday(day):
        while not is_workday(day):
            day += D(days=1)
    count = 0
    while count < n:
        day += D(days=1)
        if is_workday(day):
            count += 1
    if cutoff is None:  # 24:00 = the next day's 00:00
        return dt.datetime.combine(day + D(days=1), dt.time(0, 0))
    return dt.datetime.combine(day, cutoff)


def claim_due(collected: dt.datetime) -> dt.datetime:
    day = collected.date()
    work = is_workday(day)
    eight = dt.datetime.combine(day, dt.time(8, 0))
    if collected < eight:
        return eight + (H if work else 2 * H)
    if work and collected.time() < dt.time(18, 0):
        return collected + H
    return collected + 2 * H


def national(events: list[dict]) -> dict[str, dt.datetime | None]:
    """The national profile (国办发〔2016〕61号、80号, docs/rules.md §5): 48 h from collection to the response; for a
    case judged major sensitive (and still so) 24 h to a press conference and 5 h to authoritative information."""
    out: dict[str, dt.datetime | None] = {}
    level = None
    major_at = None
    for e in events:
        if e["kind"] == "assessed":
            if e["level"] == "major-sensitive" and level != "major-sensitive":
                major_at = e["at"]
            level = e["level"]
    out["respond.national"] = events[0]["at"] + 48 * H
    if level == "major-sensitive":
        out["press.major"] = major_at + 24 * H
        out["authoritative.major"] = major_at + 5 * H
    return out


def deadlines(events: list[dict], now: dt.datetime, cutoff: dt.time | None = None,
              deemed: bool = False, readings: frozenset[str] = frozenset()) -> dict[str, dt.datetime | None]:
    """Every deadline the case owes at `now` (events in time order, all at or before now). `readings`: the
    non-default readings in force ('escalation-from liaison', 'high-response-from review')."""
    out: dict[str, dt.datetime | None] = {}

    def wd(start: dt.datetime, n: int) -> dt.datetime | None:
        try:
            return add_working_days(start, n, cutoff, deemed)
        except NoData:
            return None

    ev = {}
    level = None
    historical = False
    major_at = None
    major_until = None
    approved_days = 0
    instructions: list[tuple[str, dt.datetime, dt.datetime | None]] = []
    for e in events:
        k = e["kind"]
        ev.setdefault(k, e["at"])  # first occurrence
        if k == "assessed":
            if e["level"] == "major-sensitive" and level != "major-sensitive":
                major_at = e["at"]  # (again) judged major sensitive: the 2 hours run from this judgement
                major_until = None
            elif e["level"] != "major-sensitive" and level == "major-sensitive":
                major_until = e["at"]  # judged below major sensitive again
            level = e["level"]
            historical = historical or e.get("historical", False)  # the flag stays once set
        elif k == "extensionApproved":
            approved_days += e["days"]
        elif k == "instructed":
            instructions.append((e["id"], e["at"], e.get("due")))
    collected = ev["collected"]
    out["claim"] = claim_due(collected)
    claimed = ev.get("claimed")
    if claimed is None:
        return out
    # Art. 8 ¶1
    ru = claimed + 2 * H
    if level != "major-sensitive":
        out["report.unit"] = ru
    elif major_at is not None and ru < major_at and "reported" not in ev:
        out["report.unit"] = ru  # overdue at the judgement: stays
    elif major_at is not None and ru < major_at and ev["reported"] > ru:
        out["report.unit"] = ru  # made late after it was overdue: stays (late)
    # Art. 8 ¶2
    base = 15 if historical else 5
    out["verify.historical" if historical else "verify"] = wd(claimed, base + approved_days)
    window = wd(claimed, 3)
    verified = ev.get("verified")
    if "extensionApplied" in ev:
        out["extend.apply"] = window  # used: kept (met)
    elif verified is None and (window is None or now <= window):
        out["extend.apply"] = window  # an opportunity: listed while open
    # Art. 8 ¶3
    if major_at is not None:
        esc = major_at + 2 * H
        if "escalation-from liaison" in readings:
            # 核实衔接后…2小时内: from the recorded liaison (never before the judgement); without one nothing runs,
            # and an escalation made without one is measured from the judgement
            liaised = next((e["at"] for e in events if e["kind"] == "liaised"), None)
            if liaised is not None:
                esc = max(liaised, major_at) + 2 * H
            elif "escalated" not in ev:
                esc = None
        if esc is None:
            pass
        elif major_until is None:
            out["escalate"] = esc
        elif esc < major_until or ev.get("escalated", major_until) < major_until:
            # re-judged below major sensitive: an escalation already overdue (or made) then stays; one not yet due
            # is no longer owed (the case is not major sensitive, Art. 8 ¶3)
            out["escalate"] = esc
    # Art. 8 ¶4
    for lid, at, due in instructions:
        out["instruct:" + lid] = due if due is not None else wd(at, 5)
    # Art. 9
    if verified is not None:
        if level in ("high-attention", "major-sensitive"):
            reviewed = ev.get("reviewApproved")
            if "high-response-from review" not in readings:
                out["respond.high"] = wd(verified, 5)
            elif reviewed is not None:
                out["respond.high"] = wd(reviewed, 5)  # 会商审定后，于5个工作日内
            elif "responded" in ev:
                out["respond.high"] = wd(verified, 5)  # published without a review: from the report
        else:
            out["respond"] = wd(verified, 3)
    responded = ev.get("responded")
    if responded is not None:
        out["follow"] = responded + 7 * 24 * H
    return out


END = {"claim": "claimed", "report.unit": "reported", "verify": "verified", "verify.historical": "verified",
       "extend.apply": "extensionApplied", "escalate": "escalated", "respond": "responded",
       "respond.high": "responded", "respond.national": "responded"}


def statuses(events: list[dict], now: dt.datetime, due: dict[str, dt.datetime | None]) -> dict[str, str | None]:
    """The status of each deadline at `now` (docs/rules.md §2): met / late / overdue / pending / extended; a watch
    period (follow) is pending while it runs and met when it has ended. None: not decided here (no due)."""
    first: dict[str, dt.datetime] = {}
    for e in events:
        first.setdefault(e["kind"], e["at"])
    approved = any(e["kind"] == "extensionApproved" for e in events)
    closed = first.get("closed")
    out: dict[str, str | None] = {}
    for key, d in due.items():
        done = first.get("instructionDone" if key.startswith("instruct:") else END.get(key, ""))
        if d is None:
            out[key] = None
        elif key == "follow":
            # a watch: met when it has ended; closing the case before the end waives the rest of it
            out[key] = "waived" if closed is not None and closed < d else "met" if now >= d else "pending"
        elif done is None and closed is not None and closed <= d:
            out[key] = "waived"  # closed before it fell due (one already overdue at the closing stays overdue)
        elif done is not None:
            out[key] = "met" if done <= d else "late"
        elif now > d:
            out[key] = "overdue"
        elif key.startswith("verify") and approved:
            out[key] = "extended"
        else:
            out[key] = "pending"
    return out
