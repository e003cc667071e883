import Foundation
import YuqingCore
import YuqingStore

/// `store rebuild | info | copy`: maintaining the store and moving it between backends. The work is in YuqingStore
/// (`Store.rebuild`, `Store.info`, `StoreCopier`); these handlers only open stores and word the answers.
enum StoreVerbs {
    static let store = CommandEntry(group: CommandSpec(
        name: "store", alias: "存储", group: .admin,
        summary: Localized(zh: "维护数据库：重建索引、查看后端、在 SQLite 与 PostgreSQL 之间复制",
                           en: "maintain the store: rebuild projections, show the backend, copy between SQLite and PostgreSQL"),
        synopsis: "store rebuild | store info | store copy [--from PATH|URL] [--to PATH|URL] | store init [--shared GROUP]",
        help: Localized(
            zh: "store rebuild 由事件重建案件和时限索引（SQLite 库在临时目录中排序并生成全文索引，每百万案件约需 300 MB，目录由环境变量 SQLITE_TMPDIR 指定，默认 /var/tmp 或 /tmp；空间不足则重建失败，数据库不变）。store info 显示后端（SQLite 或 PostgreSQL）、事件数、链头哈希和连接角色。store copy 把全部事件、设置和编号原样复制到另一个数据库（省略 --from 或 --to 即为当前数据库）：先校验源库哈希链，目标库必须为空，复制后在提交前校验目标库链头与源库一致，否则整体撤销。store init 设定 SQLite 数据库文件的权限（个人或用户组共用）。",
            en: "store rebuild recomputes cases and deadlines from the events (on SQLite it sorts and builds the full-text index in SQLite's temporary folder, about 300 MB per million cases: SQLITE_TMPDIR, else /var/tmp or /tmp; without the room it fails and changes nothing). store info shows the backend (SQLite or PostgreSQL), the number of events, the head hash and the connected role. store copy moves every event, setting and id counter as stored to another store (an omitted --from or --to is the current store): the source's chain is verified first, the target must be empty, and the copy is verified to the same head before it commits, or undone whole. store init sets an SQLite store's file permissions (personal, or shared by a group)."),
        examples: ["store rebuild", "store info",
                   "store copy --from /srv/yuqing/yuqing.sqlite --to postgres://yuqing_owner@db.city.gov.cn/yuqing",
                   "store copy --to backup.sqlite", "store init --shared yuqing"],
        subverbs: [StoreRebuild.entry, StoreInfoVerb.entry, StoreCopy.entry, StoreInit.entry],
        defaultSubverb: "rebuild"))

    struct StoreRebuild: Verb {
        /// `commitsAlone`: in a script, what ran before is committed first, so the rebuild is a transaction of its
        /// own, which the store commits at once and runs with its index builds sorted on disk by two threads.
        static let spec = CommandSpec(name: "rebuild", alias: "重建", group: .admin, summary: Localized(zh: "重建", en: "rebuild"),
                                      commitsAlone: true)

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let progress = ProgressLine.start(session, label: Localized(zh: "重建", en: "rebuild"), unit: Localized(zh: "事件", en: "events"))
            // Erased on failure too, or the error is printed after the line's last draw, on the same line.
            defer { progress?.finish() }
            // The store counts twice the events: reading them is the first half of the work, building the indexes
            // the second. The line shows the events read and the share of the whole work (and the time left by it).
            try ws.storeCall {
                try ws.store.rebuild { done, total in
                    progress?.update(done: min(done, total / 2), fraction: total > 0 ? Double(done) / Double(total) : nil)
                }
            }
            let n = try ws.read { try $0.lastSeq() }
            return CommandOutput(zh: "已由 \(n) 条事件重建案件和时限索引。", en: "Rebuilt cases and deadlines from \(n) events.")
        }
    }

    struct StoreInfoVerb: Verb {
        static let spec = CommandSpec(name: "info", alias: "信息", group: .admin,
                                      summary: Localized(zh: "后端、事件数、链头哈希", en: "backend, events, head hash"))

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let info = try ws.storeCall { try ws.store.info() }
            let rows: [(Localized, String)] = [
                (Localized(zh: "后端", en: "backend"), info.backend),
                (Localized(zh: "位置", en: "location"), info.location),
                (Localized(zh: "事件数", en: "events"), "\(info.events)"),
                (Localized(zh: "链头哈希", en: "head hash"), info.headHash ?? "—"),
                (Localized(zh: "数据库角色", en: "database role"), info.role ?? "—"),
            ]
            var out = CommandOutput(tables: [Table(
                title: Localized(zh: "数据库", en: "Store"),
                columns: [Column("item", Localized(zh: "项目", en: "item")), Column("value", Localized(zh: "值", en: "value"))],
                rows: rows.map { [.localized($0.0), .text($0.1)] })])
            out.json = .object([("backend", .string(info.backend)), ("location", .string(info.location)),
                                ("events", .int(Int(info.events))), ("head_hash", CaseJSON.str(info.headHash)),
                                ("role", CaseJSON.str(info.role))])
            return out
        }
    }

    struct StoreCopy: Verb {
        static let spec = CommandSpec(name: "copy", alias: "复制", group: .admin,
                                      summary: Localized(zh: "在两个数据库之间复制", en: "copy between two stores"),
                                      synopsis: "store copy [--from PATH|URL] [--to PATH|URL]", mutates: true)

        @Option(.text, help: Localized(zh: "源：SQLite 文件或 postgres:// 地址（默认当前库）",
                                       en: "source: a SQLite file or a postgres:// URL (default: the current store)"))
        var from: String?
        @Option(.text, help: Localized(zh: "目标：须为空库（默认当前库）", en: "target: must be empty (default: the current store)"))
        var to: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            guard from != nil || to != nil else {
                throw ShellError(zh: "请用 --from 或 --to 指明另一个数据库", en: "name the other store with --from or --to",
                                 range: inv.verbRange,
                                 hint: Localized(zh: "例如 store copy --to postgres://用户@主机/库名", en: "e.g. store copy --to postgres://user@host/dbname"))
            }
            func open(_ text: String?, _ range: SourceRange?) throws(ShellError) -> any Store {
                guard let text else { return ws.store }
                let location = try StoreConfigurator.location(text, range: range)
                if case let .postgres(l) = location { l.warnings.forEach { session.notice($0) } }
                let other = try StoreConfigurator.open(location, projector: ws.store.projector, range: range)
                try ws.authorizeMaintenance(of: other, session, inv, range: range)
                return other
            }
            // A source file that is not there is a mistyped path: opening it would make an empty store, and
            // "Copied 0 events … Both chains verify" would read as success.
            if let from, case let .sqlite(path)? = try? StoreLocation(from), !FileManager.default.fileExists(atPath: path) {
                throw ShellError(zh: "源数据库 \(path) 不存在，未复制任何内容", en: "the source store \(path) does not exist; nothing was copied",
                                 range: $from.range, kind: .data)
            }
            let source = try open(from, $from.range)
            // A target file this copy creates is removed again if the copy fails (a full disk, a refusal): no half
            // store is left where the person asked for one.
            var created: String?
            if let to, case let .sqlite(path)? = try? StoreLocation(to), !FileManager.default.fileExists(atPath: path) { created = path }
            let report: StoreCopier.Report
            do throws(ShellError) {
                let target = try open(to, $to.range)
                if let to, target !== ws.store {
                    // Signed with the key that will check it (beside the file; this desk's for a server), so the copied
                    // log is anchored from its first commit: cutting its newest events back is caught as on the source.
                    target.anchor = try StoreConfigurator.anchor(for: try ShellError.at($to.range) { try StoreLocation(to) })
                }
                report = try ShellError.at(inv.verbRange) { try StoreCopier.copy(from: source, to: target) }
            } catch {
                if let created {
                    for suffix in ["", "-wal", "-shm", "-journal", "-queue", ".key", ".head"] { unlink(created + suffix) }
                }
                throw error
            }
            let head = report.headHash.map { String($0.prefix(16)) + "…" } ?? "—"
            let (s, t) = (report.source, report.target)
            var out = CommandOutput(zh: "已复制 \(report.events) 条事件：\(s.backend) \(s.location) → \(t.backend) \(t.location)。两边哈希链均完整，链头 \(head)。",
                                    en: "Copied \(report.events) events from \(s.backend) \(s.location) to \(t.backend) \(t.location). Both chains verify; head \(head).")
            out.json = .object([("events", .int(Int(report.events))), ("head_hash", CaseJSON.str(report.headHash)),
                                ("from", .string(s.location)), ("to", .string(t.location))])
            return out
        }
    }
}
