import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
@testable import YuqingStore

/// Streamed listings (`cases --format csv|json|md`) write the same bytes as the whole-table rendering they replace,
/// across piece boundaries and with hostile text; in a script they commit what ran before and keep the order.
@Suite struct StreamingRendererTests {
    static let columns = [Column("id", Localized(zh: "编号", en: "id")), Column("title", Localized(zh: "标题", en: "ti|tle")),
                          Column("n", Localized(zh: "数", en: "n"), align: .right), Column("due", Localized(zh: "期限", en: "due")),
                          Column("rule", Localized(zh: "规则", en: "rule"), dataOnly: true)]
    static let texts = ["水质", "a,b", "say \"hi\"", "two\nlines", "=1+2", "pipe | here", "\u{202E}evil", "", " lead", "末尾\n"]

    static func rows(_ n: Int) -> [[Cell]] {
        (0..<n).map { i in
            [.id(EntityID(.caseFile, i + 1)), .text(texts[i % texts.count]), i % 3 == 0 ? .empty : .integer(i),
             i % 2 == 0 ? .deadline(Instant(seconds: 1_576_000_000 + Int64(i) * 3_600)) : .time(Instant(seconds: 1_576_000_000)),
             i % 4 == 0 ? .empty : .text("Art.\(i % 9)")]
        }
    }

    static func json(_ row: [Cell], _ r: Renderer) -> JSONValue {
        .object(columns.indices.map { (columns[$0].key, r.cellJSON(row[$0])) })
    }

    static func streamed(_ r: Renderer, _ rows: [[Cell]], title: Localized? = nil, keyed: Bool = false,
                         footer: [Localized] = []) throws -> (text: String, pieces: Int) {
        var out = "", pieces = 0
        let s = RowStream(title: title, columns: columns, jsonHead: keyed ? [("from", .string("2020-01-01"))] : [],
                          jsonKey: keyed ? "rows" : nil, jsonTail: { [("count", .int(rows.count))] },
                          footer: { footer }) { asJSON, emit in
            for row in rows { emit(asJSON ? .json(json(row, r)) : .cells(row)) }
        }
        try r.stream(s) { out += $0; pieces += 1 }
        return (out, pieces)
    }

    @Test(arguments: [(OutputFormat.csv, false), (.csv, true), (.json, false), (.md, false), (.table, false)],
          [0, 1, 7, Renderer.streamChunk, 2 * Renderer.streamChunk + 3])
    func sameBytesAsWholeRendering(format: (OutputFormat, Bool), count: Int) throws {
        for language in [Language.zh, .en] {
            let r = Renderer(language: language, format: format.0, bom: format.1)
            let rows = Self.rows(count)
            let whole = format.0 == .json
                ? r.render(CommandOutput(json: .array(rows.map { Self.json($0, r) })))
                : r.render(CommandOutput(tables: [Table(columns: Self.columns, rows: rows)]))
            let (text, pieces) = try Self.streamed(r, rows)
            if format.0 == .table && count > Renderer.streamChunk {
                // A screen table too long to hold is paged: the same lines once the widths stop growing.
                #expect(text.split(separator: "\n").count == whole.split(separator: "\n").count)
                continue
            }
            #expect(text == whole, "\(format) \(count) \(language)")
            // Big listings go out in several pieces, not as one string.
            if count > Renderer.streamChunk { #expect(pieces >= 3) }
        }
    }

    /// A titled stream with JSON around its rows and a closing sentence (`accountability`): the title and header as
    /// a whole table's, the rows, then the sentence; JSON is `{head…, "rows": […], tail…}`.
    @Test(arguments: [OutputFormat.csv, .json, .md, .table], [0, 3, Renderer.streamChunk])
    func titledStreamWithFooter(format: OutputFormat, count: Int) throws {
        let r = Renderer(language: .zh, format: format)
        let rows = Self.rows(count)
        let title = Localized(zh: "逾期时限", en: "Late limits")
        let footer = [Localized(zh: "共 \(count) 项。", en: "\(count) in all.")]
        let (text, _) = try Self.streamed(r, rows, title: title, keyed: true, footer: footer)
        let expected: String
        switch format {
        case .json:
            expected = JSONWriter.write(.object([("from", .string("2020-01-01")), ("rows", .array(rows.map { Self.json($0, r) })),
                                                 ("count", .int(count))])) + "\n"
        case .csv:
            expected = r.render(CommandOutput(tables: [Table(title: title, columns: Self.columns, rows: rows)]))
        case .table, .md:
            expected = r.render(CommandOutput(tables: [Table(title: title, columns: Self.columns, rows: rows)])) + "\n共 \(count) 项。\n"
        }
        #expect(text == expected)
    }

    /// Messages and tables before a stream come first, then the stream (in CSV, one BOM at the very start).
    @Test(arguments: [(OutputFormat.csv, true), (.md, false), (.table, false), (.json, false)])
    func tablesBeforeTheStream(format: (OutputFormat, Bool)) throws {
        let r = Renderer(language: .en, format: format.0, bom: format.1)
        let head = Table(columns: [Column("k", Localized(zh: "键", en: "key"))], rows: [[.text("a")]])
        var o = CommandOutput(tables: [head])
        o.stream = RowStream(columns: Self.columns) { asJSON, emit in
            for row in Self.rows(2) { emit(asJSON ? .json(Self.json(row, r)) : .cells(row)) }
        }
        var out = ""
        try r.render(o) { out += $0 }
        var plain = r
        plain.bom = false
        let stream = try Self.streamed(plain, Self.rows(2)).text
        switch format.0 {
        case .json: #expect(out == stream)
        case .csv: #expect(out == "\u{FEFF}" + plain.csv(head) + "\n" + stream)
        case .table, .md: #expect(out == r.render(CommandOutput(tables: [head])) + "\n" + stream)
        }
    }

    /// `overdue` as an export (and with `--all` on a screen) is streamed from the due index: the same bytes as the
    /// whole table of the same entries, on SQLite (a cursor), in memory and on PostgreSQL (the listed default).
    @Test(arguments: TestShell.Backend.available, [(OutputFormat.csv, ""), (.json, ""), (.md, ""), (.table, " --all")])
    func overdueStreamsTheWholeTable(backend: TestShell.Backend, format: (OutputFormat, String)) throws {
        let t = TestShell(backend: backend)
        let titles = ["水质 \"浑浊\"", "=cmd|' /C calc'!A0", "两行 a,b", "停水"]
        for (i, title) in titles.enumerated() {
            t.run("collect \(JSONWriter.write(.string(title))) --url https://weibo.com/o\(i) --source weibo")
        }
        t.run("claim C1 --dept police")
        t.clock.advance(.hours(30))
        let entries = try t.ws.read { try $0.openDues(before: t.session.now(), limit: nil) }
        #expect(entries.count >= titles.count)
        let whole = try ListQueries.dueTable(entries, ws: t.ws, session: t.session)
        let expected = Renderer(language: t.session.language, format: format.0).render(whole)
        let r = t.run("overdue --format \(format.0.rawValue)\(format.1)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out == expected)
    }

    /// A screen table longer than a page, on a terminal: every line fits the width (the first page's fitted layout
    /// holds for the later pages, whose cells are cut or wrapped to it), the header and the rule are printed once,
    /// and ids and numbers keep room to grow (a later, longer case id is not cut).
    @Test(arguments: [Language.zh, .en], [60, 80])
    func longScreenTableFitsTheTerminal(language: Language, width: Int) throws {
        let r = Renderer(language: language, format: .table, width: width)
        var rows = Self.rows(2 * Renderer.streamChunk + 3)
        rows[Renderer.streamChunk + 5][1] = .text(String(repeating: "很长的标题", count: 12))
        rows[rows.count - 1][0] = .id(EntityID(.caseFile, 1_234_567))
        let (text, _) = try Self.streamed(r, rows)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for line in lines { #expect(DisplayWidth.of(line) <= width, "\(line)") }
        #expect(lines.filter { $0.hasPrefix("--") }.count == 1)
        // Ids keep room to grow: the last row's id is whole, not cut to the first page's widths.
        #expect(lines.contains { $0.hasPrefix("C1234567 ") })
        #expect(!text.contains("C123…"))
    }

    /// `accountability` on a projector's widths, zh and en: no line is wider than the terminal, and the columns
    /// left out are the ones ranked to go (the article first, the evidence next).
    @Test(arguments: [Language.zh, .en], [80, 110, 160])
    func accountabilityFitsTheTerminal(language: Language, width: Int) throws {
        let t = TestShell(lang: language)
        t.run("dept contact police --leader 刘建军 --staff 李娜")
        for i in 1...3 { t.run("collect 网传某镇卫生院春节停诊\(i) --url https://weibo.com/a\(i) --source weibo") }
        t.clock.advance(.hours(30))
        t.run("claim C1 --dept police")
        t.clock.advance(.hours(30))
        let sink = BufferSink(isTerminal: true, width: width)
        _ = Interpreter().run(source: "accountability", file: "<test>", session: t.session, keepGoing: false, output: sink)
        let text = sink.stdout
        #expect(text.contains("C1") && text.contains("C3"), "\(sink.stderr)")
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(line) <= width, "\(width): \(line)") }
        // The header is the line above the dashes (the title and the note of the columns left out come first).
        let lines = text.split(separator: "\n")
        let header = try #require(lines.firstIndex { $0.contains("--") && $0.allSatisfy { $0 == "-" || $0 == " " } }.map { lines[$0 - 1] }, "\(text)")
        #expect(header.contains(language == .zh ? "责任部门" : "department"))
        #expect(!header.contains(language == .zh ? "条款" : "article") || width >= 160)
    }

    /// `extensions` (and `--all`) is streamed from the store's index of applications: the same bytes as the whole
    /// table of the same applications, in every format, on every backend; none pending is still a sentence.
    @Test(arguments: TestShell.Backend.available, [OutputFormat.table, .csv, .json, .md])
    func extensionsStreamTheWholeTable(backend: TestShell.Backend, format: OutputFormat) throws {
        let t = TestShell(lang: .zh, backend: backend)
        let none = t.run("extensions --format \(format.rawValue)")
        #expect(none.failures == 0 && (none.out + none.err).contains("没有待审批的延期申请"))
        let reasons = ["涉及多个部门，需调取历史档案", "=cmd|' /C calc'!A0", "两行\n原因", "a,b \"引号\""]
        for (i, reason) in reasons.enumerated() {
            t.run("collect 停水\(i) --url https://weibo.com/x\(i) --source weibo")
            t.run("claim C\(i + 1) --dept police")
            t.run("as 李娜 --role liaison --dept police")
            t.run("extend C\(i + 1) --days \(i + 1) --reason \(JSONWriter.write(.string(reason)))")
            t.run("as 王敏 --role coordinator --dept open-gov")
        }
        t.run("extend approve X1")
        t.run("extend reject X2 --reason 可在时限内完成")
        for all in [false, true] {
            let requests = try t.ws.read { try $0.extensionRequests(all: all) }
            #expect(requests.count == (all ? 4 : 2))
            let whole = CommandOutput(tables: [Table(title: Localized(zh: "延期申请", en: "Extension applications"),
                                                     columns: JudgeVerbs.Extensions.columns,
                                                     rows: requests.map { JudgeVerbs.Extensions.cells($0, ws: t.ws, lang: .zh) })])
            let expected = Renderer(language: .zh, format: format).render(whole)
            let r = t.run("extensions\(all ? " --all" : "") --format \(format.rawValue)")
            #expect(r.failures == 0, "\(r.err)")
            #expect(r.out == expected)
        }
    }

    /// `accountability` names departments and people inside the due index's cursor: with no directory read yet (a
    /// fresh shell) it must not read the store there (SQLite's pool is not reentrant: the shell crashed). Every
    /// format lists the same late limit, with the people from the directory.
    @Test(arguments: TestShell.Backend.available, [OutputFormat.table, .csv, .json, .md])
    func accountabilityWithNoDirectoryRead(backend: TestShell.Backend, format: OutputFormat) throws {
        let t = TestShell(backend: backend)
        t.run("dept contact police --leader 刘建军 --staff 李娜")
        t.run("collect 水质 --url https://weibo.com/a1 --source weibo")
        t.clock.advance(.hours(5))
        t.run("claim C1 --dept police")
        t.ws.invalidateDirectory()
        let r = t.run("accountability --format \(format.rawValue)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("刘建军"))
    }

    /// A read inside a read (the directory looked up while a cursor is open) uses the outer read's reader: on
    /// SQLite a second read on the same thread killed the process.
    @Test(arguments: TestShell.Backend.available)
    func aReadInsideAReadUsesTheOuterReader(backend: TestShell.Backend) throws {
        let t = TestShell(backend: backend)
        t.run("dept contact police --leader 刘建军 --staff 李娜")
        t.ws.invalidateDirectory()
        let leader = try t.ws.read { _ in try t.ws.directory().find("police")?.leader }
        #expect(leader == "刘建军")
    }

    /// On a SQLite store, in a script: the answers before the listing come first and are stored, the listing is
    /// the bytes the table path gives, and the script goes on after it.
    @Test(arguments: [OutputFormat.csv, .json, .md])
    func scriptOnSQLite(format: OutputFormat) throws {
        let (session, ws, _) = try FailedCommitTests.shell(failCommit: nil)
        let titles = ["水质 \"浑浊\"", "=cmd|' /C calc'!A0", "两行\n文本", "a,b"]
        let collects = titles.map { "collect \(JSONWriter.write(.string($0))) --source weibo" }.joined(separator: "\n")
        let (sink, result) = FailedCommitTests.run(collects + "\ncases --format \(format.rawValue)\necho 完", session)
        #expect(result.exitCode == 0, "\(sink.stderr)")
        let stored = try ws.read { try $0.cases(CaseQuery(order: [(CaseField.id, false)], now: session.now())) }
        #expect(stored.count == titles.count)
        let r = Renderer(language: session.language, format: format)
        let listing = format == .json
            ? r.render(CommandOutput(json: .array(stored.map(CaseJSON.summary))))
            : r.render(CommandOutput(tables: [Table(columns: CaseColumns.columns,
                                                    rows: stored.map { CaseColumns.row($0, ws, session.language) })]))
        let out = sink.stdout
        guard let at = out.range(of: listing) else {
            Issue.record("listing not found in:\n\(out)\nexpected:\n\(listing)")
            return
        }
        // Every collect answered (naming its case) before the listing, and the echo after it.
        for n in 1...titles.count { #expect(out[..<at.lowerBound].contains("C\(n)")) }
        #expect(out[at.upperBound...] == "完\n")
    }

    /// The commit before a listing fails: nothing of the batch, the listing included, is shown.
    @Test func failedCommitBeforeListingShowsNothing() throws {
        let (session, _, _) = try FailedCommitTests.shell(failCommit: 1)
        let (sink, result) = FailedCommitTests.run("collect 甲 --source weibo\ncases --format csv", session)
        #expect(result.exitCode == ExitCode.internalFailure)
        #expect(sink.stdout == "")
        #expect(sink.stderr.contains("the store failed"))
    }
}
