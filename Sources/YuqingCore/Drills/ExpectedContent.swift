/// What an expected action must say, beyond having been done: the level given, the department it goes to, the
/// decision taken, words the text must contain. Empty means any such action counts.
public struct ExpectedContent: Sendable, Hashable {
    /// `level major-sensitive`: an assessment (or a meeting's `level` decision) at this level.
    public var level: Level?
    /// `to police`: assigned to, undertaken by, claimed for, or decided to be assigned to this department.
    public var toDept: String?
    /// `decision escalate` (decide: the action code), `decision approve|reject` (review, extend).
    public var decision: String?
    /// `contains 检测,符合国家标准`: every word must appear in the action's text.
    public var words: [String]

    public init(level: Level? = nil, toDept: String? = nil, decision: String? = nil, words: [String] = []) {
        self.level = level
        self.toDept = toDept
        self.decision = decision
        self.words = words
    }

    public var isEmpty: Bool { level == nil && toDept == nil && decision == nil && words.isEmpty }

    /// The content as written in a script (`level major-sensitive contains 检测`), for plans and reports.
    public var text: String {
        var parts: [String] = []
        if let level { parts.append("level \(level.rawValue)") }
        if let toDept { parts.append("to \(toDept)") }
        if let decision { parts.append("decision \(decision)") }
        if !words.isEmpty { parts.append("contains " + words.joined(separator: ",")) }
        return parts.joined(separator: " ")
    }

    /// The decisions `decision WORD` accepts for each action.
    public static func decisions(for action: ExpectedAction) -> [String] {
        switch action {
        case .decide: DecisionAction.codes.map(\.code)
        case .review, .extend: ["approve", "reject"]
        default: []
        }
    }

    /// The actions each content condition applies to (`drill check` refuses the others).
    public static func accepts(_ action: ExpectedAction, level: Bool = false, to: Bool = false, decision: Bool = false,
                               words: Bool = false) -> Bool {
        if level && ![.assess, .decide].contains(action) { return false }
        if to && ![.claim, .assign, .undertake, .decide].contains(action) { return false }
        if decision && decisions(for: action).isEmpty { return false }
        if words && [.claim, .link].contains(action) { return false }
        return true
    }
}

/// How an event stands against an expectation.
public enum ExpectationMatch: Sendable, Hashable {
    /// Not this kind of action, or not on this case.
    case unrelated
    /// The right action on the right case, but not what was expected (the reason says what differs).
    case wrongContent(Localized)
    case matches
}

extension Expectation {
    /// Whether `event` is the expected action on `caseID` (resolved from a label when the script used one).
    public func match(_ event: Event, caseID: EntityID?) -> ExpectationMatch {
        let body = event.body
        guard action.isShown(by: event, caseID: caseID, dept: nil, decided: content.decision != nil && action == .extend)
        else { return .unrelated }
        if let dept, event.actor.dept != dept, ExpectedAction.bodyDept(body) != dept {
            return .wrongContent(Localized(zh: "由 \(event.actor.dept ?? event.actor.name) 完成，应由 \(dept) 完成",
                                           en: "done by \(event.actor.dept ?? event.actor.name), expected of \(dept)"))
        }
        if let level = content.level {
            let given: Level? = switch body {
            case .assessed(let l, _, _): l
            case .decided(_, let a, _): if case .level(let l)? = DecisionAction(stored: a) { l } else { nil }
            default: nil
            }
            if given != level {
                return .wrongContent(Localized(
                    zh: given.map { "定级为\($0.name.zh)，应为\(level.name.zh)" } ?? "未定级，应为\(level.name.zh)",
                    en: given.map { "level \($0.name.en), expected \(level.name.en)" } ?? "no level, expected \(level.name.en)"))
            }
        }
        if let to = content.toDept {
            let given: String? = switch body {
            case .decided(_, let a, _): if case .assign(let d)? = DecisionAction(stored: a) { d } else { nil }
            default: ExpectedAction.bodyDept(body)
            }
            if given != to {
                return .wrongContent(Localized(zh: "交由 \(given ?? "—")，应交由 \(to)", en: "to \(given ?? "—"), expected to \(to)"))
            }
        }
        if let d = content.decision {
            let given: String? = switch body {
            case .decided(_, let a, _): a.split(separator: " ").first.map(String.init)
            case .responseReviewed(let ok, _): ok ? "approve" : "reject"
            case .extensionApproved: "approve"
            case .extensionRejected: "reject"
            default: nil
            }
            if given != d {
                return .wrongContent(Localized(zh: "决定为 \(given ?? "—")，应为 \(d)", en: "decision \(given ?? "—"), expected \(d)"))
            }
        }
        if !content.words.isEmpty {
            let text = ExpectedAction.text(of: body)
            let missing = content.words.filter { !text.contains($0) }
            if !missing.isEmpty {
                return .wrongContent(Localized(zh: "内容缺少“\(missing.joined(separator: "”“"))”",
                                               en: "the text lacks “\(missing.joined(separator: "”, “"))”"))
            }
        }
        return .matches
    }
}
