/// What a case's events have established, as far as time limits are concerned.
///
/// The obligations engine reads only this, not the event log, so it does not depend on the event model: the case
/// fold fills a `CaseFacts` and asks for obligations. Every time is an effective time (`--at`), not a recorded time.
public struct CaseFacts: Sendable, Hashable {
    /// When the first item of the case was collected (the claim clock starts here).
    public var collectedAt: Instant
    public var claimedAt: Instant?
    /// Code or name of the department that claimed (or was designated).
    public var claimDept: String?
    /// Assigned by the coordinators because the claim was overdue (Art. 6: recorded and counted in assessment).
    public var designated: Bool
    /// nil until assessed; rules then treat the case as general.
    public var level: Level?
    public var assessedAt: Instant?
    /// When the case was judged major sensitive (starts the 2-hour escalation, Art. 8 ¶3).
    public var majorSensitiveAt: Instant?
    /// When the case was judged below major sensitive again (nil while it is major sensitive or never was).
    public var majorSensitiveUntil: Instant?
    /// A historical issue (历史遗留问题): 15 working days for the verification report.
    public var historical: Bool
    /// The 2-hour report to the unit's leaders (Art. 8 ¶1).
    public var unitReportAt: Instant?
    /// The verification investigation report (Art. 8 ¶2).
    public var verifiedAt: Instant?
    public var extensions: [ExtensionFact]
    /// Reported to city leaders by the coordinators.
    public var escalatedAt: Instant?
    /// The department verified and liaised with the coordinators (核实衔接, Art. 8 ¶3).
    public var liaisedAt: Instant?
    public var instructions: [InstructionFact]
    /// The coordinators approved the response of a high-attention case (Art. 9 ¶1).
    public var responseReviewApprovedAt: Instant?
    /// The response was published.
    public var respondedAt: Instant?
    /// National profile: press conference held.
    public var pressConferenceAt: Instant?
    /// National profile: authoritative information released.
    public var authoritativeInfoAt: Instant?
    public var closedAt: Instant?
    /// The latest recurrence linked to this case (Art. 9 ¶2): a watch period runs again from here.
    public var recurredAt: Instant?
    /// Closings undone by a recurrence: what one of them waived stays waived.
    public var earlierClosings: [Instant]
    /// The case needs no handling of its own (linked to another case as a duplicate): open obligations are waived.
    public var waived: Bool

    public init(collectedAt: Instant, claimedAt: Instant? = nil, claimDept: String? = nil, designated: Bool = false,
                level: Level? = nil, assessedAt: Instant? = nil, majorSensitiveAt: Instant? = nil,
                historical: Bool = false, unitReportAt: Instant? = nil, verifiedAt: Instant? = nil,
                extensions: [ExtensionFact] = [], escalatedAt: Instant? = nil, instructions: [InstructionFact] = [],
                responseReviewApprovedAt: Instant? = nil, respondedAt: Instant? = nil,
                pressConferenceAt: Instant? = nil, authoritativeInfoAt: Instant? = nil, closedAt: Instant? = nil,
                liaisedAt: Instant? = nil, recurredAt: Instant? = nil, earlierClosings: [Instant] = [], waived: Bool = false,
                majorSensitiveUntil: Instant? = nil) {
        self.majorSensitiveUntil = majorSensitiveUntil
        self.collectedAt = collectedAt
        self.claimedAt = claimedAt
        self.claimDept = claimDept
        self.designated = designated
        self.level = level
        self.assessedAt = assessedAt
        self.majorSensitiveAt = majorSensitiveAt
        self.historical = historical
        self.unitReportAt = unitReportAt
        self.verifiedAt = verifiedAt
        self.extensions = extensions
        self.escalatedAt = escalatedAt
        self.instructions = instructions
        self.responseReviewApprovedAt = responseReviewApprovedAt
        self.respondedAt = respondedAt
        self.pressConferenceAt = pressConferenceAt
        self.authoritativeInfoAt = authoritativeInfoAt
        self.closedAt = closedAt
        self.liaisedAt = liaisedAt
        self.recurredAt = recurredAt
        self.earlierClosings = earlierClosings
        self.waived = waived
    }

    /// The time of a milestone, if reached. Instruction milestones are per instruction and answer nil here.
    public func instant(of m: Milestone) -> Instant? {
        switch m {
        case .collected: collectedAt
        case .claimed: claimedAt
        case .assessed: assessedAt
        case .majorSensitive: majorSensitiveAt
        case .unitReported: unitReportAt
        case .verified: verifiedAt
        case .extensionApplied: extensions.map(\.appliedAt).min()
        case .escalated: escalatedAt
        case .instructed, .instructionDone: nil
        case .reviewApproved: responseReviewApprovedAt
        case .responded: respondedAt
        case .pressConference: pressConferenceAt
        case .authoritativeInfo: authoritativeInfoAt
        case .closed: closedAt
        }
    }

    /// The closing that waived an obligation running from `start` to `due`, if one did: the current closing, or an
    /// earlier one that a recurrence undid, that came while it was running and before it fell due.
    public func waivingClosing(start: Instant, due: Instant) -> Instant? {
        (earlierClosings + (closedAt.map { [$0] } ?? [])).first { $0 >= start && $0 <= due }
    }

    /// Working days granted by approved extensions, in order of approval.
    public var approvedExtensions: [(id: String, at: Instant, days: Int)] {
        extensions.compactMap { x in
            if case .approved(let at, let days) = x.decision { return (x.id, at, days) }
            return nil
        }.sorted { $0.at < $1.at }
    }
}

/// A written extension application (延期申请, Art. 8 ¶2) and the coordinators' decision.
public struct ExtensionFact: Sendable, Hashable {
    /// `X3`
    public var id: String
    public var appliedAt: Instant
    /// Working days asked for.
    public var days: Int
    public var decision: ExtensionDecision

    public init(id: String, appliedAt: Instant, days: Int, decision: ExtensionDecision = .pending) {
        self.id = id
        self.appliedAt = appliedAt
        self.days = days
        self.decision = decision
    }
}

public enum ExtensionDecision: Sendable, Hashable {
    case pending
    /// Approved for `days` working days (possibly fewer than asked), added to the verification deadline.
    case approved(at: Instant, days: Int)
    case rejected(at: Instant)
}

/// A leader instruction (批示, Art. 8 ¶4) to be carried out.
public struct InstructionFact: Sendable, Hashable {
    /// `L4`
    public var id: String
    public var issuedAt: Instant
    /// The due time set with the instruction; nil: the policy's default (5 working days).
    public var due: Instant?
    public var completedAt: Instant?

    public init(id: String, issuedAt: Instant, due: Instant? = nil, completedAt: Instant? = nil) {
        self.id = id
        self.issuedAt = issuedAt
        self.due = due
        self.completedAt = completedAt
    }
}

extension CaseFile {
    /// What the obligations engine needs to know of this case.
    public var facts: CaseFacts {
        CaseFacts(
            collectedAt: collectedAt, claimedAt: claimedAt, claimDept: dept, designated: designated, level: level,
            assessedAt: assessedAt, majorSensitiveAt: majorSensitiveAt, historical: historical,
            unitReportAt: unitReportAt, verifiedAt: verifiedAt,
            extensions: extensions.map { x in
                let d: ExtensionDecision = switch x.decision {
                case .pending: .pending
                case let .approved(at, days): .approved(at: at, days: days)
                case let .rejected(at, _): .rejected(at: at)
                }
                return ExtensionFact(id: x.id.description, appliedAt: x.appliedAt, days: x.days, decision: d)
            },
            escalatedAt: escalatedAt,
            instructions: instructions.map {
                InstructionFact(id: $0.id.description, issuedAt: $0.issuedAt, due: $0.due, completedAt: $0.completedAt)
            },
            responseReviewApprovedAt: reviewApprovedAt, respondedAt: respondedAt, closedAt: closedAt,
            liaisedAt: liaisedAt, recurredAt: reopenedAt, earlierClosings: earlierClosings ?? [], waived: duplicateOf != nil,
            majorSensitiveUntil: majorSensitiveUntil)
    }
}
