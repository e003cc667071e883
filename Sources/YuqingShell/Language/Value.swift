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
    /// A department as typed (or the canonical code when `Session.validateDepartment` is set).
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
    public var integer: Int? { if case .integer(let n) = value { n } else { nil } }
    public var time: TimeSpec? { if case .time(let t) = value { t } else { nil } }
    public var span: Span? { if case .span(let s) = value { s } else { nil } }
    public var id: EntityID? { if case .id(let i) = value { i } else { nil } }
    public var ids: [EntityID]? {
        switch value {
        case .ids(let i): i
        case .id(let i): [i]
        default: nil
        }
    }
    public var date: CivilDate? { if case .date(let d) = value { d } else { nil } }
    public var words: [Word]? { if case .expression(let w) = value { w } else { nil } }
}
