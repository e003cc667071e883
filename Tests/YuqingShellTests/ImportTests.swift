import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// `collect import` on exports shaped like those of monitoring platforms (Tests/Fixtures/import/README.md).
@Suite struct ImportTests {
    static let fixtures: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/import").path
    }()

    static func fixture(_ name: String) -> String { fixtures + "/" + name }

    /// A file in a fresh temporary directory.
    static func temp(_ name: String, _ bytes: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try bytes.write(to: url)
        return url.path
    }

    struct Stored: Equatable {
        var title: String
        var url: String?
        var source: Source
        var collected: Instant
        var metrics: Metrics
        var items: Int
        var author: String?
    }

    func stored(_ shell: TestShell) -> [Stored] {
        (1...8).compactMap { shell.caseFile($0) }.map {
            Stored(title: $0.title, url: $0.url, source: $0.source, collected: $0.collectedAt, metrics: $0.metrics,
                   items: $0.items.count, author: $0.items.first?.author)
        }
    }

    @Test(arguments: ["舆情日报.csv", "舆情日报-gb18030.csv", "舆情日报.jsonl", "舆情日报.xlsx"])
    func everyFormatImportsTheSameCases(_ file: String) {
        let shell = TestShell(at: "2024-03-01T17:00")
        let r = shell.run("collect import \"\(ImportTests.fixture(file))\"")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("Imported 5 rows"), "\(r.out)")
        let cases = stored(shell)
        #expect(cases.count == 4)
        let t = TestShell.instant
        #expect(cases.map(\.source) == [.weibo, .wechat, .video, .forum])
        #expect(cases.map(\.collected) == [t("2024-03-01T09:10"), t("2024-03-01T10:20"), t("2024-03-01T11:05"), t("2024-03-01T16:00")])
        // The Weibo post came twice (bid URL with refer_flag, then m.weibo.cn/status/mid): one case, later counts.
        #expect(cases[0].items == 1)
        #expect(cases[0].metrics == Metrics(reposts: 4100, comments: 230, views: 18000))
        #expect(cases[0].url == "https://weibo.com/1749127163/K3fnuEfZK?refer_flag=1001030103_&type=comment")
        #expect(cases[0].author == "明光生活圈")
        #expect(cases[1].title == "明光市城区道路施工占道严重 市民出行难")
        #expect(cases[2].metrics == Metrics(reposts: 560, comments: 15000, views: 320_000))
        #expect(shell.caseFile(1).map { $0.items[0].excerpt?.contains("物业未作说明") ?? false } == true)
        #expect(shell.caseFile(2)?.items[0].excerpt == "市民反映道路施工期间围挡占用人行道，\n出行不便")
    }

    @Test func laterRowsOfAKnownPostUpdateCountsWithoutANewCase() {
        let shell = TestShell(at: "2024-03-01T17:00")
        shell.run("collect \"网传自来水发黄\" --url https://m.weibo.cn/detail/4607741009594608 --source weibo --reposts 100")
        let r = shell.run("collect import \"\(ImportTests.fixture("舆情日报.csv"))\"")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("3 new cases, 2 count updates"), "\(r.out)")
        #expect(shell.caseFile(1)?.items.count == 1)
        #expect(shell.caseFile(1)?.metrics.reposts == 4100)
        #expect(shell.caseFile(5) == nil)
        // The same file again: every post is known; nothing new.
        let again = shell.run("collect import \"\(ImportTests.fixture("舆情日报.jsonl"))\"")
        #expect(again.out.contains("0 new cases"), "\(again.out)")
        #expect(shell.caseFile(5) == nil)
        let timeline = shell.run("timeline C1").out
        #expect(timeline.contains("item 1 counts updated: 4100 reposts, 230 comments, 18000 views"), "\(timeline)")
        // `collect --url` finds the case by the same identity.
        let c = shell.run("collect \"同一条微博\" --url \"https://weibo.com/1749127163/K3fnuEfZK?from=page_100505\"")
        #expect(c.out.contains("already in C1"), "\(c.out)")
    }

    @Test func aRejectedRowNamesItsLineAndNothingIsWritten() throws {
        let shell = TestShell(at: "2024-03-01T17:00")
        let before = shell.eventCount
        let csv = """
            标题,链接,来源,发布时间,转发数
            第一条,https://example.com/1,新浪微博,2024-03-01 09:10,12
            第二条,https://example.com/2,微信公众号,明天上午,3
            第三条,https://example.com/3,抖音,2024-03-01 11:00,1.2万

            ,https://example.com/4,火星社交,2024-03-01 12:00,很多
            """
        let path = try ImportTests.temp("bad.csv", Data(csv.utf8))
        let r = shell.run("collect import \(path)")
        #expect(r.failures == 1)
        #expect(r.err.contains("2 row(s) rejected; nothing was imported"), "\(r.err)")
        #expect(r.err.contains("line 3: 发布时间 “明天上午” is not a time"), "\(r.err)")
        #expect(r.err.contains("line 6: the title (标题) is empty; unknown source “火星社交”"), "\(r.err)")
        #expect(r.err.contains("reposts") == false || r.err.contains("转发数 “很多” is not a count"), "\(r.err)")
        #expect(shell.eventCount == before)
        #expect(shell.caseFile(1) == nil)
    }

    /// A file saved with CRLF line ends has CRLF inside its quoted multi-line cells too: stored as typed, the title
    /// showed `\x0D` on every screen (an outside check saw `多行\x0D 标题`). Line breaks in cells are stored as LF.
    @Test func crlfInsideAQuotedCellIsStoredAsALineFeed() throws {
        let shell = TestShell(at: "2024-03-01T17:00")
        let csv = "标题,链接,来源,发布时间,摘要\r\n\"多行\r\n标题\",https://example.com/1,新浪微博,2024-03-01 09:10,\"a\rb\"\r\n"
        let path = try ImportTests.temp("crlf.csv", Data(csv.utf8))
        let r = shell.run("collect import \(path)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(shell.caseFile(1)?.title == "多行\n标题")
        #expect(shell.caseFile(1)?.items.first?.excerpt == "a\nb")
    }

    /// One row read "1 rows can be imported: 1 new cases" / "Imported 1 rows".
    @Test func oneRowIsCountedInTheSingular() throws {
        let shell = TestShell(at: "2024-03-01T17:00")
        let path = try ImportTests.temp("one.csv", Data("标题,链接\n路口积水,https://example.com/9\n".utf8))
        let dry = shell.run("collect import \(path) --dry-run")
        #expect(dry.out.contains("1 row can be imported: 1 new case, 0 count updates,"), "\(dry.out)")
        #expect(dry.out.contains("The first row as it will be stored"), "\(dry.out)")
        let r = shell.run("collect import \(path)")
        #expect(r.out.contains("Imported 1 row from") && r.out.contains(": 1 new case, 0 count updates,"), "\(r.out)")
    }

    @Test func aRejectedSheetRowIsNamedBySheetAndRow() {
        let shell = TestShell(at: "2024-03-01T17:00", lang: .zh)
        let r = shell.run("collect import \"\(ImportTests.fixture("inline-strings.xlsx"))\" --sheet 舆情列表")
        #expect(r.failures == 1)
        #expect(r.err.contains("工作表“舆情列表”第 4 行：转发“很多”不是非负整数"), "\(r.err)")
        #expect(shell.caseFile(1) == nil)
    }

    @Test func sheetsWithInlineStringsAndATitleLineAreRead() {
        let shell = TestShell(at: "2024-03-01T17:00")
        let r = shell.run("collect import \"\(ImportTests.fixture("inline-strings.xlsx"))\" --sheet 舆情列表 --dry-run")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("header on sheet “舆情列表” row 2"), "\(r.out)")
        #expect(r.out.contains("网传某小区自来水发黄"), "\(r.out)")
        #expect(r.out.contains("2024-03-01 09:10"), "\(r.out)")
        #expect(r.out.contains("sheet “舆情列表” row 4"), "\(r.out)")
        let missing = shell.run("collect import \"\(ImportTests.fixture("inline-strings.xlsx"))\" --sheet 汇总")
        #expect(missing.err.contains("no sheet “汇总” (it has: 说明、舆情列表)"), "\(missing.err)")
    }

    /// A workbook whose first sheet is empty (the rows are on the next): it said "imported 0 rows" and succeeded, so
    /// a clerk believed the day's export was in. Now an error that names the sheet read and the others.
    @Test func anEmptyFirstSheetIsAnErrorNamingTheOtherSheets() {
        let shell = TestShell(at: "2024-03-01T17:00", lang: .zh)
        let r = shell.run("collect import \"\(ImportTests.fixture("inline-strings.xlsx"))\"")
        #expect(r.failures == 1)
        #expect(r.err.contains("没有任何行，找不到表头"), "\(r.err)")
        #expect(r.err.contains("读的是工作表“说明”；工作簿中还有：舆情列表（用 --sheet 名称 指定）"), "\(r.err)")
        #expect(shell.caseFile(1) == nil)
    }

    /// An empty CSV imported "0 rows" as a success; a header-only CSV (a quiet day) still imports nothing quietly.
    @Test func anEmptyCSVIsAnErrorButAHeaderOnlyOneIsNoRows() throws {
        let shell = TestShell(at: "2024-03-01T17:00")
        let empty = try ImportTests.temp("empty.csv", Data())
        let r = shell.run("collect import \(empty)")
        #expect(r.failures == 1)
        #expect(r.err.contains("empty.csv: there are no rows, so no header"), "\(r.err)")
        let header = try ImportTests.temp("header.csv", Data("标题,链接\r\n".utf8))
        let h = shell.run("collect import \(header)")
        #expect(h.failures == 0, "\(h.err)")
        #expect(h.out.contains("Imported 0 rows"), "\(h.out)")
    }

    /// A workbook in the 1904 date system (Excel for Mac) gave 2020-02-29 09:10 for a cell that shows 2024-03-01
    /// 09:10: its serials count from 1904.
    @Test func aWorkbookDatedFrom1904IsReadInItsOwnDates() {
        let shell = TestShell(at: "2024-03-01T17:00")
        let r = shell.run("collect import \"\(ImportTests.fixture("date1904.xlsx"))\"")
        #expect(r.failures == 0, "\(r.err)")
        #expect(shell.caseFile(1)?.collectedAt == TestShell.instant("2024-03-01T09:10"), "\(String(describing: shell.caseFile(1)?.collectedAt))")
    }

    /// `record` wrote `collect import FILE --dry-run --at …` into the script as if it had changed something.
    @Test func aDryRunIsNotRecorded() throws {
        let shell = TestShell(at: "2024-03-01T17:00")
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("yq-rec-dry-\(UUID().uuidString).yq").path
        let csv = "\"\(ImportTests.fixture("舆情日报.csv"))\""
        let r = shell.run("record start \(script)\ncollect import \(csv) --dry-run\ncollect import \(csv)\nrecord stop")
        #expect(r.failures == 0, "\(r.err)")
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(!text.contains("--dry-run"), "\(text)")
        #expect(text.contains("collect import"), "\(text)")
    }

    /// A stray quote (`"未闭合,…`) took every later line into one title: the file imported one case with the rest of
    /// the file as its title and lost the rows after it. Now that row is rejected and nothing is written; a quoted
    /// cell spanning lines at the end of a file is still read.
    @Test func aQuoteNeverClosedRejectsTheFile() throws {
        let shell = TestShell(at: "2024-03-01T17:00")
        let bad = try ImportTests.temp("stray.csv", Data("标题,链接\n甲,https://a.example.com/1\n\"未闭合,https://a.example.com/2\n丁,https://a.example.com/3\n".utf8))
        let r = shell.run("collect import \(bad)")
        #expect(r.failures == 1)
        #expect(r.err.contains("line 3: a quote is never closed"), "\(r.err)")
        #expect(shell.caseFile(1) == nil)
        let good = try ImportTests.temp("good.csv", Data("标题,链接\r\n甲,https://a.example.com/1\r\n\"两行\r\n标题\",https://a.example.com/2\r\n".utf8))
        let g = shell.run("collect import \(good)")
        #expect(g.failures == 0, "\(g.err)")
        let last = try ImportTests.temp("last.csv", Data("标题,摘要\n乙,\"多\n行\"\n".utf8))
        let l = shell.run("collect import \(last)")
        #expect(l.failures == 0, "\(l.err)")
    }

    /// Excel's "Unicode text" (UTF-16 with a BOM) was said to be "not valid GB18030/GBK text (try --encoding utf-8)".
    @Test func utf16TextIsNamedForWhatItIs() throws {
        let shell = TestShell(at: "2024-03-01T17:00", lang: .zh)
        var bytes = Data([0xFF, 0xFE])
        bytes.append("标题\t链接\r\n甲\thttps://a.example.com/1\r\n".data(using: .utf16LittleEndian) ?? Data())
        let path = try ImportTests.temp("unicode.txt", bytes)
        let r = shell.run("collect import \(path)")
        #expect(r.failures == 1)
        #expect(r.err.contains("这是 UTF-16 文本（Excel 的“Unicode 文本”）"), "\(r.err)")
    }

    @Test func dryRunShowsTheMappingAndFirstRowsAndWritesNothing() {
        let shell = TestShell(at: "2024-03-01T17:00", lang: .zh)
        let before = shell.eventCount
        let r = shell.run("collect import \"\(ImportTests.fixture("舆情日报-gb18030.csv"))\" --dry-run")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("CSV，gb18030 编码，表头在第 1 行"), "\(r.out)")
        #expect(r.out.contains("collected  收集时间  发布时间  E"), "\(r.out)")
        #expect(r.out.contains("未使用的列：序号"), "\(r.out)")
        #expect(r.out.contains("新立 C1"), "\(r.out)")
        #expect(r.out.contains("更新 C1 第 1 条"), "\(r.out)")
        #expect(r.out.contains("可导入 5 行：将新立案件 4 个，更新传播数据 1 条"), "\(r.out)")
        #expect(shell.eventCount == before)
    }

    @Test func theWrongEncodingIsNamedWithItsLine() {
        let shell = TestShell(at: "2024-03-01T17:00")
        let r = shell.run("collect import \"\(ImportTests.fixture("舆情日报-gb18030.csv"))\" --encoding utf-8")
        #expect(r.failures == 1)
        #expect(r.err.contains("not valid UTF-8"), "\(r.err)")
        let gb = shell.run("collect import \"\(ImportTests.fixture("舆情日报.jsonl"))\" --encoding gb18030")
        #expect(gb.failures == 1)
        #expect(gb.err.contains("GB18030") || gb.err.contains("rejected"), "\(gb.err)")
    }

    @Test func foundationDecodesGB18030OnThisMachine() throws {
        let text = "标题,来源\n网传自来水发黄,新浪微博\n€𠀀"
        let data = try #require(text.data(using: ExportEncoding.gb18030Foundation))
        #expect(Array(data.prefix(4)) == [0xB1, 0xEA, 0xCC, 0xE2])
        #expect(String(data: data, encoding: ExportEncoding.gb18030Foundation) == text)
        #expect(ExportEncoding.detect(data) == .gb18030)
        #expect(ExportEncoding.detect(Data(text.utf8)) == .utf8)
        #expect(ExportEncoding.detect(Data(text.utf8).prefix(4)) == .utf8)
    }

    @Test func aProfileMapsAPlatformsOwnLayout() throws {
        let shell = TestShell(at: "2024-03-01T17:00")
        let csv = """
            信息标题,原文地址,来源网站,入库时间,转发量,情感倾向
            某小区停水,https://weibo.com/1/K3fnuEfZK,微博客,2024-03-01 09:00,5,负面
            街道垃圾清运不及时,https://bbs.example.cn/t/9,火星社交,2024-03-01 10:00,1,负面
            """
        let path = try ImportTests.temp("platform.csv", Data(csv.utf8))
        let refused = shell.run("collect import \(path)")
        #expect(refused.err.contains("unknown source “火星社交”"), "\(refused.err)")
        let profile = try ImportTests.temp("平台日报.txt", Data("""
            # 某平台日报
            title: 信息标题
            url: 原文地址
            collected: 入库时间
            source 微博客 = weibo
            source * = forum
            """.utf8))
        let r = shell.run("collect import \(path) --profile \(profile)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(shell.caseFile(1)?.source == .weibo)
        #expect(shell.caseFile(2)?.source == .forum)
        #expect(shell.caseFile(1)?.collectedAt == TestShell.instant("2024-03-01T09:00"))
    }

    /// A wrong or missing profile was reported with the caret under the export file, not under the profile.
    @Test(arguments: ["source 火星社交 = mars\n", nil])
    func aProfileErrorPointsAtTheProfile(_ text: String?) throws {
        let shell = TestShell()
        let path = try ImportTests.temp("p.csv", Data("标题,来源\n甲,火星社交\n".utf8))
        let profile = try text.map { try ImportTests.temp("bad-profile.txt", Data($0.utf8)) } ?? "/nonexistent/profile.txt"
        let line = "collect import \(path) --profile \(profile)"
        let r = shell.run(line)
        #expect(r.failures == 1)
        let column = line.distance(from: line.startIndex, to: line.range(of: "--profile ")!.upperBound) + 1
        #expect(r.err.hasPrefix("<t>:1:\(column):") || r.err.contains(":1:\(column):"), "\(r.err)")
    }

    @Test func progressIsOffInScriptsAndTests() {
        let shell = TestShell()
        #expect(ProgressLine.start(shell.session, label: Localized("x"), unit: Localized("y")) == nil)
        shell.session.register(ProgressPolicy(enabled: true))
        #expect(ProgressLine.start(shell.session, label: Localized("x"), unit: Localized("y")) != nil)
    }

    @Test func progressLineIsQuietAtFirstThenThrottledAndErased() {
        var now: UInt64 = 0
        var written: [String] = []
        let p = ProgressLine(label: Localized(zh: "导入", en: "import"), unit: Localized(zh: "行", en: "rows"),
                             language: .en, write: { written.append($0) }, clock: { now })
        p.update(done: 10, fraction: 0.01)
        #expect(written.isEmpty)
        now = 1_000_000_000
        p.update(done: 20_000, fraction: 0.25)
        #expect(written == ["\rimport: 20,000 rows (25%) · 20,000 rows/s · about 3 s left\u{1B}[K"])
        now += 100_000_000
        p.update(done: 21_000, fraction: 0.26)
        #expect(written.count == 1)
        now += 200_000_000
        p.update(done: 50_000, total: 100_000)
        #expect(written.count == 2)
        #expect(written[1].contains("50,000/100,000 rows (50%)"))
        p.finish()
        #expect(written.last == "\r\u{1B}[K")
        let zh = ProgressLine(label: Localized(zh: "导入", en: "import"), unit: Localized(zh: "行", en: "rows"),
                              language: .zh, write: { _ in }, clock: { 0 })
        #expect(zh.text(done: 1200, total: nil, fraction: 0.5, elapsed: 2_000_000_000) == "导入 1,200 行 (50%) · 600 行/秒 · 约剩 2 秒")
    }
}
