import YuqingCore

/// A time as written; the session resolves it against its clock (and the calendar for working days).
public enum TimeSpec: Sendable, Hashable {
    case absolute(Instant)
    /// `09:00`: today (in Asia/Shanghai, by the session clock) at this time.
    case todayAt(hour: Int, minute: Int)
    case now
    /// `+2h`, `-1d`
    case relative(Span)
    /// `+3wd`: working days from now; needs the calendar.
    case relativeWorkdays(Int)
}

/// A parsed value: its format is checked; its meaning (does C7 exist?) is the handler's job.
public enum Value: Sendable {
    case text(String)
    case integer(Int)
    case time(TimeSpec)
    case date(CivilDate)
    case span(Span)
    case workdays(Int)
    case id(EntityID)
    case ids([EntityID])
    /// A department as typed (or the canonical code when the session has a domain).
    case department(String)
    /// The canonical code of a choice, even when the Chinese synonym was typed.
    case choice(String)
    case flag(Bool)
    case path(String)
    case expression([Word])
}

/// One argument as typed (raw text and range, for error messages) with its parsed value.
public struct Arg: Sendable {
    public var raw: String
    public var range: SourceRange
    public var value: Value

    public init(raw: String, range: SourceRange, value: Value) {
        self.raw = raw
        self.range = range
        self.value = value
    }

    public var text: String? {
        switch value {
        case .text(let s), .department(let s), .choice(let s), .path(let s): s
        case .integer(let n): String(n)
        case .id(let id): id.description
        case .expression(let ws): ws.map(\.text).joined(separator: " ")
        default: raw
        }
    }
    // Typed values are read through a verb's declared properties (`ArgumentScalar.value`), not from here.
}
