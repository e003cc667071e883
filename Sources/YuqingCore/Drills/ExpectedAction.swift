/// The trainee actions an expectation can name, and the events that show each was done. One table, so the parser,
/// the scorer and the docs agree.
public enum ExpectedAction: String, Sendable, Hashable, CaseIterable {
    case collect, claim, assign, assess, report, verify, extend, escalate, instruct, undertake
    case draft, review, respond, follow, link, close, meeting, risk, decide

    /// The kinds of event that show this action was done.
    public var eventKinds: [EventKind] {
        switch self {
        case .collect: [.collected]
        case .claim: [.claimed]
        case .assign: [.assigned]
        case .assess: [.assessed]
        case .report: [.unitReported]
        case .verify: [.verified]
        case .extend: [.extensionApplied]
        case .escalate: [.escalated]
        case .instruct: [.instructed]
        case .undertake: [.instructionUndertaken]
        case .draft: [.responseDrafted]
        case .review: [.responseReviewed]
        case .respond: [.responded]
        case .follow: [.followed]
        case .link: [.linked]
        case .close: [.closed]
        case .meeting: [.meetingOpened, .agendaChanged]
        case .risk: [.riskJudged]
        case .decide: [.decided]
        }
    }

    /// The Chinese verb of the language (`认领`), accepted like the English one.
    public var alias: String {
        switch self {
        case .collect: "收集"
        case .claim: "认领"
        case .assign: "指定"
        case .assess: "研判"
        case .report: "报送"
        case .verify: "核实"
        case .extend: "延期"
        case .escalate: "上报"
        case .instruct: "批示"
        case .undertake: "承办"
        case .draft: "拟稿"
        case .review: "审定"
        case .respond: "回应"
        case .follow: "跟踪"
        case .link: "关联"
        case .close: "办结"
        case .meeting: "会商"
        case .risk: "风险"
        case .decide: "决定"
        }
    }

    public var title: Localized {
        switch self {
        case .collect: Localized(zh: "收集", en: "collect")
        case .claim: Localized(zh: "认领", en: "claim")
        case .assign: Localized(zh: "指定认领", en: "assign")
        case .assess: Localized(zh: "研判定级", en: "assess")
        case .report: Localized(zh: "报送情况", en: "unit report")
        case .verify: Localized(zh: "核实报告", en: "verification report")
        case .extend: Localized(zh: "申请延期", en: "apply for an extension")
        case .escalate: Localized(zh: "上报市领导", en: "escalate")
        case .instruct: Localized(zh: "录入批示", en: "record an instruction")
        case .undertake: Localized(zh: "承办批示", en: "undertake the instruction")
        case .draft: Localized(zh: "起草回应", en: "draft a response")
        case .review: Localized(zh: "审定回应", en: "review the response")
        case .respond: Localized(zh: "发布回应", en: "publish a response")
        case .follow: Localized(zh: "跟踪", en: "follow up")
        case .link: Localized(zh: "关联", en: "link")
        case .close: Localized(zh: "办结", en: "close")
        case .meeting: Localized(zh: "召开会商", en: "hold a meeting")
        case .risk: Localized(zh: "风险研判", en: "judge the risk")
        case .decide: Localized(zh: "会商决定", en: "decide")
        }
    }

    /// Accepts `claim`, `Claim` or `认领`.
    public init?(word: String) {
        let w = word.lowercased()
        guard let a = ExpectedAction.allCases.first(where: { $0.rawValue == w || $0.alias == word }) else { return nil }
        self = a
    }

    /// Whether `event` shows this action on `caseID` (by `dept`, when given). `decided`: for `extend`, the
    /// coordinators' approval or rejection rather than the application.
    public func isShown(by event: Event, caseID: EntityID?, dept: String?, decided: Bool = false) -> Bool {
        let kinds: [EventKind] = self == .extend && decided ? [.extensionApproved, .extensionRejected] : eventKinds
        guard kinds.contains(event.body.kind) else { return false }
        if let caseID, !ExpectedAction.concerns(event, caseID) { return false }
        if let dept {
            return event.actor.dept == dept || ExpectedAction.bodyDept(event.body) == dept
        }
        return true
    }

    /// The permission the action needs (who can do it at all), for `drill check` and per-trainee duties.
    public func permission(decided: Bool = false) -> Permission {
        switch self {
        case .collect: .collect
        case .claim: .claim
        case .assign: .assign
        case .assess, .risk: .assess
        case .report: .report
        case .verify: .verify
        case .extend: decided ? .extendDecide : .extendApply
        case .escalate: .escalate
        case .instruct: .instruct
        case .undertake: .instructionUndertake
        case .draft, .respond: .respond
        case .review: .review
        case .follow: .follow
        case .link: .link
        case .close: .close
        case .meeting: .meeting
        case .decide: .decide
        }
    }

    /// The text an action wrote, for `contains`: a report, a verification summary, a draft or published
    /// response, a note, a decision's wording, a risk judgement, an instruction.
    public static func text(of body: EventBody) -> String {
        switch body {
        case .collected(let item, _): [item.title, item.excerpt ?? "", item.url ?? ""].joined(separator: "\n")
        case .assessed(_, _, let note), .escalated(let note), .closed(let note), .guidanceArranged(let note): note ?? ""
        case .assigned(_, _, let note), .instructionUndertaken(_, _, let note), .responseReviewed(_, let note),
             .extensionApproved(_, _, let note):
            note ?? ""
        case .unitReported(let text), .followed(let text), .extensionRejected(_, let text),
             .extensionApplied(_, _, let text):
            text
        case .verified(let summary, _): summary
        case .instructed(_, _, let text, _), .responseDrafted(let text, _), .responded(_, _, let text): text
        case .decided(_, let action, let text): action + "\n" + (text ?? "")
        case .riskJudged(_, let nature, _, _, let risks, let suggest): [nature, risks ?? "", suggest ?? ""].joined(separator: "\n")
        case .meetingOpened(_, let topic, _, _, _): topic
        case .remarked(_, let text): text
        default: ""
        }
    }

    /// The event is about the case: its own event, or a meeting that puts it on the agenda.
    static func concerns(_ e: Event, _ id: EntityID) -> Bool {
        if e.caseID == id { return true }
        switch e.body {
        case .meetingOpened(_, _, let cases, _, _): return cases.contains(id)
        case .agendaChanged(_, let c, let added): return added && c == id
        default: return e.subject == id
        }
    }

    /// The department an event names in its body (`claimed(dept:)`), for `by DEPT`.
    static func bodyDept(_ body: EventBody) -> String? {
        switch body {
        case .claimed(let d), .assigned(let d, _, _), .instructionUndertaken(_, let d, _): d
        default: nil
        }
    }
}

/// HSEEP's ratings of an objective: performed without challenges, with some, with major challenges, unable.
public enum Rating: String, Sendable, Hashable, CaseIterable {
    case p = "P", s = "S", m = "M", u = "U"

    public var name: Localized {
        switch self {
        case .p: Localized(zh: "圆满完成（P）", en: "Performed without challenges (P)")
        case .s: Localized(zh: "基本完成，存在一些不足（S）", en: "Performed with some challenges (S)")
        case .m: Localized(zh: "完成但存在重大不足（M）", en: "Performed with major challenges (M)")
        case .u: Localized(zh: "未能完成（U）", en: "Unable to be performed (U)")
        }
    }
}

/// The minimum percentages of points for P, S and M (`threshold 90 70 40`); below M is U.
public struct RatingThresholds: Sendable, Hashable {
    public var p: Int
    public var s: Int
    public var m: Int
    public init(p: Int, s: Int, m: Int) {
        self.p = p
        self.s = s
        self.m = m
    }
    public static let standard = RatingThresholds(p: 90, s: 70, m: 40)

    public func rate(percent: Int) -> Rating {
        if percent >= p { return .p }
        if percent >= s { return .s }
        if percent >= m { return .m }
        return .u
    }
}
