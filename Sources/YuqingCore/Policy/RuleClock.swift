/// How a rule measures its limit.
public enum RuleClock: Sendable, Hashable {
    /// Elapsed clock time: runs through nights, weekends and holidays (`2h`, `7d`).
    case elapsed(Span)
    /// Working days after the start day, ending at the policy's cut-off (`5wd`).
    case workingDays(Int)
    /// A recurring duty, not a deadline (`every 1h`): patrols.
    case cadence(Span)
    /// The cadence of the patrol window in force at the start (the claim rule, Art. 6).
    case patrolInterval
    /// No time limit (documentation-only rules such as contacts or accountability).
    case none

    /// The policy-line spelling: `5wd`, `2h`, `every 1h`, `patrol`, `none`.
    public var code: String {
        switch self {
        case .elapsed(let s): SpanText.code(s)
        case .workingDays(let n): "\(n)wd"
        case .cadence(let s): "every \(SpanText.code(s))"
        case .patrolInterval: "patrol"
        case .none: "none"
        }
    }

    /// `5 working days` / `5 个工作日`.
    public var text: Localized {
        switch self {
        case .elapsed(let s): SpanText.of(s)
        case .workingDays(let n): Localized(zh: "\(n) 个工作日", en: n == 1 ? "1 working day" : "\(n) working days")
        case .cadence(let s):
            Localized(zh: "每 \(SpanText.of(s).zh)", en: "every \(SpanText.of(s).en)")
        case .patrolInterval: Localized(zh: "当时巡查间隔（1 或 2 小时）", en: "the patrol interval in force (1 h or 2 h)")
        case .none: Localized(zh: "无时限", en: "no time limit")
        }
    }
}

/// Spans in words: `2 h` / `2 小时`, `1 h 30 min` / `1 小时 30 分钟`, `7 days` / `7 天`.
public enum SpanText {
    /// `dayParts`: split off whole days whenever the span exceeds a day (`4 days 3 h` left), instead of only for
    /// whole-day limits (`7 days`, but `48 h`).
    public static func of(_ span: Span, dayParts: Bool = false) -> Localized {
        var s = span.seconds
        let negative = s < 0
        s = abs(s)
        let d = SpanText.inDays(s) || (dayParts && s >= 86_400) ? s / 86_400 : 0
        let h = (s - d * 86_400) / 3600, m = (s % 3600) / 60, sec = s % 60
        var zh: [String] = [], en: [String] = []
        if d > 0 { zh.append("\(d) 天"); en.append(d == 1 ? "1 day" : "\(d) days") }
        if h > 0 { zh.append("\(h) 小时"); en.append("\(h) h") }
        if m > 0 { zh.append("\(m) 分钟"); en.append("\(m) min") }
        if sec > 0 { zh.append("\(sec) 秒"); en.append("\(sec) s") }
        if zh.isEmpty { zh.append("0 分钟"); en.append("0 min") }
        return Localized(zh: (negative ? "负 " : "") + zh.joined(separator: " "),
                         en: (negative ? "-" : "") + en.joined(separator: " "))
    }

    /// Time left before a deadline, to the minute: `还有 1 天 3 小时` / `in 1 day 3 h`, or `已超期 5 分钟` /
    /// `overdue by 5 min` once it has passed. The one wording of time left (due, overdue, the timeline picture).
    public static func left(_ span: Span) -> Localized {
        let words = of(Span(seconds: abs(span.seconds) / 60 * 60), dayParts: true)
        return span.seconds >= 0 ? Localized(zh: "还有 \(words.zh)", en: "in \(words.en)")
                                 : Localized(zh: "已超期 \(words.zh)", en: "overdue by \(words.en)")
    }

    /// Limits are read in days only from 3 days up (`7d`); `24h` and `48h` stay in hours as the policies write them.
    static func inDays(_ seconds: Int64) -> Bool { seconds >= 3 * 86_400 && seconds % 86_400 == 0 }

    /// The policy-line spelling of a span: `48h`, `7d`, `1h30m`, `45m`.
    public static func code(_ span: Span) -> String {
        let s = span.seconds
        if inDays(s) { return "\(s / 86_400)d" }
        var out = ""
        if s / 3600 > 0 { out += "\(s / 3600)h" }
        if (s % 3600) / 60 > 0 { out += "\((s % 3600) / 60)m" }
        if s % 60 > 0 { out += "\(s % 60)s" }
        return out.isEmpty ? "0m" : out
    }
}
