/// Builds the `why` sentences of obligations: rule, article and arithmetic, in Chinese and English.
///
/// `verification report due 2020-01-06 24:00: Art. 8 ¶2 — 5 working days from claim at 2019-12-27 15:00 (12-30, 12-31,
/// 01-02, 01-03, 01-06); 2020-01-01 is a holiday (New Year's Day); met at 2020-01-03 10:00`
struct ExplanationText {
    let rule: Rule
    let calendar: WorkCalendar
    let policy: Policy

    /// Counted days are listed up to this many; longer periods only name the holidays they cross.
    static let maxListedDays = 15

    func sentence(due: Instant, arithmetic: Localized, notes: [Localized], subject: String? = nil,
                  watch: Bool = false, status: Localized) -> Localized {
        let c = rule.citation
        let titleZh = rule.title.zh + (subject.map { " \($0) " } ?? "")
        let titleEn = rule.title.en + (subject.map { " \($0)" } ?? "")
        let headZh = watch ? "\(titleZh)至 \(due.deadlineDescription)" : "\(titleZh)应于 \(due.deadlineDescription) 前完成"
        let headEn = watch ? "\(titleEn) until \(due.deadlineDescription)" : "\(titleEn) due \(due.deadlineDescription)"
        var zh = "\(headZh)：\(c.zh) — \(arithmetic.zh)"
        var en = "\(headEn): \(c.en) — \(arithmetic.en)"
        for n in notes {
            zh += "；\(n.zh)"
            en += "; \(n.en)"
        }
        zh += "；\(status.zh)"
        en += "; \(status.en)"
        return Localized(zh: zh, en: en)
    }

    func unknownSentence(_ reason: Localized) -> Localized {
        let c = rule.citation
        return Localized(zh: "\(rule.title.zh)时限无法计算：\(c.zh) — \(reason.zh)",
                         en: "\(rule.title.en) deadline unknown: \(c.en) — \(reason.en)")
    }

    /// `5 working days from claim at 2019-12-27 15:00 (12-30, …); 2020-01-01 is a holiday (New Year's Day)`
    func workingDays(_ n: Int, grants: [(id: String, at: Instant, days: Int)], start: Milestone, at: Instant,
                     due: Instant, startName: Localized? = nil) -> Localized {
        let name = startName ?? start.name
        let total = n + grants.reduce(0) { $0 + $1.days }
        var zh = "\(name.zh)（\(at.minuteDescription)）后 \(n) 个工作日"
        var en = "\(English.count(n, "working day")) from \(name.en) at \(at.minuteDescription)"
        for g in grants {
            zh += "，加延期 \(g.id) 批准的 \(g.days) 个工作日（\(g.at.minuteDescription) 批准）"
            en += ", plus \(g.days) by extension \(g.id) approved \(g.at.minuteDescription)"
        }
        if !grants.isEmpty {
            zh += "，共 \(total) 个工作日"
            en += " = \(total) working days"
        }
        var startDay = at.date
        let startKind = try? calendar.dayKind(startDay)
        let deemed = policy.readings.restDayStart == .deemed && startKind.map { !$0.isWorkingDay } == true
        if deemed, let next = try? calendar.nextWorkingDay(after: startDay) { startDay = next }
        let lastDay = due.secondOfDay == 0 && policy.cutoffSecondOfDay == 86_400 ? due.date.adding(days: -1) : due.date
        if total <= ExplanationText.maxListedDays, total > 0,
           let days = try? calendar.workingDayList(after: startDay, through: lastDay) {
            let list = days.map(\.shortDescription)
            zh += "（\(list.joined(separator: "、"))）"
            en += " (\(list.joined(separator: ", ")))"
        }
        if policy.cutoffSecondOfDay != 86_400 {
            let t = TimeOfDay.text(policy.cutoffSecondOfDay)
            zh += "，截至当日 \(t)"
            en += ", ending at the \(t) cut-off"
        }
        if let kind = startKind, !kind.isWorkingDay {
            if deemed {
                zh += "；\(at.date) 为\(kind.label.zh)，视为下一个工作日 \(startDay) 起算，当日不计（现行解读 `rest-day-start deemed`）"
                en += "; \(at.date) is a \(kind.label.en), so the period is deemed to start on the next working day \(startDay), which is not counted (reading rest-day-start deemed)"
            } else {
                zh += "；\(startDay) 为\(kind.label.zh)，自下一个工作日起算（现行解读 `rest-day-start counted`）"
                en += "; \(startDay) is a \(kind.label.en), so counting starts on the next working day (reading rest-day-start counted)"
            }
        }
        for p in ExplanationText.periods(calendar.specialDays(after: startDay, through: lastDay)) {
            zh += "；\(p.zh)"
            en += "; \(p.en)"
        }
        return Localized(zh: zh, en: en)
    }

    /// `2 h from claim at 2019-12-19 09:00 (clock time, through nights and holidays)`
    func elapsed(_ span: Span, start: Milestone, at: Instant, startName: Localized? = nil) -> Localized {
        let name = startName ?? start.name
        let s = SpanText.of(span)
        return Localized(zh: "\(name.zh)（\(at.minuteDescription)）后 \(s.zh)（自然时间，夜间和节假日照常计算）",
                         en: "\(s.en) from \(name.en) at \(at.minuteDescription) (clock time, running through nights and holidays)")
    }

    /// The patrol window in force at collection and the interval it gives.
    func patrol(_ c: ClaimDeadline, start: Milestone) -> Localized {
        let s = SpanText.of(c.interval)
        let k = c.collectionDay.label
        let windowZh = "\(c.window.days.name.zh) \(c.window.range) 巡查时段（每 \(s.zh)巡查一次）"
        let windowEn = "the \(c.window.days == .workday ? "workday" : "rest-day and holiday") patrol window \(c.window.range) (every \(s.en))"
        if c.deferred {
            return Localized(
                zh: "\(start.name.zh)于 \(c.collected.minuteDescription)（\(k.zh)），不在巡查时段内，自下一时段开始 \(c.countedFrom.minuteDescription) 起算，按\(windowZh)计 \(s.zh)",
                en: "\(start.name.en) at \(c.collected.minuteDescription) (\(k.en)), outside every patrol window: \(s.en) counted from \(c.countedFrom.minuteDescription), the start of \(windowEn)")
        }
        return Localized(
            zh: "\(start.name.zh)于 \(c.collected.minuteDescription)（\(k.zh)），处于\(windowZh)，\(start.name.zh)后 \(s.zh)",
            en: "\(start.name.en) at \(c.collected.minuteDescription) (\(k.en)), in \(windowEn): \(s.en) from \(start.name.en)")
    }

    /// `met at …` / `overdue by 3 h` / `open, 2 days 3 h left` …
    func statusClause(_ status: ObligationStatus, start: Instant? = nil, due: Instant, metAt: Instant?,
                      facts: CaseFacts, now: Instant, watch: Bool = false) -> Localized {
        switch status {
        case .met:
            if watch { return Localized(zh: "关注期已结束", en: "the watch period has ended") }
            // Midnight as 24:00 of the day before, as the deadline beside it is (docs/rules.md): an application at
            // 2020-01-07 24:00 met a deadline of 2020-01-07 24:00, not 'at 2020-01-08 00:00'.
            return Localized(zh: "已于 \(metAt.map(\.deadlineDescription) ?? "") 完成", en: "met at \(metAt.map(\.deadlineDescription) ?? "")")
        case .late:
            let m = metAt ?? due
            let over = SpanText.of(roundedToMinute(m - due), dayParts: true)
            return Localized(zh: "逾期完成：\(m.deadlineDescription)，超时 \(over.zh)", en: "late: done at \(m.deadlineDescription), \(over.en) after the deadline")
        case .overdue:
            let over = SpanText.of(roundedToMinute(now - due), dayParts: true)
            return Localized(zh: "已超期 \(over.zh)", en: "overdue by \(over.en)")
        case .pending, .extended:
            let left = SpanText.of(roundedToMinute(due - now), dayParts: true)
            if watch { return Localized(zh: "关注中，剩余 \(left.zh)", en: "watching, \(left.en) left") }
            return Localized(zh: "未完成，剩余 \(left.zh)", en: "open, \(left.en) left")
        case .waived:
            if facts.waived { return Localized(zh: "已免除：本案已作为重复舆情关联", en: "waived: the case is linked as a duplicate") }
            let closing = start.flatMap { facts.waivingClosing(start: $0, due: due) } ?? facts.closedAt
            let c = closing.map(\.minuteDescription) ?? ""
            return Localized(zh: "已免除：本案于 \(c) 到期前办结", en: "waived: the case was closed at \(c), before this fell due")
        case .unknown:
            return Localized(zh: "无法计算", en: "unknown")
        }
    }

    private func roundedToMinute(_ s: Span) -> Span { Span(seconds: (s.seconds / 60) * 60) }

    /// Groups consecutive holidays of one name into periods: `2020-01-24 – 2020-02-02 are holidays (Spring
    /// Festival)`; make-up workdays one by one.
    static func periods(_ days: [SpecialDay]) -> [Localized] {
        var out: [Localized] = []
        var i = 0
        while i < days.count {
            let d = days[i]
            if !d.isHoliday {
                out.append(Localized(zh: "\(d.date) 为\(d.name.zh)调休上班日", en: "\(d.date) is a make-up workday (\(d.name.en))"))
                i += 1
                continue
            }
            var j = i
            while j + 1 < days.count, days[j + 1].isHoliday, days[j + 1].name == d.name,
                  days[j + 1].date.dayNumber == days[j].date.dayNumber + 1 { j += 1 }
            if i == j {
                out.append(Localized(zh: "\(d.date) 为\(d.name.zh)假日", en: "\(d.date) is a holiday (\(d.name.en))"))
            } else {
                out.append(Localized(zh: "\(d.date) 至 \(days[j].date) 为\(d.name.zh)假日",
                                     en: "\(d.date) – \(days[j].date) are holidays (\(d.name.en))"))
            }
            i = j + 1
        }
        return out
    }
}

extension SpecialDay {
    /// Holidays and make-up workdays as `why` names them: a holiday period in one phrase (`2020-01-24 – 2020-02-02
    /// are holidays (Spring Festival)`), for `calendar add`, which listed each day of it.
    public static func periods(_ days: [SpecialDay]) -> [Localized] { ExplanationText.periods(days) }
}
