/// A logged patrol (`patrolled` event): who, when, and the event number as evidence.
public struct PatrolRecord: Sendable, Hashable {
    public var seq: Int64
    public var dept: String
    public var at: Instant

    public init(seq: Int64, dept: String, at: Instant) {
        self.seq = seq
        self.dept = dept
        self.at = at
    }
}

/// Where a required slot stands.
public enum SlotState: String, Sendable, Hashable {
    /// A patrol was logged in the slot.
    case met
    /// The slot ended without a patrol.
    case missed
    /// The slot has not ended yet (today's later hours): neither met nor missed.
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
    /// One state per slot of `day.slots`.
    public var states: [SlotState]
    /// The patrol events that met each slot (first per slot), nil for a slot without one.
    public var evidence: [Int64?]
    public var gaps: [PatrolGap]

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
    /// Checks `depts` on `days`. A slot is met when the department logged a patrol with an effective time inside it;
    /// slots that end after `now` are pending. Patrols outside every slot (00:00–08:00) count for nothing.
    public static func check(depts: [String], days: [CivilDate], patrols: [PatrolRecord], policy: Policy,
                             calendar: WorkCalendar, now: Instant) throws(CalendarError) -> [DeptPatrolDay] {
        var byDept: [String: [PatrolRecord]] = [:]
        for p in patrols { byDept[p.dept, default: []].append(p) }
        for k in byDept.keys { byDept[k]?.sort { $0.at < $1.at || ($0.at == $1.at && $0.seq < $1.seq) } }
        var schedule: [PatrolDay] = []
        for d in days { schedule.append(try PatrolSchedule.day(d, policy: policy, calendar: calendar)) }
        var out: [DeptPatrolDay] = []
        for dept in depts {
            let log = byDept[dept] ?? []
            for day in schedule {
                out.append(checkDay(dept: dept, day: day, log: log, now: now))
            }
        }
        return out
    }

    static func checkDay(dept: String, day: PatrolDay, log: [PatrolRecord], now: Instant) -> DeptPatrolDay {
        var states: [SlotState] = []
        var evidence: [Int64?] = []
        // The log is sorted: find the first patrol at or after the day's first slot by binary search.
        var i = lowerBound(log, day.slots.first?.start ?? Instant(date: day.date))
        for slot in day.slots {
            while i < log.count && log[i].at < slot.start { i += 1 }
            if i < log.count && slot.contains(log[i].at) {
                states.append(.met)
                evidence.append(log[i].seq)
            } else {
                states.append(slot.end > now ? .pending : .missed)
                evidence.append(nil)
            }
        }
        return DeptPatrolDay(dept: dept, day: day, states: states, evidence: evidence,
                             gaps: gaps(dept: dept, slots: day.slots, states: states))
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
