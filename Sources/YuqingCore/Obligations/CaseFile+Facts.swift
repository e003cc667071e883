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
            waived: duplicateOf != nil)
    }
}
