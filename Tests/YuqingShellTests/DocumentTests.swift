import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore
import ZIPFoundation

/// Every official document in both languages: Markdown and HTML compared with golden files under
/// `Tests/DocumentGoldens/` (YUQING_UPDATE_GOLDEN=1 rewrites them; read the diff before committing), the HTML parsed as
/// XML, the .docx unzipped and each of its XML parts parsed.
@Suite(.serialized) struct DocumentTests {
    static let goldens = DocumentSamples.root.appendingPathComponent("Tests/DocumentGoldens")

    static let cases: [(DocumentKind, Language)] = DocumentKind.allCases.flatMap { k in [(k, Language.zh), (k, .en)] }

    static func golden(_ name: String, _ text: String) {
        let url = goldens.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["YUQING_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: goldens, withIntermediateDirectories: true)
            try? text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing \(name)>"
        #expect(text == expected, "\(name) differs from its golden file")
    }

    @Test(arguments: cases)
    func markdownAndHTMLMatchTheirGoldenFiles(_ kind: DocumentKind, _ lang: Language) throws {
        let doc = try DocumentSamples.document(kind, lang)
        Self.golden("\(kind.rawValue).\(lang.rawValue).md", doc.text(.markdown) ?? "")
        // The stylesheet is the same in every document: compared once, in stylesheet.css.
        let html = doc.text(.html) ?? ""
        #expect(html.contains(HTMLWriter.stylesheet))
        Self.golden("\(kind.rawValue).\(lang.rawValue).html", html.replacing(HTMLWriter.stylesheet, with: "/* stylesheet.css */"))
    }

    @Test func stylesheetMatchesItsGoldenFile() {
        Self.golden("stylesheet.css", HTMLWriter.stylesheet + "\n")
    }

    @Test(arguments: cases)
    func htmlIsWellFormed(_ kind: DocumentKind, _ lang: Language) throws {
        let html = try #require(try DocumentSamples.document(kind, lang).text(.html))
        let problem = XMLCheck.parse(Data(html.utf8))
        #expect(problem == nil, "\(kind) \(lang): \(problem ?? "")")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""))
        #expect(html.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"))
    }

    @Test(arguments: cases)
    func docxOpensAndEveryPartParses(_ kind: DocumentKind, _ lang: Language) throws {
        let doc = try DocumentSamples.document(kind, lang)
        let data = try DocxArchive.data(doc)
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        for required in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"] {
            #expect(parts[required] != nil, "missing \(required)")
        }
        for (path, bytes) in parts {
            let problem = XMLCheck.parse(bytes)
            #expect(problem == nil, "\(kind) \(lang) \(path): \(problem ?? "")")
        }
        // Every part a relationship names is in the package.
        let rels = String(decoding: parts["word/_rels/document.xml.rels"] ?? Data(), as: UTF8.self)
        for target in XMLCheck.attributes("Target", in: rels) where !target.hasPrefix("http") {
            #expect(parts["word/" + target] != nil, "the relationship to \(target) has no part")
        }
        let body = String(decoding: parts["word/document.xml"] ?? Data(), as: UTF8.self)
        #expect(body.contains("w:color w:val=\"FF0000\"") || body.contains("w:color=\"FF0000\""), "the red rule")
        #expect(body.contains(XMLText.escape(PageLayout.titleLines(doc.title)[0])))
        #expect(body.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        // Latin text (times, numbers, codes) is tagged as Latin text: tagged zh-CN it was broken anywhere.
        let styles = String(decoding: parts["word/styles.xml"] ?? Data(), as: UTF8.self)
        #expect(styles.contains("<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\""), "\(kind) \(lang)")
        if let n = doc.header.number { #expect(body.contains(n.text(lang))) }
        // The same document gives the same bytes.
        #expect(try DocxArchive.data(doc) == data)
    }

    /// The special report's time limits left out 报送市领导 (Art. 8 ¶3: the coordinators report a major sensitive case
    /// to the city leaders within 2 hours), "this report being it": the leaders read when it was due and whether it
    /// was kept nowhere. Every limit of the case is a row, with its article.
    @Test(arguments: [Language.zh, .en])
    func theSpecialReportListsEveryTimeLimitOfTheCase(_ lang: Language) throws {
        let text = try #require(try DocumentSamples.document(.special, lang).text(.markdown))
        let ws = DocumentSamples.meeting.ws
        let c = try ws.caseFile(EntityID(.caseFile, 2))
        let limits = ws.obligations(c, now: DocumentSamples.meeting.clock.now()).filter { !$0.optional }
        #expect(limits.contains { $0.ruleID == "escalate" })
        let section = try #require(text.components(separatedBy: lang == .zh ? "## 六、办理时限" : "## 6. Deadlines").last?
            .components(separatedBy: "\n## ").first)
        for o in limits {
            let cite = (ws.policy.rule(o.ruleID)?.citation ?? Article.cite(o.article)).text(lang)
            #expect(section.contains("| \(o.title.text(lang))") && section.contains(cite), "\(o.ruleID) \(cite): \(section)")
        }
        #expect(section.contains(lang == .zh ? "| 报送市领导 | 2019-12-30 11:55 | 第八条第三款 | 按时完成 |" : "Art. 8 ¶3"), "\(section)")
    }

    // MARK: the layout's arithmetic
    // MARK: the layout's arithmetic

    @Test func signatureFollowsGBT9704() {
        // Names two characters from the right; the date two characters right of the names, unless that runs past
        // the two-character margin: then the date keeps the margin and the names move left.
        let (names, date) = PageLayout.signatureIndents(names: ["政务公开办", "网宣办"], date: "2019年12月30日")
        #expect(date + DocumentText.width("2019年12月30日") == 26)
        #expect(names == date - 2)
        let long = PageLayout.signatureIndents(names: ["明光市人民政府办公室政务公开科"], date: "2020年1月3日")
        #expect(long.names + 15 == 26)
        #expect(long.date == long.names + 2)
    }

    @Test func titlesBreakIntoBalancedLines() {
        #expect(PageLayout.titleLines("关于XX小区水质的舆情会商研判会议纪要") == ["关于XX小区水质的舆情会商研判会议纪要"])
        #expect(PageLayout.titleLines("关于“XX路段发生交通事故，网传多人受伤”舆情的专报") == ["关于“XX路段发生交通事故，", "网传多人受伤”舆情的专报"])
        #expect(PageLayout.titleLines("演练评估报告：滨江路夜间交通事故视频舆情处置演练") == ["演练评估报告：", "滨江路夜间交通事故视频舆情处置演练"])
        // Latin words are not cut.
        for line in PageLayout.titleLines("Minutes of the Joint Consultation on “网传某小区自来水发黄” and 1 other case") {
            #expect(!line.hasSuffix("Consul") && !line.hasPrefix("tation"))
        }
    }

    @Test func numbersAndTimesKeepTheirColumnsWide() {
        let t = DocumentTable(headers: ["部门", "应完成", "逾期"], rows: [["市政府办", "2020-01-03 18:30", "1,500"]])
        let f = PageLayout.columnFractions(t)
        #expect(f.count == 3)
        #expect(abs(f.reduce(0, +) - 1) < 0.0001)
        // Every column at least as wide as its longest unbreakable run.
        let available = 156 / 25.4 * 72 / 12.0
        #expect(f[1] * available >= PageLayout.longestRun("2020-01-03", header: false))
        #expect(f[2] * available >= PageLayout.longestRun("1,500", header: false))
    }

    /// Control characters XML does not allow are shown as visible text (as on the screen), no longer dropped
    /// silently; a bidi override too.
    @Test func xmlTextIsEscapedAndControlCharactersShown() {
        #expect(XMLText.escape("a<b>&\"c\u{1}d\u{FFFE}\u{202E}") == "a&lt;b&gt;&amp;&quot;c\\x01d\\u{202E}")
        let doc = OfficialDocument(kind: .daily, title: "<x>\u{7}", language: .zh, blocks: [.paragraph("A & B `code` <i>")])
        #expect(XMLCheck.parse(Data((doc.text(.html) ?? "").utf8)) == nil)
        #expect(DocxWriter.parts(doc).allSatisfy { XMLCheck.parse(Data($0.xml.utf8)) == nil })
    }

    /// The chain head at the foot of the daily log and the monthly report (a 64-digit hash) stretched the line
    /// before it across the page (`事 件 链 ： 打 印 时 共`): such a paragraph is set flush left, others stay justified.
    @Test func aParagraphWithAWordLongerThanALineIsFlushLeft() {
        let head = "事件链：打印时共 2393 条事件，链头 2393:" + String(repeating: "bc192c7c", count: 8) + "。"
        let doc = OfficialDocument(kind: .daily, title: "舆情日志", language: .zh, blocks: [.paragraph(head), .paragraph("普通段落。")])
        let html = doc.text(.html) ?? ""
        #expect(html.contains("<p style=\"text-align: left\">事件链："), "\(html)")
        #expect(html.contains("<p>普通段落。</p>"), "\(html)")
        let body = DocxWriter.parts(doc).first { $0.path == "word/document.xml" }?.xml ?? ""
        #expect(body.contains("<w:jc w:val=\"left\"/></w:pPr><w:r><w:t xml:space=\"preserve\">事件链"), "\(body)")
        #expect(body.contains("<w:pStyle w:val=\"BodyText\"/></w:pPr><w:r><w:t xml:space=\"preserve\">普通段落"), "\(body)")
    }

    // MARK: --out and --format

    @Test(arguments: [
        ("纪要.md", nil, DocumentFormat.markdown), ("纪要.HTML", nil, .html), ("a.htm", nil, .html), ("a.docx", nil, .docx),
        ("a", .docx, .docx), ("a.html", .html, .html),
    ] as [(String, DocumentFormat?, DocumentFormat)])
    func outChoosesTheFormatByExtension(_ out: String, _ format: DocumentFormat?, _ expected: DocumentFormat) throws {
        let t = try DocumentTarget.resolve(out: out, outRange: nil, format: format, formatRange: nil, verbRange: nil)
        #expect(t.format == expected)
    }

    @Test(arguments: [
        ("a.pdf", nil, "cannot write a “.pdf” file"), ("a.md", .html, "does not match"), (nil, .docx, "can only be written to a file"),
        ("a", nil, "cannot tell the format"),
    ] as [(String?, DocumentFormat?, String)])
    func outRefusesWhatItCannotWrite(_ out: String?, _ format: DocumentFormat?, _ message: String) {
        do {
            _ = try DocumentTarget.resolve(out: out, outRange: nil, format: format, formatRange: nil, verbRange: nil)
            Issue.record("accepted \(out ?? "-") \(format?.rawValue ?? "-")")
        } catch {
            #expect(error.message.en.contains(message), "\(error.message.en)")
            #expect(!error.message.zh.isEmpty && error.message.zh != error.message.en)
        }
    }

    // MARK: numbers

    @Test func numbersNeverRepeatAndAFailedWriteLeavesTheNumberUnused() throws {
        let t = TestShell(at: "2020-01-03T10:00", lang: .zh)
        let doc = { (n: DocumentNumber?) in OfficialDocument(kind: .special, title: n?.text(.zh) ?? "", language: .zh) }
        let screen = DocumentTarget(path: nil, range: nil, format: .markdown)
        func issue(_ key: String, year: Int, _ target: DocumentTarget = screen) throws -> String {
            try target.issue(t.ws, kind: .special, key: key, year: year, what: Localized("x"), build: doc).document ?? ""
        }
        #expect(try issue("C1", year: 2020) == "# 明舆专〔2020〕1号\n")
        #expect(try issue("C2", year: 2020) == "# 明舆专〔2020〕2号\n")
        // The same case keeps its number.
        #expect(try issue("C1", year: 2020) == "# 明舆专〔2020〕1号\n")
        // A file that cannot be written takes no number.
        let bad = DocumentTarget(path: "/nonexistent-dir/x.md", range: nil, format: .markdown)
        #expect(throws: ShellError.self) { try issue("C3", year: 2020, bad) }
        #expect(try issue("C3", year: 2020) == "# 明舆专〔2020〕3号\n")
        // A new year starts again at 1; other kinds count on their own.
        #expect(try issue("C4", year: 2021) == "# 明舆专〔2021〕1号\n")
        let minutes = try screen.issue(t.ws, kind: .minutes, key: "M1", year: 2020, what: Localized("x")) { n in
            OfficialDocument(kind: .minutes, title: n?.text(.zh) ?? "", language: .zh)
        }
        #expect(minutes.document == "# 明舆纪〔2020〕1号\n")
    }
}

/// Parses XML with Foundation's XMLParser and says what is wrong, if anything.
enum XMLCheck {
    static func parse(_ data: Data) -> String? {
        let parser = XMLParser(data: data)
        if parser.parse() { return nil }
        return "line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "not well-formed")"
    }

    /// The values of an attribute, by a plain scan (enough for relationship files).
    static func attributes(_ name: String, in xml: String) -> [String] {
        xml.split(separator: " \(name)=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }
}

/// `--out` writes atomically (a new file renamed over the old one): over a device or a pipe that replaced the device
/// itself — a test writing `--out /dev/null` as root turned the machine's /dev/null into a regular file (accept14).
/// Only regular files are written over; a pipe is refused and left as it was.
@Suite struct OutOverASpecialFileTests {
    @Test func aPipeIsNotReplaced() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.md").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let t = TestShell(at: "2019-12-27T15:00")
        let r = t.run("report daily 2019-12-27 --out \(fifo) --format md")
        #expect(r.failures == 1)
        #expect(r.err.contains("it is not a regular file"), "\(r.err)")
        var st = stat()
        #expect(stat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO)
    }
}
