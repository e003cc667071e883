/// A policy profile: the rules table as data, in order, plus global settings.
///
/// Profiles are written as scripts of `policy …` lines in the yuqing language (see `apply(words:)` and
/// docs/rules.md), so a city can copy a built-in profile and edit it. Two are built in: `Policy.mingguang` (the default,
/// 明光市政务舆情回应制度 2019) and `Policy.national` (国办发〔2016〕61号 / 80号).
public struct Policy: Sendable, Hashable {
    /// Short name used by `policy use NAME`: `mingguang`.
    public var name: String
    /// The document the profile encodes.
    public var title: Localized
    /// The end of a working day for working-day limits, seconds since midnight: 86 400 (24:00) by default; 63 000
    /// (17:30) would end deadlines at office close.
    public var cutoffSecondOfDay: Int
    public var rules: [Rule]
    /// The readings of Art. 5, 6, 12 and 13 left open by the text (who owes patrols, how cadences count, who answers
    /// for an undesignated case, the accountability threshold, the score formula): `policy supervision …` and
    /// `policy score …` lines.
    public var supervision = SupervisionSettings()
    /// How the profile reads the places where the text leaves room (`policy reading KEY VALUE`).
    public var readings = PolicyReadings()

    /// The first words of profile lines.
    public static let commands = ["name", "cutoff", "rule", "set", "remove", "reading", "supervision", "score"]

    /// An empty profile, to which a profile script is applied line by line.
    public init(name: String = "", title: Localized = Localized(""), cutoffSecondOfDay: Int = 86_400,
                rules: [Rule] = []) {
        self.name = name
        self.title = title
        self.cutoffSecondOfDay = cutoffSecondOfDay
        self.rules = rules
    }

    /// The rule with this id.
    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    /// The watch period after a response (`follow`, Art. 9 ¶2), if the profile has one.
    public var followWatch: Span? {
        if case .elapsed(let s)? = rule("follow")?.clock { return s }
        return nil
    }

    /// The default limit of a leader instruction without its own due time (`instruct`, Art. 8 ¶4).
    public var instructionDefault: RuleClock? { rule("instruct")?.clock }

    /// The patrol rules with their windows and cadences, for the claim deadline.
    public var patrols: [(rule: Rule, window: PatrolWindow, cadence: Span)] {
        rules.flatMap { r -> [(rule: Rule, window: PatrolWindow, cadence: Span)] in
            guard case .cadence(let c) = r.clock else { return [] }
            return r.windows.map { (r, $0, c) }
        }
    }

    /// Applies a profile script given as split lines (without the leading `policy`) to an empty profile.
    public static func build(_ lines: [[String]]) throws(PolicyError) -> Policy {
        var p = Policy()
        for words in lines { try p.apply(words: words) }
        return p
    }
}
