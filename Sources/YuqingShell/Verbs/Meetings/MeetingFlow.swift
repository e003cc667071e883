import YuqingCore
import YuqingStore

/// `meeting open|attend|agenda|close|show`: the life of a meeting.
enum MeetingFlow {
    // MARK: open

    struct Open: Verb {
        static let spec = CommandSpec(
            name: "open", alias: "召开", group: .meetings,
            summary: Localized(zh: "召开会商（协调员）", en: "open a meeting (coordinators)"),
            synopsis: "meeting open TOPIC --cases C7,C9 [--place PLACE] [--chair NAME] [--at TIME]",
            mutates: true)

        @Argument(.text, name: "topic",
                  help: Localized(zh: "会议议题", en: "the meeting's topic")) var topic: String
        @Option(.idList(.caseFile), help: Localized(zh: "议程上的案件", en: "cases on the agenda")) var cases: [EntityID]
        @Option(.text, help: Localized(zh: "地点", en: "place")) var place: String?
        @Option(.text, help: Localized(zh: "主持人（默认为召开者）", en: "who chairs (default: whoever opens it)")) var chair: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let topic = self.topic
            // A topic is a title (the minutes', the prompt's): bounded like a case's; the chair is a person's name.
            try TextLimits.check(topic, TextLimits.title, Localized(zh: "议题", en: "the topic"), range: $topic.range)
            if let chair { try TextLimits.check(chair, TextLimits.name, Localized(zh: "主持人姓名", en: "the chair's name"), range: $chair.range) }
            if let current = try ws.openMeetingFromLog() {
                ws.openMeeting = current
                throw ShellError(Localized(zh: "会商 \(current) 尚未结束", en: "meeting \(current) is still in progress"),
                                 range: inv.verbRange,
                                 hint: Localized(zh: "先 `meeting close` 结束它", en: "close it first: `meeting close`"), kind: .wrongStage)
            }
            var cases: [CaseFile] = []
            for id in self.cases where !cases.contains(where: { $0.id == id }) {
                cases.append(try ws.caseFile(id, range: $cases.range))
            }
            let at = try session.effectiveTime(inv)
            let agenda = cases.map(\.id), place = self.place, chair = self.chair
            var mid: EntityID?
            try ws.storeCall {
                try ws.store.write { tx in
                    let m = try tx.nextID(.meeting)
                    mid = m
                    try tx.append(NewEvent(caseID: nil, subject: m, actor: session.actor, effective: at, recorded: session.now(),
                                           body: .meetingOpened(meeting: m, topic: topic, cases: agenda, place: place,
                                                                chair: chair)), expectedVersion: nil)
                    // Each case learns it is on the agenda, so its timeline shows the meeting.
                    for c in agenda {
                        let v = try tx.caseFile(c)?.version
                        try tx.append(NewEvent(caseID: c, subject: m, actor: session.actor, effective: at, recorded: session.now(),
                                               body: .agendaChanged(meeting: m, caseID: c, added: true)), expectedVersion: v)
                    }
                }
            }
            guard let m = mid else { throw ShellError(zh: "会商未创建", en: "the meeting was not created", kind: .internal) }
            ws.openMeeting = m
            ws.joinedMeeting = m
            let lang = session.language
            let list = cases.map { c in "\(c.id) \(c.title)（\(ws.ownerName(c.dept, .zh))，\(c.level?.name.zh ?? "未研判")）" }
            let listEN = cases.map { c in "\(c.id) \(c.title) (\(ws.ownerName(c.dept, .en)), \(c.level?.name.en ?? "not judged"))" }
            _ = lang
            let agendaText = cases.isEmpty
                ? Localized(zh: "议程暂无案件（`meeting agenda add C7` 增加）。", en: "No case on the agenda yet (`meeting agenda add C7`).")
                : Localized(zh: "议程：" + list.joined(separator: "；") + "。", en: "Agenda: " + listEN.joined(separator: "; ") + ".")
            let dir = try ws.directory()
            let expected = Meeting(id: m, topic: topic, place: nil, chair: nil, openedAt: at, openedBy: session.actor)
                .mandated(in: dir, caseDepts: cases.compactMap(\.dept))
            let codes = expected.joined(separator: " ")
            return CommandOutput(messages: [
                Localized(zh: "\(m) 会商开始：\(topic)。", en: "\(m) opened: \(topic)."),
                agendaText,
                Localized(zh: "请记录出席单位：`meeting attend \(codes)`", en: "Record who attends: `meeting attend \(codes)`"),
            ], created: m, effective: at)
        }
    }

    // MARK: attend

    struct Attend: Verb {
        static let spec = CommandSpec(
            name: "attend", alias: "出席", group: .meetings,
            summary: Localized(zh: "记录出席单位，提示缺席的成员单位（第一条）", en: "record attendance; warns of absent members (Art. 1)"),
            synopsis: "meeting attend DEPT… [--at TIME]",
            mutates: true)

        @Argument(.department, name: "dept", nonEmpty: true,
                  help: Localized(zh: "到会部门（一个或多个，代码或名称）", en: "the departments attending (one or more, code or name)")) var depts: [String]

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let mid = try ws.requireOpenMeeting(inv)
            let before = try ws.meeting(mid)
            var codes: [String] = []
            for (key, a) in zip(depts, $depts.args) {
                let d = try ws.department(key, range: a.range)
                if !codes.contains(d.code) { codes.append(d.code) }
            }
            let at = try ws.meetingTime(session, inv, before)
            try ws.recordMeetingEvent(session, mid, at: at) { _ in (mid, .meetingAttended(meeting: mid, depts: codes)) }
            let m = try ws.meeting(mid)
            let dir = try ws.directory()
            let caseDepts = try agendaDepts(ws, m)
            let absent = m.absent(in: dir, caseDepts: caseDepts)
            let members = Set(dir.members.map(\.code))
            let present = Localized(zh: "出席：" + m.attendance.map { ws.deptName($0, .zh) }.joined(separator: "、") + "。",
                                    en: "Attending: " + m.attendance.map { ws.deptName($0, .en) }.joined(separator: ", ") + ".")
            guard !absent.isEmpty else {
                return CommandOutput(messages: [present, Localized(zh: "第一条规定的成员单位和涉事部门均已到会。",
                                                                   en: "All members of Art. 1 and the departments concerned are present.")],
                                     effective: at)
            }
            let missingMembers = absent.filter { members.contains($0) }
            let missingDepts = absent.filter { !members.contains($0) }
            var zh: [String] = [], en: [String] = []
            if !missingMembers.isEmpty {
                zh.append("第一条规定的成员单位未到：" + missingMembers.map { ws.deptName($0, .zh) }.joined(separator: "、"))
                en.append("members of Art. 1 missing: " + missingMembers.map { ws.deptName($0, .en) }.joined(separator: ", "))
            }
            if !missingDepts.isEmpty {
                zh.append("涉事部门未到：" + missingDepts.map { ws.deptName($0, .zh) }.joined(separator: "、"))
                en.append("departments concerned missing: " + missingDepts.map { ws.deptName($0, .en) }.joined(separator: ", "))
            }
            let warning = Localized(zh: "注意：" + zh.joined(separator: "；") + "（将记入纪要）。",
                                    en: "Warning: " + en.joined(separator: "; ") + " (noted in the minutes).")
            return CommandOutput(messages: [present, warning], effective: at)
        }
    }

    /// The departments of the cases on the agenda now.
    static func agendaDepts(_ ws: Workspace, _ m: Meeting) throws(ShellError) -> [String] {
        var out: [String] = []
        for id in m.agenda {
            if let d = try ws.read({ try $0.caseFile(id) })?.dept, !out.contains(d) { out.append(d) }
        }
        return out
    }

    // MARK: agenda

    struct Agenda: Verb {
        static let spec = CommandSpec(
            name: "agenda", alias: "议程", group: .meetings,
            summary: Localized(zh: "增减议程上的案件", en: "add a case to the agenda or remove it"),
            synopsis: "meeting agenda add|remove CASE [--at TIME]",
            mutates: true)

        @Argument(.choice([Choice("add", zh: "增加"), Choice("remove", zh: "移除")]), name: "op",
                  help: Localized(zh: "add 增加或 remove 移除议程中的案件", en: "add or remove the case on the agenda")) var op: String
        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "议程中的案件", en: "the case on the agenda")) var caseID: EntityID

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let mid = try ws.requireOpenMeeting(inv)
            let m = try ws.meeting(mid)
            let add = op != "remove"
            let cid = caseID, a = $caseID
            if add && m.agenda.contains(cid) {
                throw ShellError(Localized(zh: "\(cid) 已在 \(mid) 议程上", en: "\(cid) is already on \(mid)'s agenda"), range: a.range, kind: .wrongStage)
            }
            if !add && !m.agenda.contains(cid) {
                throw ShellError(Localized(zh: "\(cid) 不在 \(mid) 议程上", en: "\(cid) is not on \(mid)'s agenda"), range: a.range, kind: .wrongStage)
            }
            _ = try ws.meetingTime(session, inv, m)
            let acted = try ws.act(session, inv, .meeting, caseID: cid, range: a.range) { _, _, _ in
                [Step(body: .agendaChanged(meeting: mid, caseID: cid, added: add), subject: mid)]
            }
            let c = acted.after
            return CommandOutput(messages: [add
                ? Localized(zh: "\(cid) 列入 \(mid) 议程：\(c.title)（\(ws.ownerName(c.dept, .zh))）。", en: "\(cid) added to \(mid)'s agenda: \(c.title) (\(ws.ownerName(c.dept, .en))).")
                : Localized(zh: "\(cid) 移出 \(mid) 议程。", en: "\(cid) removed from \(mid)'s agenda.")], effective: acted.at)
        }
    }

    // MARK: close

    struct Close: Verb {
        static let spec = CommandSpec(
            name: "close", alias: "结束", group: .meetings,
            summary: Localized(zh: "结束会商（协调员）", en: "close the meeting (coordinators)"),
            synopsis: "meeting close [--at TIME]",
            mutates: true)

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let mid = try ws.requireOpenMeeting(inv)
            let m = try ws.meeting(mid)
            let at = try ws.meetingTime(session, inv, m)
            try ws.recordMeetingEvent(session, mid, at: at) { _ in (mid, .meetingClosed(meeting: mid)) }
            ws.openMeeting = nil
            ws.joinedMeeting = nil
            let span = at - m.openedAt
            let minutes = Int(span.seconds / 60)
            let absent = m.absent(in: try ws.directory(), caseDepts: try agendaDepts(ws, m))
            var msgs = [Localized(
                zh: "\(mid) 会商结束（\(minutes) 分钟）：议程 \(m.agenda.count) 项，发言 \(m.remarks.count) 次，风险研判 \(m.risks.count) 项，决定 \(m.decisions.count) 项。",
                en: "\(mid) closed after \(minutes) min: \(m.agenda.count) on the agenda, \(m.remarks.count) remarks, \(m.risks.count) risk judgements, \(m.decisions.count) decisions.")]
            if !absent.isEmpty {
                msgs.append(Localized(zh: "缺席：" + absent.map { ws.deptName($0, .zh) }.joined(separator: "、") + "（已记入纪要）。",
                                      en: "Absent: " + absent.map { ws.deptName($0, .en) }.joined(separator: ", ") + " (in the minutes)."))
            }
            let undecided = m.agenda.filter { c in !m.decisions.contains { $0.caseID == c } }
            if !undecided.isEmpty {
                msgs.append(Localized(zh: "未作决定的案件：" + undecided.map(\.description).joined(separator: "、") + "。",
                                      en: "No decision on: " + undecided.map(\.description).joined(separator: ", ") + "."))
            }
            msgs.append(Localized(zh: "生成纪要：`meeting minutes \(mid) --out 纪要.md`", en: "Minutes: `meeting minutes \(mid) --out minutes.md`"))
            return CommandOutput(messages: msgs, effective: at)
        }
    }

    // MARK: show

    struct Show: Verb {
        static let spec = CommandSpec(
            name: "show", alias: "查看", group: .meetings,
            summary: Localized(zh: "显示会商记录（默认进行中的会商）", en: "show a meeting's record (default: the one in progress)"),
            synopsis: "meeting show [M]",
            help: Localized(
                zh: "会商的经过：时间、地点、出席、议程，以及发言、风险研判和决定。联络员和部门负责人只能查看可以加入的会商（见 meeting join），指名查看其他会商被拒绝并记录；纪要（meeting minutes）和会商列表（meetings）同此。不指定编号时，进行中的会商若不涉及本部门，只提示没有涉及本部门的会商。",
                en: "The meeting so far: time, place, attendance, agenda, then the remarks, risk notes and decisions. Liaisons and department leaders see only the meetings they may join (see `meeting join`); naming any other is refused, and logged; the minutes (`meeting minutes`) and the list (`meetings`) likewise. Without a number, a meeting in progress that does not concern their department is not named: you are told none concerns it."))

        @Argument(.id(.meeting), name: "meeting",
                  help: Localized(zh: "会议编号，默认当前会议", en: "the meeting (such as M1); the current one by default")) var meetingID: EntityID?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let mid: EntityID
            if let id = meetingID {
                mid = id
            } else {
                if ws.openMeeting == nil { ws.restoreOpenMeeting() }
                guard let open = ws.shownMeeting() else {
                    if ws.openMeeting != nil {
                        return CommandOutput(zh: "没有涉及本部门的进行中会商。`meetings` 列出本部门可以查看的会商。",
                                             en: "No meeting in progress concerns your department. `meetings` lists those you may see.")
                    }
                    let last = try ws.read { try $0.lastNumber(.meeting) }
                    if last == 0 {
                        return CommandOutput(zh: "没有进行中的会商。用 `meeting open 议题 --cases C7,C9` 召开。",
                                             en: "No meeting in progress. Open one with `meeting open TOPIC --cases C7,C9`.")
                    }
                    return CommandOutput(zh: "没有进行中的会商。`meetings` 列出以往的会商，`meeting show M\(last)` 查看最近一次。",
                                         en: "No meeting in progress. `meetings` lists past ones; `meeting show M\(last)` shows the last.")
                }
                mid = open
            }
            let m = try ws.meeting(mid, range: $meetingID.range)
            try ws.requireSeesMeeting(m, session, inv, range: $meetingID.range)
            let lang = session.language
            let text = try transcript(m, ws, lang)
            var out = CommandOutput(document: text)
            // On a screen each line is folded at the terminal's width, the chat's hanging under what was said.
            out.layout = { width in
                width == nil ? text : text.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { SentenceWrap.chatLine(TerminalText.escape(String($0)), width: width) }.joined(separator: "\n")
            }
            return out
        }
    }

    /// The meeting as the projector shows it: facts, then the chat in time order.
    static func transcript(_ m: Meeting, _ ws: Workspace, _ lang: Language) throws(ShellError) -> String {
        func L(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        let dir = try ws.directory()
        let names = { (code: String) in dir.find(code)?.name ?? Localized(code) }
        let sep = L("、", ", ")
        var lines: [String] = []
        // In minutes, as the transcript's lines and every screen (a real clock opened it at 04:06:12).
        let state = m.closedAt.map { L("（\($0.minuteDescription) 结束）", " (closed \($0.minuteDescription))") } ?? L("（进行中）", " (in progress)")
        lines.append("\(m.id) \(m.topic)\(state)")
        var facts = [L("开始 \(m.openedAt.minuteDescription)", "opened \(m.openedAt.minuteDescription)")]
        if let p = m.place { facts.append(L("地点 \(p)", "at \(p)")) }
        let chair = m.chair ?? Meeting.speakerLabel(m.openedBy, deptName: names, lang)
        facts.append(L("主持 \(chair)", "chair \(chair)"))
        lines.append(facts.joined(separator: " · "))
        lines.append(L("出席：", "Attending: ") + (m.attendance.isEmpty ? L("（未记录）", "(not recorded)")
            : m.attendance.map { names($0).text(lang) }.joined(separator: sep)))
        let absent = m.absent(in: dir, caseDepts: try agendaDepts(ws, m))
        if !absent.isEmpty { lines.append(L("缺席：", "Absent: ") + absent.map { names($0).text(lang) }.joined(separator: sep)) }
        lines.append(L("议程：", "Agenda:"))
        for id in m.agenda {
            let c = try ws.read { try $0.caseFile(id) }
            let title = c?.title ?? ""
            let dept = ws.ownerName(c?.dept, lang)
            let level = c?.level?.name.text(lang) ?? L("未研判", "not judged")
            lines.append(L("  \(id) \(title)（\(dept)，\(level)）", "  \(id) \(title) (\(dept), \(level))"))
        }
        lines.append("")
        // In the order of the log: with a fixed clock many things happen in the same minute.
        var chat: [(seq: Int64, line: String)] = []
        func add(_ seq: Int64, _ line: String) { chat.append((seq, line)) }
        add(0, "[\(Meeting.clock(m.openedAt)) \(Meeting.speakerLabel(m.openedBy, deptName: names, lang))] " + L("会商开始：\(m.topic)", "meeting opened: \(m.topic)"))
        for r in m.remarks { add(r.seq, r.chatLine(deptName: names, lang)) }
        for r in m.risks {
            var t = L("风险研判 \(r.caseID)：\(r.nature)，走势\(r.trend.name.zh)，影响\(r.impact.name.zh)",
                      "risk \(r.caseID): \(r.nature), \(r.trend.name.en), impact \(r.impact.name.en)")
            if let x = r.risks { t += L("；可能风险：\(x)", "; risks: \(x)") }
            if let s = r.suggest { t += L("；预控处置意见：\(s)", "; suggestion: \(s)") }
            add(r.seq, "[\(Meeting.clock(r.at)) \(Meeting.speakerLabel(r.by, deptName: names, lang))] " + t)
        }
        for d in m.decisions {
            let what = d.action?.describe(deptName: names).text(lang) ?? d.rawAction
            let t = L("决定 \(d.caseID)：\(what)", "decided on \(d.caseID): \(what)") + (d.text.map { L("——\($0)", " — \($0)") } ?? "")
            add(d.seq, "[\(Meeting.clock(d.at)) \(Meeting.speakerLabel(d.by, deptName: names, lang))] " + t)
        }
        if let end = m.closedAt { add(m.closedSeq ?? .max, "[\(Meeting.clock(end))] " + L("会商结束", "meeting closed")) }
        chat.sort { $0.seq < $1.seq }
        lines += chat.map(\.line)
        return lines.joined(separator: "\n") + "\n"
    }
}
