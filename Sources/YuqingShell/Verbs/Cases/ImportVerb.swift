import CSV
import Foundation
import YuqingCore
import YuqingStore

/// `collect import FILE`: items exported by monitoring tools, as JSON Lines or CSV (mapping in docs/import.md).
/// All or nothing: every line is checked first; if any is rejected, nothing is imported and each rejection is
/// listed with its line number.
struct ImportVerb: Verb {
    static let spec = CommandSpec(
        name: "import", alias: "导入", group: .cases,
        summary: Localized(zh: "从监测工具导出的 JSON Lines 或 CSV 文件批量收集", en: "collect items from a JSON Lines or CSV export"),
        synopsis: "collect import FILE [--format-in jsonl|csv]",
        help: Localized(
            zh: "字段：title（必填）、url、source、category、excerpt、reposts、comments、views、dept、collected（收集时间，默认现在）。同一链接并入已有案件。任何一行有误则全部不导入，并列出行号和原因。",
            en: "Fields: title (required), url, source, category, excerpt, reposts, comments, views, dept, collected (time, default now). The same URL joins the existing case. If any line is wrong nothing is imported, and every rejected line is listed with its number and reason."),
        examples: ["collect import 监测导出.jsonl", "collect import export.csv"],
        mutates: true)

    @Argument(.path, name: "file") var file: String
    @Option(.choice([Choice("jsonl", zh: "jsonl"), Choice("csv", zh: "csv")]), name: "format-in",
            help: Localized(zh: "文件格式（默认按扩展名）", en: "file format (default: by extension)")) var formatIn: String?

    struct Row {
        var line: Int
        var fields: [String: String]
    }

    func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let ws = try Workspace.of(session)
        try ws.authorize(session, inv, .collect)
        let path = file
        let a = $file
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ShellError(Localized(zh: "无法读取文件 \(path)", en: "cannot read \(path)"), range: a.range, kind: .notFound)
        }
        let csv = (formatIn ?? (path.lowercased().hasSuffix(".csv") ? "csv" : "jsonl")) == "csv"
        let rows: [Row]
        do { rows = try csv ? Self.csvRows(text) : Self.jsonRows(text) } catch {
            throw ShellError(error.message, range: a.range, kind: .data)
        }
        let now = session.now()
        var items: [(Item, String?, Instant)] = []
        var rejected: [Localized] = []
        for r in rows {
            do { items.append(try Self.item(r, ws: ws, now: now)) } catch { rejected.append(error.message) }
        }
        if !rejected.isEmpty {
            throw ShellError(Localized(zh: "\(path)：\(rejected.count) 行有误，未导入任何信息：\n" + rejected.map(\.zh).joined(separator: "\n"),
                                       en: "\(path): \(rejected.count) line(s) rejected; nothing was imported:\n" + rejected.map(\.en).joined(separator: "\n")),
                             range: a.range, kind: .data)
        }
        var created = 0
        var joined = 0
        try ws.storeCall {
            try ws.store.write { tx in
                for (item, dept, at) in items {
                    if let url = item.url, let id = try tx.caseID(forURL: url) {
                        try tx.append(NewEvent(caseID: id, actor: session.actor, effective: at, recorded: now, body: .itemAdded(item: item)),
                                      expectedVersion: nil)
                        joined += 1
                    } else {
                        let id = try tx.nextID(.caseFile)
                        try tx.append(NewEvent(caseID: id, actor: session.actor, effective: at, recorded: now,
                                               body: .collected(item: item, dept: dept)), expectedVersion: 0)
                        created += 1
                    }
                }
            }
        }
        return CommandOutput(zh: "已从 \(path) 导入 \(items.count) 条信息：新立案件 \(created) 个，并入已有案件 \(joined) 条。",
                             en: "Imported \(items.count) items from \(path): \(created) new cases, \(joined) joined existing cases.")
    }

    struct LineError: Error { var message: Localized }

    static func fail(_ line: Int, _ zh: String, _ en: String) -> LineError {
        LineError(message: Localized(zh: "第 \(line) 行：\(zh)", en: "line \(line): \(en)"))
    }

    static func jsonRows(_ text: String) throws(LineError) -> [Row] {
        var rows: [Row] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { continue }
            guard let obj = (try? JSONSerialization.jsonObject(with: Data(t.utf8))) as? [String: Any] else {
                throw fail(i + 1, "不是 JSON 对象", "not a JSON object")
            }
            var fields: [String: String] = [:]
            for (k, v) in obj {
                if let s = v as? String { fields[k] = s } else if let n = v as? NSNumber { fields[k] = n.stringValue }
            }
            rows.append(Row(line: i + 1, fields: fields))
        }
        return rows
    }

    static func csvRows(_ text: String) throws(LineError) -> [Row] {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        do {
            let reader = try CSVReader(string: body, hasHeaderRow: true)
            let header = reader.headerRow ?? []
            var rows: [Row] = []
            var line = 1
            while let r = reader.next() {
                line += 1
                var fields: [String: String] = [:]
                for (k, v) in zip(header, r) where !v.isEmpty { fields[k.trimmingCharacters(in: .whitespaces)] = v }
                rows.append(Row(line: line, fields: fields))
            }
            return rows
        } catch {
            throw LineError(message: Localized(zh: "CSV 格式错误：\(error)", en: "malformed CSV: \(error)"))
        }
    }

    static func item(_ r: Row, ws: Workspace, now: Instant) throws(LineError) -> (Item, String?, Instant) {
        let f = r.fields
        guard let title = f["title"], !title.isEmpty else { throw fail(r.line, "缺少 title", "title is missing") }
        var source = Source.other
        if let s = f["source"] {
            guard let v = Source(code: s) else { throw fail(r.line, "来源“\(s)”无效", "unknown source “\(s)”") }
            source = v
        }
        var category: YuqingCore.Category?
        if let s = f["category"] {
            guard let v = YuqingCore.Category(code: s) else { throw fail(r.line, "类别“\(s)”无效", "unknown category “\(s)”") }
            category = v
        }
        func int(_ k: String) throws(LineError) -> Int {
            guard let s = f[k] else { return 0 }
            guard let n = Int(s), n >= 0 else { throw fail(r.line, "\(k)“\(s)”不是非负整数", "\(k) “\(s)” is not a whole number") }
            return n
        }
        var dept: String?
        if let d = f["dept"] {
            guard let dep = (try? ws.directory())?.find(d) else { throw fail(r.line, "未知部门“\(d)”", "unknown department “\(d)”") }
            dept = dep.code
        }
        var at = now
        if let s = f["collected"] {
            guard let t = QueryTime.parse(s.replacingOccurrences(of: " ", with: "T"), now: now) else {
                throw fail(r.line, "收集时间“\(s)”无效", "bad collected time “\(s)”")
            }
            at = t
        }
        let item = Item(title: title, url: f["url"], source: source, category: category, excerpt: f["excerpt"],
                        metrics: Metrics(reposts: try int("reposts"), comments: try int("comments"), views: try int("views")))
        return (item, dept, at)
    }
}
