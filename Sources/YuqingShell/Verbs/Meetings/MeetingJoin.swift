import YuqingCore
import YuqingStore

/// `meeting join` and `meeting leave`: taking part in a meeting from one's own terminal. The facilitator opens it on
/// the projector; the police liaison, the water bureau and the others join from their desks on the same store and
/// speak for themselves. Joining is recorded (attendance is taken from who joined) and the remarks, risk notes and
/// decisions of the others then appear above the prompt as they happen.
enum MeetingJoin {
    struct Join: Verb {
        static let spec = CommandSpec(
            name: "join", alias: "加入", group: .meetings,
            summary: Localized(zh: "从本终端加入进行中的会商（记入出席）", en: "take part in the meeting in progress from this terminal (recorded as attending)"),
            synopsis: "meeting join [M] [--at TIME]",
            help: Localized(
                zh: "以本人身份加入会商：本部门记为出席，纪要列出出席人员；此后其他与会者的发言、风险研判和决定即时显示在提示符上方，本人的 say、risk（协调员还有 decide）记入同一会商。meeting leave 退出；召集人 meeting close 结束会商时所有终端同时结束。协调员、市领导和管理员可加入任何会商；联络员和部门负责人只能加入议程中有本部门案件（或尚未认领的案件）、或召集人已记录本部门出席（meeting attend）的会商，否则被拒绝并记录。",
                en: "Join the meeting as yourself: your department is recorded as attending and the minutes list you; from then on the others' remarks, risk notes and decisions appear above your prompt as they happen, and your `say`, `risk` (and, for coordinators, `decide`) go into the same meeting. `meeting leave` leaves; when the facilitator closes the meeting it ends on every terminal. Coordinators, city leaders and administrators may join any meeting; liaisons and department leaders only one whose agenda holds a case of their department (or one not claimed yet) or for which the facilitator recorded their department as attending (`meeting attend`); otherwise the join is refused, and logged."),
            examples: ["meeting join", "meeting join M3", "会商 加入 M3"],
            mutates: true)

        @Argument(.id(.meeting), name: "meeting",
                  help: Localized(zh: "会议编号，默认当前会议", en: "the meeting (such as M1); the current one by default")) var meetingID: EntityID?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            guard let open = try ws.openMeetingFromLog() else {
                throw ShellError(Localized(zh: "没有进行中的会商", en: "no meeting is in progress"), range: inv.verbRange,
                                 hint: Localized(zh: "`meetings` 列出以往的会商", en: "`meetings` lists past ones"), kind: .wrongStage)
            }
            let mid = meetingID ?? open
            let m = try ws.meeting(mid, range: $meetingID.range)
            guard m.isOpen else {
                throw ShellError(Localized(zh: "\(mid) 已经结束", en: "\(mid) is over"), range: $meetingID.range ?? inv.verbRange,
                                 hint: Localized(zh: "进行中的会商是 \(open)", en: "the meeting in progress is \(open)"), kind: .wrongStage)
            }
            // A department's people join the meetings that concern their department (`seesMeeting`): one with a
            // case of theirs on the agenda, or to which the facilitator recorded them as attending. A refusal is
            // logged and records nothing else.
            try ws.requireSeesMeeting(m, session, inv, range: $meetingID.range)
            let me = session.actor
            if m.isParticipant(me.name) {
                ws.openMeeting = mid
                ws.joinedMeeting = mid
                throw ShellError(Localized(zh: "\(me.name) 已在 \(mid) 中", en: "\(me.name) is already in \(mid)"), range: inv.verbRange,
                                 hint: Localized(zh: "直接 say 发言；meeting show 查看全过程", en: "just `say` something; `meeting show` shows it all"),
                                 kind: .wrongStage)
            }
            let at = try ws.meetingTime(session, inv, m)
            try ws.recordMeetingEvent(session, mid, at: at) { _ in (mid, .meetingJoined(meeting: mid)) }
            ws.openMeeting = mid
            ws.joinedMeeting = mid
            let after = try ws.meeting(mid)
            let names = { (code: String) in (try? ws.directory().find(code)?.name) ?? Localized(code) }
            let lang = session.language
            let present = after.participants.filter(\.isPresent).map { Meeting.speakerLabel($0.actor, deptName: names, lang) }
            var messages = [
                Localized(zh: "已加入 \(mid)：\(m.topic)（\(Meeting.speakerLabel(m.openedBy, deptName: names, .zh)) 召集）。",
                          en: "Joined \(mid): \(m.topic) (convened by \(Meeting.speakerLabel(m.openedBy, deptName: names, .en)))."),
                Localized(zh: "在场：" + present.joined(separator: "、") + "。议程：" + (m.agenda.isEmpty ? "（无）" : m.agenda.map(\.description).joined(separator: "、")) + "。",
                          en: "Present: " + present.joined(separator: ", ") + ". Agenda: " + (m.agenda.isEmpty ? "(none)" : m.agenda.map(\.description).joined(separator: ", ")) + "."),
            ]
            // The last few remarks, so whoever joins late knows where the discussion is.
            let recent = m.remarks.suffix(3)
            if !recent.isEmpty {
                messages.append(Localized(zh: "最近发言：", en: "Latest remarks:"))
                for r in recent {
                    messages.append(Localized(zh: r.chatLine(deptName: names, .zh), en: r.chatLine(deptName: names, .en)))
                }
            }
            messages.append(Localized(zh: "其他与会者的发言将即时显示；say 发言，meeting leave 退出。",
                                      en: "The others' remarks appear as they are made; `say` to speak, `meeting leave` to leave."))
            return CommandOutput(messages: messages, effective: at)
        }
    }

    struct Leave: Verb {
        static let spec = CommandSpec(
            name: "leave", alias: "退出", group: .meetings,
            summary: Localized(zh: "退出会商（发言仍记入纪要）", en: "leave the meeting (what you said stays in the minutes)"),
            synopsis: "meeting leave [--at TIME]",
            examples: ["meeting leave", "会商 退出"],
            mutates: true)

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let mid = try ws.requireOpenMeeting(inv)
            let m = try ws.meeting(mid)
            let me = session.actor
            guard m.isParticipant(me.name) else {
                throw ShellError(Localized(zh: "\(me.name) 不在 \(mid) 中", en: "\(me.name) is not in \(mid)"), range: inv.verbRange,
                                 kind: .wrongStage)
            }
            let at = try ws.meetingTime(session, inv, m)
            try ws.recordMeetingEvent(session, mid, at: at) { _ in (mid, .meetingLeft(meeting: mid)) }
            ws.joinedMeeting = nil
            ws.openMeeting = nil
            return CommandOutput(messages: [Localized(zh: "已退出 \(mid)。发言已记入纪要；meeting join \(mid) 可再次加入。",
                                                      en: "Left \(mid). What you said stays in the minutes; `meeting join \(mid)` to come back.")],
                                 effective: at)
        }
    }
}

extension Workspace {
    /// Whether this shell may speak in the meeting: it takes part (opened or joined it), or it records for a
    /// department the facilitator recorded as attending (`as water` on the projector), or it is a coordinator
    /// facilitating (who records for others). The roll call is for recording *for* a department: a desk speaking
    /// as its own person joins first, so that attendance is who joined.
    func maySpeak(in m: Meeting, _ session: Session, speaker: Actor) -> Bool {
        if joinedMeeting == m.id || m.isParticipant(session.actor.name) { return true }
        if session.actor.role == .coordinator { return true }
        let own = (try? operatorContext())?.person?.name
        if let d = speaker.dept, m.rollCall.contains(d), speaker.name != own { return true }
        return false
    }

    /// The refusal for someone who has not joined.
    func notJoined(_ m: Meeting, _ inv: Invocation) -> ShellError {
        ShellError(Localized(zh: "尚未加入 \(m.id)，不能在会商中发言或研判", en: "you have not joined \(m.id): you cannot speak or judge in it"),
                   range: inv.verbRange,
                   hint: Localized(zh: "先 meeting join \(m.id)", en: "join it first: `meeting join \(m.id)`"), kind: .wrongStage)
    }
}
