/// What kind of untimely handling a finding records (Art. 13).
public enum FindingKind: String, CaseIterable, Sendable, Hashable {
    /// Done, but after the deadline.
    case late
    /// Not done, and the deadline has passed.
    case overdue
    /// Not claimed in time: the coordinators had to designate a department (Art. 6).
    case designated
    /// Still unclaimed past the claim deadline: the coordinators must designate it now.
    case unclaimed

    public var name: Localized {
        switch self {
        case .late: Localized(zh: "逾期完成", en: "late")
        case .overdue: Localized(zh: "超期未完成", en: "overdue")
        case .designated: Localized(zh: "逾期未认领被指定", en: "designated")
        case .unclaimed: Localized(zh: "超期未认领", en: "unclaimed")
        }
    }
}

/// One accountability finding: a missed or late obligation with who answers for it and the events that prove it.
public struct Finding: Sendable, Hashable {
    public var kind: FindingKind
    public var caseID: EntityID
    public var ruleID: String
    /// The instruction of an `instruct` finding (`L4`).
    public var subject: String?
    public var article: String
    public var title: Localized
    /// The responsible department code (`coordinators` for their own duties), nil when nobody had claimed.
    public var dept: String?
    public var due: Instant
    public var metAt: Instant?
    /// Completion (or the assessment time, when still open) minus the deadline.
    public var lateness: Span
    /// Sequence numbers of the events that started and ended the clock (and the designation), ascending.
    public var evidence: [Int64]
}

public enum Accountability {
    /// Every late or overdue obligation among `records`, as findings, earliest deadline first. `evidence` gives the
    /// event numbers of a record (see `Evidence.seqs`); optional obligations never appear (they are not in the index).
    public static func findings(records: [ObligationRecord], policy: Policy, now: Instant,
                                evidence: (ObligationRecord) -> [Int64]) -> [Finding] {
        var out: [Finding] = []
        for r in records {
            guard let due = r.due else { continue }
            let status = r.status(now: now)
            guard let cls = ObligationClass.of(r.ruleID, policy: policy) else { continue }
            let kind: FindingKind
            switch status {
            case .late: kind = cls == .claim && r.designated ? .designated : .late
            case .overdue: kind = cls == .claim ? .unclaimed : .overdue
            default: continue
            }
            let rule = policy.rule(r.ruleID)
            out.append(Finding(kind: kind, caseID: r.caseID, ruleID: r.ruleID, subject: r.subject,
                               article: rule?.article ?? "", title: rule?.title ?? Localized(r.ruleID),
                               dept: kind == .unclaimed ? nil : r.dept, due: due, metAt: r.metAt,
                               lateness: r.lateness(now: now), evidence: evidence(r)))
        }
        out.sort { a, b in
            if a.due != b.due { return a.due < b.due }
            if a.caseID != b.caseID { return a.caseID < b.caseID }
            return a.ruleID < b.ruleID
        }
        return out
    }
}

/// Finds the events behind an obligation: those that reached the rule's start and end milestones.
public enum Evidence {
    /// The first event of `events` (one case's log) reaching the rule's start milestone and the first reaching its
    /// end milestone (a claim is ended by `claimed` or `assigned`), ascending. For `instruct` only events about the
    /// instruction `subject` match.
    public static func seqs(rule: Rule?, subject: String?, events: [Event]) -> [Int64] {
        guard let rule else { return [] }
        var out: [Int64] = []
        for m in [rule.start, rule.end].compactMap({ $0 }) {
            if let e = events.first(where: { matches(m, $0, subject: subject) }) { out.append(e.seq) }
        }
        return Array(Set(out)).sorted()
    }

    static func matches(_ m: Milestone, _ e: Event, subject: String?) -> Bool {
        switch (m, e.body) {
        case (.collected, .collected): return true
        case (.claimed, .claimed), (.claimed, .assigned): return true
        case (.assessed, .assessed): return true
        case (.majorSensitive, .assessed(let level, _, _)): return level == .majorSensitive
        case (.unitReported, .unitReported): return true
        case (.verified, .verified): return true
        case (.extensionApplied, .extensionApplied): return true
        case (.escalated, .escalated): return true
        case (.instructed, .instructed(let id, _, _, _)): return id.description == subject
        case (.instructionDone, .instructionCompleted(let id, _)): return id.description == subject
        case (.reviewApproved, .responseReviewed(let approved, _)): return approved
        case (.responded, .responded): return true
        case (.closed, .closed): return true
        default: return false
        }
    }
}
