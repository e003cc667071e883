import YuqingCore
import YuqingStore

/// Events and obligations of a case in time order, and a small picture of its deadlines.
enum Timeline {
    struct Row {
        var at: Instant
        var time: String
        var kind: Localized
        var what: String
        var who: String
    }

    static func rows(_ c: CaseFile, events: [Event], obligations: [Obligation], ws: Workspace, lang: Language) -> [Row] {
        var rows: [Row] = events.map { e in
            // Entries made after the fact and entries recorded for someone else say so.
            let behalf = e.onBehalf ? (lang == .zh ? "（由 \(e.recordedBy?.display ?? "") 代录）" : " (recorded by \(e.recordedBy?.display ?? ""))") : ""
            return Row(at: e.effective, time: e.effective.description,
                       kind: e.backdated ? Localized(zh: "事件（补录）", en: "event (back-dated)") : Localized(zh: "事件", en: "event"),
                       what: EventText.describe(e.body, ws: ws).text(lang),
                       who: e.actor.name + (e.actor.dept.map { " · " + ws.deptName($0, lang) } ?? "") + behalf)
        }
        for o in obligations {
            guard let due = o.due else { continue }
            rows.append(Row(at: due, time: due.deadlineDescription, kind: Localized(zh: "时限", en: "deadline"),
                            what: "\(o.title.text(lang))（\(o.status.name.text(lang))）",
                            who: ObligationTable.responsibleName(o.responsible, ws, lang)))
        }
        // Stable: by time, events before deadlines at the same minute.
        return rows.enumerated().sorted { a, b in
            a.element.at != b.element.at ? a.element.at < b.element.at : a.offset < b.offset
        }.map(\.element)
    }

    /// One line per obligation: a marker, the due time and how far it is from now.
    static func picture(_ obligations: [Obligation], now: Instant, lang: Language) -> String {
        guard !obligations.isEmpty else { return "" }
        var lines = [(lang == .zh ? "现在 " : "now ") + now.description]
        for o in obligations {
            let mark: String
            switch o.status {
            case .met: mark = "✔"
            case .late: mark = "✔!"
            case .overdue: mark = "✖"
            case .waived: mark = "–"
            case .pending, .extended: mark = "▶"
            case .unknown: mark = "?"
            }
            let due = o.due?.shortDeadlineDescription ?? "?"
            var when = ""
            if let d = o.due, o.isOpen {
                let left = d - now
                let words = SpanText.of(Span(seconds: abs(left.seconds) / 60 * 60), dayParts: true).text(lang)
                when = left.seconds >= 0 ? (lang == .zh ? "还有 \(words)" : "in \(words)")
                                         : (lang == .zh ? "已超期 \(words)" : "overdue by \(words)")
            }
            let bar = Self.bar(o, now: now)
            let line = "  \(mark.padding(toLength: 2, withPad: " ", startingAt: 0)) \(o.ruleID.padding(toLength: 18, withPad: " ", startingAt: 0)) \(due)  \(bar) \(when)"
            lines.append(String(line.reversed().drop(while: { $0 == " " }).reversed()))
        }
        return lines.joined(separator: "\n")
    }

    /// Up to 20 cells: how much of a 5-day horizon is left before the deadline.
    static func bar(_ o: Obligation, now: Instant) -> String {
        guard let d = o.due, o.isOpen else { return String(repeating: " ", count: 20) }
        let horizon: Int64 = 5 * 86_400
        let left = max(0, min(horizon, (d - now).seconds))
        let cells = Int((left * 20 + horizon - 1) / horizon)
        return String(repeating: "█", count: cells) + String(repeating: "·", count: 20 - cells)
    }
}

/// What an event says, in both languages, for timelines and minutes.
enum EventText {
    static func describe(_ body: EventBody, ws: Workspace) -> Localized {
        func d(_ code: String) -> Localized { Localized(zh: ws.deptName(code, .zh), en: ws.deptName(code, .en)) }
        switch body {
        case let .collected(item, _):
            return Localized(zh: "收集（\(item.source.name.zh)）：\(item.title)", en: "collected (\(item.source.name.en)): \(item.title)")
        case let .itemAdded(item):
            return Localized(zh: "并入信息：\(item.title)", en: "further item: \(item.title)")
        case let .metricsUpdated(index, _, metrics):
            return MetricsText.describe("", item: index, metrics)
        case let .claimed(dept):
            return Localized(zh: "\(d(dept).zh)认领", en: "claimed by \(d(dept).en)")
        case let .assigned(dept, designated, _):
            return Localized(zh: "指定\(d(dept).zh)办理\(designated ? "（指定认领）" : "")", en: "assigned to \(d(dept).en)\(designated ? " (designated)" : "")")
        case let .assessed(level, historical, note):
            return Localized(zh: "研判为\(level.name.zh)\(historical ? "，历史遗留问题" : "")\(note.map { "：\($0)" } ?? "")",
                             en: "judged \(level.name.en)\(historical ? ", historical" : "")\(note.map { ": \($0)" } ?? "")")
        case let .unitReported(text):
            return Localized(zh: "向单位领导报送：\(text)", en: "unit report: \(text)")
        case let .verified(summary, _):
            return Localized(zh: "核实调查报告：\(summary)", en: "verification report: \(summary)")
        case let .extensionApplied(x, days, reason):
            return Localized(zh: "申请延期 \(x)（\(days) 个工作日）：\(reason)", en: "extension \(x) applied for (\(days) working days): \(reason)")
        case let .extensionApproved(x, days, _):
            return Localized(zh: "批准延期 \(x)（\(days) 个工作日）", en: "extension \(x) approved (\(days) working days)")
        case let .extensionRejected(x, reason):
            return Localized(zh: "驳回延期 \(x)：\(reason)", en: "extension \(x) rejected: \(reason)")
        case let .escalated(note):
            return Localized(zh: "报送市领导\(note.map { "：\($0)" } ?? "")", en: "escalated to city leaders\(note.map { ": \($0)" } ?? "")")
        case let .instructed(l, leader, text, _):
            return Localized(zh: "\(leader)批示 \(l)：\(text)", en: "instruction \(l) from \(leader): \(text)")
        case let .instructionUndertaken(l, dept, _):
            return Localized(zh: "\(l) 由\(d(dept).zh)承办", en: "\(l) undertaken by \(d(dept).en)")
        case let .instructionSupervised(l, note):
            return Localized(zh: "\(l) 督办：\(note)", en: "\(l) supervised: \(note)")
        case let .instructionCompleted(l, _):
            return Localized(zh: "\(l) 办结", en: "\(l) completed")
        case let .responseDrafted(text, _):
            return Localized(zh: "提交回应稿：\(text)", en: "response drafted: \(text)")
        case let .responseReviewed(approved, note):
            return Localized(zh: "回应稿\(approved ? "审定通过" : "退回")\(note.map { "：\($0)" } ?? "")",
                             en: "response draft \(approved ? "approved" : "sent back")\(note.map { ": \($0)" } ?? "")")
        case let .responded(channel, url, text):
            let ch = Channel.name(channel)
            return Localized(zh: "在\(ch.zh)回应\(url.map { "（\($0)）" } ?? "")：\(text)", en: "responded on \(ch.en)\(url.map { " (\($0))" } ?? ""): \(text)")
        case let .followed(note):
            return Localized(zh: "跟踪：\(note)", en: "follow-up: \(note)")
        case let .linked(other, kind, newer):
            return newer ? Localized(zh: "关联为 \(other) 的\(kind.name.zh)", en: "linked to \(other) as a \(kind.name.en)")
                         : Localized(zh: "\(other) 关联为本案的\(kind.name.zh)", en: "\(other) linked here as a \(kind.name.en)")
        case let .guidanceArranged(note):
            return Localized(zh: "安排网评引导\(note.map { "：\($0)" } ?? "")", en: "online guidance arranged\(note.map { ": \($0)" } ?? "")")
        case let .closed(note):
            return Localized(zh: "办结\(note.map { "：\($0)" } ?? "")", en: "closed\(note.map { ": \($0)" } ?? "")")
        case let .meetingOpened(m, topic, _, _, _):
            return Localized(zh: "会商 \(m)：\(topic)", en: "meeting \(m): \(topic)")
        case let .meetingAttended(m, depts):
            return Localized(zh: "\(m) 出席：\(depts.map { d($0).zh }.joined(separator: "、"))", en: "\(m) attended by \(depts.map { d($0).en }.joined(separator: ", "))")
        case let .agendaChanged(m, c, added):
            return Localized(zh: "\(c) \(added ? "列入" : "移出") \(m) 议程", en: "\(c) \(added ? "added to" : "removed from") \(m)'s agenda")
        case let .remarked(_, text):
            return Localized(zh: "发言：\(text)", en: "said: \(text)")
        case let .riskJudged(_, nature, trend, impact, _, _):
            return Localized(zh: "风险研判：\(nature)，态势\(trend.name.zh)，影响\(impact.name.zh)", en: "risk: \(nature), \(trend.name.en), impact \(impact.name.en)")
        case let .decided(_, action, text):
            return Localized(zh: "决定 \(action)\(text.map { "：\($0)" } ?? "")", en: "decided \(action)\(text.map { ": \($0)" } ?? "")")
        case let .meetingClosed(m):
            return Localized(zh: "\(m) 结束", en: "\(m) closed")
        case let .departmentSaved(dep):
            return Localized(zh: "部门名录：\(dep.nameZH)", en: "directory: \(dep.nameEN)")
        case let .patrolled(dept, _):
            return Localized(zh: "\(d(dept).zh)巡查", en: "patrol by \(d(dept).en)")
        case let .denied(verb, reason, reasonZH):
            return Localized(zh: "拒绝 \(verb)：\(reasonZH ?? reason)", en: "denied \(verb): \(reason)")
        case let .calendarLoaded(years, _):
            return Localized(zh: "载入日历 \(years.map(String.init).joined(separator: "、"))", en: "calendar loaded for \(years.map(String.init).joined(separator: ", "))")
        case let .policyChanged(name, fingerprint, _):
            let f = fingerprint.map { " sha256:\($0.prefix(12))" } ?? ""
            return Localized(zh: "启用制度 \(name)\(f)", en: "policy \(name)\(f) in force")
        case let .personSaved(p):
            return Localized(zh: "人员名录：\(p.name)（\(p.role.name.zh)\(p.disabled ? "，已停用" : "")）",
                             en: "directory: \(p.name) (\(p.role.name.en)\(p.disabled ? ", disabled" : ""))")
        case let .clockSimulated(t):
            return t.map { Localized(zh: "模拟时钟：\($0)", en: "simulated clock: \($0)") }
                ?? Localized(zh: "回到系统时钟", en: "back to the system clock")
        }
    }
}
