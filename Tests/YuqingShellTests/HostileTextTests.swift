import Foundation
import Testing
import YuqingCore
@testable import YuqingShell

/// Text from an attacker or a careless paste: refused at the edge when it cannot be right (NUL, invalid UTF-8,
/// sizes), kept but shown escaped when it is only dangerous to a terminal (controls, bidi), neutralised in CSV.
@Suite struct HostileTextTests {
    static let hostile: [(String, String)] = [
        ("清屏\u{1B}[2J", "清屏\\x1B[2J"),
        ("改标题\u{1B}]0;pwned\u{07}", "改标题\\x1B]0;pwned\\x07"),
        ("退格\u{08}\u{08}", "退格\\x08\\x08"),
        ("回车\r伪造", "回车\\x0D伪造"),
        ("反向\u{202E}txt.exe", "反向\\u{202E}txt.exe"),
        ("隔离\u{2066}x\u{2069}", "隔离\\u{2066}x\\u{2069}"),
        ("C1\u{9B}31m", "C1\\x9B31m"),
        ("删除\u{7F}", "删除\\x7F"),
    ]

    /// No character a terminal would act on is left, once yuqing's own colour sequences are taken out.
    static func raw(_ s: String) -> Bool {
        let plain = s.replacingOccurrences(of: "\u{1B}[0m", with: "").replacingOccurrences(of: "\u{1B}[1m", with: "")
            .replacingOccurrences(of: "\u{1B}[1;31m", with: "").replacingOccurrences(of: "\u{1B}[36m", with: "")
            .replacingOccurrences(of: "\u{1B}[1;32m", with: "")
        return plain.unicodeScalars.contains(where: TerminalText.isUnsafe)
    }

    @Test(arguments: hostile)
    func titlesAreStoredExactlyButShownEscaped(_ title: String, _ shown: String) throws {
        let sh = TestShell()
        let quoted = "\"" + title.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        let r = sh.run("collect \(quoted) --source weibo\ncases\nshow C1\ntimeline C1\ncases --format md\ncases --format json")
        #expect(r.failures == 0, "\(r.err)")
        #expect(sh.caseFile(1)?.title == title)
        #expect(!Self.raw(r.out))
        #expect(r.out.contains(shown))
        // JSON keeps the exact string for a JSON reader.
        let json = sh.run("cases --format json").out
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.first?["title"] as? String == title)
    }

    @Test(arguments: hostile)
    func errorsShowWhatWasTypedEscapedWithCaretsAligned(_ text: String, _ shown: String) {
        let sh = TestShell()
        let r = sh.run("claim \"\(text)\"")
        #expect(r.failures == 1)
        #expect(!Self.raw(r.err))
        #expect(r.err.contains(shown))
        let lines = r.err.split(separator: "\n", omittingEmptySubsequences: false)
        // The caret line starts under the quote and covers the escaped word.
        if lines.count > 2 {
            #expect(lines[2].hasPrefix("      ^"))
            #expect(DisplayWidth.of(lines[2]) == DisplayWidth.of(lines[1]), "\(lines[1])\n\(lines[2])")
        }
    }

    @Test func colouredErrorsStillEscapeTheUsersText() {
        let e = ShellError(Localized("unknown `\u{1B}[2J`"), range: SourceRange(file: "t.yq", line: 1, column: 1, length: 1))
        let out = Diagnostics.render(e, line: "x\u{1B}[2J", language: .en, color: true)
        #expect(!Self.raw(out))
        #expect(out.contains("\\x1B[2J"))
    }

    /// Documents written to a file show control and bidi characters escaped too, as the screen does. Before, the
    /// Markdown minutes kept `ESC[2J`, an OSC title sequence and U+202E raw (a `cat` of the file ran them), and HTML
    /// kept U+202E (reordering what the reader sees) while dropping the C0 controls silently.
    @Test(arguments: ["md", "html"])
    func documentsWrittenToFilesShowControlsEscaped(_ ext: String) throws {
        let sh = TestShell(lang: .zh)
        sh.run("collect \"网传某小区自来水发黄\" --url https://weibo.com/1 --source weibo")
        #expect(sh.run("meeting open 会商 --cases C1").failures == 0)
        #expect(sh.run("say \"恶意\u{1B}[2J\u{1B}]0;pwn\u{07}\u{202E}RTL\"").failures == 0)
        sh.run("meeting close")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("yq-hostile-\(UUID().uuidString).\(ext)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = sh.run("meeting minutes M1 --out \(path)")
        #expect(r.failures == 0, "\(r.err)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" }, "a control character was written raw")
        #expect(text.contains("恶意\\x1B[2J\\x1B]0;pwn\\x07\\u{202E}RTL"), "\(text)")
    }

    /// A case title or a remark holding Markdown was written into Markdown documents and tables as live markup: a
    /// reader (or a wiki, a mail client) showed `<b>` as bold, `*…*` as italics, `[…](…)` as a link, backticks as code
    /// and `|` as a new column. Every Markdown document and table now shows them as text; HTML and .docx show a typed
    /// backtick as a backtick (it made a code span there too).
    static let markup = "<b>粗体</b> *星* _下_ [链接](http://evil.example) `代码` a|b ~~删~~ &amp;"
    static let markupEscaped = "\\<b\\>粗体\\</b\\> \\*星\\* \\_下\\_ [链接\\](http://evil.example) \\`代码\\` a\\|b \\~\\~删\\~\\~ \\&amp;"

    @Test(arguments: ["minutes", "special", "cases"])
    func markdownShowsTitlesAndRemarksAsText(_ what: String) throws {
        let sh = TestShell(lang: .zh)
        let quoted = "'" + Self.markup + "'"
        #expect(sh.run("collect \(quoted) --url https://weibo.com/1 --source weibo").failures == 0)
        #expect(sh.run("meeting open \(quoted) --cases C1").failures == 0)
        #expect(sh.run("say 'C1 # 标题 - 项 1. 列 <script>x</script>'").failures == 0)
        sh.run("meeting close")
        let command = ["minutes": "meeting minutes M1 --format md", "special": "report special C1 --format md",
                       "cases": "cases --format md"][what] ?? ""
        let r = sh.run(command)
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains(Self.markupEscaped), "\(r.out)")
        for live in ["<b>", "*星*", "_下_", "`代码`", "a|b", "<script>"] {
            #expect(!r.out.contains(live), "\(live) left as markup in \(what):\n\(r.out)")
        }
        #expect(r.out.range(of: #"[^\\]\]\("#, options: .regularExpression) == nil, "a link left in \(what):\n\(r.out)")
        if what == "minutes" {
            #expect(r.out.contains("C1 # 标题 - 项 1. 列 \\<script\\>x\\</script\\>"), "\(r.out)")
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("yq-markup-\(UUID().uuidString).html").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(sh.run("meeting minutes M1 --out \(path)").failures == 0)
            let html = try String(contentsOfFile: path, encoding: .utf8)
            #expect(html.contains("`代码`") && !html.contains("<code>代码"), "a typed backtick made a code span in HTML")
        }
    }

    /// On a real clock a case is collected at 10:00:37 and its deadlines fall on seconds: the minutes and the special
    /// report printed `2020-01-06 11:00:37` (the screen says 11:00), the monthly report and the daily log
    /// 截至 2026-12-01 01:31:13 and `--as-of 2026-12-01T01:31:13`. Documents give minutes only.
    @Test(arguments: ["meeting minutes M1", "report special C1", "report monthly 2020-01", "report daily"], [Language.zh, .en])
    func documentsShowTimesToTheMinute(_ command: String, _ lang: Language) {
        let sh = TestShell(at: "2020-01-06T10:00", lang: lang)
        sh.clock.advance(Span(seconds: 37))
        #expect(sh.run("collect 网传某小区自来水发黄 --url https://weibo.com/1 --source weibo\nclaim C1 --dept police").failures == 0)
        #expect(sh.run("meeting open 会商 --cases C1\nmeeting close").failures == 0)
        let r = sh.run(command + " --format md")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("2020-01-06 10:00") || r.out.contains("2020-01-06 12:00"), "\(r.out)")
        #expect(r.out.range(of: #"\d\d:\d\d:\d\d"#, options: .regularExpression) == nil, "a time with seconds:\n\(r.out)")
    }

    /// The start-up board said 现在 2026-12-01 01:38:10 on the real clock; the screen gives minutes.
    @Test func theBoardGivesNowToTheMinute() {
        let sh = TestShell(at: "2020-01-06T10:00", lang: .zh)
        sh.clock.advance(Span(seconds: 37))
        let board = Board.lines(sh.ws, sh.session).joined(separator: "\n")
        #expect(board.contains("现在 2020-01-06 10:00。"), "\(board)")
    }

    /// `meeting show --format md` printed its plain-text summary into Markdown, the title's `<b>` and `*…*` live; text
    /// that is not Markdown is fenced there (official documents and the command reference are Markdown already).
    @Test func plainDocumentsAreFencedInMarkdown() {
        let sh = TestShell(lang: .zh)
        #expect(sh.run("collect '\(Self.markup)' --url https://weibo.com/1 --source weibo").failures == 0)
        #expect(sh.run("meeting open 会商 --cases C1").failures == 0)
        let r = sh.run("meeting show --format md")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.hasPrefix("```text\n") || r.out.contains("\n```text\n"), "\(r.out)")
        #expect(r.out.hasSuffix("```\n"), "\(r.out)")
        #expect(Renderer.fenced("a ```` b\n") == "`````text\na ```` b\n`````\n")
        let minutes = sh.run("meeting minutes --format md").out
        #expect(!minutes.contains("```text"), "\(minutes)")
    }

    @Test func markdownEscapingLeavesYuqingsOwnTextAsItWas() {
        // The brackets yuqing writes (`[E1 按时完成]`) and numbers in cells keep their bytes (a drill log's report
        // hash is of the Markdown); the document's own code spans stay code.
        #expect(MarkdownText.escape("〔仅发给 市公安局〕[E1 按时完成] 反馈", lineStart: true) == "〔仅发给 市公安局〕[E1 按时完成] 反馈")
        #expect(MarkdownText.escape("-5", lineStart: false) == "-5")
        #expect(MarkdownText.escape("-5", lineStart: true) == "\\-5")
        #expect(MarkdownText.escape("2. 项", lineStart: true) == "2\\. 项")
        #expect(MarkdownText.escape("[x]: http://e", lineStart: true) == "\\[x\\]: http://e")
        #expect(MarkdownText.escape("陈静 ________________", lineStart: false) == "陈静 ________________")
        #expect(MarkdownText.escape("snake_case", lineStart: false) == "snake_case")
        #expect(MarkdownText.escape("_下_ __粗__", lineStart: false) == "\\_下\\_ \\_\\_粗\\_\\_")
        #expect(MarkdownText.escape("___", lineStart: true) == "\\___")
        let wechat = "https://mp.weixin.qq.com/s?__biz=MzA5NjM4NDYwMA==&mid=2650012345&idx=1"
        #expect(MarkdownText.inline(wechat, lineStart: false) == wechat)
        let doc = OfficialDocument(kind: .daily, title: "t", language: .en,
                                   blocks: [.paragraph("see \(DocumentText.code("abc")) and `x`")])
        #expect(doc.text(.markdown)?.contains("see `abc` and \\`x\\`") == true, "\(doc.text(.markdown) ?? "")")
        #expect(doc.text(.html)?.contains("see <code>abc</code> and `x`") == true)
    }

    @Test func thePromptShowsNamesEscaped() throws {
        let sh = TestShell()
        #expect(sh.run("as \"张\u{1B}]0;x\u{07}三\" --role coordinator --dept open-gov").failures == 0)
        #expect(!TerminalText.escape(sh.session.prompt).unicodeScalars.contains(where: TerminalText.isUnsafe))
        #expect(sh.session.prompt.contains("张\\x1B]0;x\\x07三"))
    }

    /// A CSV file opened in a spreadsheet gets no raw control or bidi character: they are written as a screen shows
    /// them, in the whole export and the streamed one alike; the store keeps the title as collected.
    @Test(arguments: ["", " --all"])
    func csvShowsControlAndBidiCharactersEscaped(_ all: String) {
        let sh = TestShell()
        let title = "abc\u{202E}fed\u{1B}[2J"
        #expect(sh.run("collect \"\(title)\" --source weibo").failures == 0)
        for command in ["cases --format csv", "overdue --format csv\(all)", "due --format csv\(all)"] {
            let out = sh.run(command).out
            #expect(!out.unicodeScalars.contains { VisibleText.isUnsafe($0) && $0 != "\n" }, "\(command): \(out.debugDescription)")
        }
        #expect(sh.run("cases --format csv").out.contains("abc\\u{202E}fed\\x1B[2J"))
        #expect(sh.caseFile(1)?.title == title)
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://evil\",\"点我\")", "'=HYPERLINK"),
        ("@SUM(A1:A9)", "'@SUM"),
        ("+86 123", "'+86"),
        ("-1+1", "'-1+1"),
        ("\t=1", "'\t=1"),
        ("正常标题", "正常标题"),
    ])
    func csvCellsThatWouldRunAsFormulasAreNeutralised(_ title: String, _ cell: String) {
        let sh = TestShell()
        let quoted = "\"" + title.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        #expect(sh.run("collect \(quoted) --source weibo").failures == 0)
        let csv = sh.run("cases --format csv").out
        let row = csv.split(separator: "\n")[1]
        #expect(row.hasPrefix("C1,\(cell)") || row.hasPrefix("C1,\"\(cell.replacingOccurrences(of: "\"", with: "\"\""))"), "\(row)")
        #expect(sh.caseFile(1)?.title == title)
    }

    @Test func theTerminalSinkEscapesWhatNoRendererSaw() {
        #expect(TerminalText.escapeKeepingColors("\u{1B}[1m粗\u{1B}[0m \u{1B}[2J\u{07}") == "\u{1B}[1m粗\u{1B}[0m \\x1B[2J\\x07")
    }

    // MARK: refused at the edge

    static func bytes(_ parts: [Any]) -> Data {
        var d = Data()
        for p in parts {
            if let s = p as? String { d.append(contentsOf: Array(s.utf8)) } else if let b = p as? [UInt8] { d.append(contentsOf: b) }
        }
        return d
    }

    static let badScripts: [(Data, Int, Int, String)] = [
        (bytes(["echo 好\n", [UInt8(0xFF)], "\n"]), 2, 1, "0xFF"),
        (bytes(["echo 你好 ", [UInt8(0xE4), 0xBD], " x\n"]), 1, 9, "0xE4"),
        (bytes(["echo a\necho b\ncollect ", [UInt8(0xC0), 0xAF]]), 3, 9, "0xC0"),
        (bytes(["echo ", [UInt8(0xED), 0xA0, 0x80]]), 1, 6, "0xED"),
        (bytes(["echo a", [UInt8(0)], "b"]), 1, 7, "NUL"),
    ]

    @Test(arguments: badScripts)
    func scriptsThatAreNotUTF8AreRefusedWithTheirPosition(_ data: Data, _ line: Int, _ column: Int, _ what: String) {
        do {
            _ = try SourceText.decode(data, file: "s.yq")
            Issue.record("accepted")
        } catch {
            #expect(error.range?.line == line)
            #expect(error.range?.column == column)
            #expect(error.message.en.contains(what))
        }
    }

    @Test func aByteOrderMarkIsDropped() throws {
        #expect(try SourceText.decode(Data([0xEF, 0xBB, 0xBF]) + Data("echo 好".utf8), file: "s.yq") == "echo 好")
    }

    @Test(arguments: [
        ("collect \"a\u{0}b\" --source weibo", "NUL"),
        ("echo <<END\na\u{0}b\nEND", "NUL"),
        ("collect \"" + String(repeating: "长", count: TextLimits.title + 1) + "\" --source weibo", "title is too long"),
        ("set " + String(repeating: "v", count: TextLimits.name + 1) + " 1", "variable name is too long"),
        ("as " + String(repeating: "名", count: TextLimits.name + 1), "name is too long"),
        // `user add` and `dept add` took names of any length (a 5,000-character name was stored and shown).
        ("user add longname --name " + String(repeating: "名", count: TextLimits.name + 1) + " --role liaison --dept police", "the name is too long"),
        ("dept add longd " + String(repeating: "部", count: TextLimits.name + 1) + " --member", "the department's name is too long"),
        ("dept add longd 长部门 --en " + String(repeating: "D", count: TextLimits.name + 1), "the department's name is too long"),
        ("dept add " + String(repeating: "d", count: TextLimits.name + 1) + " 长部门", "the department code is too long"),
        ("meeting open \"" + String(repeating: "题", count: TextLimits.title + 1) + "\"", "the topic is too long"),
        ("meeting open 会商 --chair " + String(repeating: "名", count: TextLimits.name + 1), "the chair's name is too long"),
        ("echo " + String(repeating: "x", count: TextLimits.line + 1), "line is too long"),
        ("echo <<END\n" + String(repeating: String(repeating: "x", count: 60_000) + "\n", count: 18) + "END", "text block is too long"),
    ])
    func oversizedOrNULInputIsRefusedAndChangesNothing(_ script: String, _ message: String) {
        let sh = TestShell()
        let before = sh.eventCount
        let r = sh.run(script)
        #expect(r.failures == 1)
        #expect(r.err.contains(message), "\(r.err.prefix(300))")
        #expect(sh.eventCount == before)
    }

    @Test func importedRowsWithNULOrAnOverlongTitleAreRefused() throws {
        let sh = TestShell()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("yq-hostile-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let rows: [[String: String]] = [["title": "a\u{0}b", "source": "weibo"],
                                         ["title": String(repeating: "长", count: TextLimits.title + 1), "source": "weibo"],
                                         ["title": "正常", "source": "weibo"]]
        let lines = try rows.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let before = sh.eventCount
        let r = sh.run("collect import \(file.path)")
        #expect(r.failures == 1)
        #expect(r.err.contains("line 1: holds a NUL character"), "\(r.err)")
        #expect(r.err.contains("line 2: the title is too long (1001 characters; at most 1000)"))
        #expect(sh.eventCount == before)
    }

    @Test func expandedArgumentsAreBounded() {
        let sh = TestShell()
        let big = String(repeating: "x", count: 40_000)
        #expect(sh.run("set a \(big)").failures == 0)
        let r = sh.run("echo $a$a")
        #expect(r.failures == 1)
        #expect(r.err.contains("argument is too long (80000 characters; at most 65536)"))
    }
}
