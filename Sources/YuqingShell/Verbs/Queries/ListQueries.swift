import YuqingCore
import YuqingStore

enum ListQueries {
    /// How many rows a listing shows on screen before it says how many more there are.
    static let screenPage = 200

    static let entries: [CommandEntry] = [Cases.entry, Count.entry, Due.entry, Overdue.entry, SearchVerb.entry]

    /// Parses the words after `where` with positions mapped back to the source for carets.
    static func parse(_ words: [Word], ws: Workspace, session: Session) throws(ShellError) -> CaseFilterParser.Result {
        var parser = CaseFilterParser(
            words: words.map(\.text), quotedSpans: words.map(\.quotedSpans),
            resolveDept: { key in (try? ws.directory())?.find(key)?.code },
            resolveTime: { text in QueryTime.parse(text, now: session.now()) },
            suggestDept: { key in
                let dir = (try? ws.directory()) ?? Directory()
                return Suggest.nearest(key, among: dir.departments.flatMap { [$0.code, $0.nameZH] })
            })
        let result: CaseFilterParser.Result
        do {
            result = try parser.parse()
        } catch {
            var range = words.indices.contains(error.word) ? words[error.word].range : words.last?.range
            if var r = range, error.word < words.count, !words[error.word].quoted {
                r.column += error.offset
                r.length = error.length
                range = r
            }
            throw ShellError(error.message, range: range, kind: .usage)
        }
        if let n = result.limit, !Limits.queryLimit.contains(n) {
            // The number after the last `limit` word.
            let at = words.indices.last { i in i > 0 && CaseFilterParser.limitWords.contains(words[i - 1].text.lowercased()) }
            let lo = DocumentText.grouped(Limits.queryLimit.lowerBound), hi = DocumentText.grouped(Limits.queryLimit.upperBound)
            throw ShellError(zh: "limit 应在 \(lo)–\(hi) 之间（给了 \(n)）", en: "limit must be between \(lo) and \(hi) (got \(n))",
                             range: at.map { words[$0].range } ?? words.last?.range)
        }
        return result
    }

    static let fieldHelp = Localized(
        zh: "字段：id title url stage dept level source category historical designated collected claimed due overdue（也可用中文：阶段 部门 级别 来源 类别 标题 收集 认领 到期 超期）；比较：= != < <= > >= ~（包含） in (…)（也作 属于）；组合：and（且、并且、&&）、or（或、或者、||）、not（非、不）和括号；排序：order by 字段 [desc|asc]（排序 按 字段 [降序|升序]）；limit N（限 N）；count 的 by、where 也作 按、条件。historical、designated、overdue 单独写即为真，也可比较 true/false（yes/no、是/否、1/0）。",
        en: "Fields: id title url stage dept level source category historical designated collected claimed due overdue (Chinese names work too); operators = != < <= > >= ~ (contains) in (…) (also 属于); combine with and (且, 并且, &&), or (或, 或者, ||), not (非, 不) and parentheses; order by FIELD [desc|asc] (排序 按 FIELD [降序|升序]); limit N (限 N); count's by and where are also 按 and 条件. historical, designated and overdue alone mean true, or compare with true/false (yes/no, 是/否, 1/0).")

    struct Cases: Verb {
        static let spec = CommandSpec(
            name: "cases", alias: "案件", group: .queries,
            summary: Localized(zh: "按条件查询案件", en: "query cases"),
            synopsis: "cases [where EXPR] [order by FIELD [desc]] [limit N]",
            help: fieldHelp,
            examples: ["cases", "cases where stage = claimed and dept = police", "cases where level in (high-attention, major-sensitive) order by due limit 10",
                       "案件 where 标题 ~ 水质 and 超期", "cases where collected >= 2019-12-01 and not historical --format csv --bom"])

        @Argument(.expression, name: "condition",
                  help: Localized(zh: "where 筛选条件、order by 排序字段、limit 条数（均可省略）", en: "where FILTER, order by FIELD, limit N (each optional)")) var condition: WordList?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            var words = condition?.words ?? []
            if let first = words.first, ["where", "条件"].contains(first.text.lowercased()) { words.removeFirst() }
            let q = try parse(words, ws: ws, session: session)
            // On a screen, a listing stops after a page; exports (json, csv, md) and an explicit limit get everything asked for.
            let screen = inv.format == .table
            let page = screen && q.limit == nil ? screenPage : nil
            let query = CaseQuery(filter: try ws.visibleCases(and: q.filter), order: q.order.isEmpty ? [(CaseField.id, false)] : q.order,
                                  limit: q.limit ?? page.map { $0 + 1 }, now: session.now())
            if !screen {
                // An export is written as the store reads it (`RowStream`): a million rows never sit in memory.
                // The directory is read now, so naming departments does not read the store inside the cursor.
                _ = try ws.directory()
                let language = session.language
                return CommandOutput(stream: RowStream(columns: CaseColumns.columns) { asJSON, emit throws(ShellError) in
                    try ws.read { reader in
                        try reader.forEachCase(query) { c in
                            emit(asJSON ? .json(CaseJSON.summary(c)) : .cells(CaseColumns.row(c, ws, language)))
                        }
                    }
                })
            }
            var rows = try ws.read { try $0.cases(query) }
            var messages: [Localized] = []
            if let page, rows.count > page {
                // No exact total here: counting a million matches costs more than the page (`count by` gives it).
                rows.removeLast(rows.count - page)
                messages.append(Localized(zh: "只显示前 \(page) 个（还有更多）；加 limit N 或 --format csv 查看全部，`count by stage where …` 计数。",
                                          en: "Showing the first \(page) (there are more); add limit N, or --format csv for all; `count by stage where …` counts them."))
            }
            if rows.isEmpty { return CommandOutput(zh: "没有符合条件的案件。", en: "No cases match.") }
            return CommandOutput(messages: messages, tables: [Table(title: nil, columns: CaseColumns.columns,
                                                                    rows: rows.map { CaseColumns.row($0, ws, session.language) })])
        }
    }

    struct Count: Verb {
        static let spec = CommandSpec(
            name: "count", alias: "统计", group: .queries,
            summary: Localized(zh: "按字段分组计数", en: "count cases by a field"),
            synopsis: "count by FIELD [where EXPR]",
            help: fieldHelp,
            examples: ["count by stage", "count by dept where collected >= 2019-12-01", "统计 by 级别"])

        @Argument(.expression, name: "condition",
                  help: Localized(zh: "by 分组字段，及可选的 where 筛选条件", en: "by FIELD, and an optional where FILTER")) var condition: WordList

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            var words = condition.words
            if let first = words.first, ["by", "按"].contains(first.text.lowercased()) { words.removeFirst() }
            guard let fw = words.first else {
                throw ShellError(zh: "缺少分组字段：count by FIELD", en: "a field is required: count by FIELD", range: inv.verbRange)
            }
            guard let field = CaseFilterParser.field(fw.text), field != .title, field != .url, field != .id, field != .text else {
                // `count by levl`: the field it is a near miss of, as `cases where`/`order by` say it.
                let fields = ["stage", "dept", "level", "source", "category", "historical", "designated", "overdue"]
                let near = Suggest.nearest(fw.text, among: fields)
                throw ShellError(Localized(zh: "不能按“\(fw.text)”分组\(near.map { "（是否想输入 \($0)？）" } ?? "")",
                                           en: "cannot count by “\(fw.text)”\(near.map { " (did you mean \($0)?)" } ?? "")"), range: fw.range,
                                 hint: Localized(zh: "可用：\(fields.joined(separator: " "))", en: "use one of: \(fields.joined(separator: " "))"))
            }
            words.removeFirst()
            if let first = words.first, ["where", "条件"].contains(first.text.lowercased()) { words.removeFirst() }
            let q = try parse(words, ws: ws, session: session)
            let scoped = try ws.visibleCases(and: q.filter)
            let groups = try ws.read { try $0.count(by: field, filter: scoped, now: session.now()) }
            let lang = session.language
            func label(_ key: String) -> String {
                switch field {
                case .stage: Stage(rawValue: key)?.name.text(lang) ?? key
                case .level: Level(rawValue: key)?.name.text(lang) ?? key
                case .source: Source(rawValue: key)?.name.text(lang) ?? key
                case .category: YuqingCore.Category(rawValue: key)?.name.text(lang) ?? key
                case .dept: key.isEmpty ? (lang == .zh ? "（未认领）" : "(unclaimed)") : ws.deptName(key, lang)
                default: key
                }
            }
            let total = groups.reduce(0) { $0 + $1.count }
            var rows: [[Cell]] = groups.map { [.text($0.key), .text(label($0.key)), .integer($0.count)] }
            rows.append([.text(""), .localized(Localized(zh: "合计", en: "total")), .integer(total)])
            var out = CommandOutput(tables: [Table(columns: [
                Column("key", Localized(zh: "代码", en: "code"), dataOnly: true), Column("name", Localized(zh: "名称", en: "name")),
                Column("count", Localized(zh: "数量", en: "count"), align: .right)], rows: rows)])
            out.json = .object([("by", .string(field.rawValue)), ("total", .int(total)),
                                ("groups", .array(groups.map { .object([("key", .string($0.key)), ("count", .int($0.count))]) }))])
            return out
        }
    }

    /// Open due entries before `before`, a screen page at a time unless exporting or `--all`. Everything (an
    /// export, `--all`) is written as the store reads it (`RowStream`): a city's overdue list never sits in memory.
    static func openDues(before: Instant, all: Bool, inv: Invocation, ws: Workspace, session: Session) throws(ShellError) -> CommandOutput {
        let screen = inv.format == .table
        // A department's people see its deadlines and those of cases not routed yet (`Access.visibleDepartment`).
        let scope = DueScope.visible(to: try ws.visibleDepartment())
        if !screen || all {
            // An empty list on a screen is a sentence (the callers say it): only the first entry is read for that.
            if screen, try ws.read({ try $0.openDues(before: before, limit: 1, scope: scope) }).isEmpty { return try dueTable([], ws: ws, session: session) }
            _ = try ws.directory()
            let now = session.now(), lang = session.language
            return CommandOutput(stream: RowStream(columns: dueColumns) { asJSON, emit throws(ShellError) in
                try ws.read { r in
                    // Titles looked up a page of entries at a time.
                    var page: [DueEntry] = []
                    func flush() throws {
                        let titles = try Self.titles(of: page, in: r)
                        for e in page { emit(.cells(dueCells(e, title: titles[e.caseID] ?? "", ws: ws, now: now, lang: lang))) }
                        page.removeAll(keepingCapacity: true)
                    }
                    try r.forEachOpenDue(before: before, scope: scope) { e in
                        if asJSON {
                            emit(.json(dueJSON(e, now: now, policy: ws.policy)))
                            return
                        }
                        page.append(e)
                        if page.count == 500 { try flush() }
                    }
                    if !page.isEmpty { try flush() }
                }
            })
        }
        // A page and one more, to say there are more.
        var entries = try ws.read { try $0.openDues(before: before, limit: screenPage + 1, scope: scope) }
        var shown: Int?
        if entries.count > screenPage {
            entries.removeLast(entries.count - screenPage)
            shown = screenPage
        }
        var out = try dueTable(entries, ws: ws, session: session)
        if let page = shown {
            out.messages.append(Localized(zh: "只显示最早的 \(page) 项；加 --all 或 --format csv 查看全部。",
                                          en: "Showing the earliest \(page); add --all, or --format csv for all."))
        }
        return out
    }

    static let dueColumns = [
        Column("case", Localized(zh: "案件", en: "case")), Column("title", Localized(zh: "标题", en: "title"), wraps: true),
        Column("rule", Localized(zh: "规则", en: "rule"), dataOnly: true), Column("obligation", Localized(zh: "事项", en: "obligation"), wraps: true),
        Column("due", Localized(zh: "时限", en: "due")), Column("left", Localized(zh: "距时限", en: "left"), wraps: true),
        Column("responsible", Localized(zh: "责任方", en: "responsible"), wraps: true)]

    static func dueCells(_ e: DueEntry, title: String, ws: Workspace, now: Instant, lang: Language) -> [Cell] {
        let (rule, sub) = Obligation.parts(ofKey: e.rule)
        let r = ws.policy.rule(rule)
        let left = e.due.map { $0 - now }
        let what = r?.title ?? Localized(rule)
        return [.id(e.caseID), .text(title), .text(e.rule),
                .localized(sub.map { Localized(zh: "\(what.zh)（\($0)）", en: "\(what.en) (\($0))") } ?? what),
                e.due.map { .deadline($0) } ?? .empty, left.map { .localized(SpanText.left($0)) } ?? .empty,
                .text(responsible(e, now: now, policy: ws.policy).map {
                    $0 == Party.coordinators.rawValue ? ObligationTable.responsibleName(.coordinators, ws, lang) : ws.deptName($0, lang) }
                      ?? (lang == .zh ? "待认领" : "unclaimed"))]
    }

    /// Who answers for a due entry, as `why` and `show` say it (`Responsible`): its row's department, and for a case
    /// nobody has claimed, the coordinators once the claim is overdue (they assign it, Art. 6); nil before that.
    /// An unclaimed case's row holds the department suggested to claim it (`collect --dept`), which is not the one
    /// answering: an unmet claim is read as unclaimed (overdue listed 市公安局 where show and accountability said
    /// the coordinators).
    static func responsible(_ e: DueEntry, now: Instant, policy: Policy) -> String? {
        let overdue = e.due.map { now > $0 } == true
        if e.metAt == nil, policy.rule(Obligation.parts(ofKey: e.rule).0)?.end == .claimed {
            return overdue ? Party.coordinators.rawValue : nil
        }
        return e.dept ?? (overdue ? Party.coordinators.rawValue : nil)
    }

    /// The titles of the entries' cases, from the cases' rows (not their folds).
    static func titles(of entries: [DueEntry], in r: any StoreReader) throws -> [EntityID: String] {
        Dictionary(try r.cases(ids: Array(Set(entries.map(\.caseID)))).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
    }

    static func dueJSON(_ e: DueEntry, now: Instant, policy: Policy) -> JSONValue {
        .object([("case", .string(e.caseID.description)), ("rule", .string(e.rule)), ("due", CaseJSON.time(e.due)),
                 ("responsible", .string(responsible(e, now: now, policy: policy) ?? "unassigned"))])
    }

    static func dueTable(_ entries: [DueEntry], ws: Workspace, session: Session) throws(ShellError) -> CommandOutput {
        let now = session.now()
        let titles = try ws.read { try Self.titles(of: entries, in: $0) }
        var out = CommandOutput(tables: [Table(columns: dueColumns, rows: entries.map { e in
            dueCells(e, title: titles[e.caseID] ?? "", ws: ws, now: now, lang: session.language)
        })])
        out.json = .array(entries.map { dueJSON($0, now: now, policy: ws.policy) })
        return out
    }

    struct Due: Verb {
        static let spec = CommandSpec(
            name: "due", alias: "到期", group: .queries,
            summary: Localized(zh: "列出即将到期的时限", en: "obligations falling due soon"),
            synopsis: "due [within SPAN] [--all]",
            help: Localized(zh: "列出在给定时长内到期、尚未完成的时限（默认 4 小时），已超期的也列出，最早的在前。部门人员看到本部门案件和尚未认领案件的时限，包括由协调员负责的（报送市领导、审定）。",
                            en: "Lists open obligations due within the span (default 4 h), including those already overdue, earliest first. A department's people see the deadlines of their department's cases and of cases not claimed yet, the coordinators' among them (the report to the city leaders, the review)."),
            examples: ["due within 4h", "到期 within 2d"])

        @Argument(.word, name: "within",
                  help: Localized(zh: "关键字 within（可省略）", en: "the word within (optional)")) var within: String?
        @Argument(.span, name: "span",
                  help: Localized(zh: "时长（如 2h、3d），默认 4 小时", en: "how far ahead (such as 2h, 3d); 4 h by default")) var span: Span?
        @Flag(help: Localized(zh: "全部列出（不分页）", en: "list all (no paging)")) var all: Bool

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let span = self.span ?? .hours(4)
            if let w = within, !["within", "内"].contains(w.lowercased()) {
                throw ShellError(zh: "用法：due within 4h", en: "usage: due within 4h", range: $within.range)
            }
            let out = try openDues(before: session.now().adding(span), all: all, inv: inv, ws: ws, session: session)
            if out.tables.first?.rows.isEmpty == true && inv.format == .table {
                let words = SpanText.of(span, dayParts: true)
                return CommandOutput(zh: "\(words.zh)内没有到期的时限。", en: "Nothing falls due within \(words.en).")
            }
            return out
        }
    }

    struct Overdue: Verb {
        static let spec = CommandSpec(
            name: "overdue", alias: "超期", group: .queries,
            summary: Localized(zh: "列出已超期未完成的时限", en: "obligations past their deadline"),
            synopsis: "overdue [--all]",
            help: Localized(zh: "列出已过时限仍未完成的时限，最早的在前；屏幕上显示一页，--all 或导出时全部列出。部门人员看到本部门案件和尚未认领案件的时限，包括由协调员负责的（报送市领导、审定）。",
                            en: "Lists the obligations past their deadline and not yet met, earliest first: a screen page, or all of them with --all or an export. A department's people see the deadlines of their department's cases and of cases not claimed yet, the coordinators' among them (the report to the city leaders, the review)."),
            examples: ["overdue", "超期 --format md"])

        @Flag(help: Localized(zh: "全部列出（不分页）", en: "list all (no paging)")) var all: Bool

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            let out = try openDues(before: session.now(), all: all, inv: inv, ws: ws, session: session)
            if out.tables.first?.rows.isEmpty == true && inv.format == .table {
                return CommandOutput(zh: "没有超期的时限。", en: "Nothing is overdue.")
            }
            return out
        }
    }
}

/// Times inside query conditions: `2019-12-19`, `2019-12-19T09:00`, `now`, `today`, `-7d`, `+2h`.
enum QueryTime {
    static func parse(_ text: String, now: Instant) -> Instant? {
        let t = text.lowercased()
        if t == "now" || t == "现在" { return now }
        if t == "today" || t == "今天" { return Instant(date: now.date) }
        if let d = CivilDate(parsing: t) { return Instant(date: d) }
        if let sign = t.first, sign == "+" || sign == "-" {
            let body = t.dropFirst()
            guard let unit = body.last, let n = Int64(body.dropLast()) else { return nil }
            let s: Int64 = switch unit {
            case "d": n * 86_400
            case "h": n * 3600
            case "m": n * 60
            default: -1
            }
            guard s >= 0 else { return nil }
            return now.adding(seconds: sign == "-" ? -s : s)
        }
        // `2019-12-19T09:00`, and as docs/language.md writes times too: `"2019-12-19 09:00"`, seconds, `T24:00`
        // (the quoted form with a space was refused in a filter although every option takes it).
        let parts = t.split(maxSplits: 1, whereSeparator: { $0 == "t" || $0 == " " })
        guard parts.count == 2, let d = CivilDate(parsing: parts[0]) else { return nil }
        let hms = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard hms.count == 2 || hms.count == 3, hms.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
              let h = Int(hms[0]), let m = Int(hms[1]), let sec = hms.count == 3 ? Int(hms[2]) : 0,
              (0...23).contains(h) || (h == 24 && m == 0 && sec == 0), (0...59).contains(m), (0...59).contains(sec) else { return nil }
        return Instant(date: d).adding(seconds: Int64(h * 3600 + m * 60 + sec))
    }
}
