import YuqingCore
import YuqingStore

/// `search 水质`: the cases whose titles, excerpts and texts hold the words as written, best first (a match in the
/// title, then the most occurrences, then the newest), with the match highlighted on a terminal. Ranked among the
/// newest matches (`SearchResults.pool`), which it says when there were more: a common word at a million cases
/// would otherwise read every text that holds it for one page.
struct SearchVerb: Verb {
    static let spec = CommandSpec(
        name: "search", alias: "搜索", group: .queries,
        summary: Localized(zh: "全文搜索案件（按相关度排序，标出匹配）", en: "full-text search of cases, ranked, matches highlighted"),
        synopsis: "search TEXT [--limit N]",
        help: Localized(
            zh: "在标题、摘录和所有文字中按原样查找（区分大小写）：标题中出现的在前，其次出现次数多的，再次较新的；终端上标出匹配处。匹配超过 \(DocumentText.grouped(SearchResults.pool)) 件时只在最新的 \(DocumentText.grouped(SearchResults.pool)) 件中排序；按编号列出全部用 cases where text ~ 词。",
            en: "Finds the text as written (case-sensitive) in titles, excerpts and every text: matches in the title first, then the most occurrences, then the newest; matches are highlighted on a terminal. When more than \(DocumentText.grouped(SearchResults.pool)) cases match, the newest \(DocumentText.grouped(SearchResults.pool)) are ranked; cases where text ~ WORD lists them all in case order."),
        examples: ["search 水质", "搜索 噪音 --limit 5", "search \"水质 检测\" --format json"])

    @Argument(.text, name: "text", help: Localized(zh: "要找的文字", en: "the text to find")) var text: String
    @Option(.integer(1...1_000), help: Localized(zh: "最多列出几件（默认 20）", en: "how many to list (default 20)"))
    var limit: Int = 20

    func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let ws = try Workspace.of(session)
        let query = text
        guard !query.isEmpty else {
            throw ShellError(zh: "要找的文字是空的", en: "the text to find is empty", range: $text.range, kind: .usage)
        }
        // A department's people find their department's cases and the unclaimed (`Access.visibleDepartment`): the
        // store chooses among those before ranking and the limit, so the page is full when there are enough.
        let mine = try ws.visibleDepartment()
        let found = try ws.read { try $0.search(query, limit: limit, visibleTo: mine) }
        let lang = session.language
        var messages: [Localized] = []
        if !found.complete {
            let n = DocumentText.grouped(found.ranked)
            messages.append(Localized(
                zh: "匹配超过 \(n) 件：只在最新的 \(n) 件中排序；按编号列出全部用 cases where text ~ \(query)。",
                en: "More than \(n) cases match: the newest \(n) were ranked; cases where text ~ \(query) lists them all."))
        }
        if found.hits.isEmpty && inv.format == .table {
            return CommandOutput(zh: "没有案件含有“\(query)”。", en: "No case holds “\(query)”.")
        }
        let rows: [[Cell]] = found.hits.map { h in
            let s = h.summary
            return [.id(s.id), .text(s.title), .localized(s.stage.name), .text(s.dept.map { ws.deptName($0, lang) } ?? ""),
                    .integer(SearchGrams.occurrences(of: query, in: h.text).count),
                    .text(Self.excerpt(of: query, in: h.text))]
        }
        var out = CommandOutput(messages: messages, tables: [Table(columns: [
            Column("id", Localized(zh: "编号", en: "id")),
            Column("title", Localized(zh: "标题", en: "title"), wraps: true, marks: query),
            Column("stage", Localized(zh: "阶段", en: "stage"), dropRank: 2),
            Column("dept", Localized(zh: "部门", en: "department"), dropRank: 1),
            Column("hits", Localized(zh: "次数", en: "hits"), align: .right),
            Column("excerpt", Localized(zh: "其他匹配处", en: "found elsewhere"), marks: query),
        ], rows: rows)])
        out.json = .object([
            ("query", .string(query)), ("ranked", .int(found.ranked)), ("complete", .bool(found.complete)),
            ("hits", .array(found.hits.map { h in
                .object([("id", .string(h.summary.id.description)), ("title", .string(h.summary.title)),
                         ("stage", .string(h.summary.stage.rawValue)), ("dept", CaseJSON.str(h.summary.dept)),
                         ("hits", .int(SearchGrams.occurrences(of: query, in: h.text).count)),
                         ("excerpt", .string(Self.excerpt(of: query, in: h.text)))])
            })),
        ])
        return out
    }

    /// The first match after the title (the text's first line) with a little of the line around it, cut with `…`;
    /// empty when the query occurs only in the title (the title column shows it).
    static func excerpt(of query: String, in text: String, before: Int = 8, after: Int = 24) -> String {
        let utf8 = Array(text.utf8)
        let titleEnd = utf8.firstIndex(of: 0x0A) ?? utf8.count
        guard let hit = SearchGrams.occurrences(of: query, in: text).first(where: { $0.lowerBound > titleEnd }) else {
            return ""
        }
        let lineStart = (utf8[..<hit.lowerBound].lastIndex(of: 0x0A) ?? -1) + 1
        let lineEnd = utf8[hit.upperBound...].firstIndex(of: 0x0A) ?? utf8.count
        let head = String(decoding: utf8[lineStart..<hit.lowerBound], as: UTF8.self)
        let tail = String(decoding: utf8[hit.upperBound..<lineEnd], as: UTF8.self)
        let lead = head.count > before ? "…" + String(head.suffix(before)) : head
        let trail = tail.count > after ? String(tail.prefix(after)) + "…" : tail
        return lead + query + trail
    }
}
