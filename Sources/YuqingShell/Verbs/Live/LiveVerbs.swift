import Foundation
import YuqingCore
import YuqingStore

/// The verbs of the live shell: how much appears above the prompt (`notify`), the mentions waiting to be read
/// (`inbox`), and the wall board of a duty room (`watch`).
enum LiveVerbs {
    static let entries: [CommandEntry] = [Notify.entry, Inbox.entry, WatchVerb.entry]

    struct Notify: Verb {
        static let spec = CommandSpec(
            name: "notify", alias: "即时提醒", group: .shell,
            summary: Localized(zh: "设定提示符上方的即时提醒：off、mentions、all；提示音；到期提前量",
                               en: "set the live lines above the prompt: off, mentions, all; the bell; how early deadlines are announced"),
            synopsis: "notify [off|mentions|all] [--bell on|off] [--within SPAN]",
            help: Localized(
                zh: "在终端等待输入时，与本人相关的动态即时显示在正在输入的一行上方（不打断输入）：所加入会商的发言、风险研判和决定，有人 @本人或本部门，本部门案件被指定、领导批示、延期和回应稿的审定结果，本部门时限临近（默认提前 30 分钟）。all 全部显示；mentions 只显示 @提及、会商结束和时限；off 都不显示（@提及仍进入 inbox）。--bell off 关闭提示音。脚本和管道输入从不显示即时提醒。",
                en: "While the terminal waits for input, what concerns you appears above the line being typed (which is left as it is): the remarks, risk notes and decisions of the meeting you joined; anyone mentioning you or your department with @; your department's cases assigned, a leader's instruction, an extension or a draft decided; your department's deadlines coming due (30 minutes ahead by default). `all` shows everything; `mentions` only mentions, the end of the meeting and deadlines; `off` nothing (mentions still go to your inbox). `--bell off` silences the bell. Scripts and piped input never show live lines."),
            examples: ["notify", "notify mentions", "notify all --bell off", "notify --within 1h", "notify off"])

        @Argument(.choice([Choice("off", zh: "关闭", help: Localized(zh: "关闭", en: "nothing")),
                           Choice("mentions", zh: "提及", help: Localized(zh: "仅 @提及、会商结束和时限", en: "mentions, meeting end, deadlines")),
                           Choice("all", zh: "全部", help: Localized(zh: "全部", en: "everything"))]),
                  name: "MODE", help: Localized(zh: "提醒范围", en: "what to show")) var mode: NotifyMode?
        @Option(.choice([Choice("on", zh: "开", help: Localized(zh: "开", en: "on")), Choice("off", zh: "关", help: Localized(zh: "关", en: "off"))]),
                help: Localized(zh: "提示音", en: "the terminal bell")) var bell: String?
        @Option(.span, help: Localized(zh: "时限提前多久提醒（默认 30m）", en: "how long before a deadline to announce it (default 30m)")) var within: Span?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let s = LiveSettings.of(session)
            if let m = mode { s.mode = m }
            if let b = bell { s.bell = b == "on" }
            if let w = within {
                guard w.seconds > 0 else {
                    throw ShellError(zh: "提前量须大于 0", en: "the span must be more than 0", range: $within.range, kind: .usage)
                }
                s.window = w
            }
            let minutes = s.window.seconds / 60
            let ahead = minutes > 0 ? Localized(zh: "\(minutes) 分钟", en: "\(minutes) min") : Localized(zh: "\(s.window.seconds) 秒", en: "\(s.window.seconds) s")
            return CommandOutput(Localized(
                zh: "即时提醒：\(s.mode.name.zh)；提示音\(s.bell ? "开" : "关")；时限到期前 \(ahead.zh)提醒。",
                en: "Live lines: \(s.mode.name.en); bell \(s.bell ? "on" : "off"); deadlines announced \(ahead.en) ahead."))
        }
    }

    struct Inbox: Verb {
        static let spec = CommandSpec(
            name: "inbox", alias: "收件", group: .meetings,
            summary: Localized(zh: "@提及本人或本部门的发言（未读的列出后记为已读）", en: "remarks that mention you or your department (unread ones are marked read once listed)"),
            synopsis: "inbox [--all]",
            help: Localized(
                zh: "发言中写 @police、@市公安局 或 @王芳，即提及该部门或人员：对方终端即时提醒，并列入其收件箱直到读过。inbox 列出未读的提及并记为已读；--all 列出全部。发言时间精确到分（--format json 到秒）。",
                en: "A remark that writes @police, @市公安局 or @王芳 mentions that department or person: their terminal shows it at once, and it stays in their inbox until read. `inbox` lists the unread mentions and marks them read; `--all` lists them all. Times are in minutes (to the second with --format json)."),
            examples: ["inbox", "inbox --all", "收件"])

        @Flag(help: Localized(zh: "包括已读的", en: "include those already read")) var all: Bool

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let me = session.actor
            let key = Inbox.readKey(me.name)
            let readUpTo = try ws.read { try $0.meta(key) }.flatMap { Int64($0) } ?? 0
            let remarks = try ws.read { r in
                try r.events(kinds: [.remarked], from: Instant(seconds: Session.earliest), to: Instant(seconds: Session.latest))
            }
            let dir = try ws.directory()
            var people = Set(remarks.map(\.actor.name))
            people.insert(me.name)
            for d in dir.departments { people.formUnion(d.staff); if let l = d.leader { people.insert(l) } }
            let reader = MentionReader(directory: dir, people: people)
            let mine = remarks.filter { e in
                guard case let .remarked(_, text) = e.body else { return false }
                return e.actor.name != me.name && reader.reaches(text, person: me.name, dept: me.dept)
            }.sorted { $0.seq < $1.seq }
            let shown = all ? mine : mine.filter { $0.seq > readUpTo }
            if let last = mine.last?.seq, last > readUpTo {
                try ws.storeCall { try ws.store.write { tx in try tx.setMeta(key, String(last)) } }
            }
            guard !shown.isEmpty else {
                return CommandOutput(zh: all ? "收件箱是空的：还没有人 @\(me.name)。" : "没有未读的提及。",
                                     en: all ? "The inbox is empty: nobody has mentioned @\(me.name) yet." : "No unread mentions.")
            }
            let names = { (code: String) in dir.find(code)?.name ?? Localized(code) }
            let rows: [[Cell]] = shown.map { e in
                let text: String = if case let .remarked(_, t) = e.body { t } else { "" }
                return [.time(e.effective), .text(e.meetingID?.description ?? "—"),
                        .text(Meeting.speakerLabel(e.actor, deptName: names, session.language)), .text(text),
                        .localized(e.seq > readUpTo ? Localized(zh: "未读", en: "new") : Localized(zh: "已读", en: "read"))]
            }
            return CommandOutput(tables: [Table(title: Localized(zh: "收件箱（@\(me.name)）", en: "Inbox (@\(me.name))"), columns: [
                Column("time", Localized(zh: "时间", en: "Time")), Column("meeting", Localized(zh: "会商", en: "Meeting")),
                Column("from", Localized(zh: "发言人", en: "From"), wraps: true), Column("text", Localized(zh: "内容", en: "Text"), wraps: true),
                Column("state", Localized(zh: "状态", en: "State")),
            ], rows: rows)])
        }

        /// Where the last read mention is kept: per person (meta data, not an event: reading changes no case).
        static func readKey(_ person: String) -> String { "inbox.read.\(person)" }
    }
}
