/// A logged patrol (`patrolled` event): who, when, when it was written down, and the event number as evidence.
public struct PatrolRecord: Sendable, Hashable {
    public var seq: Int64
    public var dept: String
    /// The effective time (when the patrol happened, `--at`).
    public var at: Instant
    /// When it was logged.
    public var recorded: Instant
    /// Who logged it: a trainer's patrols are drill data and never count (`SupervisionEvents`).
    public var role: Role

    public init(seq: Int64, dept: String, at: Instant, recorded: Instant? = nil, role: Role = .patrol) {
        self.seq = seq
        self.dept = dept
        self.at = at
        self.recorded = recorded ?? at
        self.role = role
    }
}

/// Where a required slot stands.
public enum SlotState: String, Sendable, Hashable {
    /// A patrol was logged in the slot, and the slot has ended.
    case met
    /// The slot ended without a patrol.
    case missed
    /// The slot has not ended yet (today's later hours): neither met nor missed, even if a patrol is already in it.
    case pending
}

/// A run of consecutive missed slots of one department on one day: the time nobody looked.
public struct PatrolGap: Sendable, Hashable {
    public var dept: String
    public var start: Instant
    public var end: Instant
    /// How many required patrols were missed in it.
    public var missedSlots: Int
    /// The rules of the missed slots (`patrol.day`, `patrol.night`), in order, without repeats.
    public var ruleIDs: [String]
    public var length: Span { end - start }
}

/// One department's patrol record for one day.
public struct DeptPatrolDay: Sendable, Hashable {
    public var dept: String
    public var day: PatrolDay
    /// What this department owed that day: the day's fixed slots, or with the rolling model the intervals its own
    /// patrols set.
    public var slots: [PatrolSlot]
    /// One state per slot.
    public var states: [SlotState]
    /// The patrol events that met each slot (first per slot), nil for a slot without one.
    public var evidence: [Int64?]
    public var gaps: [PatrolGap]

    /// Slots that have ended (pending slots do not count).
    public var required: Int { states.filter { $0 != .pending }.count }
    public var met: Int { states.filter { $0 == .met }.count }
    public var missed: Int { states.filter { $0 == .missed }.count }
}

/// Per-department totals over a period.
public struct PatrolTotals: Sendable, Hashable {
    public var dept: String
    /// Slots that have ended (pending slots are not counted).
    public var required: Int
    public var met: Int
    public var missed: Int { required - met }

    public init(dept: String, required: Int, met: Int) {
        self.dept = dept
        self.required = required
        self.met = met
    }
    /// Tenths of a percent, rounded half up: 1000 = 100.0 %. 1000 when nothing was required.
    public var complianceTenths: Int {
        guard required > 0 else { return 1000 }
        return (met * 2000 + required) / (required * 2)
    }
    /// `97.5%`
    public var percentText: String { "\(complianceTenths / 10).\(complianceTenths % 10)%" }
}

/// Compares the patrol log with the required cadence (Art. 5, 6).
public enum PatrolCompliance {
    /// The log as known at `asOf`: patrols logged after it are unknown then (left out), and so are trainers' (drill
    /// data, `SupervisionEvents.counts`); a patrol whose effective
    /// time is after the time it was logged was written down before it happened (`inAdvance`: shown, never counted);
    /// a patrol after `asOf` has not happened yet. `knownBy`: the logging time that counts, `asOf` unless the log is
    /// dated by another clock than the question (a simulated clock on a store stamped by the system clock).
    public static func known(_ log: [PatrolRecord], asOf: Instant, knownBy: Instant? = nil) -> (counted: [PatrolRecord], inAdvance: [PatrolRecord]) {
        var counted: [PatrolRecord] = [], ahead: [PatrolRecord] = []
        let cutoff = knownBy ?? asOf
        for p in log where p.recorded <= cutoff && p.role != .trainer {
            if p.at > p.recorded { ahead.append(p) } else if p.at <= asOf { counted.append(p) }
        }
        return (counted, ahead)
    }

    /// The days of `days` that owe patrols: those on or after the day the record starts (the first patrol logged or
    /// case collected). Before it yuqing was not in use, so nothing was owed; with no record at all, nothing is.
    public static func owedDays(_ days: [CivilDate], recordStart: Instant?) -> [CivilDate] {
        guard let first = recordStart?.date else { return [] }
        return days.filter { $0 >= first }
    }

    /// Checks `depts` on `days` as of `asOf` with `patrols` (already `known`). Slots that end after `asOf` are
    /// pending, met or not. Patrols outside every window (00:00–08:00 by default) count for nothing.
    public static func check(depts: [String], days: [CivilDate], patrols: [PatrolRecord], policy: Policy,
                             calendar: WorkCalendar, asOf: Instant) throws(CalendarError) -> [DeptPatrolDay] {
        var byDept: [String: [PatrolRecord]] = [:]
        for p in patrols { byDept[p.dept, default: []].append(p) }
        for k in byDept.keys { byDept[k]?.sort { $0.at < $1.at || ($0.at == $1.at && $0.seq < $1.seq) } }
        var schedule: [PatrolDay] = []
        for d in days { schedule.append(try PatrolSchedule.day(d, policy: policy, calendar: calendar)) }
        let model = policy.supervision.patrolModel
        var out: [DeptPatrolDay] = []
        for dept in depts {
            let log = byDept[dept] ?? []
            for day in schedule {
                switch model {
                case .slots: out.append(checkSlots(dept: dept, day: day, log: log, asOf: asOf))
                case .rolling: out.append(checkRolling(dept: dept, day: day, log: log, asOf: asOf))
                }
            }
        }
        return out
    }

    static func checkSlots(dept: String, day: PatrolDay, log: [PatrolRecord], asOf: Instant) -> DeptPatrolDay {
        var states: [SlotState] = []
        var evidence: [Int64?] = []
        // The log is sorted: find the first patrol at or after the day's first slot by binary search.
        var i = lowerBound(log, day.slots.first?.start ?? Instant(date: day.date))
        for slot in day.slots {
            while i < log.count && log[i].at < slot.start { i += 1 }
            let hit = i < log.count && slot.contains(log[i].at) ? log[i].seq : nil
            evidence.append(hit)
            states.append(slot.end > asOf ? .pending : hit != nil ? .met : .missed)
        }
        return DeptPatrolDay(dept: dept, day: day, slots: day.slots, states: states, evidence: evidence,
                             gaps: gaps(dept: dept, slots: day.slots, states: states))
    }

    /// The rolling model: in each window the first patrol is owed one cadence after the window opens (or at its
    /// end, if sooner); each later one a cadence after the previous patrol, or after the previous deadline when that
    /// was missed, as long as the deadline falls inside the window. A deadline after `asOf` is pending, and what
    /// follows it is not known yet.
    static func checkRolling(dept: String, day: PatrolDay, log: [PatrolRecord], asOf: Instant) -> DeptPatrolDay {
        var slots: [PatrolSlot] = [], states: [SlotState] = [], evidence: [Int64?] = []
        for w in day.windows {
            // `anchor`: what the next cadence counts from; `i`: the first patrol not yet used.
            var anchor = w.start
            var first = true
            var i = lowerBound(log, w.start)
            while anchor < w.end {
                var due = anchor.adding(w.cadence)
                if due > w.end {
                    guard first else { break }
                    due = w.end
                }
                first = false
                let hit: PatrolRecord? = i < log.count && log[i].at < due ? log[i] : nil
                slots.append(PatrolSlot(ruleID: w.ruleID, start: anchor, end: due))
                evidence.append(hit?.seq)
                if due > asOf {
                    states.append(.pending)
                    break
                }
                if let hit {
                    states.append(.met)
                    anchor = hit.at
                    // Several patrols at the same moment are one.
                    while i < log.count && log[i].at <= hit.at { i += 1 }
                } else {
                    states.append(.missed)
                    anchor = due
                }
            }
        }
        return DeptPatrolDay(dept: dept, day: day, slots: slots, states: states, evidence: evidence,
                             gaps: gaps(dept: dept, slots: slots, states: states))
    }

    static func lowerBound(_ log: [PatrolRecord], _ t: Instant) -> Int {
        var lo = 0, hi = log.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if log[mid].at < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Runs of consecutive missed slots; slots are consecutive when one ends where the next starts.
    static func gaps(dept: String, slots: [PatrolSlot], states: [SlotState]) -> [PatrolGap] {
        var out: [PatrolGap] = []
        var current: PatrolGap?
        for (slot, state) in zip(slots, states) {
            if state == .missed {
                if var g = current, g.end == slot.start {
                    g.end = slot.end
                    g.missedSlots += 1
                    if g.ruleIDs.last != slot.ruleID { g.ruleIDs.append(slot.ruleID) }
                    current = g
                } else {
                    if let g = current { out.append(g) }
                    current = PatrolGap(dept: dept, start: slot.start, end: slot.end, missedSlots: 1, ruleIDs: [slot.ruleID])
                }
            } else if let g = current {
                out.append(g)
                current = nil
            }
        }
        if let g = current { out.append(g) }
        return out
    }

    /// Sums the days per department, in the order of `depts`.
    public static func totals(_ days: [DeptPatrolDay], depts: [String]) -> [PatrolTotals] {
        var sums: [String: (Int, Int)] = [:]
        for d in days {
            let s = sums[d.dept] ?? (0, 0)
            sums[d.dept] = (s.0 + d.required, s.1 + d.met)
        }
        return depts.map { PatrolTotals(dept: $0, required: sums[$0]?.0 ?? 0, met: sums[$0]?.1 ?? 0) }
    }
}
