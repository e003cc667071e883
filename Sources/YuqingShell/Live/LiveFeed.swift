import YuqingCore
import YuqingStore

/// One line printed above the prompt, and whether it rings the bell.
struct LiveLine: Equatable {
    var text: String
    var ring: Bool = false
}

/// What a waiting shell learns of what others did (brief section 6a, "Live"): the store's change feed says when
/// anyone committed; the new events are read by sequence number and the ones that concern this shell are worded
/// as live lines. Deadlines coming due are found by a look at the due index every few seconds.
///
/// Concern, by `notify` mode: `all` — the meeting this shell takes part in, a meeting opening, the department's
/// cases (assigned to it, a leader's instruction, an extension decided, a draft approved or rejected; for
/// coordinators also what waits for them), mentions, deadlines; `mentions` — mentions, the end of the meeting,
/// deadlines; `off` — nothing (the inbox still collects mentions).
///
/// The shell's own events are not shown back: after each command the REPL tells the feed which actors it acted as,
/// and the events of that window by them are passed over.
///
/// Used by the REPL's thread only.
final class LiveFeed {
    let ws: Workspace
    let session: Session
    private var feed: (any StoreChangeFeed)?
    /// The last event read (shown or passed over).
    private(set) var lastSeen: Int64
    /// Deadlines already announced (`case:rule:due`).
    private var announced: Set<String> = []
    private var nextDueCheck: UInt64 = 0
    /// More new events than this at once (an import at another desk) are passed over: live lines are a chat, not
    /// a log.
    static let flood: Int64 = 1000
    /// How often the due index is looked at (a deadline enters the window by the clock, not by a commit).
    static let dueInterval: UInt64 = 5_000_000_000

    init(ws: Workspace, session: Session) {
        self.ws = ws
        self.session = session
        feed = try? ws.store.changeFeed()
        lastSeen = (try? ws.read { try $0.lastSeq() }) ?? 0
        _ = try? feed?.changed()
        // What is due already was on the start-up board: only deadlines that come into the window from now on are
        // announced.
        for e in dueSoon() { announced.insert(key(e)) }
        nextDueCheck = ScriptBatcher.monotonicNanos() + LiveFeed.dueInterval
        if let m = ws.openMeeting, let meeting = try? ws.meeting(m), meeting.isParticipant(session.actor.name) {
            ws.joinedMeeting = m
        }
    }

    deinit { feed?.close() }

    var settings: LiveSettings { LiveSettings.of(session) }

    /// True while the session works on another store (a drill's): the real store's lines wait.
    var suspended: Bool { session.service(Workspace.self) !== ws }

    /// Asked about ten times a second while the prompt waits: the lines to print now (usually none, at the cost of
    /// one `data_version` read).
    func poll() -> [LiveLine] {
        guard !suspended else { return [] }
        var lines: [LiveLine] = []
        if (try? feed?.changed()) ?? true { lines += readNew(own: []) }
        let now = ScriptBatcher.monotonicNanos()
        if now >= nextDueCheck {
            nextDueCheck = now + LiveFeed.dueInterval
            lines += deadlines()
        }
        return lines
    }

    /// After a command at the prompt: the events it wrote (by the actors it acted as) are this shell's own and are
    /// not shown; anything else that came in meanwhile is.
    func commandRan(actors: Set<String>) -> [LiveLine] {
        guard !suspended else { return [] }
        _ = try? feed?.changed()
        return readNew(own: actors)
    }

    // MARK: events

    private func readNew(own: Set<String>) -> [LiveLine] {
        guard let head = try? ws.read({ try $0.lastSeq() }), head > lastSeen else { return [] }
        if head - lastSeen > LiveFeed.flood {
            lastSeen = head
            return []
        }
        let events = (try? ws.read { try $0.events(from: lastSeen + 1, limit: Int(head - lastSeen)) }) ?? []
        lastSeen = max(lastSeen, events.last?.seq ?? head)
        var others = events.filter { !own.contains($0.actor.name) }
        // Joining answered with who is present and the latest remarks: what others did in that meeting before the
        // join is not told again (a desk that joined just after another read "张伟 加入 M1" below its roster).
        for e in events where own.contains(e.actor.name) {
            if case let .meetingJoined(m) = e.body {
                others.removeAll { $0.seq < e.seq && $0.meetingID == m }
            }
        }
        guard !others.isEmpty else { return [] }
        return lines(for: others)
    }

    /// The lines these events make for this shell.
    func lines(for events: [Event]) -> [LiveLine] {
        let mode = settings.mode
        let me = session.actor
        let lang = session.language
        let names = { (code: String) in (try? self.ws.directory().find(code)?.name) ?? Localized(code) }
        let reader = mentionReader(events)
        var caseDepts: [EntityID: String] = [:]
        let caseIDs = Array(Set(events.compactMap(\.caseID)))
        if !caseIDs.isEmpty, let summaries = try? ws.read({ try $0.cases(ids: caseIDs) }) {
            for s in summaries { if let d = s.dept { caseDepts[s.id] = d } }
        }
        func mine(_ c: EntityID?) -> Bool { c.flatMap { caseDepts[$0] }.map { $0 == me.dept } ?? false }
        func who(_ a: Actor) -> String { Meeting.speakerLabel(a, deptName: names, lang) }
        func L(_ zh: String, _ en: String) -> String { lang == .zh ? zh : en }
        let coordinator = me.role == .coordinator

        var out: [LiveLine] = []
        func add(_ text: String, ring: Bool = false) { out.append(LiveLine(text: TerminalText.escape(text), ring: ring)) }
        let taking = meetingTakenPart()
        for e in events {
            let inMeeting = taking != nil && e.meetingID == taking
            switch e.body {
            case let .remarked(m, text):
                let remark = MeetingRemark(at: e.effective, speaker: e.actor, text: text, seq: e.seq)
                if mode != .off, reader.reaches(text, person: me.name, dept: me.dept) {
                    add(L("【@提及】", "[@mention] ") + remark.chatLine(deptName: names, lang) + (m == nil || inMeeting ? "" : " (\(m!))"),
                        ring: true)
                } else if inMeeting, mode == .all {
                    add(remark.chatLine(deptName: names, lang))
                }
            case let .meetingOpened(m, topic, agenda, _, _):
                // Told to those who may follow it: a department's people when a case on its agenda is one they see.
                guard mode == .all, ws.seesMeeting(attendance: [], participants: [e.actor], agenda: agenda) else { break }
                add(L("【会商】\(who(e.actor)) 召开 \(m)：\(topic)。加入：meeting join \(m)",
                      "[meeting] \(who(e.actor)) opened \(m): \(topic). Join with `meeting join \(m)`"))
            case let .meetingJoined(m) where inMeeting && mode == .all:
                add("[\(Meeting.clock(e.effective)) \(who(e.actor))] " + L("加入 \(m)", "joined \(m)"))
            case let .meetingLeft(m) where inMeeting && mode == .all:
                add("[\(Meeting.clock(e.effective)) \(who(e.actor))] " + L("退出 \(m)", "left \(m)"))
            case let .meetingAttended(_, depts) where inMeeting && mode == .all:
                add("[\(Meeting.clock(e.effective)) \(who(e.actor))] " + L("出席：", "attending: ")
                    + depts.map { names($0).text(lang) }.joined(separator: L("、", ", ")))
            case let .agendaChanged(_, c, added) where inMeeting && mode == .all && e.caseID != nil:
                add("[\(Meeting.clock(e.effective)) \(who(e.actor))] "
                    + (added ? L("\(c) 列入议程", "\(c) added to the agenda") : L("\(c) 移出议程", "\(c) removed from the agenda")))
            case let .riskJudged(_, nature, trend, impact, _, suggest) where inMeeting && mode == .all:
                var t = L("风险研判 \(e.caseID?.description ?? "")：\(nature)，走势\(trend.name.zh)，影响\(impact.name.zh)",
                          "risk \(e.caseID?.description ?? ""): \(nature), \(trend.name.en), impact \(impact.name.en)")
                if let s = suggest { t += L("；预控处置意见：\(s)", "; suggestion: \(s)") }
                add("[\(Meeting.clock(e.effective)) \(who(e.actor))] " + t)
            case let .decided(_, action, text) where inMeeting && mode == .all:
                let what = DecisionAction(stored: action)?.describe(deptName: names).text(lang) ?? action
                add("[\(Meeting.clock(e.effective)) \(who(e.actor))] " + L("决定 \(e.caseID?.description ?? "")：\(what)",
                                                                          "decided on \(e.caseID?.description ?? ""): \(what)")
                    + (text.map { L("——\($0)", " — \($0)") } ?? ""))
            case let .meetingClosed(m):
                let mineToo = ws.joinedMeeting == m || ws.openMeeting == m
                if ws.openMeeting == m { ws.openMeeting = nil }
                if ws.joinedMeeting == m { ws.joinedMeeting = nil }
                if mineToo, mode != .off {
                    add(L("【会商】\(m) 已由 \(who(e.actor)) 结束。纪要：meeting minutes \(m)",
                          "[meeting] \(m) was closed by \(who(e.actor)). Minutes: `meeting minutes \(m)`"), ring: inMeeting)
                }
            case let .assigned(dept, _, note) where dept == me.dept && mode == .all:
                add(L("【交办】\(e.caseID?.description ?? "") 由 \(who(e.actor)) 指定本部门办理\(note.map { "：\($0)" } ?? "")",
                      "[assigned] \(who(e.actor)) assigned \(e.caseID?.description ?? "") to your department\(note.map { ": \($0)" } ?? "")"),
                    ring: true)
            case let .instructed(l, leader, text, due) where mine(e.caseID) && mode == .all:
                add(L("【批示】\(e.caseID?.description ?? "") \(leader)批示（\(l)）：\(text)\(due.map { "，\($0.shortDeadlineDescription) 前办结" } ?? "")",
                      "[instruction] \(leader) on \(e.caseID?.description ?? "") (\(l)): \(text)\(due.map { ", due \($0.shortDeadlineDescription)" } ?? "")"),
                    ring: true)
            case let .extensionApproved(x, days, _) where mine(e.caseID) && mode == .all:
                add(L("【延期】\(e.caseID?.description ?? "") 延期申请 \(x) 已批准（\(days) 个工作日）",
                      "[extension] \(x) on \(e.caseID?.description ?? "") approved (\(RuleClock.workingDays(days).text.en))"))
            case let .extensionRejected(x, reason) where mine(e.caseID) && mode == .all:
                add(L("【延期】\(e.caseID?.description ?? "") 延期申请 \(x) 未获批准：\(reason)",
                      "[extension] \(x) on \(e.caseID?.description ?? "") rejected: \(reason)"))
            case let .responseReviewed(approved, note) where mine(e.caseID) && mode == .all:
                add(approved
                    ? L("【审定】\(e.caseID?.description ?? "") 回应稿已审定通过，可以发布\(note.map { "：\($0)" } ?? "")",
                        "[review] the draft response on \(e.caseID?.description ?? "") was approved\(note.map { ": \($0)" } ?? "")")
                    : L("【审定】\(e.caseID?.description ?? "") 回应稿被退回\(note.map { "：\($0)" } ?? "")",
                        "[review] the draft response on \(e.caseID?.description ?? "") was rejected\(note.map { ": \($0)" } ?? "")"))
            case let .extensionApplied(x, days, reason) where coordinator && mode == .all:
                add(L("【待批】\(e.caseID?.description ?? "") \(who(e.actor)) 申请延期 \(days) 个工作日（\(x)）：\(reason)",
                      "[to decide] \(who(e.actor)) applied for \(days) more working \(days == 1 ? "day" : "days") on \(e.caseID?.description ?? "") (\(x)): \(reason)"))
            case .responseDrafted where coordinator && mode == .all:
                add(L("【待审】\(e.caseID?.description ?? "") \(who(e.actor)) 提交了回应稿", "[to review] \(who(e.actor)) submitted a draft response on \(e.caseID?.description ?? "")"))
            default:
                break
            }
        }
        return out
    }

    /// The meeting this shell takes part in: the one it joined, or the open one its actor takes part in (after
    /// `as 王敏` a facilitator who opened it from another shell follows it too).
    private func meetingTakenPart() -> EntityID? {
        if let m = ws.joinedMeeting { return m }
        guard let m = ws.openMeeting, let meeting = try? ws.meeting(m), meeting.isParticipant(session.actor.name) else { return nil }
        return m
    }

    /// Reads mentions against the directory's departments and the people yuqing knows of: the departments' staff
    /// and leaders, and whoever acts in these events or takes part in the meeting.
    private func mentionReader(_ events: [Event]) -> MentionReader {
        let dir = (try? ws.directory()) ?? Directory()
        var people = Set(events.map(\.actor.name))
        people.insert(session.actor.name)
        for d in dir.departments {
            people.formUnion(d.staff)
            if let l = d.leader { people.insert(l) }
        }
        if let m = ws.joinedMeeting, let meeting = try? ws.meeting(m) { people.formUnion(meeting.participants.map(\.actor.name)) }
        return MentionReader(directory: dir, people: people)
    }

    // MARK: deadlines

    /// Looks at the due index at the next poll (tests move a simulated clock instead of waiting).
    func forceDueCheck() { nextDueCheck = 0 }

    private func key(_ e: DueEntry) -> String { "\(e.caseID):\(e.rule):\(e.due?.seconds ?? 0)" }

    /// Open deadlines of this shell's department (coordinators: theirs and the unrouted claims) within the window.
    private func dueSoon() -> [DueEntry] {
        let now = session.now()
        let me = session.actor
        // The window's entries only (`dues_period` from now): the open entries before its end, the first 500 of
        // them, were all overdue on a store with a backlog, and no reminder ever rang.
        guard let entries = try? ws.read({ try $0.dues(from: now, to: now.adding(settings.window)) }) else { return [] }
        return entries.filter { e in
            guard e.metAt == nil, !e.waived else { return false }
            if let d = e.dept, d == me.dept { return true }
            return me.role == .coordinator && (e.dept == nil || e.dept == "coordinators")
        }
    }

    private func deadlines() -> [LiveLine] {
        let now = session.now()
        let lang = session.language
        var out: [LiveLine] = []
        for e in dueSoon() where !announced.contains(key(e)) {
            announced.insert(key(e))
            guard settings.mode != .off, let due = e.due else { continue }
            let ruleID = Obligation.parts(ofKey: e.rule).ruleID
            let title = ws.policy.rule(ruleID)?.title.text(lang) ?? ruleID
            let minutes = max(0, (due.seconds - now.seconds + 59) / 60)
            let text = lang == .zh
                ? "【时限】\(e.caseID) \(title) 将于 \(due.shortDeadlineDescription) 到期（还有 \(minutes) 分钟）"
                : "[deadline] \(e.caseID) \(title) is due \(due.shortDeadlineDescription) (in \(minutes) min)"
            out.append(LiveLine(text: TerminalText.escape(text), ring: true))
        }
        return out
    }
}
