/// How a claim deadline was found: the patrol window in force when the item was collected (Art. 6).
public struct ClaimDeadline: Sendable, Hashable {
    public var due: Instant
    /// When the item was collected.
    public var collected: Instant
    /// The collection time, or the start of the next patrol window when collected outside every window.
    public var countedFrom: Instant
    /// The patrol rule whose window applied (`patrol.day` / `patrol.night`).
    public var patrolRuleID: String
    public var window: PatrolWindow
    public var interval: Span
    /// What the collection day was (workday, rest day, holiday…).
    public var collectionDay: DayKind
    /// Collected outside every window, so counted from the next window's start.
    public var deferred: Bool
}

/// Why a claim deadline could not be found.
public enum ClaimDeadlineError: YuqingError, Hashable {
    case calendar(CalendarError)
    /// The profile defines no patrol window within a week of the collection.
    case noPatrolWindow

    public var message: Localized {
        switch self {
        case .calendar(let e): e.message
        case .noPatrolWindow:
            Localized(zh: "制度没有规定收集后一周内的巡查时段，无法计算认领时限",
                      en: "the policy has no patrol window within a week of the collection, so the claim deadline cannot be computed")
        }
    }

    public var kind: ErrorKind { .data }
}

extension ObligationEngine {
    /// The claim deadline of an item collected at `collected`: the collection time plus the patrol interval in force
    /// then (1 h in the workday window, 2 h in the evening and on rest days in the built-in profile). Collected
    /// outside every window (00:00–08:00), the clock starts at the next window's start with that window's interval.
    public func claimDeadline(collectedAt collected: Instant) throws(ClaimDeadlineError) -> ClaimDeadline {
        guard !patrols.isEmpty else { throw .noPatrolWindow }
        let firstKind: DayKind
        do { firstKind = try calendar.dayKind(collected.date) } catch { throw .calendar(error) }
        var day = collected.date
        var kind = firstKind
        var from = collected.secondOfDay
        for attempt in 0..<8 {
            if attempt > 0 {
                day = day.adding(days: 1)
                from = 0
                do { kind = try calendar.dayKind(day) } catch { throw .calendar(error) }
            }
            let cls: DayClass = kind.isWorkingDay ? .workday : .rest
            // By index, not by filtered copies: every command's answer and every commit point ask for this.
            if attempt == 0, let i = patrols.indices.first(where: {
                patrols[$0].window.days == cls && patrols[$0].window.contains(secondOfDay: from)
            }) {
                let p = patrols[i]
                return ClaimDeadline(due: collected.adding(p.cadence), collected: collected, countedFrom: collected, patrolRuleID: p.rule.id,
                                     window: p.window, interval: p.cadence, collectionDay: firstKind, deferred: false)
            }
            // The window of that day starting first at or after `from` (the first such in the profile's order).
            var next: Int?
            for i in patrols.indices where patrols[i].window.days == cls && patrols[i].window.start >= from {
                if let n = next, patrols[n].window.start <= patrols[i].window.start { continue }
                next = i
            }
            if let i = next {
                let p = patrols[i]
                let start = Instant(date: day).adding(seconds: Int64(p.window.start))
                return ClaimDeadline(due: start.adding(p.cadence), collected: collected, countedFrom: start, patrolRuleID: p.rule.id,
                                     window: p.window, interval: p.cadence, collectionDay: firstKind, deferred: true)
            }
        }
        throw .noPatrolWindow
    }

    /// The claim deadline of a case (Art. 6), or nil when the profile sets no patrol window and so no claim clock.
    /// A year missing from the calendar is an error, never "no deadline": that would undercount designations.
    public func claimDue(of c: CaseFile) throws(CalendarError) -> Instant? {
        do throws(ClaimDeadlineError) {
            return try claimDeadline(collectedAt: c.collectedAt).due
        } catch {
            switch error {
            case .calendar(let e): throw e
            case .noPatrolWindow: return nil
            }
        }
    }

    /// When the window for a written extension application on `c` closes, for `CaseRules.applyExtension`, as far as
    /// the calendar tells (exact, or bounds when it reaches a year without data); nil when the case is not claimed
    /// yet (the rule refuses that first) or the profile has no extension rule.
    public func extensionWindow(for c: CaseFile) throws(CalendarError) -> DeadlineBounds? {
        guard let claimed = c.claimedAt else { return nil }
        return try extensionWindow(claimedAt: claimed)
    }

    /// The window for a written extension application (`extend.apply`, 3 working days from the claim), so a late
    /// application is refused citing the rule and a timely one is accepted even when the window's end lies in a year
    /// without data. nil when the profile has no such rule.
    public func extensionWindow(claimedAt: Instant) throws(CalendarError) -> DeadlineBounds? {
        guard let rule = policy.rules.first(where: { $0.end == .extensionApplied }) else { return nil }
        switch rule.clock {
        case .workingDays(let n):
            return try calendar.deadlineBounds(workingDays: n + restDayExtra(n, claimedAt), from: claimedAt,
                                               cutoffSecondOfDay: policy.cutoffSecondOfDay)
        case .elapsed(let s):
            return DeadlineBounds(exact: claimedAt.adding(s))
        case .cadence, .patrolInterval, .none:
            return nil
        }
    }
}
