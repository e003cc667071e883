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

/// A late limit (Art. 13): a missed or late obligation with who answers for it and the events that prove it.
/// Every late limit is listed; those over the profile's threshold (`SupervisionSettings.isAccountable`) are the
/// accountability findings.
public struct Finding: Sendable, Hashable {
    public var kind: FindingKind
    public var caseID: EntityID
    public var ruleID: String
    /// The instruction of an `instruct` finding (`L4`).
    public var subject: String?
    public var article: String
    public var title: Localized
    /// The department that answers: the responsible department, `coordinators` for their own duties and for a case
    /// still unclaimed (designating it is their duty, Art. 6).
    public var dept: String?
    public var due: Instant
    /// When it was done, if by the assessment time.
    public var metAt: Instant?
    /// Completion (or the assessment time, when not done by then) minus the deadline.
    public var lateness: Span
    /// Sequence numbers of the events that started and ended the clock (and the designation), ascending.
    public var evidence: [Int64]
    /// The case's level, when judged.
    public var level: Level?
    /// Over the threshold of Art. 13 (`policy supervision account-after`, `account-levels`): an accountability
    /// finding, not only a late limit.
    public var accountable: Bool
}

public enum Accountability {
    /// The late limit of one record as of `asOf`, or nil when it is not late (on time, pending, waived, a watch
    /// period). `evidence` is used only when the index holds no event numbers for the record.
    public static func finding(_ r: ObligationRecord, policy: Policy, settings: SupervisionSettings, asOf: Instant,
                               evidence: (ObligationRecord) -> [Int64] = { _ in [] }) -> Finding? {
        guard let due = r.due, let cls = ObligationClass.of(r.ruleID, policy: policy) else { return nil }
        let kind: FindingKind
        switch r.outcome(asOf: asOf) {
        case .late: kind = cls == .claim && r.designated ? .designated : .late
        case .overdue: kind = cls == .claim ? .unclaimed : .overdue
        default: return nil
        }
        let rule = policy.rule(r.ruleID)
        let lateness = r.lateness(asOf: asOf)
        var seqs: [Int64]
        if let start = r.startSeq {
            seqs = [start]
            if let end = r.endSeq, r.done(asOf: asOf) != nil, end != start { seqs = end < start ? [end, start] : [start, end] }
        } else {
            seqs = evidence(r)
        }
        return Finding(kind: kind, caseID: r.caseID, ruleID: r.ruleID, subject: r.subject,
                       article: rule?.article ?? "", title: rule?.title ?? Localized(r.ruleID),
                       dept: kind == .unclaimed ? Party.coordinators.rawValue : r.dept, due: due, metAt: r.done(asOf: asOf),
                       lateness: lateness, evidence: seqs, level: r.level,
                       accountable: settings.isAccountable(lateness: lateness, level: r.level, unclaimed: kind == .unclaimed))
    }

    /// Every late limit among `records`, earliest deadline first (then case, then rule).
    public static func findings(records: [ObligationRecord], policy: Policy, settings: SupervisionSettings, asOf: Instant,
                                evidence: (ObligationRecord) -> [Int64] = { _ in [] }) -> [Finding] {
        records.compactMap { finding($0, policy: policy, settings: settings, asOf: asOf, evidence: evidence) }.sorted(by: order)
    }

    /// Earliest deadline first, then case number, then rule (the order of the due index).
    public static func order(_ a: Finding, _ b: Finding) -> Bool {
        if a.due != b.due { return a.due < b.due }
        if a.caseID.number != b.caseID.number { return a.caseID.number < b.caseID.number }
        let x = a.ruleID + (a.subject.map { ":" + $0 } ?? ""), y = b.ruleID + (b.subject.map { ":" + $0 } ?? "")
        return x.utf8.lexicographicallyPrecedes(y.utf8)
    }
}

/// Finds the events behind an obligation: those that first reached the rule's start and end milestones.
public enum Evidence {
    /// The first events reaching a rule's start and end milestones (for an instruction, those about `subject`), as
    /// `first` reports them (a case's `firstSeq`, or a scan of its log).
    public static func ends(rule: Rule?, subject: String?,
                            first: (Milestone, String?) -> Int64?) -> (start: Int64?, end: Int64?) {
        guard let rule else { return (nil, nil) }
        func seq(_ m: Milestone?) -> Int64? {
            guard let m else { return nil }
            return first(m, m == .instructed || m == .instructionDone ? subject : nil)
        }
        return (seq(rule.start), seq(rule.end))
    }

    /// The evidence of a rule read from one case's log, ascending: for an index written before the index kept it.
    public static func seqs(rule: Rule?, subject: String?, events: [Event]) -> [Int64] {
        var firsts: [String: Int64] = [:]
        for e in events {
            for (m, s) in Milestone.reached(by: e.body) where firsts[m.key(subject: s)] == nil { firsts[m.key(subject: s)] = e.seq }
        }
        let (a, b) = ends(rule: rule, subject: subject) { m, s in firsts[m.key(subject: s)] }
        return Array(Set([a, b].compactMap { $0 })).sorted()
    }
}
