/// A period of whole days `[from, through]` in Asia/Shanghai, as `score`, `accountability`, `patrol check` and the
/// monthly report read `--from` and `--to` (inclusive).
///
/// A deadline is written `D 24:00` and held as the midnight that ends D, so it belongs to the period when it lies
/// after the period's first midnight and at or before its last: `(start, end]`. A deadline of `2024-02-29 24:00` is
/// February's, never March's. Events (a collection, a patrol, a response) belong by their effective time:
/// `[start, end)`, so something done at 24:00 of the last day (00:00 of the next) is next month's activity — and,
/// for a limit due at 24:00, still on time.
public struct Period: Sendable, Hashable, CustomStringConvertible {
    public var from: CivilDate
    public var through: CivilDate

    public init(from: CivilDate, through: CivilDate) {
        self.from = from
        self.through = through
    }

    /// The midnight starting the first day.
    public var start: Instant { Instant(date: from) }
    /// The midnight ending the last day (24:00 of `through`).
    public var end: Instant { Instant(date: through.adding(days: 1)) }
    public var days: [CivilDate] { PatrolSchedule.days(from: from, through: through) }

    /// Whether a deadline falls in the period: after its first midnight, at or before 24:00 of its last day.
    public func containsDeadline(_ t: Instant) -> Bool { t > start && t <= end }
    /// Whether an event's effective time falls in the period.
    public func containsEvent(_ t: Instant) -> Bool { t >= start && t < end }

    /// `2020-01-01 – 2020-01-31`, or one date.
    public var label: String { from == through ? "\(from)" : "\(from) – \(through)" }
    public var description: String { label }

    /// The calendar month `year-month`; nil for a month that does not exist.
    public static func month(_ year: Int, _ month: Int) -> Period? {
        guard (1...12).contains(month), let a = CivilDate(year: year, month: month, day: 1),
              let b = CivilDate(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month)) else { return nil }
        return Period(from: a, through: b)
    }

    /// The month before the one this period starts in (for a monthly report's trends).
    public var previousMonth: Period? {
        from.month == 1 ? Period.month(from.year - 1, 12) : Period.month(from.year, from.month - 1)
    }
}
