/// A point in time: whole seconds since the Unix epoch.
///
/// Integer seconds keep drills and replays byte-for-byte deterministic; sub-second precision has no meaning for
/// deadlines counted in hours and working days. The core never reads the clock: instants are handed in.
public struct Instant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// Shanghai's fixed offset from UTC (no daylight saving since 1992).
    public static let shanghaiOffset: Int64 = 8 * 3600

    /// The instant at a local date and time in Asia/Shanghai. `hour` may be 24 (the end of the day).
    public init(date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.seconds = Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            - Instant.shanghaiOffset
    }

    /// Local seconds since 1970-01-01 00:00 Shanghai.
    @inline(__always) var localSeconds: Int64 { seconds + Instant.shanghaiOffset }

    /// The local date in Asia/Shanghai.
    public var date: CivilDate { CivilDate(dayNumber: dayNumber) }

    /// The day this instant closes when it ends a period (the time an answer is as of): midnight is 24:00 of the day
    /// before, as a deadline is written (`2020-12-31 24:00` closes December 31), any other time its own date. An
    /// answer as of 2020-12-31 24:00 is about December 31, not about an empty January 1.
    public var closingDate: CivilDate { secondOfDay == 0 ? date.adding(days: -1) : date }

    /// The local day number in Asia/Shanghai.
    public var dayNumber: Int {
        let s = localSeconds
        return Int(s >= 0 ? s / 86_400 : (s - 86_399) / 86_400)
    }

    /// Seconds since local midnight.
    public var secondOfDay: Int { Int(localSeconds - Int64(dayNumber) * 86_400) }

    public var hour: Int { secondOfDay / 3600 }
    public var minute: Int { (secondOfDay % 3600) / 60 }

    public func adding(seconds s: Int64) -> Instant { Instant(seconds: seconds + s) }
    public func adding(_ d: Span) -> Instant { Instant(seconds: seconds + d.seconds) }

    public static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }
    public static func - (a: Instant, b: Instant) -> Span { Span(seconds: a.seconds - b.seconds) }

    /// `2019-12-19 09:00` (seconds shown only when not zero).
    public var description: String {
        let seconds = secondOfDay % 60
        return seconds == 0 ? minuteDescription : minuteDescription + ":\(pad2(seconds))"
    }

    /// `2019-12-19 09:00` without seconds: what documents print, like the screen (a deadline counted from a real
    /// time, 10:00:37, reads 10:00 in minutes and meetings' papers, not to the second).
    public var minuteDescription: String {
        let sod = secondOfDay
        return "\(date) \(pad2(sod / 3600)):\(pad2((sod % 3600) / 60))"
    }

    /// `12-19 09:00`, for chat-style answers.
    public var shortDescription: String {
        let sod = secondOfDay
        return "\(date.shortDescription) \(pad2(sod / 3600)):\(pad2((sod % 3600) / 60))"
    }

    /// A deadline as Chinese administrative practice writes it: midnight is `24:00` of the day before
    /// (`2020-01-06 24:00`, never `2020-01-07 00:00`). In minutes, as every screen, sentence and document shows a
    /// time: a limit counted from a real time (claimed at 15:20:37) reads `15:20` in `why` as in `show` (the seconds
    /// stay in the events and in JSON's `iso8601`).
    public var deadlineDescription: String {
        guard secondOfDay == 0 else { return minuteDescription }
        return "\(date.adding(days: -1)) 24:00"
    }

    /// `12-26 24:00` / `12-19 11:00`.
    public var shortDeadlineDescription: String {
        guard secondOfDay == 0 else { return shortDescription }
        return "\(date.adding(days: -1).shortDescription) 24:00"
    }

    /// ISO 8601 with the Shanghai offset, for JSON: `2019-12-19T09:00:00+08:00`.
    public var iso8601: String {
        let sod = secondOfDay
        return "\(date)T\(pad2(sod / 3600)):\(pad2((sod % 3600) / 60)):\(pad2(sod % 60))+08:00"
    }
}

/// A length of time in whole seconds (`+2h`, `30m`). Working days are not spans: they depend on the calendar.
public struct Span: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var seconds: Int64
    public init(seconds: Int64) { self.seconds = seconds }
    public static func minutes(_ m: Int) -> Span { Span(seconds: Int64(m) * 60) }
    public static func hours(_ h: Int) -> Span { Span(seconds: Int64(h) * 3600) }
    public static func days(_ d: Int) -> Span { Span(seconds: Int64(d) * 86_400) }
    public static func < (a: Span, b: Span) -> Bool { a.seconds < b.seconds }

    /// `2h`, `1h30m`, `3d4h`, `45m`, `0m`; negative spans get a leading `-`.
    public var description: String {
        var s = abs(seconds)
        var out = seconds < 0 ? "-" : ""
        let d = s / 86_400; s %= 86_400
        let h = s / 3600; s %= 3600
        let m = s / 60; s %= 60
        if d > 0 { out += "\(d)d" }
        if h > 0 { out += "\(h)h" }
        if m > 0 { out += "\(m)m" }
        if s > 0 { out += "\(s)s" }
        if d == 0 && h == 0 && m == 0 && s == 0 { out += "0m" }
        return out
    }
}
