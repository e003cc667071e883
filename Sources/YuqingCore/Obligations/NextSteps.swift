/// One thing a case owes next: the obligation, the limit that set its deadline and the article it rests on.
public struct NextStep: Sendable, Hashable {
    public var obligation: Obligation
    /// The limit as a person reads it: `2 h`, `5 working days`, or for a claim the patrol interval that applied.
    public var limit: Localized
    /// `Art. 8 ¶1` / `第八条第一款`.
    public var citation: Localized
    /// A watch period (the follow-up): it runs until its end, nobody meets or misses it — `持续关注至 …`, not `应于 … 前`.
    public var watch: Bool = false

    public var isOverdue: Bool { obligation.status == .overdue }

    /// `unit report by 12-19 11:00 (2 h, Art. 8 ¶1)`, or `… was due 12-19 11:00 (…)` once overdue.
    public var text: Localized { Localized(zh: text(.zh), en: text(.en)) }

    /// The same in one language: a command's answer is worded in the session's language only (wording both for
    /// every answer was a few per cent of a script).
    public func text(_ lang: Language) -> String {
        let o = obligation
        let late = isOverdue
        let zh = lang == .zh
        let title = zh ? o.title.zh + (o.subject.map { " \($0) " } ?? "") : o.title.en + (o.subject.map { " \($0)" } ?? "")
        let limit = limit.text(lang)
        let citation = citation.text(lang)
        guard let due = o.due.map(\.shortDeadlineDescription) else {
            // A deadline the calendar cannot give: say what is missing and, when known, the earliest it can be.
            let year = o.problem.flatMap { p -> Int? in
                if case .yearNotCovered(let y, _, _) = p { return y }
                return nil
            }.map(String.init) ?? "?"
            let early = o.earliestDue.map(\.shortDeadlineDescription)
            return zh ? "\(title)时限待定（日历缺 \(year) 年节假日数据\(early.map { "，最早 \($0)" } ?? "")；\(limit)，\(citation)）"
                : "\(title) due unknown (no \(year) holidays in the calendar\(early.map { "; not before \($0)" } ?? ""); \(limit), \(citation))"
        }
        if watch {
            return zh ? "\(title)至 \(due)（\(limit)，\(citation)）" : "\(title) until \(due) (\(limit), \(citation))"
        }
        // Late: one aside, not two in a row (`已超期（应于 12-30 11:45，2 小时，第八条第一款）`).
        if zh { return late ? "\(title)已超期（应于 \(due)，\(limit)，\(citation)）" : "\(title)应于 \(due) 前（\(limit)，\(citation)）" }
        return "\(title) \(late ? "was due" : "by") \(due) (\(limit), \(citation))"
    }
}

extension ObligationEngine {
    /// What `c` owes next at `now`: its open obligations that have a deadline, earliest first (optional windows such
    /// as the extension application left out). None for a closed case.
    /// `limit`: only the first so many (their wording is made for those alone; a command's answer shows one or two).
    public func nextSteps(for c: CaseFile, now: Instant, limit: Int? = nil) -> [NextStep] {
        guard !c.isClosed else { return [] }
        // Deadlines the calendar cannot give come last, saying what is missing.
        let open = quiet.obligations(for: c.facts, now: now)
            .filter { $0.isOpen && !$0.optional && ($0.due != nil || $0.problem != nil) }
            .sorted { l, r in
                guard let x = l.due ?? l.earliestDue else { return false }
                guard let y = r.due ?? r.earliestDue else { return true }
                return x < y
            }
        return open.prefix(max(0, limit ?? open.count)).map { o in
            let rule = policy.rule(o.ruleID)
            var limit = rule?.clock.text ?? Localized("")
            if case .patrolInterval? = rule?.clock, let cd = try? claimDeadline(collectedAt: c.collectedAt) {
                // The claim's own deadline was computed from this same window above; failing here only loses the
                // wording of the interval, so the rule's generic text stands in.
                limit = SpanText.of(cd.interval)
            }
            // An approved extension moved the deadline: say so, or "01-09 24:00 (5 working days)" reads two days wrong.
            let extended = c.extensions.reduce(0) { sum, x in
                if case let .approved(_, d) = x.decision { return sum + d }
                return sum
            }
            if extended > 0, let due = o.due, let original = o.originalDue, due != original, case .workingDays? = rule?.clock {
                let more = RuleClock.workingDays(extended).text
                limit = Localized(zh: "\(limit.zh)，延期 \(more.zh)", en: "\(limit.en) + \(more.en) extended")
            }
            if let id = o.subject, let ins = c.facts.instructions.first(where: { $0.id == id }), let due = ins.due {
                // An explicit due set with the instruction replaces the rule's default limit: say what was given.
                let span = SpanText.of(Span(seconds: ((due - ins.issuedAt).seconds / 60) * 60), dayParts: true)
                limit = Localized(zh: "\(span.zh)，随批示确定", en: "\(span.en), set with the instruction")
            }
            return NextStep(obligation: o, limit: limit, citation: rule?.citation ?? Localized(o.article),
                            watch: rule?.isWatch ?? false)
        }
    }

    /// `Next: unit report by 12-19 11:00 (2 h, Art. 8 ¶1); verification report by 12-26 24:00 (5 working days,
    /// Art. 8 ¶2).` — the first `limit` next steps, the sentence a command on a case ends with; nil when none.
    public func nextStepsSentence(for c: CaseFile, now: Instant, limit: Int = 2) -> Localized? {
        let steps = nextSteps(for: c, now: now, limit: limit)
        guard !steps.isEmpty else { return nil }
        return Localized(zh: Self.sentence(steps, .zh), en: Self.sentence(steps, .en))
    }

    /// The same sentence in one language, for an answer shown in that language.
    public func nextStepsSentence(for c: CaseFile, now: Instant, limit: Int = 2, in lang: Language) -> String? {
        let steps = nextSteps(for: c, now: now, limit: limit)
        return steps.isEmpty ? nil : Self.sentence(steps, lang)
    }

    private static func sentence(_ steps: [NextStep], _ lang: Language) -> String {
        lang == .zh ? "下一步：" + steps.map { $0.text(.zh) }.joined(separator: "；") + "。"
            : "Next: " + steps.map { $0.text(.en) }.joined(separator: "; ") + "."
    }
}

extension ObligationEngine {
    /// What a recurrence did to the case it repeats (`link … --as recurrence`, `collect --link … --as recurrence`),
    /// said of `earlier` after the link: `C7 reopened (closed at …) and back in the follow-up stage; watched again
    /// until 01-10 15:00 (7 days from the recurrence, Art. 9 ¶2).` `closedBefore` is when it had been closed, if it was.
    public func recurrenceSentence(for earlier: CaseFile, closedBefore: Instant?, now: Instant) -> Localized {
        let id = earlier.id
        let head = closedBefore.map {
            Localized(zh: "\(id) 因复发重新打开（原于 \($0) 办结），回到跟踪阶段，原办结时已免除的时限仍免除；",
                      en: "\(id) reopened by the recurrence (it had been closed at \($0)) and back in the follow-up stage; what its closing waived stays waived; ")
        } ?? Localized(zh: "\(id) ", en: "\(id): ")
        let watch = quiet.obligations(for: earlier.facts, now: now).first { o in
            guard let r = policy.rule(o.ruleID), r.end == nil, case .elapsed = r.clock else { return false }
            return true
        }
        guard let w = watch, let due = w.due, let rule = policy.rule(w.ruleID) else {
            return Localized(zh: "\(head.zh)尚未回应，关注期自回应起计算（第九条第二款）。",
                             en: "\(head.en)not yet responded to, so its watch will run from the response (Art. 9 ¶2).")
        }
        let c = rule.citation
        return Localized(
            zh: "\(head.zh)\(w.title.zh)自复发起重新计算，至 \(due.shortDeadlineDescription)（\(rule.clock.text.zh)，\(c.zh)）。",
            en: "\(head.en)\(w.title.en) runs again from the recurrence, until \(due.shortDeadlineDescription) (\(rule.clock.text.en), \(c.en)).")
    }
}
