/// One obligation of a case as the assessment sees it: the store's due index row (rule, due, met, department,
/// waived) plus whether the case was designated. Scores and findings are computed from these and never from
/// counters of their own, so they cannot drift from the obligations `due`, `overdue` and `why` show.
public struct ObligationRecord: Sendable, Hashable {
    public var caseID: EntityID
    /// The rule id, with the instruction for `instruct` (`instruct:L4`), as the due index writes it.
    public var rule: String
    public var due: Instant?
    public var metAt: Instant?
    /// The responsible department code, `coordinators` for the coordinators' own duties, nil when nobody is.
    public var dept: String?
    public var waived: Bool
    /// The case was designated by the coordinators after its claim deadline passed (Art. 6).
    public var designated: Bool

    public init(caseID: EntityID, rule: String, due: Instant?, metAt: Instant?, dept: String?, waived: Bool,
                designated: Bool = false) {
        self.caseID = caseID
        self.rule = rule
        self.due = due
        self.metAt = metAt
        self.dept = dept
        self.waived = waived
        self.designated = designated
    }

    /// `instruct` of `instruct:L4`.
    public var ruleID: String { rule.split(separator: ":", maxSplits: 1).first.map(String.init) ?? rule }
    /// `L4` of `instruct:L4`.
    public var subject: String? {
        let p = rule.split(separator: ":", maxSplits: 1)
        return p.count == 2 ? String(p[1]) : nil
    }

    /// The status at `now`, the way the obligations engine decides it: done by the deadline is met, after it late;
    /// not done and past it overdue; otherwise pending.
    public func status(now: Instant) -> ObligationStatus {
        if waived { return .waived }
        guard let due else { return .unknown }
        if let m = metAt { return m <= due ? .met : .late }
        return now > due ? .overdue : .pending
    }

    /// How late: completion (or `now`, when still open) minus the deadline; zero when not late.
    public func lateness(now: Instant) -> Span {
        guard let due else { return Span(seconds: 0) }
        let end = metAt ?? now
        return end > due ? end - due : Span(seconds: 0)
    }
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
