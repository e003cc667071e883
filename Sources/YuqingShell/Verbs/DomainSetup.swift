import Foundation
import YuqingCore
import YuqingStore

/// Wires the domain into a session: the store, the calendar and policy in force, and the hooks the shell asks for
/// (working-day times, departments, completion, the prompt and the start-up board). The executable calls it once.
public enum DomainSetup {
    public static var configurator: any SessionConfigurator { StoreConfigurator() }
}

public struct StoreConfigurator: SessionConfigurator {
    public init() {}

    public func configure(_ session: Session, dbPath: String) throws(ShellError) {
        let location = try Self.location(dbPath, range: nil)
        let calendarDir: String
        switch location {
        case .sqlite:
            let dir = (dbPath as NSString).deletingLastPathComponent
            calendarDir = (dir.isEmpty ? "." : dir) + "/calendars"
        case .postgres:
            // A server has no folder beside it: loaded calendars stay in this user's data directory.
            calendarDir = Launcher.dataDirectory(.current) + "/calendars"
        }
        let (calendar, warnings) = try Workspace.loadCalendarReporting(userDirectory: calendarDir)
        session.startupWarnings += warnings
        if case let .postgres(l) = location { session.startupWarnings += l.warnings }
        let engine = ObligationEngine(policy: .mingguang, calendar: calendar)
        let store = try Self.open(location, projector: DueProjector(engine: engine), range: nil)
        let ws = Workspace(store: store, calendar: calendar, policy: .mingguang)
        ws.calendarDirectory = calendarDir
        if case .sqlite = location, SecureFiles.worldReadable(dbPath) {
            session.startupWarnings.append(Localized(
                zh: "数据库 \(dbPath) 本机所有用户都可读取（旧版本建立）：用 `store init` 改为仅本人可读，或 `store init --shared 用户组`",
                en: "the store \(dbPath) is readable by every user of this machine (made by an earlier version): `store init` makes it yours only, `store init --shared GROUP` a group's"))
        }
        if case let .sqlite(dbPath) = location { try Self.refuseMissingKey(store, dbPath: dbPath) }
        store.anchor = try Self.anchor(for: location)
        try Self.install(ws, in: session)
        // The profile chosen earlier with `policy use` stays in force: read again as data, never run as a script.
        // Deadlines are recomputed only when the store's were computed under other rules (`Workspace.adopt`).
        let chosen = try ws.read({ try $0.meta(SettingKeys.policy) })
        if let chosen, chosen.hasPrefix("file:") {
            try ws.adopt(policy: try PolicyProfile.parse(String(chosen.dropFirst(5)), file: "<policy>"), isDefault: false)
        } else if let chosen, let p = Policy.builtIns[chosen], p != ws.policy {
            try ws.adopt(policy: p, isDefault: false)
        } else {
            try ws.adopt(policy: ws.policy, isDefault: true)
        }
    }

    /// Where a store is (`--db`, `YUQING_DB`, `store copy --from/--to`). SQLite's in-memory names (`:memory:`,
    /// `file::memory:`, `…?mode=memory`) are refused with what to use instead: the store's write-ahead log, its
    /// signing key and witness file beside it, and the writers' queue all need a file (it failed with SQLite's own
    /// `unable to open database` about the WAL, in English only).
    static func location(_ text: String, range: SourceRange?) throws(ShellError) -> StoreLocation {
        let lower = text.lowercased()
        if lower == ":memory:" || lower.hasPrefix("file::memory:") || (lower.hasPrefix("file:") && lower.contains("mode=memory")) {
            throw ShellError(zh: "不支持内存数据库 \(text)：数据库须为文件（预写日志、签名密钥和见证文件都在它旁边）",
                             en: "an in-memory store (\(text)) is not supported: the store must be a file (its write-ahead log, signing key and witness file live beside it)",
                             range: range,
                             hint: Localized(zh: "试用或演示请用临时目录中的文件，如 --db \"$(mktemp -d)/试用.sqlite\"，用完删除该目录",
                                             en: "for a trial or a demonstration use a file in a temporary directory, e.g. --db \"$(mktemp -d)/trial.sqlite\", and remove the directory afterwards"),
                             kind: .usage)
        }
        return try ShellError.at(range) { try StoreLocation(text) }
    }

    /// Checkpoints of the head are signed with the installation's key, kept outside the store: beside an SQLite
    /// file, with the file's own mode (a group's store: the group signs); for a server, in this user's data
    /// directory. The newest checkpoint is also written to a witness file beside the key. `store copy` anchors its
    /// target the same way, so a copied log is signed as soon as it is written.
    static func anchor(for location: StoreLocation) throws(ShellError) -> CheckpointAnchor {
        let keyPath = keyPath(for: location), witnessPath: String, keyMode: mode_t
        switch location {
        case let .sqlite(dbPath):
            witnessPath = dbPath + ".head"
            keyMode = (SecureFiles.mode(of: dbPath) ?? 0o600) & 0o640
        case .postgres:
            witnessPath = Launcher.dataDirectory(.current) + "/"
                + String(location.displayName.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }) + ".head"
            keyMode = 0o600
        }
        do {
            try SecureFiles.createDirectories((keyPath as NSString).deletingLastPathComponent)
            let signer = try CheckpointSigner.load(path: keyPath, mode: keyMode)
            var anchor = CheckpointAnchor(signer: signer, clock: SystemClock(), witnessPath: witnessPath)
            switch location {
            case .sqlite: anchor.witnessRequired = true
            case .postgres: anchor.sharedByDesks = true
            }
            return anchor
        } catch {
            // The error's own words, in the user's language (it printed as `corrupt("…")`).
            let why = if case StoreError.corrupt = error {
                Localized(zh: "文件内容不是 yuqing 的签名密钥", en: "the file does not hold a yuqing signing key")
            } else {
                ShellError(caught: error).message
            }
            throw ShellError(Localized(zh: "无法读取或建立签名密钥 \(keyPath)：\(why.zh)", en: "cannot read or create the signing key \(keyPath): \(why.en)"),
                             hint: Localized(zh: "密钥文件被改动或损坏：从备份恢复；没有备份时删除它会生成新密钥，此前的检查点在 audit verify 中将显示为另一把密钥签署",
                                             en: "the key file was altered or damaged: restore it from a backup; deleting it makes a new key, and audit verify will then show the earlier checkpoints as signed by another key"),
                             kind: .internal)
        }
    }

    /// Where the signing key of `location` is kept: beside an SQLite file (`STORE.key`), in this user's data
    /// directory for a server (each desk signs with its own). One place, so the key `anchor(for:)` loads and the one
    /// `refuseMissingKey` looks for can never be two different files.
    static func keyPath(for location: StoreLocation) -> String {
        switch location {
        case let .sqlite(dbPath): dbPath + ".key"
        case .postgres: Launcher.dataDirectory(.current) + "/signing.key"
        }
    }

    /// A file whose checkpoints were signed but whose key is not beside it was copied or moved without the key:
    /// making a new one here would sign on with a key nothing vouches for, and `audit verify` would fail on every
    /// earlier checkpoint from then on. Nothing is created; the person is told how to go on.
    static func refuseMissingKey(_ store: any Store, dbPath: String) throws(ShellError) {
        let keyPath = keyPath(for: .sqlite(path: dbPath))
        guard !FileManager.default.fileExists(atPath: keyPath),
              let signed = try? store.read({ try $0.checkpoints().count }), signed > 0 else { return }
        let name = (dbPath as NSString).lastPathComponent
        throw ShellError(Localized(zh: "数据库 \(dbPath) 有 \(signed) 个签名检查点，但它的签名密钥 \(keyPath) 不在旁边（复制或移动数据库时漏了密钥文件？）：未建立新密钥，未做任何修改",
                                   en: "the store \(dbPath) holds \(English.count(signed, "signed checkpoint")), but its signing key \(keyPath) is not beside it (was the store copied or moved without its key file?); no new key was made and nothing was changed"),
                         hint: Localized(zh: "把原处的 \(name).key 复制到数据库旁边（复制数据库请用 store copy）；密钥确已丢失时，在另一个数据库中执行 store copy --from \(dbPath) --to 新文件.sqlite，复制出的新库用自己的新密钥签署",
                                         en: "copy \(name).key from where the store came from and put it beside the store (`store copy` copies a store with its key); if the key is lost for good, run `store copy --from \(dbPath) --to NEW.sqlite` from another store: the copy is signed with a key of its own"),
                         kind: .data)
    }

    /// Opens the store `location` names, or says which store could not be opened and why (the kind is the cause's:
    /// a malformed address is a usage error, a server or file that fails an internal one).
    static func open(_ location: StoreLocation, projector: any CaseProjector, range: SourceRange?) throws(ShellError) -> any Store {
        do { return try StoreOpener.open(location, projector: projector) } catch {
            let why = ShellError(caught: error, range: range)
            throw ShellError(Localized(zh: "无法打开数据库 \(location.displayName)：\(why.message.zh)",
                                       en: "cannot open the store \(location.displayName): \(why.message.en)"),
                             range: range, hint: why.hint, kind: why.kind)
        }
    }

    /// Registers a workspace on a session (also used by tests and drills with a memory store).
    public static func install(_ ws: Workspace, in session: Session) throws(ShellError) {
        session.register(ws)
        session.domain = ws
        // The operator acts as themselves until `as` says otherwise; every command is checked before it runs.
        ws.applyOperator(to: session)
        session.actor = ws.startingActor()
        session.authorize = { inv throws(ShellError) in try ws.authorizeVerb(session, inv) }
        // A meeting left open survives a restart: the log says which one (the last opened, not closed).
        ws.restoreOpenMeeting()
        ScriptBatcher.install(ws, in: session)
    }
}

/// What the shell asks of the domain, answered from the store, the directory and the calendar in force.
extension Workspace: SessionDomain {
    public func workdays(_ n: Int, after from: Instant) throws(ShellError) -> Instant {
        try ShellError.at(nil) { try calendar.deadline(workingDays: n, from: from, cutoffSecondOfDay: policy.cutoffSecondOfDay) }
    }

    public func departmentCode(_ key: String) throws(ShellError) -> String { try department(key).code }

    public func departmentName(_ code: String, _ language: Language) -> String? {
        // For the prompt and `as`: a directory that cannot be read shows the code, and the next command says why.
        guard let d = try? directory().find(code) else { return nil }
        return d.name.text(language)
    }

    public func completions(_ slot: CompletionSlot) -> [String] {
        // Completion offers what it can read; it never reports errors in the middle of typing.
        switch slot {
        case .department:
            guard let dir = try? directory() else { return [] }
            return dir.departments.flatMap { [$0.code, $0.nameZH] }
        case .person:
            let dir = (try? directory())?.departments ?? []
            let people = dir.flatMap { d in (d.leader.map { [$0] } ?? []) + d.staff }
            // The people directory too: those `user add` and `as NAME --role …` recorded.
            let recorded = ((try? self.people())?.all ?? []).filter { !$0.disabled }.map(\.name)
            var seen = Set<String>()
            return ((drill?.rosterNames ?? []) + people + recorded + dir.flatMap { [$0.code, $0.nameZH] })
                .filter { seen.insert($0).inserted }
        case .id(let kind):
            // An operator the directory does not know completes no ids (only `help` is open to them).
            guard (try? operatorContext().person) != nil, let last = try? read({ try $0.lastNumber(kind) }), last > 0 else { return [] }
            return (max(1, last - 199)...last).reversed().map { "\(kind.rawValue)\($0)" }
        }
    }

    public func startupBoard(_ session: Session) -> [String] { Board.lines(self, session) }

    public func promptContext(_ language: Language) -> String? {
        let parts = [drill?.promptPart(language), shownMeeting()?.description].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    public func person(named name: String, role: Role?, dept: String?, session: Session) throws(ShellError) -> Actor? {
        try drill?.resolve(name, role: role, dept: dept, session: session)
    }

    public func idleWork() -> IdleWork { drill?.idleWork() ?? .none }
}

/// The short board printed when the REPL starts: the open meeting, what falls due within 2 hours, overdue counts.
enum Board {
    static func lines(_ ws: Workspace, _ session: Session) -> [String] {
        let now = session.now()
        let lang = session.language
        // An operator the directory does not know reads nothing but `help`: not the board either.
        if (try? ws.operatorContext().person) == nil, (try? ws.people().isEmpty) == false {
            return [lang == .zh ? "操作员 \(ws.trust.login) 不在用户名录中：只能查看 help。请管理员执行 `user add \(ws.trust.login) …`。"
                                : "The operator \(ws.trust.login) is not in the directory: only `help` is open. Ask an administrator to run `user add \(ws.trust.login) …`."]
        }
        // The board must come up at once even on a big store: it reads at most `cap` entries and says "N+" beyond.
        let cap = 1000
        // A department's people count and see the deadlines of the cases they see, as `overdue` and `due` list them.
        let scope = DueScope.visible(to: ws.visibleScope())
        guard let soon = try? ws.read({ try $0.openDues(before: now.adding(.hours(2)), limit: cap + 1, scope: scope) }) else { return [] }
        let capped = soon.count > cap
        let overdue = soon.prefix(cap).filter { ($0.due ?? now) < now }
        let dueSoon = soon.prefix(cap).filter { ($0.due ?? now) >= now }
        func n(_ c: Int, _ last: Bool) -> String { capped && last ? "\(c)+" : "\(c)" }
        var lines: [String] = []
        if let w = witnessWarning(ws, lang) { lines.append(w) }
        if let m = ws.shownMeeting() { lines.append(lang == .zh ? "进行中的会商：\(m)" : "Meeting in progress: \(m)") }
        // Entries come earliest first, so when capped it is the due-soon count that is cut short.
        // To the minute, as every time on the screen (the real clock's seconds read like a log line).
        lines.append(lang == .zh ? "现在 \(now.minuteDescription)。2 小时内到期 \(n(dueSoon.count, !dueSoon.isEmpty)) 项，已超期 \(n(overdue.count, dueSoon.isEmpty)) 项。"
                                 : "Now \(now.minuteDescription). \(n(dueSoon.count, !dueSoon.isEmpty)) due within 2 hours, \(n(overdue.count, dueSoon.isEmpty)) overdue.")
        for e in dueSoon.prefix(5) {
            let title = ws.policy.rule(Obligation.parts(ofKey: e.rule).ruleID)?.title.text(lang) ?? e.rule
            lines.append("  \(e.caseID) \(title) \(e.due?.shortDeadlineDescription ?? "")")
        }
        if !overdue.isEmpty { lines.append(lang == .zh ? "用 `overdue` 查看超期明细。" : "`overdue` lists them.") }
        return lines
    }

    /// This desk's witness (its newest signed commit, kept outside the store) checked against the store as the
    /// shell starts: a desk that may not run `audit verify` (a liaison) still learns that its own newest events were
    /// removed or rewritten, before its next commit replaces the witness. Two reads: the log's length, one event.
    static func witnessWarning(_ ws: Workspace, _ lang: Language) -> String? {
        guard let w = ws.store.anchor?.witness(), w.count > 0,
              case let (last, hash)? = try? ws.store.read({ r in (try r.lastSeq(), try r.events(from: w.count, limit: 1).first?.hash) })
        else { return nil }
        if last < w.count {
            return lang == .zh ? "警告：本终端最近一次提交时事件链有 \(w.count) 条事件，现在只有 \(last) 条：最新的事件被删除了。请告知管理员（audit verify）。"
                               : "Warning: when this desk last committed the log held \(w.count) events; it now holds \(last): the newest events were removed. Tell an administrator (audit verify)."
        }
        if hash != w.head {
            return lang == .zh ? "警告：第 \(w.count) 条事件已不是本终端最近一次提交时签名的那一条：事件链被改写。请告知管理员（audit verify）。"
                               : "Warning: event \(w.count) is no longer the one this desk signed at its last commit: the log was rewritten. Tell an administrator (audit verify)."
        }
        return nil
    }
}
