/// One obligation of a case as the assessment sees it: the store's due index row (rule, due, met, department,
/// waived, designation, level, evidence). Scores and findings are computed from these and never from counters of
/// their own, so they cannot drift from the obligations `due`, `overdue` and `why` show.
public struct ObligationRecord: Sendable, Hashable {
    public var caseID: EntityID
    /// The rule id, with the instruction for `instruct` (`instruct:L4`), as the due index writes it.
    public var rule: String
    public var due: Instant?
    public var metAt: Instant?
    /// The responsible department code, `coordinators` for the coordinators' own duties; for a case nobody has
    /// claimed, the department suggested at collection (or nil).
    public var dept: String?
    public var waived: Bool
    /// The case was designated by the coordinators after its claim deadline passed (Art. 6).
    public var designated: Bool
    /// The case's level when the entry was written (nil until judged).
    public var level: Level?
    /// The events that started and ended the clock (sequence numbers), when the index holds them.
    public var startSeq: Int64?
    public var endSeq: Int64?

    public init(caseID: EntityID, rule: String, due: Instant?, metAt: Instant?, dept: String?, waived: Bool,
                designated: Bool = false, level: Level? = nil, startSeq: Int64? = nil, endSeq: Int64? = nil) {
        self.caseID = caseID
        self.rule = rule
        self.due = due
        self.metAt = metAt
        self.dept = dept
        self.waived = waived
        self.designated = designated
        self.level = level
        self.startSeq = startSeq
        self.endSeq = endSeq
    }

    /// `instruct` of `instruct:L4`.
    public var ruleID: String { ObligationRecord.ruleID(of: rule) }
    /// `L4` of `instruct:L4`.
    public var subject: String? {
        let p = rule.split(separator: ":", maxSplits: 1)
        return p.count == 2 ? String(p[1]) : nil
    }

    /// The rule id of an index rule (`instruct` of `instruct:L4`).
    public static func ruleID(of rule: String) -> String {
        guard let i = rule.firstIndex(of: ":") else { return rule }
        return String(rule[..<i])
    }

    /// Where it stands as of `asOf` (see `DueOutcome`).
    public func outcome(asOf: Instant) -> DueOutcome {
        DueOutcome.of(due: due, metAt: metAt, waived: waived, asOf: asOf)
    }

    /// How late as of `asOf`: completion (or `asOf`, when not done by then) minus the deadline; zero when not late.
    public func lateness(asOf: Instant) -> Span {
        guard let due else { return Span(seconds: 0) }
        let end = metAt.map { $0 <= asOf ? $0 : asOf } ?? asOf
        return end > due ? end - due : Span(seconds: 0)
    }

    /// When it was done, if by `asOf`.
    public func done(asOf: Instant) -> Instant? { metAt.flatMap { $0 <= asOf ? $0 : nil } }
}

/// What an obligation is about, by the milestone that fulfils its rule — so a profile's own rules (the national
/// profile's press conference) are classed without code: anything else is `other`.
public enum ObligationClass: String, CaseIterable, Sendable, Hashable {
    case claim
    case unitReport = "unit-report"
    case verify
    case respond
    case instruct
    case escalate
    case other

    /// The class of a rule's obligations; nil for a watch period (a rule without an end milestone, `follow`): it
    /// ends by itself and is nobody's success or failure.
    public static func of(_ ruleID: String, policy: Policy) -> ObligationClass? {
        guard let rule = policy.rule(ruleID) else { return .other }
        guard let end = rule.end else { return nil }
        switch end {
        case .claimed: return .claim
        case .unitReported: return .unitReport
        case .verified: return .verify
        case .responded: return .respond
        case .instructionDone: return .instruct
        case .escalated: return .escalate
        default: return .other
        }
    }

    public var name: Localized {
        switch self {
        case .claim: Localized(zh: "认领", en: "claim")
        case .unitReport: Localized(zh: "报送本单位领导", en: "unit report")
        case .verify: Localized(zh: "核实调查报告", en: "verification report")
        case .respond: Localized(zh: "回应", en: "response")
        case .instruct: Localized(zh: "领导批示办理", en: "leader instruction")
        case .escalate: Localized(zh: "报送市领导", en: "report to city leaders")
        case .other: Localized(zh: "其他时限", en: "other limit")
        }
    }
}
