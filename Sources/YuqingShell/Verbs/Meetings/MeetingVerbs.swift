import YuqingCore
import YuqingStore

/// The verbs of joint consultation meetings (Art. 1, 7), facilitated live, often on a projector: the screen reads
/// like a chat, each remark with its time and speaker, each decision answered with what is now due.
enum MeetingVerbs {
    static let entries: [CommandEntry] = [meeting, Say.entry, Risk.entry, DecideVerb.entry, Meetings.entry]

    static let meeting = CommandEntry(group: CommandSpec(
        name: "meeting", alias: "会商", group: .meetings,
        summary: Localized(zh: "召开、记录和结束会商研判会议（第一、七条）", en: "run a joint consultation meeting (Art. 1, 7)"),
        synopsis: "meeting open TOPIC --cases C7,C9 [--place P] [--chair NAME] | meeting join [M] | meeting leave | meeting attend DEPT… | meeting agenda add|remove CASE | meeting close | meeting show [M] | meeting minutes M [--out FILE] [--lang zh|en] [--format md|html]",
        help: Localized(
            zh: "政务公开办、网宣办召集相关部门会商研判（第七条）。成员单位为市委宣传部、市政府办、市公安局、市应急办、市信访局和涉事部门（第一条）：记录出席时会提示缺席的成员单位。各部门也可在本单位终端 meeting join 加入，发言即时显示在所有与会终端上。会商中用 say 发言、risk 记录风险研判、decide 作出决定（成为案件的事件），meeting close 结束，meeting minutes 生成会议纪要。只有协调员可以召开和结束会商。",
            en: "The coordinators convene the departments concerned to analyse and judge (Art. 7). The members are the propaganda department, the government office, the public security bureau, the emergency office, the letters and calls bureau and the departments involved (Art. 1): recording attendance warns of absent members. Each department may also `meeting join` from its own terminal on the same store: what anyone says then appears on every participant's terminal as it happens. In the meeting, `say` records remarks, `risk` the judgement, `decide` the decisions (which become case events); `meeting close` ends it and `meeting minutes` writes the minutes. Coordinators only open and close meetings."),
        examples: ["meeting open \"关于XX小区水质的舆情会商\" --cases C7,C9 --place 市政府3号会议室",
                   "meeting join M2", "meeting leave",
                   "meeting attend propaganda gov-office police emergency", "会商 出席 市信访局 市水务局",
                   "meeting agenda add C12", "meeting close", "meeting show M2", "meeting minutes M2 --out 纪要.md",
                   "meeting minutes M2 --format html --out minutes.html --lang en"],
        subverbs: [MeetingFlow.Open.entry, MeetingJoin.Join.entry, MeetingJoin.Leave.entry, MeetingFlow.Attend.entry, MeetingFlow.Agenda.entry, MeetingFlow.Close.entry,
                   MeetingFlow.Show.entry, MinutesVerb.entry],
        defaultSubverb: "show"))

    struct Say: Verb {
        static let spec = CommandSpec(
            name: "say", alias: "发言", group: .meetings,
            summary: Localized(zh: "在会商中发言（记录发言人和时间）", en: "a remark in the meeting (speaker and time recorded)"),
            synopsis: "say TEXT [--by DEPT] [--at TIME]",
            help: Localized(
                zh: "以当前身份（`as` 切换，如 `as police`）在进行中的会商发言，显示为 [09:42 市公安局 张伟] ……。--by 只为这一条发言指定发言单位。发言中写明案件编号（如 C7）的，纪要中归入该案件。",
                en: "A remark by whoever acts now (switch with `as`, e.g. `as police`) in the meeting in progress, shown as [09:42 市公安局 张伟] …. --by names the speaking department for this one remark. Remarks naming a case (C7) are filed under it in the minutes."),
            examples: ["say \"C7 供水公司已取样送检，预计今天下午出结果\"", "as police", "发言 \"C9 事故现场已处置完毕，无人员死亡\"",
                       "say --by emergency \"应急办已派员到场\""],
            mutates: true, textBlock: true)

        @Argument(.text, name: "text", nonEmpty: true,
                  help: Localized(zh: "发言内容", en: "what was said")) var words: [String]
        @Option(.department, help: Localized(zh: "发言单位（仅此一条）", en: "the speaking department (this remark only)")) var by: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let mid = try ws.requireOpenMeeting(inv)
            let m = try ws.meeting(mid)
            let text = (words.isEmpty ? (inv.textBlock ?? "") : words.joined(separator: " "))
            let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
            guard !trimmed.allSatisfy(\.isWhitespace) else {
                throw ShellError(zh: "发言内容为空", en: "the remark is empty", range: inv.verbRange)
            }
            var speaker = session.actor
            if let key = by {
                let d = try ws.department(key, range: $by.range)
                speaker = Actor(name: d.nameZH, role: .liaison, dept: d.code)
                // A remark for another speaker is recorded on their behalf: the same limits as `as`.
                try ws.authorize(session, inv, .remark, actor: speaker)
            }
            guard ws.maySpeak(in: m, session, speaker: speaker) else { throw ws.notJoined(m, inv) }
            let at = try ws.meetingTime(session, inv, m)
            let e = try ws.recordMeetingEvent(session, mid, at: at, actor: speaker) { _ in (mid, .remarked(meeting: mid, text: trimmed)) }
            let remark = MeetingRemark(at: e.effective, speaker: speaker, text: trimmed,
                                       recordedBy: e.onBehalf ? e.recordedBy?.display : nil)
            let names = { (code: String) in (try? ws.directory().find(code)?.name) ?? Localized(code) }
            return CommandOutput(messages: [Localized(zh: remark.chatLine(deptName: names, .zh), en: remark.chatLine(deptName: names, .en))],
                                 effective: at)
        }
    }

    struct Risk: Verb {
        static let spec = CommandSpec(
            name: "risk", alias: "风险", group: .meetings,
            summary: Localized(zh: "风险研判：事件性质、舆情走势、可能风险、预控处置意见（第七条）", en: "risk judgement: nature, trend, risks, pre-control suggestion (Art. 7)"),
            synopsis: "risk CASE --nature TEXT --trend rising|stable|falling --impact low|medium|high|severe [--risks TEXT] [--suggest TEXT] [--at TIME]",
            help: Localized(
                zh: "对事件的性质、舆情走势、可能出现的风险进行及时准确的评估，提出预控处置意见（第七条）。会商进行中时记入该会商（案件不在议程上的自动列入）。",
                en: "Assess the nature of the incident, the trend of opinion and the possible risks, and propose pre-control measures (Art. 7). During a meeting it is recorded in the meeting (a case not on the agenda is added)."),
            examples: ["risk C7 --nature \"民生诉求，供水质量\" --trend rising --impact high --risks \"可能引发聚集\" --suggest \"今日发布检测结果\"",
                       "风险 C9 --nature 交通事故 --trend 平稳 --impact 中"],
            mutates: true)

        @Argument(.id(.caseFile), name: "case",
                  help: Localized(zh: "要评估风险的案件", en: "the case whose risk is assessed")) var caseID: EntityID
        @Option(.text, help: Localized(zh: "事件性质", en: "nature of the incident")) var nature: String
        @Option(choices(Trend.self), help: Localized(zh: "舆情走势", en: "trend")) var trend: Trend
        @Option(choices(Impact.self), help: Localized(zh: "影响程度", en: "possible impact")) var impact: Impact
        @Option(.text, help: Localized(zh: "可能出现的风险", en: "possible risks")) var risks: String?
        @Option(.text, help: Localized(zh: "预控处置意见", en: "pre-control suggestion")) var suggest: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let nature = self.nature, trend = self.trend, impact = self.impact, risks = self.risks, suggest = self.suggest
            if ws.openMeeting == nil { ws.restoreOpenMeeting() }
            // A judgement joins the meeting in progress only from someone who may speak in it; at another desk it
            // is an ordinary risk note on the case.
            var m = try ws.openMeeting.map { id throws(ShellError) in try ws.meeting(id) }
            if let open = m, !ws.maySpeak(in: open, session, speaker: session.actor) { m = nil }
            let mid = m?.id
            let acted = try ws.act(session, inv, .assess, caseID: caseID, range: $caseID.range) { c, _, _ in
                var steps: [Step] = []
                if let m, !m.agenda.contains(c.id) {
                    steps.append(Step(body: .agendaChanged(meeting: m.id, caseID: c.id, added: true), subject: m.id))
                }
                steps.append(Step(body: try MeetingRules.risk(c, meeting: mid, nature: nature, trend: trend, impact: impact,
                                                              risks: risks, suggest: suggest), subject: mid))
                return steps
            }
            let id = acted.after.id
            var what = Localized(zh: "\(id) 风险研判：\(nature)，走势\(trend.name.zh)，影响\(impact.name.zh)。",
                                 en: "\(id) risk: \(nature), \(trend.name.en), impact \(impact.name.en).")
            if let s = suggest {
                what = Localized(zh: what.zh + "预控处置意见：\(s)。", en: what.en + " Suggestion: \(s).")
            }
            return ws.answer(what, acted, session)
        }
    }

    struct Meetings: Verb {
        static let spec = CommandSpec(
            name: "meetings", alias: "会商列表", group: .meetings,
            summary: Localized(zh: "列出会商", en: "list meetings"),
            synopsis: "meetings",
            examples: ["meetings", "meetings --format json"])

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let last = try ws.read { try $0.lastNumber(.meeting) }
            var rows: [[Cell]] = []
            if last > 0 {
                for n in 1...last {
                    guard let m = Meeting.fold(try ws.read { try $0.events(forSubject: EntityID(.meeting, n)) }),
                          ws.seesMeeting(m) else { continue }
                    rows.append([.id(m.id), .text(m.topic), .time(m.openedAt), m.closedAt.map { .time($0) } ?? .localized(Localized(zh: "进行中", en: "in progress")),
                                 .text(m.agenda.map(\.description).joined(separator: ",")), .integer(m.attendance.count),
                                 .integer(m.decisions.count)])
                }
            }
            if rows.isEmpty && last > 0 {
                // There are meetings, none of them the person's: not "no meetings yet", nor how to open one.
                return CommandOutput(zh: "没有涉及本部门的会商。协调员请本部门出席（meeting attend）或把本部门的案件列入议程后，即可在此查看。",
                                     en: "No meeting concerns your department. Once a coordinator asks it to attend (`meeting attend`) or puts one of its cases on the agenda, it is listed here.")
            }
            if rows.isEmpty {
                return CommandOutput(zh: "还没有会商。用 `meeting open 议题 --cases C7,C9` 召开。", en: "No meetings yet. Open one with `meeting open TOPIC --cases C7,C9`.")
            }
            return CommandOutput(tables: [Table(title: Localized(zh: "会商", en: "Meetings"), columns: [
                // On a narrow terminal the counts go first (`meeting show` gives them), so the topic can be read.
                Column("id", Localized(zh: "编号", en: "id")), Column("topic", Localized(zh: "议题", en: "topic"), wraps: true),
                Column("opened", Localized(zh: "开始", en: "opened")), Column("closed", Localized(zh: "结束", en: "closed")),
                Column("agenda", Localized(zh: "议程", en: "agenda"), dropRank: 3),
                Column("attending", Localized(zh: "出席单位", en: "attending"), align: .right, dropRank: 1),
                Column("decisions", Localized(zh: "决定", en: "decisions"), align: .right, dropRank: 2),
            ], rows: rows)])
        }
    }
}
