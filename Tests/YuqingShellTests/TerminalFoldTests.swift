import Testing
@testable import YuqingShell
import YuqingCore

/// Sentences, errors, hints and help folded to a terminal's width (60 and 100 columns, both languages): no line
/// longer than the terminal, no word or `command` cut, no Chinese line starting with closing punctuation,
/// continuation lines hanging under their label; without a width, the text is unchanged byte for byte.
@Suite struct TerminalFoldTests {
    static let widths = [60, 100]
    static let notice = Localized(
        zh: "你（root）是此数据库的第一位操作员，已登记为管理员。用 `user add 登录名 --name 姓名 --role 角色 --dept 部门` 登记其他人员。",
        en: "You (root) are the first operator of this store and are now its administrator. Add the others with `user add LOGIN --name NAME --role ROLE --dept DEPT`.")

    /// The lines of `text` with their hanging indent removed, joined back: what was folded, less the breaks.
    static func unfolded(_ lines: [String], zh: Bool) -> String {
        lines.map { $0.trimmingPrefix(while: { $0 == " " }) }.joined(separator: zh ? "" : " ")
    }

    static func check(_ lines: [String], width: Int, hang: Int, _ note: String) {
        for (i, l) in lines.enumerated() {
            #expect(DisplayWidth.of(l) <= width - (i == 0 ? hang : 0), "\(note): too wide: \(l)")
            if i > 0 {
                #expect(l.hasPrefix(String(repeating: " ", count: hang)), "\(note): not hanging: \(l)")
                let body = l.dropFirst(hang)
                #expect(body.first != " ", "\(note): indented twice: \(l)")
                if let c = body.first { #expect(!SentenceWrap.closing.contains(c), "\(note): starts with \(c): \(l)") }
            }
            #expect(l.filter { $0 == "`" }.count % 2 == 0, "\(note): a command cut in two: \(l)")
        }
    }

    @Test(arguments: widths, [Language.zh, .en])
    func theFirstOperatorNoticeKeepsItsCommandWhole(width: Int, lang: Language) {
        let text = Self.notice.text(lang)
        let lines = SentenceWrap.lines(text, width: width)
        Self.check(lines, width: width, hang: 0, "\(width) \(lang)")
        #expect(lines.contains { $0.contains(lang == .zh ? "`user add 登录名 --name 姓名 --role 角色 --dept 部门`" : "`user add LOGIN --name NAME --role ROLE --dept DEPT`") })
        if width == 60 { #expect(lines.count > 1) }
        // Nothing lost or added but the breaks (a Chinese break drops no space; an English one drops one).
        if lang == .en { #expect(Self.unfolded(lines, zh: false) == text) }
    }

    @Test func chineseNeverStartsALineWithClosingPunctuation() {
        // Every width from 14 to 40 puts a break somewhere near each punctuation mark.
        let text = "已登记为管理员，用户名录（仅管理员）可查看；时限：两小时。“重大敏感”舆情须报市领导、网宣办。"
        for width in 14...40 {
            let lines = SentenceWrap.lines(text, width: width, hang: 2)
            Self.check(lines, width: width, hang: 2, "\(width)")
            #expect(Self.unfolded(lines, zh: true) == text)
            for l in lines.dropLast() {
                if let last = l.last { #expect(!SentenceWrap.opening.contains(last), "\(width): ends with \(last): \(l)") }
            }
        }
    }

    @Test func aCommandLongerThanALineBreaksAtItsSpaces() {
        let text = "run `collect 一条很长的信息 --url https://weibo.com/1/2 --source weibo --reposts 320` now"
        let lines = SentenceWrap.lines(text, width: 30)
        for l in lines { #expect(DisplayWidth.of(l) <= 30, "\(l)") }
        #expect(lines.joined(separator: " ") == text)
    }

    /// At 80 columns `why` and the next-step sentences read `已于 2020-01-06` / `09:30 完成` and `后 7` / `天`: a date
    /// now stays with its time and a number with its unit.
    @Test(arguments: 30...100)
    func aDateKeepsItsTimeAndANumberItsUnit(width: Int) {
        let text = "核实调查报告应于 01-06 24:00 前（5 个工作日，第八条第二款）；已于 2020-01-06 09:30 完成，回应发布后 7 天，剩余 16 天 19 小时 10 分钟"
        let lines = SentenceWrap.lines(text, width: width, hang: 2)
        Self.check(lines, width: width, hang: 2, "\(width)")
        for l in lines.dropLast() {
            #expect(!(l.hasSuffix("01-06") || l.hasSuffix("2020-01-06")), "\(width): a date ends a line: \(lines)")
            let lastWord = l.split(separator: " ").last.map(String.init) ?? ""
            #expect(!(lastWord.allSatisfy { $0.isASCII && $0.isNumber } && l.hasSuffix(" " + lastWord)), "\(width): a number ends a line: \(lines)")
        }
    }

    @Test func narrowOrUnknownWidthsLeaveTheTextAlone() {
        let text = Self.notice.zh
        #expect(SentenceWrap.text(text, width: nil) == text)
        #expect(SentenceWrap.lines(text, width: 10, hang: 6) == [text])
        #expect(SentenceWrap.lines("short", width: 60) == ["short"])
    }

    static let refusal = ShellError(
        Localized(zh: "管理员不能收集：只有协调员、部门负责人、联络员、巡查员可以，这一句再长一点以便折行看看效果如何",
                  en: "an administrator may not collect: only coordinator, department leader, liaison, patrol staff"),
        range: SourceRange(file: Diagnostics.interactiveFile, line: 1, column: 1, length: 7),
        hint: Permission.adminHint)

    @Test(arguments: widths, [Language.zh, .en])
    func errorsAndHintsHangUnderTheirLabels(width: Int, lang: Language) {
        let line = "collect 网传某小区自来水发黄 --url https://weibo.com/5123456/Day01 --source weibo --category demand --reposts 320"
        let plain = Diagnostics.render(Self.refusal, line: line, language: lang)
        let folded = Diagnostics.render(Self.refusal, line: line, language: lang, width: width)
        let lines = folded.split(separator: "\n").map(String.init)
        // The source line and its caret are never folded, whatever their length.
        #expect(lines.contains(line))
        #expect(lines.contains("^^^^^^^"))
        let label = lang == .zh ? "错误：" : "error: ", hintLabel = lang == .zh ? "提示：" : "hint: "
        let errorLines = Array(lines.prefix(while: { $0 != line }))
        let hintLines = Array(lines.drop(while: { !$0.hasPrefix(hintLabel) }))
        #expect(errorLines.first?.hasPrefix(label) == true)
        Self.check(errorLines.map { $0.hasPrefix(label) ? String($0.dropFirst(label.count)) : $0 }, width: width,
                   hang: DisplayWidth.of(label), "error \(width) \(lang)")
        Self.check(hintLines.map { $0.hasPrefix(hintLabel) ? String($0.dropFirst(hintLabel.count)) : $0 }, width: width,
                   hang: DisplayWidth.of(hintLabel), "hint \(width) \(lang)")
        #expect(hintLines.joined().contains("`as"))
        if width == 60 { #expect(hintLines.count > 1, "\(folded)") }
        // The same words as without a width: only breaks and indents differ.
        let squeeze = { (s: String) in s.filter { $0 != " " && $0 != "\n" } }
        #expect(squeeze(folded) == squeeze(plain))
    }

    @Test func aScriptErrorHangsUnderItsMessage() {
        var e = Self.refusal
        e.range = SourceRange(file: "day.yq", line: 12, column: 1, length: 7)
        let out = Diagnostics.render(e, line: "collect x", language: .zh, width: 100)
        let lines = out.split(separator: "\n").map(String.init)
        let prefix = "day.yq:12:1: 错误："
        #expect(lines[0].hasPrefix(prefix))
        #expect(lines[1].hasPrefix(String(repeating: " ", count: DisplayWidth.of(prefix))) && lines[1].last != " ")
    }

    @Test(arguments: widths, [Language.zh, .en])
    func helpFoldsUnderTheVerbColumn(width: Int, lang: Language) {
        let entries = CommandTable.entries
        let folded = HelpText.overview(entries, language: lang, width: width)
        #expect(HelpText.overview(entries, language: lang) != folded || width == 100)
        for l in folded.split(separator: "\n") { #expect(DisplayWidth.of(l) <= width, "\(l)") }
        // Every continuation line starts under a description (more than two spaces in), never at the margin.
        let plain = HelpText.overview(entries, language: lang).split(separator: "\n").count
        let lines = folded.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= plain)
        for (i, l) in lines.enumerated() where i > 0 && !l.isEmpty && !l.hasPrefix("  ") {
            // Group titles follow a blank line.
            #expect(lines[i - 1].isEmpty || i == 1, "wrapped to the margin: \(l)")
        }
    }

    @Test(arguments: widths, [Language.zh, .en])
    func helpVerbFoldsItsUsageAtGroups(width: Int, lang: Language) throws {
        let specs = CommandTable.entries.flatMap { [$0.spec] + $0.spec.subverbs.map(\.spec) }
        let longest = try #require(specs.max { DisplayWidth.of($0.usage) < DisplayWidth.of($1.usage) })
        #expect(DisplayWidth.of(longest.usage) > 60)
        let text = HelpText.verb(longest, language: lang, width: width)
        for l in text.split(separator: "\n") where !l.hasPrefix("  \(longest.fullName)") {
            #expect(DisplayWidth.of(l) <= width, "\(l)")
        }
        let label = lang == .zh ? "用法：" : "usage: "
        let usage = text.split(separator: "\n").map(String.init).drop { !$0.hasPrefix(label) }
            .prefix { $0.hasPrefix(label) || $0.hasPrefix(String(repeating: " ", count: DisplayWidth.of(label))) }
        for l in usage {
            #expect(l.filter { $0 == "[" }.count == l.filter { $0 == "]" }.count, "a group cut: \(l)")
        }
        #expect(usage.joined().filter { $0 != " " } == (label + longest.usage).filter { $0 != " " })
        #expect(HelpText.verb(longest, language: lang) == HelpText.verb(longest, language: lang, width: nil))
    }

    @Test(arguments: widths)
    func longExamplesFoldWithContinuations(width: Int) {
        let examples = CommandTable.entries.flatMap { [$0.spec] + $0.spec.subverbs.map(\.spec) }.flatMap(\.examples)
        #expect(examples.contains { DisplayWidth.of($0) + 2 > 60 })
        for e in examples {
            let folded = HelpText.exampleLines(e, width: width)
            let lines = folded.split(separator: "\n")
            for (i, l) in lines.enumerated() where l.split(separator: " ").count > 1 {
                #expect(DisplayWidth.of(l) + (i == 0 ? 2 : 0) <= width, "\(l)")
            }
            // Typed as shown, the continuations give back the example (quotes never cut).
            #expect(folded.replacingOccurrences(of: " \\\n      ", with: " ") == e)
        }
    }

    @Test func usageFoldsBetweenAlternatives() throws {
        let drill = try #require(CommandTable.entries.first { $0.spec.name == "drill" }?.spec)
        let text = HelpText.usageLines(drill.usage, width: 90, hang: 6)
        let lines = text.split(separator: "\n")
        #expect(lines.count > 1)
        for l in lines.dropFirst() { #expect(l.hasPrefix("      | drill "), "\(l)") }
        #expect(text.replacingOccurrences(of: "\n      ", with: " ") == drill.usage)
    }

    @Test func helpWithoutATerminalIsUnchanged() {
        let session = testSession(.zh)
        let (piped, _) = runShell("help\nhelp clear", session: session)
        #expect(piped.contains("clear (清屏)"))
        #expect(piped == HelpText.overview(ShellVerbs.entries + TestVerbs.entries, language: .zh) + HelpText.verb(ShellVerbs.Clear.spec, language: .zh))
    }

    @Test func clearClearsOnlyATerminalAtThePrompt() {
        let session = testSession()
        let entries = ShellVerbs.entries
        let terminal = BufferSink(isTerminal: true, width: 80)
        _ = Interpreter(entries: entries).run(source: "clear", file: Diagnostics.interactiveFile, session: session, keepGoing: true, output: terminal)
        #expect(terminal.clears == 1 && terminal.combined.isEmpty)
        _ = Interpreter(entries: entries).run(source: "清屏", file: "script.yq", session: session, keepGoing: true, output: terminal)
        #expect(terminal.clears == 1)
        let pipe = BufferSink()
        _ = Interpreter(entries: entries).run(source: "clear", file: Diagnostics.interactiveFile, session: session, keepGoing: true, output: pipe)
        #expect(pipe.clears == 0 && pipe.combined.isEmpty)
    }

    @Test func everyVerbHasItsOwnNames() {
        var seen: [String: String] = [:]
        for e in CommandTable.entries {
            for n in [e.spec.name, e.spec.alias] {
                #expect(seen[n] == nil, "\(n) names both \(seen[n] ?? "") and \(e.spec.name)")
                seen[n] = e.spec.name
            }
        }
    }
    /// Live lines and a meeting's transcript fold like sentences, hanging under what was said: at 60 columns a
    /// desk's live line read `… opened M1: 水质会商. J` / `oin with `meeting join M1``, cut by the terminal.
    @Test(arguments: widths)
    func chatLinesFoldUnderWhatWasSaid(width: Int) {
        let line = "[meeting] Open Government Office 王敏 opened M1: 关于XX小区水质的舆情会商. Join with `meeting join M1`"
        let lines = SentenceWrap.chatLine(line, width: width).split(separator: "\n").map(String.init)
        #expect(lines.count == (DisplayWidth.of(line) > width ? 2 : 1), "\(lines)")
        for l in lines {
            #expect(DisplayWidth.of(l) <= width, "\(l)")
            #expect(l.filter { $0 == "`" }.count % 2 == 0, "a command cut in two: \(l)")
        }
        for l in lines.dropFirst() { #expect(l.hasPrefix(String(repeating: " ", count: "[meeting] ".count)) && !l.hasPrefix(String(repeating: " ", count: 11))) }
        #expect(SentenceWrap.chatLine(line, width: nil) == line)
    }

    /// A mention's live line (`【@提及】[09:42 市公安局 李娜] …`) did not hang: it does not start with `[`, so its
    /// continuation lines began at column 0, under the 【; in English it hung under `[@mention] `, not under what was
    /// said. Both hang under the text, like a remark in the meeting, measured in display columns (CJK is 2 wide).
    @Test(arguments: widths)
    func mentionLinesHangUnderWhatWasSaid(width: Int) {
        let said = "请市水务局立即核实城东花园二次供水水箱清洗情况，并于今天下午五点前报送检测结果和处置情况说明，同时告知网宣办"
        for label in ["【@提及】[09:42 市公安局 李娜] ", "[@mention] [09:42 Public Security Bureau 李娜] "] {
            #expect(DisplayWidth.of(label) == (label.hasPrefix("【") ? 31 : 47))
            // Under 20 columns left for the text, the rule of every chat line: hang by 2.
            let hang = width - DisplayWidth.of(label) < 20 ? 2 : DisplayWidth.of(label)
            let lines = SentenceWrap.chatLine(label + said, width: width).split(separator: "\n").map(String.init)
            #expect(lines.count >= 2, "\(lines)")
            #expect(lines.first?.hasPrefix(label) == true)
            for l in lines {
                #expect(DisplayWidth.of(l) <= width, "\(l)")
            }
            for l in lines.dropFirst() {
                #expect(l.hasPrefix(String(repeating: " ", count: hang)) && !l.hasPrefix(String(repeating: " ", count: hang + 1)), "\(width): \(lines)")
            }
            #expect(lines.joined().filter { $0 != " " } == (label + said).filter { $0 != " " })
        }
        // A live line's kind alone (`【会商】…`) hangs under what follows it too.
        let meeting = SentenceWrap.chatLine("【会商】政务公开办 王敏 召开 M1：" + said + "。加入：meeting join M1", width: width)
        #expect(meeting.contains("\n"))
        for l in meeting.split(separator: "\n").dropFirst() { #expect(l.hasPrefix("        ") && !l.hasPrefix("         "), "\(meeting)") }
    }

    /// `meeting show` on an 80-column projector: every line fits (remarks, risk notes and decisions ran to 127 columns
    /// and the terminal cut them anywhere); in a pipe the transcript is unchanged.
    @Test(arguments: [Language.en, .zh])
    func meetingShowFitsTheProjector(lang: Language) {
        let t = TestShell(at: "2019-12-30T09:00", lang: lang)
        t.run(CaseWorkflowTests.collect + """

        as 王敏 --role coordinator --dept open-gov
        meeting open 会商 --cases C1
        meeting attend propaganda gov-office police emergency petitions
        say "C1 供水公司已取样送检，预计今天下午出结果，检测结果出来后由水务局在官方微博第一时间发布，请网宣办配合做好引导"
        risk C1 --nature 民生 --trend rising --impact high --risks "谣言扩散，群众恐慌抢购桶装水" --suggest "今日发布检测结果并说明二次供水水箱清洗情况"
        """)
        let sink = BufferSink(isTerminal: true, width: 80)
        _ = Interpreter().run(source: "meeting show", file: "<test>", session: t.session, keepGoing: false, output: sink)
        for l in sink.stdout.split(separator: "\n") { #expect(DisplayWidth.of(String(l)) <= 80, "\(l)") }
        #expect(sink.stdout.contains("检测结果") && sink.stdout.contains("二次供水"), "\(sink.stdout)")
        let piped = t.run("meeting show").out
        #expect(piped.contains("请网宣办配合做好引导"), "\(piped)")
        // The list of meetings fits 60 columns too (it was 78 wide: two times and three counts beside the topic).
        t.run("meeting close")
        let narrow = BufferSink(isTerminal: true, width: 60)
        _ = Interpreter().run(source: "meetings", file: "<test>", session: t.session, keepGoing: false, output: narrow)
        #expect(narrow.stdout.contains("M1") && narrow.stdout.contains("会商"), "\(narrow.stdout)")
        for l in narrow.stdout.split(separator: "\n") { #expect(DisplayWidth.of(String(l)) <= 60, "\(l)") }
    }
}
