/// One required patrol of a day: a patrol must be logged in `[start, end)`.
///
/// A patrol window of the policy (`workday 08:00-18:00 every 1h`) is cut into consecutive slots of its cadence, the
/// last one clipped at the window's end. Art. 6 asks for "one patrol per hour" in office hours and "every 2 hours" in
/// the evening and on rest days; a slot is the hour (or two) in which that one patrol has to happen, so compliance is
/// countable and every miss has a time and a length.
public struct PatrolSlot: Sendable, Hashable {
    /// The patrol rule whose window this slot belongs to (`patrol.day`, `patrol.night`).
    public var ruleID: String
    public var start: Instant
    public var end: Instant

    public init(ruleID: String, start: Instant, end: Instant) {
        self.ruleID = ruleID
        self.start = start
        self.end = end
    }

    public func contains(_ t: Instant) -> Bool { t >= start && t < end }

    /// `08:00-09:00` (the end of the day as `24:00`).
    public var range: String {
        let endText = end.secondOfDay == 0 ? "24:00" : TimeOfDay.text(end.secondOfDay)
        return "\(TimeOfDay.text(start.secondOfDay))-\(endText)"
    }
}

/// One patrol window of a day with its cadence (`patrol.day`: 08:00–18:00 every 1 h on a working day).
public struct PatrolWindowSpan: Sendable, Hashable {
    public var ruleID: String
    public var start: Instant
    public var end: Instant
    public var cadence: Span
}

/// The patrol duty of one calendar day, as the policy and the working calendar set it.
public struct PatrolDay: Sendable, Hashable {
    public var date: CivilDate
    /// Workday, rest day, holiday or make-up workday: decides which windows apply.
    public var kind: DayKind
    /// The windows of the day, in time order.
    public var windows: [PatrolWindowSpan]
    /// The windows cut into fixed slots of their cadence (the `slots` model).
    public var slots: [PatrolSlot]
}

public enum PatrolSchedule {
    /// The required slots of `date`: the windows of the policy's patrol rules for the day's class (working day or
    /// rest day — holidays are rest days, make-up workdays are working days), each cut by its cadence, in time order.
    /// Refuses a date in a year the calendar does not cover, like every working-day computation.
    public static func day(_ date: CivilDate, policy: Policy, calendar: WorkCalendar) throws(CalendarError) -> PatrolDay {
        let kind = try calendar.dayKind(date)
        let cls: DayClass = kind.isWorkingDay ? .workday : .rest
        let midnight = Instant(date: date)
        var slots: [PatrolSlot] = []
        var windows: [PatrolWindowSpan] = []
        for p in policy.patrols where p.window.days == cls && p.cadence.seconds > 0 {
            var s = Int64(p.window.start)
            let end = Int64(p.window.end)
            windows.append(PatrolWindowSpan(ruleID: p.rule.id, start: midnight.adding(seconds: s), end: midnight.adding(seconds: end),
                                            cadence: p.cadence))
            while s < end {
                let e = min(s + p.cadence.seconds, end)
                slots.append(PatrolSlot(ruleID: p.rule.id, start: midnight.adding(seconds: s), end: midnight.adding(seconds: e)))
                s = e
            }
        }
        slots.sort { $0.start < $1.start }
        windows.sort { $0.start < $1.start }
        return PatrolDay(date: date, kind: kind, windows: windows, slots: slots)
    }

    /// The days `[from, through]`, inclusive.
    public static func days(from: CivilDate, through: CivilDate) -> [CivilDate] {
        guard through >= from else { return [] }
        return (from.dayNumber...through.dayNumber).map { CivilDate(dayNumber: $0) }
    }
}
