/// What a date is for working-day arithmetic.
public enum DayKind: Sendable, Hashable {
    /// Monday to Friday, not a holiday.
    case workday
    /// Saturday or Sunday, not a make-up workday.
    case restDay
    /// A day off in a statutory holiday period (法定节假日), weekend days of the period included.
    case holiday(name: Localized)
    /// A weekend day worked to make up for a holiday (调休上班).
    case makeUpWorkday(name: Localized)

    public var isWorkingDay: Bool {
        switch self {
        case .workday, .makeUpWorkday: true
        case .restDay, .holiday: false
        }
    }

    /// `workday` / `工作日`, `holiday (Spring Festival)` / `春节假日`…, for `calendar check`.
    public var label: Localized {
        switch self {
        case .workday: Localized(zh: "工作日", en: "workday")
        case .restDay: Localized(zh: "休息日", en: "rest day")
        case .holiday(let n): Localized(zh: "\(n.zh)假日", en: "holiday (\(n.en))")
        case .makeUpWorkday(let n): Localized(zh: "\(n.zh)调休上班", en: "make-up workday (\(n.en))")
        }
    }
}

/// A holiday or make-up workday, as listed in the calendar file.
public struct SpecialDay: Sendable, Hashable {
    public var date: CivilDate
    public var isHoliday: Bool
    public var name: Localized

    public init(date: CivilDate, isHoliday: Bool, name: Localized) {
        self.date = date
        self.isHoliday = isHoliday
        self.name = name
    }

    public var kind: DayKind { isHoliday ? .holiday(name: name) : .makeUpWorkday(name: name) }
}
