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

    /// The readings, in the order `policy show` lists them.
    static let choices: [ChoiceSetting<PolicyReadings>] = [
        ChoiceSetting("escalation-from", EscalationStart.self, get: { $0.escalationFrom }, set: { $0.escalationFrom = $1 },
                      article: Localized(zh: "第八条第三款", en: "Art. 8 ¶3")) {
            $0 == .judgement
                ? Localized(zh: "重大敏感舆情：研判后 2 小时内报送市领导", en: "major sensitive: reported to the city leaders within 2 h of the judgement")
                : Localized(zh: "重大敏感舆情：核实衔接后 2 小时内报送市领导", en: "major sensitive: reported to the city leaders within 2 h of the verification and liaison")
        },
        ChoiceSetting("high-response-from", HighResponseStart.self, get: { $0.highResponseFrom }, set: { $0.highResponseFrom = $1 },
                      article: Localized(zh: "第九条第一款", en: "Art. 9 ¶1")) {
            $0 == .review
                ? Localized(zh: "关注度高的回应：会商审定后 5 个工作日内发布", en: "high-attention response: 5 working days from the coordinators' review")
                : Localized(zh: "关注度高的回应：核实调查报告后 5 个工作日内发布", en: "high-attention response: 5 working days from the verification report")
        },
        ChoiceSetting("rest-day-start", RestDayStart.self, get: { $0.restDayStart }, set: { $0.restDayStart = $1 },
                      article: Localized(zh: "第八条、第九条（工作日时限）", en: "Art. 8, 9 (working-day limits)")) {
            $0 == .counted
                ? Localized(zh: "起算日为休息日时，下一个工作日计为第 1 日", en: "a period starting on a rest day: the next working day is day 1")
                : Localized(zh: "起算日为休息日时，视为下一个工作日起算，当日不计", en: "a period starting on a rest day: deemed to start on the next working day, which is not counted")
        },
        ChoiceSetting("unit-report-when-major", UnitReportWhenMajor.self, get: { $0.unitReportWhenMajor }, set: { $0.unitReportWhenMajor = $1 },
                      article: Localized(zh: "第八条第一款、第三款", en: "Art. 8 ¶1, ¶3")) {
            $0 == .stays
                ? Localized(zh: "研判为重大敏感前已超期的报送本单位领导仍计超期", en: "a unit report overdue before the major-sensitive judgement stays overdue")
                : Localized(zh: "研判为重大敏感后不再计报送本单位领导", en: "the unit report no longer counts once the case is judged major sensitive")
        },
    ]

    /// The keys of `policy reading`, in the order `policy show` lists them.
    public static let keys = choices.map(\.key)

    /// Each key with the values it takes (for the shell's tab completion).
    public static var keyValues: [(key: String, values: [String])] { choices.map { ($0.key, $0.values) } }

    /// Every reading as `policy show` lists it: value in force, default, allowed values, article and meaning.
    public var rows: [SettingRow] { Self.choices.map { $0.row(self, defaults: PolicyReadings()) } }

    /// Sets one reading from `policy reading KEY VALUE` (`words` without `reading`); on error nothing changes.
    mutating func set(_ words: Words) throws(PolicyError) {
        let key = try words.required(0, Localized(zh: "设置项：\(Self.keys.joined(separator: "、"))",
                                                  en: "a setting: \(Self.keys.joined(separator: ", "))"))
        guard let choice = Self.choices.first(where: { $0.key == key }) else {
            throw .unknownSetting(index: words.index(0), key: key, expected: Self.keys,
                                  suggestion: DidYouMean.suggest(key, among: Self.keys))
        }
        try choice.parse(words.dropping(1), into: &self)
    }
}
