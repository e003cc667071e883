/// One thing a case owes next: the obligation, the limit that set its deadline and the article it rests on.
public struct NextStep: Sendable, Hashable {
    public var obligation: Obligation
    /// The limit as a person reads it: `2 h`, `5 working days`, or for a claim the patrol interval that applied.
    public var limit: Localized
    /// `Art. 8 ¶1` / `第八条第一款`.
    public var citation: Localized

    public var isOverdue: Bool { obligation.status == .overdue }

    /// `unit report by 12-19 11:00 (2 h, Art. 8 ¶1)`, or `… was due 12-19 11:00 (…)` once overdue.
    public var text: Localized {
        let o = obligation
        let due = o.due.map(\.shortDeadlineDescription) ?? "?"
        let late = isOverdue
        return Localized(
            zh: "\(o.title.zh)\(late ? "已超期（应于 " : "应于 ")\(due)\(late ? "）" : " 前")（\(limit.zh)，\(citation.zh)）",
            en: "\(o.title.en) \(late ? "was due" : "by") \(due) (\(limit.en), \(citation.en))")
    }
}

extension ObligationEngine {
    /// What `c` owes next at `now`: its open obligations that have a deadline, earliest first (optional windows such
    /// as the extension application left out). None for a closed case.
    public func nextSteps(for c: CaseFile, now: Instant) -> [NextStep] {
        guard !c.isClosed else { return [] }
        let open = quiet.obligations(for: c.facts, now: now).filter { $0.isOpen && !$0.optional && $0.due != nil }
            .sorted { ($0.due ?? now) < ($1.due ?? now) }
        return open.map { o in
            let rule = policy.rule(o.ruleID)
            var limit = rule?.clock.text ?? Localized("")
            if case .patrolInterval? = rule?.clock, let cd = try? claimDeadline(collectedAt: c.collectedAt) {
                // The claim's own deadline was computed from this same window above; failing here only loses the
                // wording of the interval, so the rule's generic text stands in.
                limit = SpanText.of(cd.interval)
            }
            return NextStep(obligation: o, limit: limit, citation: rule?.citation ?? Localized(o.article))
        }
    }

    /// `Next: unit report by 12-19 11:00 (2 h, Art. 8 ¶1); verification report by 12-26 24:00 (5 working days,
    /// Art. 8 ¶2).` — the first `limit` next steps, the sentence a command on a case ends with; nil when none.
    public func nextStepsSentence(for c: CaseFile, now: Instant, limit: Int = 2) -> Localized? {
        let parts = nextSteps(for: c, now: now).prefix(limit).map(\.text)
        guard !parts.isEmpty else { return nil }
        return Localized(zh: "下一步：" + parts.map(\.zh).joined(separator: "；") + "。",
                         en: "Next: " + parts.map(\.en).joined(separator: "; ") + ".")
    }
}
