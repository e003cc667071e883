import YuqingCore
import YuqingStore

/// `store rebuild | info | copy`: maintaining the store and moving it between backends. The work is in YuqingStore
/// (`Store.rebuild`, `Store.info`, `StoreCopier`); these handlers only open stores and word the answers.
enum StoreVerbs {
    static let entry = CommandEntry(spec: CommandSpec(
        name: "store", alias: "存储", group: .admin,
        summary: Localized(zh: "维护数据库：重建索引、查看后端、在 SQLite 与 PostgreSQL 之间复制",
                           en: "maintain the store: rebuild projections, show the backend, copy between SQLite and PostgreSQL"),
        synopsis: "store rebuild | store info | store copy [--from PATH|URL] [--to PATH|URL]",
        help: Localized(
            zh: "store rebuild 由事件重建案件和时限索引。store info 显示后端（SQLite 或 PostgreSQL）、事件数、链头哈希和连接角色。store copy 把全部事件、设置和编号原样复制到另一个数据库（省略 --from 或 --to 即为当前数据库）：先校验源库哈希链，目标库必须为空，复制后在提交前校验目标库链头与源库一致，否则整体撤销。",
            en: "store rebuild recomputes cases and deadlines from the events. store info shows the backend (SQLite or PostgreSQL), the number of events, the head hash and the connected role. store copy moves every event, setting and id counter as stored to another store (an omitted --from or --to is the current store): the source's chain is verified first, the target must be empty, and the copy is verified to the same head before it commits, or undone whole."),
        examples: ["store rebuild", "store info",
                   "store copy --from /srv/yuqing/yuqing.sqlite --to postgres://yuqing_owner@db.city.gov.cn/yuqing",
                   "store copy --to backup.sqlite"],
        subverbs: [
            CommandSpec(name: "rebuild", alias: "重建", group: .admin, summary: Localized(zh: "重建", en: "rebuild")),
            CommandSpec(name: "info", alias: "信息", group: .admin,
                        summary: Localized(zh: "后端、事件数、链头哈希", en: "backend, events, head hash")),
            CommandSpec(name: "copy", alias: "复制", group: .admin,
                        summary: Localized(zh: "在两个数据库之间复制", en: "copy between two stores"),
                        synopsis: "store copy [--from PATH|URL] [--to PATH|URL]",
                        flags: [FlagSpec("from", .text, help: Localized(zh: "源：SQLite 文件或 postgres:// 地址（默认当前库）",
                                                                        en: "source: a SQLite file or a postgres:// URL (default: the current store)")),
                                FlagSpec("to", .text, help: Localized(zh: "目标：须为空库（默认当前库）",
                                                                      en: "target: must be empty (default: the current store)"))],
                        mutates: true),
        ]
    )) { inv, session throws(ShellError) in
        let ws = try Workspace.of(session)
        switch inv.subverb?.name ?? "" {
        case "info":
            let info = try ws.storeCall { try ws.store.info() }
            return infoOutput(info)
        case "copy":
            return try copy(inv, ws)
        default:
            try ws.storeCall { try ws.store.rebuild() }
            let n = try ws.read { try $0.lastSeq() }
            return CommandOutput(zh: "已由 \(n) 条事件重建案件和时限索引。", en: "Rebuilt cases and deadlines from \(n) events.")
        }
    }

    static func infoOutput(_ info: StoreInfo) -> CommandOutput {
        let rows: [(String, Localized, String)] = [
            ("backend", Localized(zh: "后端", en: "backend"), info.backend),
            ("location", Localized(zh: "位置", en: "location"), info.location),
            ("events", Localized(zh: "事件数", en: "events"), "\(info.events)"),
            ("head_hash", Localized(zh: "链头哈希", en: "head hash"), info.headHash ?? "—"),
            ("role", Localized(zh: "数据库角色", en: "database role"), info.role ?? "—"),
        ]
        var out = CommandOutput(tables: [Table(
            title: Localized(zh: "数据库", en: "Store"),
            columns: [Column("item", Localized(zh: "项目", en: "item")), Column("value", Localized(zh: "值", en: "value"))],
            rows: rows.map { [.localized($0.1), .text($0.2)] })])
        out.json = .object([("backend", .string(info.backend)), ("location", .string(info.location)),
                            ("events", .int(Int(info.events))), ("head_hash", CaseJSON.str(info.headHash)),
                            ("role", CaseJSON.str(info.role))])
        return out
    }

    static func copy(_ inv: Invocation, _ ws: Workspace) throws(ShellError) -> CommandOutput {
        let from = inv.flag("from"), to = inv.flag("to")
        guard from != nil || to != nil else {
            throw ShellError(zh: "请用 --from 或 --to 指明另一个数据库", en: "name the other store with --from or --to",
                             range: inv.verbRange,
                             hint: Localized(zh: "例如 store copy --to postgres://用户@主机/库名", en: "e.g. store copy --to postgres://user@host/dbname"))
        }
        func open(_ arg: Arg?) throws(ShellError) -> any Store {
            guard let arg, let text = arg.text else { return ws.store }
            do {
                return try StoreOpener.open(try StoreLocation(text), projector: ws.store.projector)
            } catch {
                let why = (error as? StoreError)?.message ?? Localized("\(error)")
                throw ShellError(Localized(zh: "无法打开数据库 \(text)：\(why.zh)", en: "cannot open the store \(text): \(why.en)"),
                                 range: arg.range, kind: .usage)
            }
        }
        let source = try open(from), target = try open(to)
        let report: StoreCopier.Report
        do {
            report = try StoreCopier.copy(from: source, to: target)
        } catch let e as StoreCopier.Failure {
            throw ShellError(e.message, range: inv.verbRange, kind: .conflict)
        } catch {
            throw ShellError.from(error, range: inv.verbRange)
        }
        let head = report.headHash.map { String($0.prefix(16)) + "…" } ?? "—"
        var out = CommandOutput(zh: "已复制 \(report.events) 条事件：\(report.source.backend) \(report.source.location) → \(report.target.backend) \(report.target.location)。两边哈希链均完整，链头 \(head)。",
                                en: "Copied \(report.events) events from \(report.source.backend) \(report.source.location) to \(report.target.backend) \(report.target.location). Both chains verify; head \(head).")
        out.json = .object([("events", .int(Int(report.events))), ("head_hash", CaseJSON.str(report.headHash)),
                            ("from", .string(report.source.location)), ("to", .string(report.target.location))])
        return out
    }
}
