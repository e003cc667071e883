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
            let rule = engine.policy.rule(o.ruleID)
            let seqs = Evidence.ends(rule: rule, subject: o.subject) { m, s in c.firstSeq(m, subject: s) }
            // A watch period (a start and no end milestone: the follow-up, Art. 9 ¶2) is nobody's deadline: it is
            // met when it ends (docs/rules.md). Held as met at its end, so `overdue`, `due`, the board and
            // `cases where overdue` never list an ended watch as overdue (they read unmet entries), while `why`
            // and the supervision queries (which leave watches out) say the same as before.
            let watch = rule?.isWatch ?? false
            let metAt = o.metAt ?? (watch ? o.due : nil)
            return DueEntry(caseID: c.id, rule: o.key, due: o.due,
                            metAt: metAt, dept: dept, waived: o.status == .waived, designated: c.designated,
                            level: c.level, startSeq: seqs.start, endSeq: o.metAt == nil ? nil : seqs.end)
        }
    }
}
