/// Which days a patrol window applies to.
public enum DayClass: String, CaseIterable, Sendable, Hashable, Codable {
    /// Working days (make-up workdays included).
    case workday
    /// Weekends and holidays that are not worked.
    case rest

    public var name: Localized {
        switch self {
        case .workday: Localized(zh: "工作日", en: "workdays")
        case .rest: Localized(zh: "休息日及节假日", en: "rest days and holidays")
        }
    }
}

/// A daily span of local time during which a patrol rule's cadence is in force (Art. 6: hourly in office hours,
/// every 2 hours in the evening until 24:00 and on holidays).
public struct PatrolWindow: Sendable, Hashable, Codable, CustomStringConvertible {
    public var days: DayClass
    /// Seconds since local midnight, inclusive.
    public var start: Int
    /// Seconds since local midnight, exclusive; 86 400 is 24:00.
    public var end: Int

    public init(days: DayClass, start: Int, end: Int) {
        self.days = days
        self.start = start
        self.end = end
    }

    public func contains(secondOfDay s: Int) -> Bool { s >= start && s < end }

    /// `08:00-18:00`
    public var range: String { "\(TimeOfDay.text(start))-\(TimeOfDay.text(end))" }

    /// `workday 08:00-18:00`, the policy-line spelling.
    public var description: String { "\(days.rawValue) \(range)" }
}

/// `HH:MM` ⇄ seconds since midnight, with `24:00` allowed as the end of the day.
public enum TimeOfDay {
    public static func parse(_ text: String) -> Int? {
        let p = text.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2, p[0].count == 2, p[1].count == 2, p.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h), (0...59).contains(m),
              h < 24 || m == 0 else { return nil }
        return h * 3600 + m * 60
    }

    public static func text(_ s: Int) -> String { "\(pad2(s / 3600)):\(pad2((s % 3600) / 60))" }
}
