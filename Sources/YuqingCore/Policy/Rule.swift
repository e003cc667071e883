/// One rule of a policy profile: a row of the rules table in the brief, with the article it comes from.
///
/// The engine is driven by the fields, not by the id: `clock` says how the limit is measured, `start` and `end` say
/// which milestones start and fulfil it, `applies` which cases it concerns. Ids matter for people (`why C7` cites
/// `verify`) and for a few conventions documented in docs/rules.md (`follow`, `instruct`).
public struct Rule: Sendable, Hashable, Identifiable {
    /// `verify`, `patrol.day`, `respond.high`…
    public var id: String
    /// As written in the policy: `6`, `8 ¶2`, `国办发〔2016〕61号`.
    public var article: String { didSet { citation = Article.cite(article) } }
    public var title: Localized
    /// What the rule requires, in a sentence.
    public var about: Localized
    public var clock: RuleClock
    /// What starts the clock; nil for rules that are not deadlines of a case (patrol cadence).
    public var start: Milestone?
    /// What fulfils the rule; nil for a watch period (follow) or a duty without an end.
    public var end: Milestone?
    /// When the rule's cadence is in force (patrol rules).
    public var windows: [PatrolWindow]
    /// A watch period (the follow-up, Art. 9 ¶2): started, never fulfilled by a step — met when it ends, nobody's
    /// deadline (the due index, the next steps and the supervision queries all read it so).
    public var isWatch: Bool { start != nil && end == nil }
    public var applies: Applicability
    /// Who must act.
    public var party: Party
    /// The coordinators must review and approve before the end milestone (high-attention responses, Art. 9 ¶1).
    public var coordinatorsReview: Bool

    public init(id: String, article: String, title: Localized = Localized(""), about: Localized = Localized(""),
                clock: RuleClock = .none, start: Milestone? = nil, end: Milestone? = nil,
                windows: [PatrolWindow] = [], applies: Applicability = .all, party: Party = .department,
                coordinatorsReview: Bool = false) {
        self.id = id
        self.article = article
        self.citation = Article.cite(article)
        self.title = title.zh.isEmpty && title.en.isEmpty ? Localized(id) : title
        self.about = about
        self.clock = clock
        self.start = start
        self.end = end
        self.windows = windows
        self.applies = applies
        self.party = party
        self.coordinatorsReview = coordinatorsReview
    }

    /// `Art. 8 ¶2` / `第八条第二款`: made from `article` when it is set, not at each reading (the answer to every
    /// command on a case cites its next steps' rules: ~1 % of a script went to wording the same articles again).
    public private(set) var citation: Localized

    /// The window of this rule for a day class, if any.
    public func window(for days: DayClass) -> PatrolWindow? { windows.first { $0.days == days } }
}
