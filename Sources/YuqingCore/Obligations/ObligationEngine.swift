/// Computes a case's obligations from the policy, the calendar and the case facts.
///
/// Pure and deterministic: `now` is handed in, nothing is stored, so recomputing after a calendar or policy change is
/// simply calling again. Rules are taken in profile order; a rule yields an obligation once its start milestone is
/// reached and if it applies to the case (level, historical flag). Rules without a start or with a cadence (patrols)
/// or without a limit are not obligations of a case.
public struct ObligationEngine: Sendable {
    public let policy: Policy
    public let calendar: WorkCalendar

    /// Whether obligations carry their explanation. Projections and "what is due next" need only times and
    /// statuses; building the bilingual arithmetic for every obligation of every command is most of the engine's work.
    public var explains = true

    /// `policy.patrols`, made once: every claim deadline (each `collect`'s answer and projection) reads them.
    let patrols: [(rule: Rule, window: PatrolWindow, cadence: Span)]

    public init(policy: Policy, calendar: WorkCalendar) {
        self.policy = policy
        self.calendar = calendar
        patrols = policy.patrols
    }

    /// The same engine without explanations (`explanation` is empty): for indexes and summaries.
    public var quiet: ObligationEngine {
        var e = self
        e.explains = false
        return e
    }

    public func obligations(for facts: CaseFacts, now: Instant) -> [Obligation] {
        var out: [Obligation] = []
        for rule in policy.rules {
            guard let start = rule.start else { continue }
            guard rule.applies.applies(level: facts.level, historical: facts.historical) else {
                if let o = breachedBeforeMajor(rule: rule, start: start, facts: facts, now: now) { out.append(o) }
                continue
            }
            switch rule.clock {
            case .cadence, .none: continue
            case .elapsed, .workingDays, .patrolInterval: break
            }
            if start == .instructed {
                for ins in facts.instructions {
                    out.append(instruction(ins, rule: rule, facts: facts, now: now))
                }
                continue
            }
            guard let (from, startAt) = clockStart(rule: rule, start: start, facts: facts) else { continue }
            if var o = obligation(rule: rule, start: from, startAt: startAt, facts: facts, now: now) {
                if start == .majorSensitive, facts.level != .majorSensitive, let until = facts.majorSensitiveUntil {
                    guard let kept = keptAfterMajor(o, until: until) else { continue }
                    o = kept
                }
                if start == .majorSensitive, rule.end == .escalated, explains {
                    let r = policy.readings.escalationFrom.rawValue
                    o.explanation = facts.liaisedAt != nil && policy.readings.escalationFrom == .liaison
                        ? Localized(zh: o.explanation.zh + "；自核实衔接（\(startAt)）起算（现行解读 `escalation-from \(r)`，第八条第三款）",
                                    en: o.explanation.en + "; counted from the verification and liaison at \(startAt) (reading escalation-from \(r), Art. 8 ¶3)")
                        : Localized(zh: o.explanation.zh + "（现行解读 `escalation-from \(r)`，第八条第三款）",
                                    en: o.explanation.en + " (reading escalation-from \(r), Art. 8 ¶3)")
                }
                if rule.coordinatorsReview, start == .verified, explains {
                    // The reading in force, so `why` says which one gave this deadline.
                    o.explanation = from != start
                        ? Localized(zh: o.explanation.zh + "；时限自会商审定起算（现行解读 `high-response-from review`，第九条第一款）",
                                    en: o.explanation.en + "; counted from the coordinators' review (reading high-response-from review, Art. 9 ¶1)")
                        : Localized(zh: o.explanation.zh + "；时限自核实调查报告起算，含会商审定（现行解读 `high-response-from \(policy.readings.highResponseFrom.rawValue)`，第九条第一款）",
                                    en: o.explanation.en + "; counted from the verification report, the review included (reading high-response-from \(policy.readings.highResponseFrom.rawValue), Art. 9 ¶1)")
                }
                out.append(o)
            }
        }
        return out
    }

    /// Where a rule's clock starts: its start milestone, except that under `high-response-from review` a rule from
    /// the verification report that needs the coordinators' review runs from the review (Art. 9 ¶1: 会商审定后，于5个
    /// 工作日内). Before the review nothing runs yet; a response published without one is measured from the
    /// verification report. nil while the start is not reached.
    private func clockStart(rule: Rule, start: Milestone, facts: CaseFacts) -> (Milestone, Instant)? {
        if start == .majorSensitive, rule.end == .escalated, policy.readings.escalationFrom == .liaison,
           let judged = facts.majorSensitiveAt {
            // Art. 8 ¶3 read as 核实衔接后: from the liaison (never before the judgement); nothing runs before it, and
            // an escalation without a recorded liaison is measured from the judgement.
            if let l = facts.liaisedAt { return (.majorSensitive, max(l, judged)) }
            return facts.escalatedAt != nil ? (start, judged) : nil
        }
        if rule.coordinatorsReview, start == .verified, policy.readings.highResponseFrom == .review {
            if let r = facts.responseReviewApprovedAt { return (.reviewApproved, r) }
            guard facts.respondedAt != nil, let v = facts.verifiedAt else { return nil }
            return (start, v)
        }
        return facts.instant(of: start).map { (start, $0) }
    }

    /// Under `unit-report-when-major stays`: a rule that applied to the case before it was judged major sensitive
    /// (a case not yet assessed counts as general) and was already overdue at the judgement stays as it was then,
    /// overdue or done late. nil when the rule never applied or was not overdue at the judgement.
    private func breachedBeforeMajor(rule: Rule, start: Milestone, facts: CaseFacts, now: Instant) -> Obligation? {
        guard policy.readings.unitReportWhenMajor == .stays, facts.level == .majorSensitive,
              let judged = facts.majorSensitiveAt, start != .instructed,
              rule.applies.applies(level: .general, historical: facts.historical),
              let startAt = facts.instant(of: start), startAt < judged else { return nil }
        var before = facts
        before.level = .general
        guard var o = obligation(rule: rule, start: start, startAt: startAt, facts: before, now: now),
              let due = o.due, due < judged, o.status == .overdue || o.status == .late else { return nil }
        if o.status == .late, let m = o.metAt, m <= judged { return o }
        if explains {
            o.explanation = Localized(
                zh: o.explanation.zh + "；\(judged) 研判为重大敏感前已超期，仍计超期（现行解读 `unit-report-when-major stays`）",
                en: o.explanation.en + "; already overdue when judged major sensitive at \(judged), so it stays (reading unit-report-when-major stays)")
        }
        return o
    }

    /// A rule that runs from the judgement "major sensitive" (the escalation, Art. 8 ¶3) once the case was judged
    /// below it again at `until`: what was done by then, or already overdue then, stays as it is (a missed duty was
    /// missed, Art. 13); one not yet due is no longer owed, the case being no longer major sensitive.
    private func keptAfterMajor(_ o: Obligation, until: Instant) -> Obligation? {
        if let m = o.metAt, m <= until { return o }
        guard let due = o.due, due < until else { return nil }
        var o = o
        if explains {
            o.explanation = Localized(
                zh: o.explanation.zh + "；\(until) 研判为低于重大敏感时已超期，仍计超期",
                en: o.explanation.en + "; already overdue when judged below major sensitive at \(until), so it stays")
        }
        return o
    }

    /// One rule's obligation; nil for an optional window that closed unused.
    private func obligation(rule: Rule, start: Milestone, startAt: Instant, facts: CaseFacts,
                            now: Instant) -> Obligation? {
        let endAt = rule.end.flatMap { facts.instant(of: $0) }
        let text = ExplanationText(rule: rule, calendar: calendar, policy: policy)
        var responsible = responsibleParty(rule: rule, facts: facts)
        var review: ReviewState?
        if rule.coordinatorsReview {
            review = facts.responseReviewApprovedAt.map { .approved(at: $0) } ?? (endAt == nil ? .required : .missing)
        }

        // The deadline and its arithmetic.
        let due: Instant
        let originalDue: Instant
        var arithmetic: Localized
        var notes: [Localized] = []
        var extended = false
        switch rule.clock {
        case .patrolInterval:
            do {
                let c = try claimDeadline(collectedAt: startAt)
                due = c.due
                originalDue = c.due
                arithmetic = !explains ? Localized("") : text.patrol(c, start: start)
            } catch {
                return unknown(rule: rule, facts: facts, endAt: endAt, responsible: responsible, error: error)
            }
            if facts.designated {
                notes.append(Localized(zh: "已由政务公开办、网宣办指定认领，记录在案并纳入考核（第六条）",
                                       en: "designated by the coordinators (Art. 6): recorded and counted in the assessment"))
            }
            if endAt == nil, now > due { responsible = .coordinators }
        case .elapsed(let span):
            if rule.end == nil, let r = facts.recurredAt, r > startAt {
                // A recurrence linked after the watch began runs the watch again from the recurrence (Art. 9 ¶2),
                // whether the case was still open or closed and reopened by it.
                let again = Localized(zh: "复发关联", en: "the recurrence linked")
                var a = !explains ? Localized("") : text.elapsed(span, start: start, at: r, startName: again)
                if explains {
                    a = Localized(zh: a.zh + "；首次关注期自\(start.name.zh)（\(startAt)）起",
                                  en: a.en + "; the first watch ran from \(start.name.en) at \(startAt)")
                }
                return watch(rule: rule, start: r, due: r.adding(span), arithmetic: a, facts: facts, now: now,
                             responsible: responsible)
            }
            due = startAt.adding(span)
            originalDue = due
            arithmetic = !explains ? Localized("") : text.elapsed(span, start: start, at: startAt)
            if rule.end == nil {
                return watch(rule: rule, start: startAt, due: due, arithmetic: arithmetic, facts: facts, now: now,
                             responsible: responsible)
            }
        case .workingDays(let n):
            let grants = rule.end == .verified ? facts.approvedExtensions : []
            let extra = grants.reduce(0) { $0 + $1.days }
            do {
                originalDue = try workingDeadline(n, from: startAt)
                due = try workingDeadline(n + extra, from: startAt)
            } catch {
                let bounds = try? calendar.deadlineBounds(workingDays: n + extra + restDayExtra(n + extra, startAt),
                                                          from: startAt, cutoffSecondOfDay: policy.cutoffSecondOfDay)
                return unknown(rule: rule, facts: facts, endAt: endAt, responsible: responsible,
                               error: .calendar(error), start: startAt, bounds: bounds, now: now)
            }
            arithmetic = !explains ? Localized("") : text.workingDays(n, grants: grants, start: start, at: startAt, due: due)
            extended = extra > 0
            if extended {
                notes.append(Localized(zh: "原定 \(originalDue.deadlineDescription)", en: "originally due \(originalDue.deadlineDescription)"))
            }
            if rule.end == .verified {
                for x in facts.extensions {
                    switch x.decision {
                    case .pending:
                        notes.append(Localized(zh: "延期申请 \(x.id)（\(x.days) 个工作日）待政务公开办、网宣办审批",
                                               en: "extension \(x.id) (\(RuleClock.workingDays(x.days).text.en)) awaits the coordinators' decision"))
                    case .rejected(let at):
                        notes.append(Localized(zh: "延期申请 \(x.id) 已于 \(at.minuteDescription) 被驳回",
                                               en: "extension \(x.id) rejected at \(at.minuteDescription)"))
                    case .approved:
                        break
                    }
                }
            }
        case .cadence, .none:
            return nil
        }

        // The optional window for an extension application: shown while open, dropped once closed unused.
        if rule.end == .extensionApplied {
            if endAt == nil && (now > due || facts.verifiedAt != nil || facts.waived || facts.closedAt != nil
                                || !facts.earlierClosings.isEmpty) {
                return nil
            }
        }
        if rule.coordinatorsReview {
            switch review {
            case .required?: notes.append(Localized(zh: "发布前须经政务公开办、网宣办会商审定", en: "the coordinators must review it before publication"))
            case .approved(let at)?: notes.append(Localized(zh: "已于 \(at.minuteDescription) 会商审定", en: "reviewed by the coordinators at \(at.minuteDescription)"))
            case .missing?: notes.append(Localized(zh: "未经会商审定即发布", en: "published without the coordinators' review"))
            case nil: break
            }
        }
        let (status, metAt) = status(start: startAt, due: due, endAt: endAt, extended: extended, facts: facts, now: now)
        return Obligation(
            ruleID: rule.id, article: rule.article, title: rule.title, due: due, originalDue: originalDue,
            status: status, metAt: metAt, responsible: responsible, review: review,
            optional: rule.end == .extensionApplied,
            explanation: !explains ? Localized("") : text.sentence(due: due, arithmetic: arithmetic, notes: notes,
                                       status: text.statusClause(status, start: startAt, due: due, metAt: metAt, facts: facts, now: now)))
    }

    /// A leader instruction: its own due time, or the rule's default limit from its issue.
    private func instruction(_ ins: InstructionFact, rule: Rule, facts: CaseFacts, now: Instant) -> Obligation {
        let text = ExplanationText(rule: rule, calendar: calendar, policy: policy)
        let responsible = responsibleParty(rule: rule, facts: facts)
        let due: Instant
        let arithmetic: Localized
        if let d = ins.due {
            due = d
            arithmetic = Localized(zh: "批示 \(ins.id)（\(ins.issuedAt)）所定时限", en: "as set by instruction \(ins.id) issued \(ins.issuedAt)")
        } else {
            switch rule.clock {
            case .workingDays(let n):
                do {
                    due = try workingDeadline(n, from: ins.issuedAt)
                } catch {
                    let bounds = try? calendar.deadlineBounds(workingDays: n + restDayExtra(n, ins.issuedAt),
                                                              from: ins.issuedAt, cutoffSecondOfDay: policy.cutoffSecondOfDay)
                    var o = unknown(rule: rule, facts: facts, endAt: ins.completedAt, responsible: responsible,
                                    error: .calendar(error), start: ins.issuedAt, bounds: bounds, now: now)
                    o.subject = ins.id
                    return o
                }
                arithmetic = !explains ? Localized("") : text.workingDays(n, grants: [], start: .instructed, at: ins.issuedAt, due: due,
                                              startName: Localized(zh: "批示 \(ins.id)", en: "instruction \(ins.id)"))
            case .elapsed(let s):
                due = ins.issuedAt.adding(s)
                arithmetic = !explains ? Localized("") : text.elapsed(s, start: .instructed, at: ins.issuedAt,
                                          startName: Localized(zh: "批示 \(ins.id)", en: "instruction \(ins.id)"))
            case .cadence, .patrolInterval, .none:
                due = ins.issuedAt
                arithmetic = Localized(zh: "批示未定时限", en: "the instruction sets no limit")
            }
        }
        let (status, metAt) = status(start: ins.issuedAt, due: due, endAt: ins.completedAt, extended: false,
                                     facts: facts, now: now)
        return Obligation(
            ruleID: rule.id, subject: ins.id, article: rule.article, title: rule.title, due: due, originalDue: due,
            status: status, metAt: metAt, responsible: responsible,
            explanation: !explains ? Localized("") : text.sentence(due: due, arithmetic: arithmetic, notes: [], subject: ins.id,
                                       status: text.statusClause(status, start: ins.issuedAt, due: due, metAt: metAt, facts: facts, now: now)))
    }

    /// A watch period (`follow`): open until it ends, then met; waived for a duplicate, and for a case closed while
    /// it ran (as any obligation the closing came before, docs/rules.md §2: a closed case is not watching).
    private func watch(rule: Rule, start: Instant, due: Instant, arithmetic: Localized, facts: CaseFacts, now: Instant,
                       responsible: Responsible) -> Obligation {
        let text = ExplanationText(rule: rule, calendar: calendar, policy: policy)
        let status: ObligationStatus
        var metAt: Instant?
        if facts.waived || (facts.earlierClosings + (facts.closedAt.map { [$0] } ?? [])).contains(where: { $0 >= start && $0 < due }) {
            status = .waived
        } else if now >= due {
            status = .met
            metAt = due
        } else {
            status = .pending
        }
        return Obligation(
            ruleID: rule.id, article: rule.article, title: rule.title, due: due, originalDue: due, status: status,
            metAt: metAt, responsible: responsible,
            explanation: !explains ? Localized("") : text.sentence(due: due, arithmetic: arithmetic, notes: [], watch: true,
                                       status: text.statusClause(status, start: start, due: due, metAt: metAt, facts: facts, now: now, watch: true)))
    }

    /// An obligation whose deadline cannot be computed: shown, never guessed, with the reason. When the known days
    /// decide its status anyway (`bounds`: done before the earliest the deadline can be, not yet at it, or past the
    /// latest), that status is given; otherwise it is `unknown`.
    private func unknown(rule: Rule, facts: CaseFacts, endAt: Instant?, responsible: Responsible,
                         error: ClaimDeadlineError, start: Instant? = nil, bounds: DeadlineBounds? = nil,
                         now: Instant? = nil) -> Obligation {
        let text = ExplanationText(rule: rule, calendar: calendar, policy: policy)
        let problem: CalendarError?
        let reason: Localized
        switch error {
        case .calendar(let e):
            problem = e
            reason = e.message
        case .noPatrolWindow:
            problem = nil
            reason = Localized(zh: "配置中没有巡查时段，无法确定认领时限", en: "the profile has no patrol window, so the claim deadline cannot be set")
        }
        var status: ObligationStatus = facts.waived ? .waived : .unknown
        var known: Localized?
        if !facts.waived, let b = bounds, let start, let now, let year = b.missingYear {
            (status, known) = decided(by: b, year: year, start: start, endAt: endAt, facts: facts, now: now)
        }
        var sentence = text.unknownSentence(reason)
        if let k = known {
            sentence = Localized(zh: sentence.zh + "；\(k.zh)", en: sentence.en + "; \(k.en)")
        }
        var o = Obligation(
            ruleID: rule.id, article: rule.article, title: rule.title, due: nil, originalDue: nil,
            status: status, metAt: endAt, responsible: responsible, optional: rule.end == .extensionApplied,
            explanation: sentence, problem: problem)
        o.earliestDue = bounds?.missingYear == nil ? nil : bounds?.earliest
        return o
    }

    /// The status the known days give a deadline that needs `year`, with the sentence that says so.
    private func decided(by b: DeadlineBounds, year: Int, start: Instant, endAt: Instant?, facts: CaseFacts,
                         now: Instant) -> (ObligationStatus, Localized?) {
        let whatever = Localized(zh: "不论 \(year) 年如何安排", en: "whatever \(year) holds")
        if let end = endAt {
            let e = end.deadlineDescription
            switch b.isOnTime(end) {
            case true?:
                return (.met, Localized(zh: "已于 \(e) 完成，\(whatever.zh)均按时", en: "met at \(e), on time \(whatever.en)"))
            case false?:
                return (.late, Localized(zh: "逾期完成：\(e)，\(whatever.zh)均已超过时限", en: "late: done at \(e), after the deadline \(whatever.en)"))
            case nil:
                return (.unknown, Localized(zh: "已于 \(e) 完成；最早于 \(b.earliest.deadlineDescription) 到期，是否按时取决于 \(year) 年的节假日安排",
                                            en: "done at \(e); due no earlier than \(b.earliest.deadlineDescription), on time or not depends on \(year)'s holidays"))
            }
        }
        if let c = facts.waivingClosing(start: start, due: b.earliest) {
            return (.waived, Localized(zh: "已免除：本案于 \(c) 到期前办结", en: "waived: the case was closed at \(c), before this fell due"))
        }
        switch b.isOnTime(now) {
        case true?:
            return (.pending, Localized(zh: "未完成；\(whatever.zh)，最早于 \(b.earliest.deadlineDescription) 到期",
                                        en: "open; due no earlier than \(b.earliest.deadlineDescription), \(whatever.en)"))
        case false?:
            let l = b.latest.map(\.deadlineDescription) ?? ""
            return (.overdue, Localized(zh: "已超期：\(whatever.zh)，最迟应于 \(l) 前完成", en: "overdue: due \(l) at the latest, \(whatever.en)"))
        case nil:
            // docs/rules.md: `why` says the earliest time even when the known days cannot decide the status.
            return (.unknown, Localized(zh: "未完成；最早于 \(b.earliest.deadlineDescription) 到期，是否超期取决于 \(year) 年的节假日安排",
                                        en: "open; due no earlier than \(b.earliest.deadlineDescription), overdue or not depends on \(year)'s holidays"))
        }
    }

    /// The deadline of `n` working days from `start` under the profile's cut-off and rest-day reading (public: a
    /// leader's `instruct --due +3wd` is such a limit and counts as the default 5 working days do, Art. 8 ¶4).
    public func workingDeadline(_ n: Int, from start: Instant) throws(CalendarError) -> Instant {
        try calendar.deadline(workingDays: n + restDayExtra(n, start), from: start,
                              cutoffSecondOfDay: policy.cutoffSecondOfDay)
    }

    /// One more working day when the period starts on a rest day and the reading deems the next working day the
    /// start, not counted (`policy reading rest-day-start deemed`); 0 otherwise.
    public func restDayExtra(_ n: Int, _ start: Instant) -> Int {
        guard n > 0, policy.readings.restDayStart == .deemed, let k = try? calendar.dayKind(start.date),
              !k.isWorkingDay else { return 0 }
        return 1
    }

    private func responsibleParty(rule: Rule, facts: CaseFacts) -> Responsible {
        switch rule.party {
        case .coordinators: return .coordinators
        case .department: return facts.claimDept.map { .department($0) } ?? .unassigned
        }
    }

    /// met / late when done; otherwise waived (duplicate, or closed while it ran and before the deadline — also by a
    /// closing a recurrence later undid), overdue, extended, pending.
    private func status(start: Instant, due: Instant, endAt: Instant?, extended: Bool, facts: CaseFacts,
                        now: Instant) -> (ObligationStatus, Instant?) {
        if let e = endAt { return (e <= due ? .met : .late, e) }
        if facts.waived { return (.waived, nil) }
        if facts.waivingClosing(start: start, due: due) != nil { return (.waived, nil) }
        if now > due { return (.overdue, nil) }
        return (extended ? .extended : .pending, nil)
    }
}
