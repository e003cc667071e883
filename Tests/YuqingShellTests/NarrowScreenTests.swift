import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// Tables that overflowed the terminal, so that the terminal broke every row in two: `drill plan`'s expectations at
/// 80 columns, `dept list` and `policy show` at 70. Each line now fits, in both languages.
@Suite struct NarrowScreenTests {
    static func screen(_ t: TestShell, _ source: String, width: Int) -> String {
        let sink = BufferSink(isTerminal: true, width: width)
        _ = Interpreter().run(source: source, file: "<test>", session: t.session, keepGoing: false, output: sink)
        return sink.stdout
    }

    static func expectFits(_ screen: String, _ width: Int, _ note: String) {
        let wide = screen.split(separator: "\n").filter { DisplayWidth.of(String($0)) > width }
        #expect(wide.isEmpty, "\(note) at \(width): \(wide.count) lines too wide, e.g. \(wide.first ?? "")\n\(screen)")
    }

    @Test(arguments: [80, 120], [Language.zh, .en])
    func drillPlanFits(width: Int, lang: Language) {
        let t = TestShell(lang: lang)
        let r = t.run("drill run \(DrillShellTests.water) --quiet")
        #expect(r.failures == 0, "\(r.err)")
        let plan = Self.screen(t, "drill plan", width: width)
        #expect(plan.contains("E9"), "\(plan)")
        Self.expectFits(plan, width, "drill plan \(lang)")
        // Its limits in words on a Chinese screen (`1 小时`, not the script's `1h`).
        if lang == .zh && width == 120 { #expect(plan.contains("1 小时") && !plan.contains(" 1h "), "\(plan)") }
    }

    /// The English plan at 80 columns broke long words in the middle (`verificatio` / `n report`) and cut a
    /// trainee's department to `Open Govern…`: it folds at spaces, every word whole.
    @Test func englishDrillPlanFoldsAtSpaces() {
        let t = TestShell(lang: .en)
        #expect(t.run("drill run \(DrillShellTests.water) --quiet").failures == 0)
        t.run("drill next")
        let plan = Self.screen(t, "drill plan", width: 80)
        Self.expectFits(plan, 80, "drill plan en")
        for word in ["verification", "instruction", "Government"] {
            #expect(plan.contains(word), "\(word) broken or cut:\n\(plan)")
        }
        #expect(!plan.contains("…"), "\(plan)")
    }

    /// English `accountability` of the month at 80 columns broke words in the middle (`verificati` / `on report`,
    /// `instructio` / `n L2`): the `accountable` header (11 columns over `yes`/`no`) took the room the limit needed.
    /// Every word of a wrapped cell stays whole.
    @Test func englishAccountabilityFoldsAtSpaces() {
        let t = TestShell(at: "2020-02-03T09:00", lang: .en)
        #expect(t.run(SupervisionMonthTests.script).failures == 0)
        let screen = Self.screen(t, "accountability --from 2020-01-01 --to 2020-01-31", width: 80)
        Self.expectFits(screen, 80, "accountability en")
        for word in ["verification", "instruction"] {
            #expect(screen.contains(word), "\(word) broken:\n\(screen)")
        }
    }

    /// The summary `drill end` prints cut its English cells at 80 columns: `Letters and Ca…`, `not opened (no…`,
    /// `undertake the…`. They wrap.
    @Test func englishDrillEndSummaryWrapsAt80() {
        let t = TestShell(lang: .en)
        #expect(t.run("drill run \(DrillShellTests.drill("land-petition-forum.yq")) --quiet\ndrill next\ndrill next").failures == 0)
        let screen = Self.screen(t, "drill end", width: 80)
        Self.expectFits(screen, 80, "drill end en")
        #expect(!screen.contains("…") && screen.contains("Calls Bureau") && screen.contains("(not scored)"), "\(screen)")
    }

    /// score at 80 columns left out the instructions, escalations and extensions columns without a word: a
    /// supervisor read 市应急办 86.8 with no column showing its overdue instruction. A table that leaves columns
    /// out says which, and a wide terminal says nothing.
    @Test(arguments: [Language.zh, .en])
    func aNarrowTableSaysWhichColumnsItLeftOut(lang: Language) {
        let t = TestShell(at: "2019-12-27T10:00", lang: lang)
        t.run(ScreenOutputTests.cases)
        // Chinese names are shorter: at 80 columns the whole table fits, at 72 the escalations go.
        let width = lang == .zh ? 72 : 80
        let narrow = Self.screen(t, "score --from 2019-12-01 --to 2019-12-31", width: width)
        Self.expectFits(narrow, width, "score")
        #expect(narrow.contains(lang == .zh ? "未显示：报市领导；" : "not shown: instr., escal., ext.;"), "\(narrow)")
        let wide = Self.screen(t, "score --from 2019-12-01 --to 2019-12-31", width: 250)
        #expect(!wide.contains(lang == .zh ? "未显示" : "not shown"), "\(wide)")
    }

    /// patrol check's gaps at 80 columns in English cut the day, the department and the rule (`holiday (N…`,
    /// `Emergency …`, `evening and…`): they wrap, whole words.
    @Test func patrolGapsWrapAtEightyColumns() {
        // A shell of its own (SupervisionMonthTests' shared one is for its serialized suite).
        let t = TestShell(at: "2020-02-03T09:00")
        #expect(t.run(SupervisionMonthTests.script).failures == 0)
        let out = Self.screen(t, "patrol check --from 2020-01-01 --to 2020-01-31 --dept emergency", width: 80)
        Self.expectFits(out, 80, "patrol check")
        #expect(!out.contains("…"), "\(out)")
        for word in ["holiday", "Emergency", "Office", "evening"] { #expect(out.contains(word), "\(word):\n\(out)") }
    }

    /// The trainees' view at 80 columns cut what had come in: the media inquiry lost its deadline
    /// (…能不能…, not 请于今天 17:00 前答复), the instruction its text. Messages wrap, nothing is cut.
    @Test(arguments: [Language.zh, .en])
    func traineesViewWrapsWhatCameIn(lang: Language) {
        let t = TestShell(lang: lang)
        #expect(t.run("drill run \(DrillShellTests.water) --quiet\ndrill advance 4h30m\nas 李敏").failures == 0)
        let out = Self.screen(t, "drill status", width: 80)
        Self.expectFits(out, 80, "drill status")
        #expect(!out.contains("…") && out.contains("17:00") && out.contains("网宣部门做好引导"), "\(out)")
    }

    /// drill history at 80 columns cut the drill's name, the place and the objectives (城东花园自…): they wrap.
    @Test(arguments: [Language.zh, .en])
    func drillHistoryWrapsAtEightyColumns(lang: Language) {
        let t = TestShell(at: "2020-01-10T14:00", lang: lang, backend: .sqlite)
        t.run("drill run \(DrillShellTests.water) --place 明光市政务服务中心三楼会议室\ndrill next\nas 李敏\nclaim C1\nas me\ndrill end")
        let out = Self.screen(t, "drill history", width: 80)
        Self.expectFits(out, 80, "drill history")
        #expect(!out.contains("…"), "\(out)")
    }

    /// drill score at 80 columns in English cut nearly every text cell (`expectat…`, `unit repo…`, `Letters a…`).
    @Test(arguments: [Language.zh, .en])
    func drillScoreWrapsAtEightyColumns(lang: Language) {
        let t = TestShell(lang: lang)
        t.run("drill run \(DrillShellTests.water) --auto --actions \(DrillShellTests.waterActions) --quiet")
        let out = Self.screen(t, "drill score", width: 80)
        Self.expectFits(out, 80, "drill score")
        #expect(!out.contains("…"), "\(out)")
    }

    @Test(arguments: ["policy show", "dept list"], [Language.zh, .en])
    func directoryAndPolicyFitSeventyColumns(command: String, lang: Language) {
        let t = TestShell(lang: lang)
        let out = Self.screen(t, command, width: 70)
        #expect(!out.isEmpty)
        Self.expectFits(out, 70, command)
    }

    /// At 80 columns policy show cut the readings' keys ("escalation-…", "rest-day-st…") and the settings' titles
    /// ("逾期无人认领、未被指定的…"): a key is what `policy reading KEY VALUE` takes, so it stays whole; the default
    /// and the values go first, titles wrap (seen by accept14 in tmux at 80 columns, zh and en).
    @Test(arguments: [Language.zh, .en])
    func policyShowKeepsKeysWholeAtEighty(lang: Language) {
        let t = TestShell(lang: lang)
        let out = Self.screen(t, "policy show", width: 80)
        Self.expectFits(out, 80, "policy show")
        for key in ["escalation-from ", "high-response-from ", "rest-day-start ", "unit-report-when-major "] {
            #expect(out.contains("\n" + key), "\(key)\n\(out)")
        }
        #expect(!out.contains("…"), "\(out)")
    }

    /// Below ~65 columns many tables were wider than the screen even at their narrowest (accountability, score,
    /// show's deadlines, patrol check, extensions, overdue): each row is now folded into a record of
    /// `header  value` lines, with every column back in.
    @Test(arguments: [Language.zh, .en])
    func tablesFoldIntoRecordsBelowTheirNarrowest(lang: Language) {
        let t = TestShell(at: "2019-12-27T10:00", lang: lang)
        t.run(ScreenOutputTests.cases)
        t.clock.advance(.hours(24 * 3))
        for command in ["show C1", "overdue --all", "accountability --from 2019-12-01 --to 2019-12-31", "score --from 2019-12-01 --to 2019-12-31",
                        "patrol check --day 2019-12-27"] {
            let out = Self.screen(t, command, width: 50)
            #expect(!out.isEmpty, "\(command)")
            Self.expectFits(out, 50, command)
        }
        let acc = Self.screen(t, "accountability --from 2019-12-01 --to 2019-12-31", width: 50)
        // A record shows the columns a fitted table leaves out first (the article, the evidence).
        #expect(acc.contains(lang == .zh ? "条款" : "article"), "\(acc)")
        #expect(acc.contains(lang == .zh ? "证据事件" : "evidence"), "\(acc)")
        // A terminal wide enough keeps the table.
        let wide = Self.screen(t, "accountability --from 2019-12-01 --to 2019-12-31", width: 200)
        #expect(wide.contains("----"), "\(wide)")
    }

    /// The pictures under `timeline` and `patrol check` at 60 columns: an overdue deadline's time left (with no room
    /// for a bar) and a month's row of `Propaganda Department` ran past the edge.
    @Test(arguments: [Language.zh, .en])
    func picturesFitSixtyColumns(lang: Language) {
        let t = TestShell(at: "2019-12-27T10:00", lang: lang)
        t.run(ScreenOutputTests.cases)
        t.clock.advance(.hours(24 * 900 + 13))
        let timeline = Self.screen(t, "timeline C1", width: 60)
        Self.expectFits(timeline, 60, "timeline")
        #expect(timeline.contains(lang == .zh ? "已超期 900 天" : "overdue by 900 days"), "\(timeline)")
        let patrol = Self.screen(t, "patrol check --from 2019-12-27 --to 2020-01-10", width: 60)
        Self.expectFits(patrol, 60, "patrol check")
        #expect(patrol.contains("■") || patrol.contains("□"), "\(patrol)")
    }
}
