/// What the known days say about a working-day deadline that reaches a year without data.
///
/// yuqing never guesses a year's holidays, but many questions do not need them: an extension applied one working day
/// after the claim is timely whatever the next year holds. A deadline that needs unknown days lies between the
/// *earliest* it could be (every unknown day a working day; holidays only push a deadline later) and the *latest*
/// (no unknown day a working day; nil when the known days after the gap do not bound it). A question is answered when
/// the bounds decide it and refused, naming the missing year, only when the answer depends on it.
public struct DeadlineBounds: Sendable, Hashable {
    /// The deadline when the known days give it exactly; nil when it depends on a year without data.
    public var exact: Instant?
    /// The earliest the deadline can be, whatever the missing year holds.
    public var earliest: Instant
    /// The latest it can be; nil when unbounded (the missing year is the last one before the end of the data).
    public var latest: Instant?
    /// The first year without data the deadline depends on; nil when `exact` is set.
    public var missingYear: Int?

    /// A deadline the known days give exactly.
    public init(exact: Instant) {
        self.init(exact: exact, earliest: exact, latest: exact, missingYear: nil)
    }

    public init(exact: Instant?, earliest: Instant, latest: Instant?, missingYear: Int?) {
        self.exact = exact
        self.earliest = earliest
        self.latest = latest
        self.missingYear = missingYear
    }

    /// Whether `t` is certainly at or before the deadline (true), certainly after it (false), or depends on the
    /// missing year (nil).
    public func isOnTime(_ t: Instant) -> Bool? {
        if let e = exact { return t <= e }
        if t <= earliest { return true }
        if let l = latest, t > l { return false }
        return nil
    }
}

extension WorkCalendar {
    /// Bounds of the deadline of `n` working days from `start` (see `deadline(workingDays:from:cutoffSecondOfDay:)`):
    /// exact when the known days give it, otherwise the earliest and latest it can be. Throws only for bad input
    /// (negative days, bad cut-off) or when even the start day's year has no data.
    public func deadlineBounds(workingDays n: Int, from start: Instant,
                               cutoffSecondOfDay cutoff: Int = 86_400) throws(CalendarError) -> DeadlineBounds {
        do {
            let d = try deadline(workingDays: n, from: start, cutoffSecondOfDay: cutoff)
            return DeadlineBounds(exact: d)
        } catch {
            guard case .yearNotCovered = error else { throw error }
            try requireCovered(start.date.year)
        }
        // Walk the days after the start day: a known day counts if it is a working day; an unknown day counts for
        // the earliest bound and not for the latest. The walk is linear in the period (tens of days); the latest
        // bound gives up after a year of days beyond the data, which means "unbounded".
        var missing: Int?
        var early = 0, late = 0
        var earliestDay: CivilDate?
        var latestDay: CivilDate?
        var day = start.date
        var unknownRun = 0
        while latestDay == nil && unknownRun <= 370 {
            day = day.adding(days: 1)
            if let kind = try? dayKind(day) {
                unknownRun = 0
                if kind.isWorkingDay {
                    early += 1
                    late += 1
                }
            } else {
                if missing == nil { missing = day.year }
                unknownRun += 1
                early += 1
            }
            if earliestDay == nil && early >= n { earliestDay = day }
            if late >= n { latestDay = day }
        }
        let at = { (d: CivilDate) in Instant(date: d).adding(seconds: Int64(cutoff)) }
        return DeadlineBounds(exact: nil, earliest: at(earliestDay ?? day), latest: latestDay.map(at),
                              missingYear: missing)
    }
}
