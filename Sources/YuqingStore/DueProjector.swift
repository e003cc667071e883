import YuqingCore

/// Feeds the store's due index from the obligations engine: each obligation with its responsible department, the
/// case's designation and level, and the events that started and ended its clock (the evidence of findings). The
/// shell installs it with the policy and calendar in force; benchmarks that build stores directly use it too.
public struct DueProjector: CaseProjector {
    public let engine: ObligationEngine
    /// The index needs times and statuses only, so the engine runs without building explanations.
    public init(engine: ObligationEngine) { self.engine = engine.quiet }
    public func dueEntries(for c: CaseFile) -> [DueEntry] {
        engine.obligations(for: c.facts, now: c.lastEventAt).compactMap { o in
            guard !o.optional else { return nil }
            let dept: String? = switch o.responsible {
            case .department(let d): d
            case .coordinators: Party.coordinators.rawValue
            case .unassigned: c.suggestedDept
            }
            let seqs = Evidence.ends(rule: engine.policy.rule(o.ruleID), subject: o.subject) { m, s in c.firstSeq(m, subject: s) }
            return DueEntry(caseID: c.id, rule: o.subject.map { "\(o.ruleID):\($0)" } ?? o.ruleID, due: o.due,
                            metAt: o.metAt, dept: dept, waived: o.status == .waived, designated: c.designated,
                            level: c.level, startSeq: seqs.start, endSeq: o.metAt == nil ? nil : seqs.end)
        }
    }
}
