import YuqingCore
import YuqingStore

/// `audit …`: whether the log can be trusted, and the entries that deserve a second look (made for someone else,
/// made after the fact, refused).
enum AuditVerbs {
    static let audit = CommandEntry(group: CommandSpec(
        name: "audit", alias: "审计", group: .admin,
        summary: Localized(zh: "审计：校验事件日志，列出代录、补录和被拒绝的操作", en: "audit: verify the log; list entries made for others, back-dated or refused"),
        synopsis: "audit verify [--against COUNT:HASH] | audit head | audit behalf | audit backdated | audit denials",
        help: Localized(
            zh: "audit verify 逐条重算事件哈希，核对每个签名检查点和库外见证文件（发现被删除的最新事件和被改写的链），重放用户名录的改动（非管理员做出的授权改动会被指出）和每个案件事件的权限检查（按当时的名录和案件状态，yuqing 不会允许的事件会被指出），并由事件重算每个案件的快照；--against 核对打印在舆情日志或督查月报上的链头。audit head 显示当前链头。audit behalf、backdated、denials 分别列出代为记录的、事后补录的和被拒绝的操作。",
            en: "audit verify recomputes every event's hash, checks every signed checkpoint and the witness file outside the store (which catch removed newest events and a rewritten chain), replays the user directory's changes (naming any that no administrator made) and the permission check on every case event (with the directory and the case as they stood then, naming any yuqing would have refused), and refolds every case to check its stored snapshot; --against checks a head printed on a daily log or monthly report. audit head shows the current head. audit behalf, backdated and denials list entries recorded for someone else, entered after the fact, and refused."),
        examples: ["audit verify", "audit verify --against 1234:9f2c4e1a0b7d", "audit head", "audit behalf", "audit backdated --limit 50", "audit denials"],
        subverbs: [AuditVerify.entry, AuditHead.entry, AuditBehalf.entry, AuditBackdated.entry, AuditDenials.entry],
        defaultSubverb: "verify"))

    struct AuditVerify: Verb {
        static let spec = CommandSpec(name: "verify", alias: "校验", group: .admin,
                                      summary: Localized(zh: "校验哈希链、签名检查点和案件快照", en: "verify the chain, the signed checkpoints and the case snapshots"),
                                      synopsis: "audit verify [--against COUNT:HASH]")

        @Option(.word, help: Localized(zh: "打印的链头（条数:哈希）", en: "a printed head (COUNT:HASH)")) var against: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            // In a script, what ran so far is committed (and its checkpoint signed) before it is verified.
            try ws.storeCall { try ws.store.commitPoint() }
            var printed: PrintedHead?
            if let a = against {
                guard let p = PrintedHead(a) else {
                    throw ShellError(zh: "链头应为 条数:哈希，如 1234:9f2c4e1a0b7d（哈希至少 12 位）",
                                     en: "a head is COUNT:HASH, like 1234:9f2c4e1a0b7d (at least 12 hex digits)", range: $against.range)
                }
                printed = p
            }
            let progress = ProgressLine.start(session, label: Localized(zh: "校验", en: "verify"), unit: Localized(zh: "案件", en: "cases"))
            // Erased on failure too (the answer and any error are printed after `run` returns), or an error would be
            // printed on the same line as the last draw.
            defer { progress?.finish() }
            let r = try ws.storeCall { try StoreAudit.verify(ws.store, against: printed) { done, total in progress?.update(done: done, total: total) } }
            guard r.isIntact else {
                let lines = r.findings.map { Localized(zh: "  - " + $0.message.zh, en: "  - " + $0.message.en) }
                throw ShellError(Localized(zh: "事件日志未通过校验（已检查 \(r.chain.checked) 条事件）：\n" + lines.map(\.zh).joined(separator: "\n"),
                                           en: "the event log failed verification (\(English.count(Int(r.chain.checked), "event")) checked):\n" + lines.map(\.en).joined(separator: "\n")),
                                 range: inv.verbRange, kind: .data)
            }
            var zh = "哈希链完整：\(r.count) 条事件均未被改动"
            var en = "The hash chain is intact: \(English.count(Int(r.count), "event")), none altered"
            if let c = r.latest {
                zh += "；\(r.checkpoints) 个签名检查点均相符（最新的覆盖 \(c.count) 条）"
                en += "; \(English.count(r.checkpoints, "signed checkpoint")) \(r.checkpoints == 1 ? "agrees" : "agree") (the newest covers \(English.count(Int(c.count), "event")))"
                if r.signers > 1 {
                    zh += "，由 \(r.signers) 台终端的密钥签署"
                    en += ", signed by the keys of \(r.signers) desks"
                }
            }
            zh += "；\(r.casesChecked) 个案件快照与事件一致"
            en += r.casesChecked == 1 ? "; 1 case snapshot matches its events" : "; \(r.casesChecked) case snapshots match their events"
            if let p = printed {
                zh += "；打印的链头 \(p.count):\(p.hash.prefix(12)) 相符"
                en += "; the printed head \(p.count):\(p.hash.prefix(12)) matches"
            }
            var messages = [Localized(zh: zh + "。", en: en + ".")]
            messages += r.notes
            // What deserves a second look, counted (listed by the other audit verbs).
            var behalf = 0, backdated = 0, denied = 0
            try AuditVerbs.scan(ws) { e in
                if e.onBehalf { behalf += 1 }
                if e.backdated { backdated += 1 }
                if case .denied = e.body { denied += 1 }
            }
            messages.append(Localized(
                zh: "代为记录 \(behalf) 条、事后补录 \(backdated) 条、被拒绝 \(denied) 条（audit behalf、backdated、denials 列出）。",
                en: "\(behalf) recorded on someone else's behalf, \(backdated) back-dated, \(denied) refused (audit behalf, backdated, denials list them)."))
            return CommandOutput(messages: messages)
        }
    }

    struct AuditHead: Verb {
        static let spec = CommandSpec(name: "head", alias: "链头", group: .admin,
                                      summary: Localized(zh: "显示事件链的条数和链头哈希", en: "show the log's length and head hash"),
                                      synopsis: "audit head")

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            try ws.storeCall { try ws.store.commitPoint() }
            let head = try ws.chainHead()
            let latest = try ws.read { try $0.checkpoints().last }
            var out = CommandOutput(messages: [Localized(zh: "事件链：\(head.printed)", en: "Event chain: \(head.printed)")]
                + (latest.map { c in [Localized(zh: "最新签名检查点：\(c.count) 条，\(c.at)，密钥 \(c.key.prefix(16))…",
                                                en: "Newest signed checkpoint: \(English.count(Int(c.count), "event")), \(c.at), key \(c.key.prefix(16))…")] } ?? []))
            out.json = .object([("count", .int(Int(head.count))), ("head", .string(head.hash)),
                                ("checkpoint", latest.map { c in .object([("count", .int(Int(c.count))), ("head", .string(c.head)),
                                                                          ("at", .string(c.at.iso8601)), ("key", .string(c.key))]) } ?? .null)])
            return out
        }
    }

    static let limitHelp = Localized(zh: "只列最近 N 条（默认 200）", en: "list only the newest N (200 by default)")

    struct AuditBehalf: Verb {
        static let spec = CommandSpec(name: "behalf", alias: "代录", group: .admin,
                                      summary: Localized(zh: "列出代为记录的事件（操作员不是当事人）", en: "list events recorded on someone else's behalf"),
                                      synopsis: "audit behalf [--limit N]")
        @Option(.integer(1...1_000_000), help: limitHelp) var limit: Int = 200

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try AuditVerbs.listing(session, title: Localized(zh: "代为记录的事件", en: "Events recorded on someone else's behalf"),
                                   limit: limit) { $0.onBehalf }
        }
    }

    struct AuditBackdated: Verb {
        static let spec = CommandSpec(name: "backdated", alias: "补录", group: .admin,
                                      summary: Localized(zh: "列出事后补录的事件（生效时间早于记录时间）", en: "list back-dated events (effective before recorded)"),
                                      synopsis: "audit backdated [--limit N]")
        @Option(.integer(1...1_000_000), help: limitHelp) var limit: Int = 200

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try AuditVerbs.listing(session, title: Localized(zh: "事后补录的事件", en: "Back-dated events"), limit: limit,
                                   keepRecorded: true) { $0.backdated }
        }
    }

    struct AuditDenials: Verb {
        static let spec = CommandSpec(name: "denials", alias: "拒绝", group: .admin,
                                      summary: Localized(zh: "列出被拒绝的操作", en: "list refused commands"),
                                      synopsis: "audit denials [--limit N]")
        @Option(.integer(1...1_000_000), help: limitHelp) var limit: Int = 200

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            try AuditVerbs.listing(session, title: Localized(zh: "被拒绝的操作", en: "Refused commands"), limit: limit) {
                if case .denied = $0.body { true } else { false }
            }
        }
    }

    /// The newest `limit` events that match, oldest first: seq, effective and recorded time, the person, the
    /// operator, the case and what happened.
    /// `keepRecorded`: the recording time is the point of the listing (back-dated events); elsewhere it is the first
    /// column left out on a narrow terminal.
    static func listing(_ session: Session, title: Localized, limit: Int, keepRecorded: Bool = false,
                        _ match: (Event) -> Bool) throws(ShellError) -> CommandOutput {
        let ws = try Workspace.of(session)
        // The newest `limit` kept in a ring: dropping the oldest from the front of an array at each match cost
        // time in proportion to matches × limit.
        var ring: [Event] = []
        var oldest = 0
        try scan(ws) { e in
            guard match(e) else { return }
            if ring.count < limit {
                ring.append(e)
            } else {
                ring[oldest] = e
                oldest = (oldest + 1) % limit
            }
        }
        let found = Array(ring[oldest...] + ring[..<oldest])
        let lang = session.language
        let directory = try ws.directory()
        let text = EventText(directory)
        let rows: [[Cell]] = found.map { e in
            // The person with their department's name (a screen in Chinese shows no codes).
            [.integer(Int(e.seq)), .time(e.effective), .time(e.recorded),
             .text(e.actor.dept.map { d in
                 let name = directory.name(of: d).text(lang)
                 return lang == .zh ? "\(e.actor.name)（\(name)）" : "\(e.actor.name) (\(name))"
             } ?? e.actor.name),
             .text(e.recordedBy?.display ?? ""), .text(e.caseID?.description ?? e.subject?.description ?? ""),
             .text(text.describe(e.body).text(lang))]
        }
        var out = CommandOutput(tables: [Table(title: title, columns: [
            Column("seq", Localized(zh: "序号", en: "seq"), align: .right), Column("effective", Localized(zh: "生效时间", en: "effective")),
            Column("recorded", Localized(zh: "记录时间", en: "recorded"), dropRank: keepRecorded ? nil : 1), Column("actor", Localized(zh: "当事人", en: "on behalf of"), wraps: true),
            // Where the recording time is the point, who recorded goes first on a narrow screen (`audit behalf` is
            // the listing of that, and keeps it).
            Column("operator", Localized(zh: "操作员", en: "operator"), dropRank: keepRecorded ? 1 : nil), Column("case", Localized(zh: "案件", en: "case")),
            Column("event", Localized(zh: "事件", en: "event"), wraps: true),
        ], rows: rows)])
        out.json = .array(found.map(CaseJSON.event))
        return out
    }
}

extension AuditVerbs {
    /// Every event in sequence order, a page at a time (a long log is never held whole).
    static func scan(_ ws: Workspace, _ body: (Event) -> Void) throws(ShellError) {
        var from: Int64 = 1
        let page = 5_000
        while true {
            let events = try ws.read { try $0.events(from: from, limit: page) }
            events.forEach(body)
            guard let last = events.last, events.count == page else { return }
            from = last.seq + 1
        }
    }
}

extension Workspace {
    /// The log's length and the hash of its last event (64 zeros when empty): what reports print.
    func chainHead() throws(ShellError) -> (count: Int64, hash: String, printed: String) {
        let (n, h) = try read { r -> (Int64, String) in
            let n = try r.lastSeq()
            return (n, n > 0 ? try r.events(from: n, limit: 1).first?.hash ?? EventHashing.genesis : EventHashing.genesis)
        }
        return (n, h, "\(n):\(h)")
    }

    /// The head as it stood at `t`: the last event logged (recorded) by then, found by halving the log (events are
    /// appended in logging order), `0:genesis` when none was.
    func chainHead(loggedBy t: Instant) throws(ShellError) -> (count: Int64, hash: String, printed: String) {
        let (n, h) = try read { r -> (Int64, String) in
            var lo: Int64 = 0, hi = try r.lastSeq()
            while lo < hi {
                let mid = lo + (hi - lo + 1) / 2
                if let e = try r.events(from: mid, limit: 1).first, e.recorded <= t { lo = mid } else { hi = mid - 1 }
            }
            return (lo, lo > 0 ? try r.events(from: lo, limit: 1).first?.hash ?? EventHashing.genesis : EventHashing.genesis)
        }
        return (n, h, "\(n):\(h)")
    }
}
