import YuqingCore
import YuqingStore

/// The wall board of a duty room (`watch`): overdue, due within two hours, the meeting in progress and the recent
/// events of the department, fitted to the screen. Pure text: the verb draws it and redraws it on change.
struct WatchBoard {
    let ws: Workspace
    let session: Session
    /// The department watched; nil: every department (coordinators, city leaders).
    let dept: String?

    static let horizon = Span(seconds: 2 * 3600)

    /// The board in `width` columns and at most `height` lines: each section gets its share of the rows, and says
    /// how many it could not show. `onScreen`: the board holds the terminal until a key is pressed, and says so;
    /// printed once into a pipe there is nothing to leave.
    func lines(width: Int, height: Int, onScreen: Bool = true) -> [String] {
        let lang = session.language
        func L(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        let now = session.now()
        let who = dept.map { ws.deptName($0, lang) } ?? L("全部部门", "all departments")
        // In minutes: the board redraws the time once a minute (seconds would stand still in between).
        let shown = now.minuteDescription
        let title = onScreen ? L("yuqing 监看 · \(who) · \(shown)（按任意键退出）", "yuqing watch · \(who) · \(shown) (any key to leave)")
                             : L("yuqing 监看 · \(who) · \(shown)", "yuqing watch · \(who) · \(shown)")

        // A department's board reads the entries it answers for: taken from the city's first 2,000, a board on a
        // store with a backlog of others' overdue entries came up empty.
        let entries = (try? ws.read { try $0.openDues(before: now.adding(WatchBoard.horizon), limit: 2000,
                                                       scope: dept.map(DueScope.answeredBy) ?? .city) }) ?? []
        let overdue = entries.filter { ($0.due ?? now) < now }
        let soon = entries.filter { ($0.due ?? now) >= now }
        let titles = caseTitles(Array(Set(entries.map(\.caseID))))
        func due(_ e: DueEntry) -> String {
            let ruleID = Obligation.parts(ofKey: e.rule).ruleID
            let rule = ws.policy.rule(ruleID)?.title.text(lang) ?? ruleID
            let at = e.due?.shortDeadlineDescription ?? ""
            // The one wording of time left (`due`, `overdue`, `remind`): the board said "95 h 0 min late" where
            // they say "overdue by 3 days 23 h".
            let left = SpanText.left((e.due ?? now) - now).text(lang)
            // Who answers, as `overdue` and `show` say it: an unclaimed case past its claim deadline is the
            // coordinators' (Art. 6), not the department suggested to claim it (the board named that one).
            let answers = ListQueries.responsible(e, now: now, policy: ws.policy).map {
                $0 == Party.coordinators.rawValue ? ObligationTable.responsibleName(.coordinators, ws, lang) : ws.deptName($0, lang)
            } ?? L("待认领", "unclaimed")
            let owner = dept == nil ? " " + answers : ""
            return "\(e.caseID) \(rule) \(at) \(left)\(owner)  \(titles[e.caseID] ?? "")"
        }

        var meetingLines: [String] = []
        if let m = try? ws.openMeetingFromLog(), let meeting = try? ws.meeting(m),
           ws.seesMeeting(attendance: meeting.attendance, participants: meeting.participants.map(\.actor), agenda: meeting.agenda) {
            let names = deptNamesOf(ws)
            let present = meeting.participants.filter(\.isPresent).count
            meetingLines.append(L("\(m) \(meeting.topic) · 议程 \(meeting.agenda.map(\.description).joined(separator: "、")) · 在场 \(present) 人 · 发言 \(meeting.remarks.count) 次",
                                  "\(m) \(meeting.topic) · agenda \(meeting.agenda.map(\.description).joined(separator: ", ")) · \(present) present · \(meeting.remarks.count) remarks"))
            for r in meeting.remarks.suffix(3).reversed() { meetingLines.append("  " + r.chatLine(deptName: names, lang)) }
        }

        let deptNames = { (code: String) in (try? ws.directory().find(code)?.name) ?? Localized(code) }
        let text = EventText((try? ws.directory()) ?? Directory())
        let recent = recentEvents().map { e in
            "\(Meeting.clock(e.effective)) \(Meeting.speakerLabel(e.actor, deptName: deptNames, lang)) \(text.describe(e).text(lang))"
        }

        var sections: [(String, [String], Int)] = [
            (L("已超期", "Overdue"), overdue.map(due), overdue.count),
            (L("2 小时内到期", "Due within 2 hours"), soon.map(due), soon.count),
        ]
        if !meetingLines.isEmpty { sections.append((L("进行中的会商", "Meeting in progress"), meetingLines, 1)) }
        sections.append((dept == nil ? L("最新动态", "Latest events") : L("本部门动态", "Department events"), recent, recent.count))

        // Rows for the contents: the title and one heading per section are always shown.
        var budget = max(0, height - 1 - sections.count)
        var shares = Array(repeating: 0, count: sections.count)
        // Hand out rows one at a time to the sections that still have lines, so a short section gives its rows to
        // the others.
        var progress = true
        while budget > 0 && progress {
            progress = false
            for i in sections.indices where budget > 0 && shares[i] < sections[i].1.count {
                shares[i] += 1
                budget -= 1
                progress = true
            }
        }
        var out = [title]
        for (i, (heading, lines, count)) in sections.enumerated() {
            let shown = shares[i]
            var head = "── \(heading)"
            if count > 0 && lines.count == count { head += " (\(count))" }
            if shown < lines.count { head += L("，另有 \(lines.count - shown) 项未显示", ", \(lines.count - shown) more not shown") }
            if lines.isEmpty { head += L("：无", ": none") }
            out.append(head + " ──")
            out += lines.prefix(shown)
        }
        return out.prefix(max(1, height)).map { DisplayWidth.truncate(TerminalText.escape($0), to: max(1, width)) }
    }

    private func deptNamesOf(_ ws: Workspace) -> (String) -> Localized {
        { code in (try? ws.directory().find(code)?.name) ?? Localized(code) }
    }

    private func caseTitles(_ ids: [EntityID]) -> [EntityID: String] {
        guard !ids.isEmpty, let cases = try? ws.read({ try $0.cases(ids: ids) }) else { return [:] }
        return Dictionary(cases.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
    }

    /// The newest events of the department (of its cases, or by its people), newest first, from the last 300 of
    /// the log.
    private func recentEvents() -> [Event] {
        guard let head = try? ws.read({ try $0.lastSeq() }), head > 0 else { return [] }
        let from = max(1, head - 299)
        let events = (try? ws.read { try $0.events(from: from, limit: 300) }) ?? []
        guard let dept else { return events.reversed() }
        let ids = Array(Set(events.compactMap(\.caseID)))
        let depts = Dictionary(((try? ws.read { try $0.cases(ids: ids) }) ?? []).map { ($0.id, $0.dept) },
                               uniquingKeysWith: { a, _ in a })
        return events.filter { e in
            e.actor.dept == dept || e.caseID.flatMap { depts[$0] ?? nil } == dept
        }.reversed()
    }
}
