import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell

/// Data on standard output only (messages to standard error under csv and json, one JSON line per command),
/// the JSON of `calendar` and an empty `overdue`, and tables fitted to 80 and 100 columns.
@Suite struct ScreenOutputTests {
    static let cases = """
    collect "网传明光某小区自来水连续三天发黄，居民担心水质安全，物业说不清原因" --url https://weibo.com/1 --source weibo --dept police --at 2019-12-27T09:00
    collect "XX路段发生交通事故" --source news --dept police --at 2019-12-27T09:10
    claim C1 --dept police --at 2019-12-27T09:30
    assess C1 --level high-attention --at 2019-12-27T09:40
    """

    func run(_ t: TestShell, _ source: String, width: Int?) -> BufferSink {
        let sink = BufferSink(isTerminal: width != nil, width: width)
        _ = Interpreter().run(source: source, file: "<test>", session: t.session, keepGoing: false, output: sink)
        return sink
    }

    @Test func csvAndJSONKeepSentencesOffStandardOutput() {
        let t = TestShell(at: "2019-12-27T10:00")
        t.run(Self.cases)
        let csv = t.run("clock set 2019-12-27T10:30 --format csv\ncases --format csv")
        #expect(csv.out.hasPrefix("id,title,stage,"), "\(csv.out)")
        #expect(csv.err.contains("It is 2019-12-27 10:30"))
        // A data command's notes go to standard error; its JSON alone to standard output.
        let json = t.run("clock set 2019-12-27T10:40 --format json\ncases --format json\noverdue --format json")
        let lines = json.out.split(separator: "\n")
        #expect(lines.count == 3, "one JSON line per command: \(json.out)")
        for l in lines { #expect((try? JSONSerialization.jsonObject(with: Data(l.utf8))) != nil, "not JSON: \(l)") }
        #expect(lines.first?.hasPrefix("{\"messages\":[\"It is 2019-12-27 10:40") == true)
    }

    /// The due list on a 60-column terminal: in English its headers alone (`obligation`, `responsible`) left no
    /// room, so the table was 63 columns wide and every line broke at the edge. Headers now wrap like their cells.
    @Test(arguments: [Language.en, .zh])
    func theDueListFitsSixtyColumns(lang: Language) {
        let t = TestShell(at: "2019-12-27T10:00", lang: lang)
        t.run(Self.cases)
        let screen = run(t, "due --all", width: 60).stdout
        #expect(screen.contains("C1"), "\(screen)")
        for line in screen.split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= 60, "\(DisplayWidth.of(String(line))): \(line)\n\(screen)")
        }
        // At 100 columns nothing changes: one header line.
        let wide = run(t, "due --all", width: 100).stdout
        #expect(wide.split(separator: "\n").dropFirst().first?.allSatisfy { $0 == "-" || $0 == " " } == true, "\(wide)")
    }

    @Test func emptyOverdueIsAnEmptyArray() {
        let t = TestShell(at: "2019-12-27T10:00")
        let r = t.run("overdue --format json\ndue within 2h --format json")
        #expect(r.out == "[]\n[]\n")
        #expect(r.err.isEmpty)
    }

    @Test func dueWithinSaysTheSpanInWords() {
        let t = TestShell(at: "2019-12-27T10:00", lang: .zh)
        #expect(t.run("due within 2h").out == "2 小时内没有到期的时限。\n")
        let en = TestShell(at: "2019-12-27T10:00")
        #expect(en.run("due within 2d").out == "Nothing falls due within 2 days.\n")
    }

    @Test func calendarAnswersInJSON() throws {
        let t = TestShell()
        let check = t.run("calendar check 2020-01-01 --format json").out
        #expect(check == "{\"date\":\"2020-01-01\",\"weekday\":3,\"kind\":\"holiday\",\"working\":false,\"name\":\"New Year's Day\",\"name_zh\":\"元旦\"}\n")
        let add = t.run("calendar add 2019-12-31T12:00 5wd --format json").out
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(add.utf8)) as? [String: Any])
        #expect(obj["due"] as? String == "2020-01-09T00:00:00+08:00")
        #expect(obj["workdays"] as? Int == 5)
        #expect((obj["counted"] as? [String])?.first == "2020-01-02")
        #expect(((obj["special"] as? [[String: Any]])?.first?["kind"]) as? String == "holiday")
        let span = t.run("calendar add 2019-12-31T12:00 30h --format json").out
        #expect(span.contains("\"span\":\"30h\"") && span.contains("\"due\":\"2020-01-01T18:00:00+08:00\""))
        #expect(t.run("calendar between 2019-12-27T09:00 2020-01-06T09:00 --format json").out
                == "{\"from\":\"2019-12-27\",\"to\":\"2020-01-06\",\"workdays\":5}\n")
    }

    @Test(arguments: [80, 100], [Language.zh, .en])
    func casesFitTheTerminal(_ width: Int, _ lang: Language) {
        let t = TestShell(at: "2019-12-27T10:00", lang: lang)
        t.run(Self.cases)
        let out = run(t, "cases", width: width).stdout
        let lines = out.split(separator: "\n").map(String.init)
        for l in lines { #expect(DisplayWidth.of(l) <= width, "wider than \(width): \(l)") }
        // Times are whole, titles wrapped (not cut), the low-value columns gone first.
        #expect(out.contains("2019-12-27 11:30"))
        #expect(!out.contains("…"))
        let title = "网传明光某小区自来水连续三天发黄，居民担心水质安全，物业说不清原因"
        let shown = lines.map { $0.dropFirst(lang == .zh ? 6 : 4).prefix(while: { $0 != " " }) }.joined()
        #expect(shown.contains(title), "title wrapped whole:\n\(out)")
        // The header is the line above the dashes (a note of the columns left out comes first).
        let header = lines.firstIndex { $0.contains("--") && $0.allSatisfy { $0 == "-" || $0 == " " } }.map { lines[$0 - 1] } ?? ""
        // The title wraps to 20 columns before a column is left out: at 100 columns the Chinese table keeps every
        // column (its title on three lines); narrower, the low-value columns go.
        let keepsAll = width == 100 && lang == .zh
        #expect(header.contains(lang == .zh ? "来源" : "source") == keepsAll, "\(out)")
        #expect(out.contains(lang == .zh ? "未显示：" : "not shown: ") != keepsAll, "\(out)")
        #expect(header.contains(lang == .zh ? "最近时限" : "next due"))
    }

    /// The audit listings fit 80 columns (`audit backdated` in English was 81 wide: the terminal broke every line),
    /// name the person's department by its name (a screen in Chinese shows no codes), and keep what each listing is
    /// about: the recording time of back-dated events, the operator of events recorded on someone's behalf.
    @Test(arguments: [80, 110], [Language.zh, .en])
    func auditListingsFitTheTerminal(_ width: Int, _ lang: Language) {
        let t = TestShell(at: "2019-12-27T10:00", lang: lang)
        t.run("as 陈晓 --role patrol --dept open-gov\ncollect 水质 --source weibo --at 2019-12-27T09:00")
        for (verb, kept) in [("audit backdated", lang == .zh ? "记录时间" : "recorded"),
                             ("audit behalf", lang == .zh ? "操作员" : "operator")] {
            let out = run(t, verb, width: width).stdout
            for l in out.split(separator: "\n") { #expect(DisplayWidth.of(l) <= width, "\(verb) wider than \(width): \(l)") }
            #expect(out.contains(kept), "\(verb) at \(width):\n\(out)")
            #expect(!out.contains("open-gov"), "\(verb) shows a department code:\n\(out)")
            #expect(out.contains("陈晓"), "\(verb):\n\(out)")
        }
    }

    /// `overdue` at 80 columns with a long title: `coordinators` was cut to `coordinator` / `s` in the responsible
    /// column while the title still had room to give; a column's widest word now stays whole (the column names the
    /// coordinating offices now: Open Government and Network Propaganda Offices).
    @Test func aFittedColumnKeepsItsWidestWordWhole() {
        let t = TestShell(at: "2019-12-19T09:00")
        t.run("as 陈晓 --role patrol --dept open-gov\ncollect \"\(String(repeating: "很长", count: 30))\" --source weibo")
        t.clock.advance(.hours(3))
        let screen = run(t, "overdue", width: 80).stdout
        for l in screen.split(separator: "\n") { #expect(DisplayWidth.of(l) <= 80, "wider than 80: \(l)\n\(screen)") }
        #expect(screen.contains("Propaganda"), "\(screen)")
    }

    /// A timeline's picture fits the terminal: its bars narrow (or go) before a line would break, as a case long
    /// overdue gives long spans; a pipe keeps the 20-cell bars (the goldens).
    @Test(arguments: [Language.zh, .en])
    func timelinePictureFitsTheTerminal(_ lang: Language) {
        let t = TestShell(at: "2019-12-27T10:00", lang: lang)
        t.run(Self.cases)
        t.clock.advance(.hours(24 * 900 + 13))
        let screen = run(t, "timeline C1", width: 80).stdout
        for l in screen.split(separator: "\n") { #expect(DisplayWidth.of(l) <= 80, "wider than 80: \(l)\n\(screen)") }
        #expect(screen.contains(lang == .zh ? "已超期 900 天" : "overdue by 900 days"), "\(screen)")
        let pipe = run(t, "timeline C1", width: nil).stdout
        #expect(pipe.contains(String(repeating: "·", count: 20)), "\(pipe)")
    }

    /// On an 80-column screen a timeline recorded on someone's behalf kept `李娜 · 市公安局（由 root 代录）` whole and
    /// squeezed what happened into six Chinese characters a line; the 经办 column now wraps too.
    @Test func timelineKeepsWhatHappenedReadableAt80Columns() {
        let t = TestShell(at: "2019-12-27T10:00", lang: .zh)
        let r = t.run(Self.cases + """

        as 李娜 --role liaison --dept police
        report C1 --text "舆情概况：微博网友反映某小区自来水连续发黄。处置建议：协调供水公司检测水质并公布结果。" --at 2019-12-27T09:50
        """)
        #expect(r.failures == 0, "\(r.err)")
        let screen = run(t, "timeline C1", width: 80).stdout
        for l in screen.split(separator: "\n") { #expect(DisplayWidth.of(l) <= 80, "wider than 80: \(l)\n\(screen)") }
        #expect(screen.contains("向单位领导报送：舆情概况：微博网友"), "\(screen)")
    }

    @Test func wideTerminalKeepsEveryColumn() {
        let t = TestShell(at: "2019-12-27T10:00")
        t.run(Self.cases)
        let out = run(t, "cases", width: 200).stdout
        #expect(out.split(separator: "\n").count == 4)
        #expect(out.hasPrefix("id  title"))
        #expect(out.contains("source") && out.contains("collected"))
        #expect(!out.contains("rule"))
        // CSV keeps the rule id column.
        #expect(t.run("cases --format csv").out.hasPrefix("id,title,stage,dept,level,source,collected,next_due,next_rule"))
    }

    @Test func wrapBreaksChineseAnywhereAndEnglishAtSpaces() {
        #expect(DisplayWidth.wrap("一二三四五六", to: 4) == ["一二", "三四", "五六"])
        #expect(DisplayWidth.wrap("water quality worries", to: 12) == ["water", "quality", "worries"])
        #expect(DisplayWidth.wrap("short", to: 12) == ["short"])
    }

    /// A cell of phrases breaks at its spaces, a number kept with its unit: `小时` is never cut in two.
    @Test(arguments: [
        ("已超期 2 天 23 小时", 17, ["已超期 2 天", "23 小时"]),
        ("已超期 2 天 23 小时", 11, ["已超期 2 天", "23 小时"]),
        ("已超期 2 天 23 小时", 10, ["已超期", "2 天", "23 小时"]),
        ("overdue by 2 days 23 h", 10, ["overdue by", "2 days", "23 h"]),
        ("2 days 10 h", 10, ["2 days", "10 h"]),
        ("#262 #263 #270", 10, ["#262 #263", "#270"]),
        // Chinese prose with spaces in it wraps as Chinese, an aside included.
        ("批准延期 X1（3 个工作日）", 13, ["批准延期 X1", "（3 个工作", "日）"]),
        ("申请延期 X1（3 个工作日）：涉及多个部门", 13, ["申请延期 X1", "（3 个工作", "日）：涉及多", "个部门"]),
        // A phrase wider than the cell: Chinese breaks anywhere again.
        ("申请延期 X1：涉及多个部门需调取历史档案", 10, ["申请延期", "X1：涉及多", "个部门需调", "取历史档案"]),
    ])
    func wrapKeepsPhrasesWhole(text: String, width: Int, lines: [String]) {
        #expect(DisplayWidth.wrap(text, to: width) == lines)
    }

    @Test func asCompletesPeopleAndDepartments() {
        let t = TestShell()
        t.run("dept add water 市水务局 --en \"Water Bureau\" --leader 赵刚 --staff 钱丽")
        let c = Completer(session: t.session)
        #expect(c.candidates(before: "as ", word: "").contains("赵刚"))
        #expect(c.candidates(before: "as ", word: "钱").contains("钱丽"))
        #expect(c.candidates(before: "身份 ", word: "市水").contains("市水务局"))
        #expect(c.candidates(before: "as ", word: "wa") == ["water"])
        #expect(c.candidates(before: "as 赵刚 ", word: "--r") == ["--role"])
    }

    /// People of the directory (`user add`, or recorded by `as NAME --role …`) complete after `as` too: `as 王<Tab>`
    /// offered nothing for 王芳, whom `as` had put in the directory, because only department leaders and staff were read.
    @Test func asCompletesThePeopleOfTheDirectory() {
        let t = TestShell()
        t.run("as 王芳 --role coordinator --dept open-gov")
        let c = Completer(session: t.session)
        #expect(c.candidates(before: "as ", word: "王").contains("王芳"))
    }

    /// With one case, `show C9` hinted "cases run from C1 to C1" (现有 C1…C1).
    @Test(arguments: [(1, "the only case is C1"), (2, "cases run from C1 to C2")])
    func aMissingIdNamesTheIdsThatExist(_ n: Int, _ hint: String) {
        let t = TestShell(at: "2019-12-19T09:00")
        for i in 1...n { t.run("collect 事\(i) --source weibo") }
        let r = t.run("show C9")
        #expect(r.err.contains("no case C9") && r.err.contains(hint), "\(r.err)")
    }

    @Test func promptErrorsKeepTheCaretWithoutAPosition() {
        let e = ShellError(Localized(zh: "没有案件 C99", en: "no case C99"),
                           range: SourceRange(file: Diagnostics.interactiveFile, line: 1, column: 7, length: 3))
        #expect(Diagnostics.render(e, line: "claim C99", language: .zh) == "错误：没有案件 C99\nclaim C99\n      ^^^\n")
        let script = ShellError(Localized(zh: "没有案件 C99", en: "no case C99"), range: SourceRange(file: "day.yq", line: 4, column: 7, length: 3))
        #expect(Diagnostics.render(script, line: "claim C99", language: .en).hasPrefix("day.yq:4:7: error: no case C99\n"))
    }

    @Test(arguments: ["help 纪要", "help minutes"])
    func helpFindsSubverbs(_ command: String) {
        let zh = TestShell(lang: .zh).run(command)
        #expect(zh.failures == 0, "\(zh.err)")
        #expect(zh.out.contains("meeting minutes"), "\(zh.out)")
    }

    /// The summaries of a search start in one column (they followed each name at two spaces).
    @Test func helpSearchAlignsItsSummaries() {
        let r = TestShell(lang: .zh).run("help 纪要")
        let starts = r.out.split(separator: "\n").dropFirst().compactMap { line -> Int? in
            guard let m = line.range(of: #"\)\s{2,}"#, options: .regularExpression) else { return nil }
            return DisplayWidth.of(String(line[..<m.upperBound]))
        }
        #expect(starts.count >= 2, "\(r.out)")
        #expect(Set(starts).count == 1, "\(r.out)")
    }

    /// `help collect` listed the values of --source, --category and --as after the last option, unlabelled, each
    /// repeating its name (`website (网站)  网站`): lists that explain their values now stand under the option's name.
    @Test func helpListsExplainedValuesUnderTheirOption() {
        let zh = TestShell(lang: .zh)
        let collect = zh.run("help collect").out
        #expect(!collect.contains("website (网站)  网站"), "\(collect)")
        let minutes = zh.run("help meeting minutes").out
        #expect(minutes.contains("  --format 的取值：\n      md (markdown)"), "\(minutes)")
        let assess = TestShell().run("help assess").out
        #expect(!assess.contains("--level values:"), "\(assess)")
    }

    @Test func helpSearchesSummaries() {
        let r = TestShell(lang: .zh).run("help 工作日")
        #expect(r.out.contains("calendar add"), "\(r.out)")
    }
}
