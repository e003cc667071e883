/// What a case owes and by when, derived from the policy and the case facts. Deadlines, `due`, `overdue`, `why`,
/// assessment scores, accountability findings and drill scores are all views of these.
public struct Obligation: Sendable, Hashable {
    public var ruleID: String
    /// The instruction (`L4`) an `instruct` obligation is about; nil for the case's own obligations.
    public var subject: String?
    public var article: String
    public var title: Localized
    /// nil when it could not be computed (see `problem`).
    public var due: Instant?
    /// The deadline before approved extensions; equals `due` when none.
    public var originalDue: Instant?
    public var status: ObligationStatus
    /// When the end milestone was reached (or the watch period ended).
    public var metAt: Instant?
    public var responsible: Responsible
    /// For rules that require the coordinators' review before the end milestone.
    public var review: ReviewState?
    /// An opportunity rather than a duty (the extension window): never overdue, dropped once it closes unused.
    public var optional: Bool
    /// Cites rule and article and shows the arithmetic, in both languages.
    public var explanation: Localized
    /// Why `due` is nil: a year missing from the calendar.
    public var problem: CalendarError?
    /// When `due` is nil for a missing year: the earliest the deadline can be, whatever that year holds (so `pending`
    /// and next steps can say "not before …").
    public var earliestDue: Instant?

    public init(ruleID: String, subject: String? = nil, article: String, title: Localized, due: Instant?,
                originalDue: Instant?, status: ObligationStatus, metAt: Instant? = nil, responsible: Responsible,
                review: ReviewState? = nil, optional: Bool = false, explanation: Localized,
                problem: CalendarError? = nil) {
        self.ruleID = ruleID
        self.subject = subject
        self.article = article
        self.title = title
        self.due = due
        self.originalDue = originalDue
        self.status = status
        self.metAt = metAt
        self.responsible = responsible
        self.review = review
        self.optional = optional
        self.explanation = explanation
        self.problem = problem
    }

    /// Still to be done (pending, extended, overdue or of unknown due).
    public var isOpen: Bool {
        switch status {
        case .pending, .extended, .overdue, .unknown: true
        case .met, .late, .waived: false
        }
    }
}

/// Where an obligation stands at a given `now`.
public enum ObligationStatus: String, CaseIterable, Sendable, Hashable, Codable {
    /// Not done, not yet due.
    case pending
    /// Done at or before the deadline.
    case met
    /// Done after the deadline.
    case late
    /// Not done and the deadline has passed.
    case overdue
    /// No longer owed: the case is a duplicate, or was closed before this fell due.
    case waived
    /// Not done, not yet due, and its deadline was moved by an approved extension.
    case extended
    /// The deadline cannot be computed (a year missing from the calendar); see `Obligation.problem`.
    case unknown

    public var name: Localized {
        switch self {
        case .pending: Localized(zh: "未到期", en: "pending")
        case .met: Localized(zh: "按时完成", en: "met")
        case .late: Localized(zh: "逾期完成", en: "late")
        case .overdue: Localized(zh: "已超期", en: "overdue")
        case .waived: Localized(zh: "免除", en: "waived")
        case .extended: Localized(zh: "已延期", en: "extended")
        case .unknown: Localized(zh: "无法计算", en: "unknown")
        }
    }
}

/// Who must act on an obligation.
public enum Responsible: Sendable, Hashable {
    /// The claiming (or designated) department, by code or name.
    case department(String)
    /// 政务公开办、网宣办.
    case coordinators
    /// Not claimed yet and not yet overdue: the department whose duty it is should claim it.
    case unassigned

    public var name: Localized {
        switch self {
        case .department(let d): Localized(d)
        case .coordinators: Party.coordinators.name
        case .unassigned: Localized(zh: "待认领", en: "unclaimed")
        }
    }

    /// The stable code in JSON: the department's code, `coordinators` or `unassigned`.
    public var code: String {
        switch self {
        case .department(let d): d
        case .coordinators: "coordinators"
        case .unassigned: "unassigned"
        }
    }
}

/// The coordinators' review of a response (high-attention cases, Art. 9 ¶1).
public enum ReviewState: Sendable, Hashable {
    /// Required and not yet given: the response must not be published yet.
    case required
    case approved(at: Instant)
    /// The response was published without the review.
    case missing
}

extension Obligation {
    /// How the due index and a drill's policy deadlines name this obligation: its rule's id, and for a rule owed
    /// once per subject (an instruction) the subject too — `claim`, `instruct:L1`.
    public var key: String { subject.map { "\(ruleID):\($0)" } ?? ruleID }

    /// A `key` read back: the rule's id (to look the rule up by) and the subject, if any.
    public static func parts(ofKey key: String) -> (ruleID: String, subject: String?) {
        let p = key.split(separator: ":")
        return (p.first.map(String.init) ?? key, p.dropFirst().first.map(String.init))
    }
}
