/// How the profile reads the places where the published text leaves room (issue 15). Each is a setting with a
/// documented default (docs/rules.md, "Readings"), written in a profile as `policy reading KEY VALUE`, shown by
/// `policy show` and named in `why` where it changes an obligation. The other value keeps the earlier behaviour
/// reachable.
public struct PolicyReadings: Sendable, Hashable {
    /// Art. 9 ¶1: a high-attention response is "reviewed by the coordinators, then published within 5 working days"
    /// (会商审定后，于5个工作日内).
    public enum HighResponseStart: String, CaseIterable, Sendable, Hashable {
        /// The 5 working days run from the coordinators' review (会商审定后): before the review no response clock
        /// runs; a response published without one is measured from the verification report.
        case review
        /// From the verification report, the review included (default): parallel to the general 3 working days
        /// from the report, and the review itself is then not left without a limit (Art. 4: 及时回应).
        case verification
    }

    /// A working-day period whose start falls on a rest day or holiday.
    public enum RestDayStart: String, CaseIterable, Sendable, Hashable {
        /// The next working day is day 1 (default: 民法典 §201, the start day is not counted and counting begins
        /// the next day; rest days are not working days, so the first working day after is the first counted).
        case counted
        /// The next working day is deemed the start and is not counted itself; day 1 is the working day after it
        /// (the practice of some administrative procedures for filings received on a holiday).
        case deemed
    }

    /// An overdue unit report (Art. 8 ¶1, general and high-attention cases) when the case is later judged major
    /// sensitive (whose reporting the coordinators take over, Art. 8 ¶3).
    public enum UnitReportWhenMajor: String, CaseIterable, Sendable, Hashable {
        /// A report already overdue at the judgement stays overdue (default: the duty had fallen due and was missed
        /// before the judgement changed who reports).
        case stays
        /// It no longer counts once the case is major sensitive (the earlier reading).
        case dropped
    }

    /// Art. 8 ¶3: the coordinators report a major sensitive case to the city leaders "within 2 hours after verifying
    /// and liaising" (核实衔接后，…于2小时内统筹报送).
    public enum EscalationStart: String, CaseIterable, Sendable, Hashable {
        /// From the major-sensitive judgement (default): the liaison is to be "prompt" and has no limit of its own,
        /// so the judgement bounds the escalation.
        case judgement
        /// From the recorded liaison (`liaise CASE`); before it nothing runs, and an escalation without a recorded
        /// liaison is measured from the judgement.
        case liaison
    }

    public var escalationFrom: EscalationStart = .judgement
    public var highResponseFrom: HighResponseStart = .verification
    public var restDayStart: RestDayStart = .counted
    public var unitReportWhenMajor: UnitReportWhenMajor = .stays

    public init() {}

    /// The keys of `policy reading`, in the order `policy show` lists them.
    public static let keys = ["escalation-from", "high-response-from", "rest-day-start", "unit-report-when-major"]

    /// One setting as a person reads it: key, value in force, default, allowed values, article and meaning.
    public struct Row: Sendable, Hashable {
        public var key: String
        public var value: String
        public var defaultValue: String
        public var values: [String]
        public var article: Localized
        public var meaning: Localized
    }

    public var rows: [Row] {
        let d = PolicyReadings()
        return [
            Row(key: "escalation-from", value: escalationFrom.rawValue, defaultValue: d.escalationFrom.rawValue,
                values: EscalationStart.allCases.map(\.rawValue),
                article: Localized(zh: "第八条第三款", en: "Art. 8 ¶3"),
                meaning: escalationFrom == .judgement
                    ? Localized(zh: "重大敏感舆情：研判后 2 小时内报送市领导", en: "major sensitive: reported to the city leaders within 2 h of the judgement")
                    : Localized(zh: "重大敏感舆情：核实衔接后 2 小时内报送市领导", en: "major sensitive: reported to the city leaders within 2 h of the verification and liaison")),
            Row(key: "high-response-from", value: highResponseFrom.rawValue, defaultValue: d.highResponseFrom.rawValue,
                values: HighResponseStart.allCases.map(\.rawValue),
                article: Localized(zh: "第九条第一款", en: "Art. 9 ¶1"),
                meaning: highResponseFrom == .review
                    ? Localized(zh: "关注度高的回应：会商审定后 5 个工作日内发布", en: "high-attention response: 5 working days from the coordinators' review")
                    : Localized(zh: "关注度高的回应：核实调查报告后 5 个工作日内发布", en: "high-attention response: 5 working days from the verification report")),
            Row(key: "rest-day-start", value: restDayStart.rawValue, defaultValue: d.restDayStart.rawValue,
                values: RestDayStart.allCases.map(\.rawValue),
                article: Localized(zh: "第八条、第九条（工作日时限）", en: "Art. 8, 9 (working-day limits)"),
                meaning: restDayStart == .counted
                    ? Localized(zh: "起算日为休息日时，下一个工作日计为第 1 日", en: "a period starting on a rest day: the next working day is day 1")
                    : Localized(zh: "起算日为休息日时，视为下一个工作日起算，当日不计", en: "a period starting on a rest day: deemed to start on the next working day, which is not counted")),
            Row(key: "unit-report-when-major", value: unitReportWhenMajor.rawValue, defaultValue: d.unitReportWhenMajor.rawValue,
                values: UnitReportWhenMajor.allCases.map(\.rawValue),
                article: Localized(zh: "第八条第一款、第三款", en: "Art. 8 ¶1, ¶3"),
                meaning: unitReportWhenMajor == .stays
                    ? Localized(zh: "研判为重大敏感前已超期的报送本单位领导仍计超期", en: "a unit report overdue before the major-sensitive judgement stays overdue")
                    : Localized(zh: "研判为重大敏感后不再计报送本单位领导", en: "the unit report no longer counts once the case is judged major sensitive")),
        ]
    }

    /// Sets one reading from `policy reading KEY VALUE` (`words` without `reading`); on error nothing changes.
    mutating func set(_ words: Words) throws(PolicyError) {
        let key = try words.required(0, Localized(zh: "设置项：\(Self.keys.joined(separator: "、"))",
                                                  en: "a setting: \(Self.keys.joined(separator: ", "))"))
        func value<E: RawRepresentable & CaseIterable>(_ type: E.Type) throws(PolicyError) -> E where E.RawValue == String {
            let all = E.allCases.map(\.rawValue)
            let expected = Localized(zh: all.joined(separator: " 或 "), en: all.joined(separator: " or "))
            let v = try words.required(1, expected)
            try words.noMoreThan(2)
            guard let e = E(rawValue: v) else { throw .badValue(index: words.index(1), word: v, expected: expected) }
            return e
        }
        switch key {
        case "escalation-from": escalationFrom = try value(EscalationStart.self)
        case "high-response-from": highResponseFrom = try value(HighResponseStart.self)
        case "rest-day-start": restDayStart = try value(RestDayStart.self)
        case "unit-report-when-major": unitReportWhenMajor = try value(UnitReportWhenMajor.self)
        default:
            throw .unknownSetting(index: words.index(0), key: key, expected: Self.keys,
                                  suggestion: DidYouMean.suggest(key, among: Self.keys))
        }
    }
}
