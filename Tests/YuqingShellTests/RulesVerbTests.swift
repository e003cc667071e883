import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// The calendar and policy verbs, and that open deadlines follow the data when it changes.
struct RulesVerbTests {
    @Test func calendarVerbsAnswerInBothLanguages() {
        let t = TestShell(at: "2019-12-27T15:00")
        var r = t.run("calendar check 2020-01-19\ncalendar check 2020-01-01\ncalendar add \"2019-12-27 15:00\" 5wd\ncalendar between 2019-12-27T15:00 2020-01-06T09:00")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("2020-01-19 (Sunday) is a make-up working day (Spring Festival)."))
        #expect(r.out.contains("2020-01-01 (Wednesday) is a holiday (New Year's Day)."))
        #expect(r.out.contains("→ 2020-01-06 24:00"))
        #expect(r.out.contains("5 working days after 2019-12-27"))
        t.session.language = .zh
        r = t.run("calendar 2020-01")
        #expect(r.out.contains("19班"))
        #expect(r.out.contains("01-24–01-31 春节"))
    }

    /// `calendar add|between` as a clerk checks them: `calendar between … 2020-01-06T24:00` answered 6 working days
    /// "up to and including 2020-01-07" (24:00 is the end of 01-06, so the brief's Friday example gives five), and
    /// one working day read "1 working days".
    @Test(arguments: [
        ("calendar between 2019-12-27T15:00 2020-01-06T24:00", "5 working days after 2019-12-27 up to and including 2020-01-06."),
        ("calendar between 2019-12-27T15:00 2020-01-07T00:01", "6 working days after 2019-12-27 up to and including 2020-01-07."),
        ("calendar add 2020-09-30T10:00 1wd", "1 working day after 2020-09-30 10:00 → 2020-10-09 24:00"),
        ("calendar between 2020-10-12T09:00 2020-10-13T09:00", "1 working day after 2020-10-12 up to and including 2020-10-13."),
    ])
    func calendarAnswersAsWritten(_ command: String, _ expected: String) {
        let t = TestShell(at: "2019-12-27T15:00")
        let r = t.run(command)
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains(expected), "\(r.out)")
    }

    /// `clock advance 1wd` moved the clock to the deadline convention's 24:00 (Friday 10:00 → "2020-01-07 00:00",
    /// a Tuesday; twice from Monday 10:00 skipped Wednesday): a clock moved by working days keeps its time of day.
    /// `clock set +1wd` stays a deadline-style time, the end of the working day (docs/rules.md).
    @Test(arguments: [
        ("2020-01-03T10:00", "1wd", "It is 2020-01-06 10:00 (Monday"),       // over a weekend
        ("2020-01-04T10:00", "1wd", "It is 2020-01-06 10:00 (Monday"),       // from a Saturday
        ("2019-12-31T23:59", "1wd", "It is 2020-01-02 23:59 (Thursday"),     // over New Year's Day
        ("2020-01-17T09:00", "1wd", "It is 2020-01-19 09:00 (Sunday"),       // to the make-up working Sunday
        ("2020-01-23T15:00", "1wd", "It is 2020-02-03 15:00 (Monday"),       // over Spring Festival
        ("2020-01-06T10:00", "2wd", "It is 2020-01-08 10:00 (Wednesday"),
    ])
    func clockAdvanceByWorkingDaysKeepsTheTimeOfDay(_ start: String, _ span: String, _ expected: String) {
        let t = TestShell(at: start)
        let r = t.run("clock advance \(span)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains(expected), "\(r.out)")
        let twice = TestShell(at: "2020-01-06T10:00").run("clock advance 1wd\nclock advance 1wd")
        #expect(twice.out.contains("It is 2020-01-07 10:00") && twice.out.contains("It is 2020-01-08 10:00"), "\(twice.out)")
        let set = TestShell(at: "2020-01-03T10:00").run("clock set +1wd")
        #expect(set.out.contains("It is 2020-01-07 00:00"), "\(set.out)")
    }

    /// `calendar add` named each day of a holiday period ("01-24 Spring Festival holiday, 01-25 Spring Festival
    /// holiday, …" ten times over Spring Festival 2020), separated the Chinese days with ", ", and said "counted: )"
    /// for 0wd; it now names periods as `why` does.
    @Test(arguments: [
        (Language.en, "calendar add 2020-01-23T23:59 1wd",
         "1 working day after 2020-01-23 23:59 → 2020-02-03 24:00 (counted: 02-03; 2020-01-24 – 2020-02-02 are holidays (Spring Festival))."),
        (.zh, "calendar add 2020-01-23T23:59 1wd", "2020-01-23 23:59 后 1 个工作日 → 2020-02-03 24:00（计入：02-03；2020-01-24 至 2020-02-02 为春节假日）。"),
        (.zh, "calendar add 2019-12-27T15:00 5wd", "（计入：12-30、12-31、01-02、01-03、01-06；2020-01-01 为元旦假日）。"),
        (.en, "calendar add 2020-01-17T10:00 2wd", "(counted: 01-19, 01-20; 2020-01-19 is a make-up workday (Spring Festival))."),
        (.en, "calendar add 2020-01-04T10:00 0wd", "(counted: none)."),
    ])
    func calendarAddNamesHolidayPeriods(_ lang: Language, _ command: String, _ expected: String) {
        let t = TestShell(at: "2019-12-27T15:00", lang: lang)
        let r = t.run(command)
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains(expected), "\(r.out)")
    }

    /// `calendar add` counted as the default reading whatever the profile said: under `rest-day-start deemed` a
    /// case claimed on Saturday 2020-01-04 owes its first working day on 01-07, and calendar add said 01-06.
    @Test func calendarAddFollowsTheRestDayReading() {
        let t = TestShell(at: "2020-01-03T10:00")
        let r = t.run("policy reading rest-day-start deemed\ncalendar add 2020-01-04T10:00 1wd\ncalendar add 2020-01-06T10:00 1wd")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("1 working day after 2020-01-04 10:00 → 2020-01-07 24:00 (counted: 01-07; deemed to start on 01-06, not counted (reading rest-day-start deemed))."), "\(r.out)")
        #expect(r.out.contains("1 working day after 2020-01-06 10:00 → 2020-01-07 24:00 (counted: 01-07)."), "\(r.out)")
        // The engine says the same for a case claimed then.
        #expect(t.run("""
            as 陈晓 --role patrol --dept open-gov
            collect 周六的帖子 --source weibo --at 2020-01-04T09:00
            as 李娜 --role liaison --dept police
            claim C1 --at 2020-01-04T10:00
            """).failures == 0)
        #expect(t.obligation(1, "extend.apply")?.due?.deadlineDescription == "2020-01-09 24:00")
        #expect(t.run("calendar add 2020-01-04T10:00 3wd").out.contains("→ 2020-01-09 24:00"))
    }

    /// In Chinese a missing argument of the calendar and policy verbs read only "calendar check 缺少参数" (their
    /// arguments had no help to name them); it now says what is missing.
    @Test(arguments: [
        ("calendar check", "calendar check 缺少参数：日期，如 2020-01-19"),
        ("calendar add 2020-01-01T10:00", "calendar add 缺少参数：工作日数（如 5wd）或时长（如 2h）"),
        ("calendar between 2020-01-01T10:00", "calendar between 缺少参数：截止时间"),
        ("calendar load", "calendar load 缺少参数：节假日安排文件"),
        ("policy use", "policy use 缺少参数：内置制度（mingguang、national）或制度文件"),
    ])
    func aMissingArgumentIsNamedInChinese(_ command: String, _ expected: String) {
        let t = TestShell(lang: .zh)
        let r = t.run(command)
        #expect(r.failures == 1)
        #expect(r.err.contains(expected), "\(r.err)")
    }

    /// A one-day extension read "extension X1 applied for (1 working days)".
    @Test func aOneDayExtensionIsSingular() {
        let t = TestShell(at: "2019-12-27T15:00")
        let x = t.run(CaseWorkflowTests.collect + """
        as 李娜 --role liaison --dept police
        claim C1
        extend C1 --days 1 --reason 检测
        as 王敏 --role coordinator --dept open-gov
        extend approve X1
        """)
        #expect(x.failures == 0, "\(x.err)")
        #expect(x.out.contains("(1 working day)"), "\(x.out)")
        #expect(x.out.contains("moves by 1 working day."), "\(x.out)")
        #expect(!x.out.contains("1 working days"), "\(x.out)")
    }

    /// Each day of the month's picture starts five columns after the one before it, in screen columns, whether it
    /// is a working day, a weekend, a holiday (休, a wide character) or a make-up day (班): a picture on a projector
    /// whose holidays stand one column to the left of the weekday they fall on is read wrong.
    @Test(arguments: [Language.zh, .en])
    func theMonthsDaysStandUnderTheirWeekdays(lang: Language) {
        let t = TestShell(at: "2019-12-27T15:00")
        t.session.language = lang
        let r = t.run("calendar 2020-01")
        #expect(r.failures == 0, "\(r.err)")
        // The title, the weekday names, the weeks, then the legend (which starts with 休).
        let lines: [String] = r.out.split(separator: "\n").map(String.init)
        let grid = lines.dropFirst(2).prefix { !$0.hasPrefix("休") }
        #expect(grid.count == 5, "\(r.out)")
        var seen = 0
        for line in grid {
            var column = 0, previous: Character = " "
            for c in line {
                // A day's number starts where a digit follows a space, or a two-digit number begins.
                if c.isNumber && !previous.isNumber {
                    let day = seen + 1
                    let weekday = (CivilDate(year: 2020, month: 1, day: day)?.weekday ?? 0) - 1
                    let expected = 5 * weekday + (day < 10 ? 1 : 0)
                    #expect(column == expected, "day \(day) at column \(column), expected \(expected):\n\(r.out)")
                    seen = day
                }
                column += DisplayWidth.of(c)
                previous = c
            }
        }
        #expect(seen == 31)
    }

    @Test func aYearWithoutDataIsRefusedNamingTheYear() {
        let t = TestShell(at: "2026-12-29T10:00")
        let r = t.run("calendar add 2026-12-29T10:00 5wd")
        #expect(r.failures == 1)
        #expect(r.err.contains("2027"))
    }

    @Test func loadingNextYearRecomputesOpenDeadlinesAndIsLogged() throws {
        let t = TestShell(at: "2026-12-29T10:00")
        t.run("""
        collect 年底的帖子 --source forum
        as 李娜 --role liaison --dept police
        claim C1
        """)
        // Not computable without 2027, but certainly not yet due: pending, with no due time.
        #expect(t.obligation(1, "verify")?.status == .pending)
        #expect(t.obligation(1, "verify")?.due == nil)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("yq-2027-\(UUID().uuidString).txt")
        // An invented 2027 for the test: New Year's Day on Friday 01-01 only.
        try "year 2027 test\n2027-01-01 holiday 元旦 New Year's Day\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = t.run("as 管理员 --role admin\ncalendar load \(file.path)")
        #expect(r.failures == 0, "\(r.err)")
        // After Tue 12-29: 12-30, 12-31, (01-01 off), 01-04, 01-05, 01-06.
        #expect(t.obligation(1, "verify")?.due?.deadlineDescription == "2027-01-06 24:00")
        let due = try t.ws.read { try $0.cases(CaseQuery(now: t.clock.now())) }.first?.nextDue
        #expect(due != nil)
        let last = try t.ws.read { r in try r.events(from: r.lastSeq(), limit: 1) }
        #expect(last.first?.body.verb == "calendarLoaded")
    }

    /// A declared year without a single holiday made every weekday of it a working day (seen by the outside
    /// check): refused in both languages at `file:line:column` of its year, the line shown with a caret; nothing
    /// is loaded or logged and the year stays uncovered.
    @Test(arguments: [Language.en, .zh])
    func loadingAYearWithoutHolidaysIsRefused(_ lang: Language) throws {
        let t = TestShell(at: "2026-12-29T10:00", lang: lang)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("yq-noholiday-\(UUID().uuidString).txt")
        try "# 2027\nyear 2027 国务院办公厅通知\n2027-01-09 workday 春节 Spring Festival\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let before = try t.ws.read { try $0.lastSeq() }
        let r = t.run("as 管理员 --role admin\ncalendar load \(file.path)")
        #expect(r.failures == 1)
        let said = lang == .en ? "\(file.path):2:6: error: year 2027 is declared but has no holiday at all"
                               : "\(file.path):2:6: 错误：2027 年已声明，但没有一天放假"
        #expect(r.err.contains(said), "\(r.err)")
        #expect(r.err.contains("year 2027 国务院办公厅通知\n     ^^^^\n"), "\(r.err)")
        #expect(r.err.contains(lang == .en ? "has an error; nothing was loaded" : "有误，未载入任何内容"), "\(r.err)")
        #expect(throws: CalendarError.self) { try t.ws.calendar.dayKind(CivilDate(year: 2027, month: 3, day: 1)!) }
        #expect(try t.ws.read { try $0.lastSeq() } <= before + 2)   // `as` may add the person; no load
    }

    /// Errors in a holiday file give `file:line:column`, the line and a caret under the bad field, as script errors
    /// do (they gave `file:line` only).
    @Test func loadErrorsPointAtTheField() throws {
        let t = TestShell(at: "2026-12-29T10:00")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("yq-badkind-\(UUID().uuidString).txt")
        try "year 2027 test\n2027-01-01  vacation 元旦 New Year's Day\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = t.run("as 管理员 --role admin\ncalendar load \(file.path)")
        #expect(r.failures == 1)
        #expect(r.err.contains("\(file.path):2:13: error: unknown kind 'vacation'"), "\(r.err)")
        #expect(r.err.contains("2027-01-01  vacation 元旦 New Year's Day\n            ^^^^^^^^\n"), "\(r.err)")
    }

    /// `calendar load` of an empty file (or one of comments only) answered "Loaded the holidays of ." and logged a
    /// load; it is refused, naming the file, and nothing is logged (seen by accept14).
    @Test(arguments: ["", "# nothing yet\n"])
    func loadingAFileThatDeclaresNoYearIsRefused(_ text: String) throws {
        let t = TestShell(at: "2026-12-29T10:00")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("yq-empty-\(UUID().uuidString).txt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let before = try t.ws.read { try $0.lastSeq() }
        let r = t.run("as 管理员 --role admin\ncalendar load \(file.path)")
        #expect(r.failures == 1)
        #expect(r.err.contains("declares no year, so nothing was loaded"), "\(r.err)")
        let last = try t.ws.read { r in try r.events(from: r.lastSeq(), limit: 1) }
        #expect(last.first?.body.verb != "calendarLoaded")
        #expect(try t.ws.read { try $0.lastSeq() } <= before + 2)   // `as` may add the person; no load
    }

    /// Issue 14: a calendar load recomputes the cases whose deadlines it can move — here the one waiting for 2027,
    /// not the one claimed in March, whose deadlines all fell in 2026 — and says how many, in both languages; the
    /// deadlines are then those of a full rebuild, on every backend.
    @Test(arguments: TestShell.Backend.available)
    func loadingAYearRecomputesOnlyTheCasesItCanMoveAndSaysHowMany(backend: TestShell.Backend) throws {
        let t = TestShell(at: "2026-12-29T10:00", backend: backend)
        t.run("""
        collect 三月的帖子 --source forum --at 2026-03-02T09:00
        collect 年底的帖子 --source forum
        as 李娜 --role liaison --dept police
        claim C1 --at 2026-03-02T10:00
        claim C2
        """)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("yq-2027-\(UUID().uuidString).txt")
        try "year 2027 test\n2027-01-01 holiday 元旦 New Year's Day\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var r = t.run("as 管理员 --role admin\ncalendar load \(file.path)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("Recomputed the deadlines of 1 case;"), "\(r.out)")
        let now = t.clock.now()
        let selective = try t.ws.read { r in try r.cases(CaseQuery(now: now)).map { [$0.id.description, "\($0.nextDue.map(\.seconds) ?? -1)"] } }
        let dues = try t.ws.read { try $0.openDues(before: Instant(seconds: .max), limit: nil) }
        try t.ws.store.rebuild()
        #expect(try t.ws.read { r in try r.cases(CaseQuery(now: now)).map { [$0.id.description, "\($0.nextDue.map(\.seconds) ?? -1)"] } } == selective)
        #expect(try t.ws.read { try $0.openDues(before: Instant(seconds: .max), limit: nil) } == dues)
        t.session.language = .zh
        r = t.run("calendar load \(file.path)")
        #expect(r.out.contains("已重算 1 件案件的时限"), "\(r.out)")
    }

    @Test func switchingPolicyRecomputesAndShowsArticles() {
        let t = TestShell(at: "2019-12-27T14:00")
        t.run("collect 帖子 --source weibo\nas 李娜 --role liaison --dept police\nclaim C1 --at 2019-12-27T15:00")
        #expect(t.obligation(1, "verify") != nil)
        var r = t.run("policy use national")
        #expect(r.failures == 0, "\(r.err)")
        #expect(t.obligation(1, "verify") == nil)
        #expect(t.obligation(1, "respond.national") != nil)
        r = t.run("policy show")
        #expect(r.out.contains("national"))
        r = t.run("policy use nowhere")
        #expect(r.failures == 1)
        #expect(r.err.contains("built in: mingguang, national"))
    }

    @Test func aProfileFileIsDataWithPositions() throws {
        let t = TestShell()
        let dir = FileManager.default.temporaryDirectory
        let good = dir.appendingPathComponent("yq-profile-\(UUID().uuidString).yq")
        let lines = Policy.mingguangLines.map { words in
            "policy " + words.map { $0.contains(" ") || $0.isEmpty ? "\"\($0)\"" : $0 }.joined(separator: " ")
        }
        try (lines.joined(separator: "\n") + "\npolicy name local 本地制度\npolicy set verify limit 7wd\n").write(to: good, atomically: true, encoding: .utf8)
        let bad = dir.appendingPathComponent("yq-profile-bad-\(UUID().uuidString).yq")
        try "policy name test\npolicy set verfy limit 5wd\n".write(to: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: good); try? FileManager.default.removeItem(at: bad) }
        var r = t.run("policy use \(good.path)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(t.ws.policy.rule("verify")?.clock == .workingDays(7))
        r = t.run("policy use \(bad.path)")
        #expect(r.failures == 1)
        #expect(r.err.contains("\(bad.path):2:12"))
        #expect(t.ws.policy.rule("verify")?.clock == .workingDays(7))
    }

    /// A profile is read as data: any other verb in it is refused at its position and never runs, a file may not
    /// pass for a built-in profile, and the change is logged under the file's own name and fingerprint.
    @Test func aProfileRunsNothingAndCannotPassForABuiltIn() throws {
        let t = TestShell()
        let dir = FileManager.default.temporaryDirectory
        let sneaky = dir.appendingPathComponent("yq-profile-sneaky-\(UUID().uuidString).yq")
        try "policy name city 我市\ncollect 夹带的命令 --source weibo\n".write(to: sneaky, atomically: true, encoding: .utf8)
        let impostor = dir.appendingPathComponent("yq-profile-impostor-\(UUID().uuidString).yq")
        try "policy name mingguang\npolicy rule verify 8\npolicy set verify limit 30wd\n".write(to: impostor, atomically: true, encoding: .utf8)
        let own = dir.appendingPathComponent("yq-profile-own-\(UUID().uuidString).yq")
        let text = "policy name city 我市\npolicy rule verify 8\npolicy set verify limit 7wd\n"
        try text.write(to: own, atomically: true, encoding: .utf8)
        defer { for f in [sneaky, impostor, own] { try? FileManager.default.removeItem(at: f) } }
        let before = t.eventCount
        var r = t.run("policy use \(sneaky.path)")
        #expect(r.failures == 1)
        #expect(r.err.contains("\(sneaky.path):2:1") && r.err.contains("a profile holds `policy` lines only"), "\(r.err)")
        #expect(t.caseFile(1) == nil)
        #expect(t.eventCount == before)
        r = t.run("policy use \(impostor.path)")
        #expect(r.failures == 1)
        #expect(r.err.contains("calls itself the built-in mingguang"), "\(r.err)")
        #expect(t.ws.policy == .mingguang)
        r = t.run("policy use \(own.path)")
        #expect(r.failures == 0, "\(r.err)")
        let last = try #require(try t.ws.read { try $0.events(from: $0.lastSeq(), limit: 1) }.first)
        guard case let .policyChanged(name, fingerprint, source) = last.body else {
            Issue.record("no policyChanged event: \(last.body)")
            return
        }
        #expect(name == "city" && source == own.path)
        #expect(fingerprint == PolicyProfile.fingerprint(text))
    }

    /// The built-in profiles have one source (Swift); `policy export` writes each as a script, and running that
    /// script through `policy use` gives exactly the built-in profile.
    @Test(arguments: ["mingguang", "national"])
    func anExportedProfileLoadsAsTheBuiltIn(_ name: String) throws {
        let t = TestShell()
        let r = t.run("policy export \(name)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.hasPrefix("# "))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("yq-\(name)-\(UUID().uuidString).yq")
        try r.out.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        // From another profile, so the file must really set every rule.
        let other = name == "national" ? "mingguang" : "national"
        #expect(t.run("policy use \(other)").failures == 0)
        let use = t.run("policy use \(file.path)")
        #expect(use.failures == 0, "\(use.err)")
        #expect(t.ws.policy == Policy.builtIns[name])
        #expect(t.ws.policy.rules.count == (name == "national" ? 3 : 17))
    }

    /// `policy show` lists the readings with the value in force and the default; `policy reading` changes one for the
    /// session; `why` names the reading that gave a deadline.
    @Test func readingsAreShownChangedAndNamedInWhy() {
        let t = TestShell(at: "2019-12-23T12:00")
        var r = t.run("policy show")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("rest-day-start"), "\(r.out)")
        #expect(r.out.contains("high-response-from"))
        #expect(r.out.contains("unit-report-when-major"))
        r = t.run("""
        collect 周末的帖子 --source forum --at 2019-12-21T09:00
        as 李娜 --role liaison --dept police
        claim C1 --at 2019-12-21T10:00
        why C1
        """)
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("reading rest-day-start counted"), "\(r.out)")
        #expect(t.obligation(1, "verify")?.due?.deadlineDescription == "2019-12-27 24:00")
        r = t.run("as 王敏 --role coordinator --dept open-gov\npolicy reading rest-day-start deemed\nwhy C1\npolicy show")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("reading rest-day-start deemed"), "\(r.out)")
        #expect(t.obligation(1, "verify")?.due?.deadlineDescription == "2019-12-30 24:00")
        // The liaison verb and the escalation reading.
        r = t.run("""
        policy reading escalation-from liaison
        collect 重大的帖子 --source forum --at 2019-12-23T09:00
        as 李娜 --role liaison --dept police
        claim C2 --at 2019-12-23T09:30
        assess C2 --level major-sensitive --at 2019-12-23T10:00
        liaise C2 --note 已核实 --at 2019-12-23T11:00
        why C2
        """)
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("C2: verified and liaised with the coordinators."), "\(r.out)")
        #expect(t.obligation(2, "escalate")?.due?.description == "2019-12-23 13:00")
        #expect(r.out.contains("reading escalation-from liaison"))
        r = t.run("liaise C2")
        #expect(r.failures == 1)
        #expect(r.err.contains("already verified and liaised"), "\(r.err)")
        r = t.run("as 王敏 --role coordinator --dept open-gov\npolicy reading rest-day-start sometimes")
        #expect(r.failures == 1)
        #expect(r.err.contains("counted or deemed"), "\(r.err)")
    }
}
