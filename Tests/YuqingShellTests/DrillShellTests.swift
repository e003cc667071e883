import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// Drills through the real interpreter: isolation from the real cases, errors before the start, stepped play,
/// contingencies, determinism and replay.
@Suite struct DrillShellTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func drill(_ name: String) -> String { root.appendingPathComponent("scripts/drills/\(name)").path }
    static func temp(_ name: String, _ text: String) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("yq-drill-\(UUID().uuidString)-\(name)")
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let water = drill("tap-water-rumour.yq")
    static let waterActions = drill("tap-water-rumour.actions.yq")
    /// The small assessed drill of the golden tests.
    static let assessed = root.appendingPathComponent("Tests/EndToEndTests/Golden/drill_assessed.txt").path

    @Test func autoDrillLeavesTheRealStoreAlone() {
        let sh = TestShell(lang: .zh)
        sh.run("collect \"真实案件\" --url https://example.com/real")
        let before = sh.eventCount
        let realClock = sh.session.clock
        let r = sh.run("drill run \(Self.water) --auto --actions \(Self.waterActions) --quiet")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("总体评定 S（88%）"))
        #expect(sh.eventCount == before)
        #expect(sh.session.service(Workspace.self) === sh.ws)
        #expect(sh.session.clock as AnyObject === realClock as AnyObject)
        #expect(sh.session.actor == Actor(name: "王敏", role: .coordinator, dept: "open-gov"))
        // The real store's own check (`Workspace.authorizeVerb`) is back; the drill's rules are gone with its domain.
        #expect(sh.session.authorize != nil && sh.session.domain === sh.ws && sh.ws.idleWork() == .none)
        #expect(sh.caseFile(1)?.title == "真实案件")
    }

    /// An inject's command is announced as written in the drill file (`[+01:45 注入] …`): escape sequences and bidi
    /// controls in it are shown escaped, in a pipe too. Before, only a terminal's sink escaped them, so a drill run
    /// piped to a log kept `ESC[2J` and the title-setting sequence raw.
    @Test func injectsFromTheFileAreAnnouncedEscaped() throws {
        let text = try String(contentsOfFile: Self.water, encoding: .utf8)
            .replacingOccurrences(of: "echo \"【导调】该微博", with: "echo \"【导调】\u{1B}[2J\u{1B}]0;pwn\u{07}\u{202E}该微博")
        #expect(text.contains("\u{1B}[2J"))
        let path = Self.water.replacingOccurrences(of: "tap-water-rumour.yq", with: "yq-hostile-\(UUID().uuidString).yq")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = TestShell(lang: .zh).run("drill run \(path) --auto")
        #expect(r.failures == 0, "\(r.err)")
        let all = r.out + r.err
        #expect(all.contains("注入] 【导调】\\x1B[2J\\x1B]0;pwn\\x07\\u{202E}该微博"), "\(all.prefix(3000))")
        #expect(!all.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" }, "a control character reached the output raw")
    }

    @Test func scriptErrorsArePositionedAndNothingStarts() {
        let bad = Self.temp("bad.yq", """
        drill "坏脚本"
        epoch 2019-12-21T09:00
        at 00:10 collect "x"
        expect E1 claim C1 within 1h points 10 objective O9
        at +00:20 colect "y"
        end
        """)
        let sh = TestShell(lang: .en)
        let r = sh.run("drill run \(bad)")
        #expect(r.failures == 1)
        #expect(r.err.contains("\(bad):3:4: error: a time is written +HH:MM"))
        #expect(r.err.contains("\(bad):4:50: error: no objective O9"))
        #expect(r.err.contains("\(bad):5:11: error: unknown command `colect`"))
        #expect(r.err.contains("3 error(s) in \(bad); the drill did not start"))
        #expect(sh.run("drill status").out.contains("No drill."))
    }

    @Test func steppedDrillAtThePrompt() {
        let sh = TestShell(lang: .en)
        var r = sh.run("drill run \(Self.water)")
        #expect(r.out.contains("Drill starts: 城东花园自来水污染谣言处置演练"))
        #expect(!r.out.contains("Next inject"), "the trainees' view shows no future inject")
        r = sh.run("drill next\nas 李敏\nclaim C1\nassess C1 --level high-attention\ndrill status")
        #expect(r.failures == 0, "\(r.err)")
        // Each trainee action takes a step (1 minute): the claim at +00:21, the assessment at +00:22.
        #expect(r.out.contains("Drill clock 2019-12-21 09:22 (+00:22), acting as 李敏 (liaison, Water Bureau)."))
        #expect(!r.out.contains("E3"), "expectations are the evaluators', not the trainees'")
        r = sh.run("as me\ndrill advance 3h\ndrill end")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("[+02:21:01 deadline] E3"))
        #expect(r.out.contains("Drill over"))
        let report = sh.run("drill report").out
        #expect(report.contains("| E1 | 认领 C1 | 市水务局 | 2 小时 | 2019-12-21 09:20 | 2019-12-21 09:21 李敏 | 60（1 分钟） | 按时完成 | 15 / 15 |"))
        #expect(sh.run("drill next").err.contains("no drill is running"))
    }

    @Test func missedExpectationsFireContingencies() {
        let sh = TestShell(lang: .zh)
        let r = sh.run("drill run \(Self.water) --auto")
        // Injects in words on a Chinese screen (the department by name), as typed in the log.
        #expect(r.out.contains("[+02:20:01 应变注入 E1 未完成] 协调员指定认领部门（第六条）：C1 市水务局"))
        #expect(r.out.contains("[+05:00:01 应变注入 E9 未完成] 协调员督办：L1"))
        #expect(r.out.contains("[+08:20:01 应变注入 E4 未完成 → 市水务局] 【导调】记者再次来电"))
        #expect(!r.out.contains("应变注入 E1 已完成"))
        #expect(r.out.contains("总体评定 U（0%）"))
        // The claim was done by exercise control's contingency: it earns the trainees nothing.
        let report = sh.run("drill report").out
        #expect(report.contains("| C1 | 认领 | 市水务局 | 2019-12-21 11:20 | 2019-12-21 11:20:01 | 由导调代为完成（不计分） | 0 / 5 |"))
        // No rule id and no English tag in the Chinese report (they were: 认领（claim）, [after E7], [E9 miss]).
        for code in ["（claim）", "（report.unit）", "instruct:", "[after ", " miss]"] { #expect(!report.contains(code), "\(code)") }
        // The controller's view in Chinese: triggers in words, departments by name.
        let stepped = TestShell(lang: .zh)
        stepped.run("drill run \(Self.water)")
        let plan = stepped.run("drill plan").out
        #expect(plan.contains("E1 未完成") && !plan.contains("missed") && !plan.contains(" water "), "\(plan)")
    }

    func reportAndHash() -> (String, String) {
        let sh = TestShell(lang: .zh)
        sh.run("drill run \(Self.water) --auto --actions \(Self.waterActions) --quiet")
        let report = sh.run("drill report").out
        let run = DrillController.of(sh.session).run
        return (report, run?.outcome?.stateHash ?? "")
    }

    @Test func twoRunsGiveTheSameBytes() {
        let a = reportAndHash()
        let b = reportAndHash()
        #expect(a.0 == b.0)
        #expect(a.1 == b.1 && a.1.count == 64)
    }

    @Test func replayVerifiesAndCatchesAlteredLogs() throws {
        let log = Self.temp("run.log", "")
        let sh = TestShell(lang: .en)
        sh.run("drill run \(Self.water) --auto --actions \(Self.waterActions) --quiet --log \(log)")
        var r = sh.run("drill replay \(log) --verify")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("Verified: the replay matches the log."))

        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("# include: \(Self.drill("shared/mingguang.yq")) "), "included files are hashed into the log")
        let altered = Self.temp("altered.log", text.replacingOccurrences(of: "at +01:15 assess C1 --level high-attention", with: "at +01:15 assess C1 --level general"))
        r = sh.run("drill replay \(altered) --verify")
        #expect(r.failures == 1)
        #expect(r.err.contains("the replay does not match the log"))
        #expect(r.out.contains("DIFFERENT"))

        let forged = Self.temp("forged.log", text.replacingOccurrences(of: "# state: ", with: "# state: 0"))
        #expect(sh.run("drill replay \(forged) --verify").failures == 1)

        // A line appended after the logged end was ignored by the replay, and the edited log verified.
        let appended = Self.temp("appended.log", text.replacingOccurrences(
            of: "# end: ", with: "at +30:00 as 赵强 --role coordinator --dept open-gov\nat +30:00 review C1 approve --note 伪造\n# end: "))
        r = sh.run("drill replay \(appended) --verify")
        #expect(r.failures == 1 && r.err.contains("acts after the drill's end (+26:00)"), "\(r.err)\(r.out)")

        // The time an inject fired, edited in the log (the media inquiry an hour earlier), verified too.
        let refired = Self.temp("refired.log", text.replacingOccurrences(of: "# fired: +03:00 ", with: "# fired: +02:00 "))
        #expect(text.contains("# fired: +03:00 "))
        r = sh.run("drill replay \(refired) --verify")
        #expect(r.failures == 1 && r.out.contains("injects fired"), "\(r.err)\(r.out)")
    }

    @Test func steppedSessionsReplayToo() throws {
        let log = Self.temp("stepped.log", "")
        let sh = TestShell(lang: .en)
        sh.run("drill run \(Self.water) --place 三楼会议室")
        sh.run("drill next\nas 李敏\nclaim C1", keepGoing: true)
        sh.run("as 赵强\nrespond C1 --draft 草稿", keepGoing: true)
        // The trainer acts directly too (as a coordinator of open-gov): not scored, but logged and replayed.
        sh.run("as me\ndecide C1 guidance 网宣办安排引导\ndrill advance 2h\ndrill note \"报送慢\" --improve --owner water --objective O2\ndrill end --log \(log)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("drill denied respond C1"))
        #expect(text.contains("# mode: stepped"))
        #expect(text.contains("# place: 三楼会议室"))
        #expect(text.contains("# trainer: 王敏"))
        #expect(text.contains("as 王敏 --role coordinator --dept open-gov"))
        // Someone else replays it: the trainer's events keep the trainer's role and department.
        sh.run("as 孙老师 --role trainer")
        let r = sh.run("drill replay \(log) --verify")
        #expect(r.failures == 0, "\(r.err)\(r.out)")
    }

    /// docs/drills.md's stepped example wrote `--due 2020-01-10` in a session held today: the report's plan read
    /// start 2026-12-01, due 2020-01-10. An item due before it starts is refused and nothing is noted.
    @Test func anImprovementDueBeforeItStartsIsRefused() {
        let sh = TestShell(at: "2020-01-10T14:00", lang: .en)
        sh.run("drill run \(Self.water)")
        var r = sh.run("drill note late --improve --owner water --due 2020-01-10")
        #expect(r.failures == 1 && r.err.contains("due 2020-01-10 is before the improvement item starts (2020-01-11)"), "\(r.err)")
        r = sh.run("drill note late --improve --owner water --start 2020-01-20 --due 2020-01-15")
        #expect(r.failures == 1 && r.err.contains("before the improvement item starts (2020-01-20)"), "\(r.err)")
        // Nor one starting before the session (the command table's example put a 2020 item into a 2026 plan).
        r = sh.run("drill note late --improve --owner water --start 2020-01-09 --due 2020-01-31")
        #expect(r.failures == 1 && r.err.contains("cannot start (2020-01-09) before the session (2020-01-10)"), "\(r.err)")
        r = sh.run("drill note late --improve --owner water --start 2020-01-13 --due 2020-01-31\ndrill end")
        #expect(r.failures == 0, "\(r.err)")
        let report = sh.run("drill report").out
        #expect(report.contains("| 2020-01-13 | 2020-01-31 |") && !report.contains("2020-01-15"), "\(report)")
    }

    /// `drill history` in Chinese listed each trainee's department by its code (`water`, `open-gov`): the drill's
    /// departments are not in the real store's directory, so the kept session now carries their names.
    @Test func theHistoryNamesTheTraineesDepartments() {
        let sh = TestShell(at: "2020-01-10T14:00", lang: .zh, backend: .sqlite)
        sh.run("drill run \(Self.water)\ndrill next\nas 李敏\nclaim C1\nas me\ndrill end")
        let h = sh.run("drill history")
        #expect(h.failures == 0, "\(h.err)")
        #expect(h.out.contains("市水务局") && h.out.contains("政务公开办"), "\(h.out)")
        #expect(!h.out.contains(" water ") && !h.out.contains("open-gov"), "\(h.out)")
    }

    /// A drill ended at +00:00 read, under each objective not rated, "计分的 0 项预期行动中完成 0 项，均在时限内完成"
    /// (of 0 scored, 0 done, all within their limits).
    @Test func anObjectiveWithNothingCountedSaysNoCount() {
        let sh = TestShell(lang: .zh)
        sh.run("drill run \(Self.water)\ndrill end")
        let report = sh.run("drill report").out
        #expect(report.contains("未演练，不评定") && !report.contains("计分的 0 项") && !report.contains("均在时限内完成"), "\(report)")
        let sh2 = TestShell(lang: .zh)
        // Ten minutes after the case came in (E1's window opened at the very instant of `drill next` is not due if
        // the drill ended then: 未到期, not counted).
        sh2.run("drill run \(Self.water)\ndrill next\ndrill advance 10m")
        let interim = sh2.run("drill report").out
        #expect(interim.contains("计分的 1 项预期行动中完成 0 项") && !interim.contains("均在时限内完成"), "\(interim)")
    }

    /// The projector announced the instruction inject with the script's label: 录入市领导批示…（第八条第四款）：@水质谣言
    /// — a name from the scenario file the trainees never see; it is the case, C1.
    @Test func injectsNameTheCaseNotTheScriptsLabel() {
        let sh = TestShell(lang: .zh)
        let r = sh.run("drill run \(Self.water)\ndrill advance 4h")
        #expect(r.out.contains("（第八条第四款）：C1") && !r.out.contains("：@水质谣言"), "\(r.out)")
    }

    /// The English briefing listed 李敏's department as `water`, the code the script's `dept add` gives: it is the
    /// script's English name (Water Bureau), as the Chinese briefing says 市水务局.
    @Test func theEnglishBriefingNamesTheScriptsDepartments() {
        let r = TestShell(lang: .en).run("drill brief \(Self.water) --role water --lang en")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("| 李敏 | liaison | Water Bureau |") && !r.out.contains("| water |"), "\(r.out)")
    }

    @Test func theRosterDecidesWhoActs() {
        let sh = TestShell(lang: .en)
        sh.run("drill run \(Self.water)")
        var r = sh.run("as 赵强")
        #expect(sh.session.actor == Actor(name: "赵强", role: .coordinator, dept: "open-gov"), "\(r.err)")
        r = sh.run("as water")
        #expect(sh.session.actor.name == "李敏", "a department with one trainee stands for that trainee")
        r = sh.run("as 王五 --role liaison --dept police")
        #expect(r.err.contains("“王五” is not on the drill's roster"))
        r = sh.run("as 李敏 --dept police")
        #expect(r.err.contains("the role and department cannot be changed"))
        r = sh.run("as 市舆情中心导调组\ndrill next\nas me")
        #expect(r.failures == 0, "\(r.err)")
        #expect(sh.session.actor.name == "王敏")
        r = sh.run("as 李敏\ndrill inject echo hi\ndrill note x\ndrill end\ndrill plan\ndrill report\ndrill score", keepGoing: true)
        #expect(r.failures == 6)
        #expect(r.err.contains("a trainee (李敏) may not run `drill inject`"))
        #expect(r.err.contains("a trainee (李敏) may not run `drill end`"))
        // The permission table refuses first (the denial is logged in the drill's store): the directory is not a
        // liaison's, the policy is the operator's (the drill's trainer). A trainee whose role could change the
        // directory elsewhere (a coordinator) is refused by the drill's own rule.
        r = sh.run("dept add x 测试 --member\npolicy use national", keepGoing: true)
        #expect(r.failures == 2)
        #expect(r.err.contains("a liaison may not manage the directory") && r.err.contains("a trainer may not change the policy"), "\(r.err)")
        r = sh.run("as 赵强\ndept add x 测试 --member", keepGoing: true)
        #expect(r.failures == 1)
        #expect(r.err.contains("trainees may not change the directory, the rules or the calendar"), "\(r.err)")
    }

    /// The drill's own refusals (`--at`, `clock`, a controller verb, a name not on the roster) are denials like the
    /// permission table's: logged in the drill's store with the operator (the trainer), the verb and the reason in
    /// both languages, copied into the drill log, and written back the same by a replay.
    @Test func theDrillsOwnRefusalsAreLoggedAsDenials() throws {
        let log = Self.temp("refusals.log", "")
        let sh = TestShell(lang: .en)
        sh.run("drill run \(Self.water)")
        sh.run("drill next\nas 李敏")
        let run = try #require(DrillController.of(sh.session).run)
        let before = run.lastSeq()
        let r = sh.run("claim C1 --at \"2019-12-21 09:00\"\nclock advance 1h\ndrill inject echo hi\nas 王五", keepGoing: true)
        #expect(r.failures == 4)
        let denials = try run.ws.read { try $0.events(from: before + 1, limit: 100) }.compactMap { e -> (String, String, String?, Operator?, String)? in
            guard case .denied(let verb, let en, let zh) = e.body else { return nil }
            return (verb, en, zh, e.recordedBy, e.actor.name)
        }
        #expect(denials.map(\.0) == ["claim", "clock advance", "drill inject", "as"])
        for d in denials {
            #expect(d.2 != nil && d.2 != d.1, "the reason in Chinese too: \(d)")
            // The drill's operator: whoever ran `drill run`, with the login they signed in with.
            #expect(d.3 == Operator(login: TestShell.login, name: TestShell.login), "\(d)")
            #expect(d.4 == "李敏")
        }
        #expect(denials.first?.2?.contains("演练中不能用 --at") == true)
        #expect(denials.last?.1.contains("“王五” is not on the drill's roster") == true)
        sh.run("as me\ndrill end --log \(log)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("drill denied 'clock advance' - "), "\(text)")
        #expect(text.contains("--zh ") && text.contains("--operator \(TestShell.login) --operator-name \(TestShell.login)"))
        let replay = sh.run("drill replay \(log) --verify")
        #expect(replay.failures == 0, "\(replay.err)\(replay.out)")
    }

    @Test func timeBelongsToTheDrill() {
        let sh = TestShell(lang: .en)
        sh.run("drill run \(Self.water)")
        sh.run("drill next\nas 李敏")
        let r = sh.run("claim C1 --at \"2019-12-21 09:00\"\nclock set 2019-12-21T08:00\nclock advance 1h\nclock real", keepGoing: true)
        #expect(r.failures == 4)
        #expect(r.err.contains("--at is not allowed in a drill"))
        #expect(r.err.contains("the clock cannot be changed in a drill"))
        #expect(sh.session.clock.now() == TestShell.instant("2019-12-21T09:20"))
        // A back-dated event (from anywhere) counts when it was observed: the engine never lets one beat a deadline.
        var engine = DrillEngine(script: DrillController.of(sh.session).run!.script)
        let c1 = EntityID(.caseFile, 1)
        let collected = Event(seq: 1, caseID: c1, subject: nil, actor: DrillHeader.defaultControl, effective: TestShell.instant("2019-12-21T09:20"),
                              recorded: TestShell.instant("2019-12-21T09:20"), body: .collected(item: Item(title: "t", url: nil, source: .weibo, category: nil, excerpt: nil), dept: nil), prevHash: "", hash: "")
        engine.observe([collected], control: true, now: TestShell.instant("2019-12-21T09:20"))
        engine.bind(label: "水质谣言", to: c1, now: TestShell.instant("2019-12-21T09:20"))
        let claim = Event(seq: 2, caseID: c1, subject: nil, actor: Actor(name: "李敏", role: .liaison, dept: "water"),
                          effective: TestShell.instant("2019-12-21T09:30"), recorded: TestShell.instant("2019-12-21T09:30"),
                          body: .claimed(dept: "water"), prevHash: "", hash: "")
        engine.observe([claim], control: false, now: TestShell.instant("2019-12-21T12:00"))
        #expect(engine.states[0].status == .late)
        #expect(engine.states[0].doneAt == TestShell.instant("2019-12-21T12:00"))
    }

    @Test func liveDrillFiresInjectsOnScheduleAndReplays() throws {
        let script = Self.temp("live.yq", """
        drill "实时演练"
        epoch 2020-01-11T09:00
        trainee 李敏 --role liaison --dept police
        at +00:10 @帖 collect "网传某路口事故" --url https://weibo.com/9/1
        expect E1 claim @帖 by police within 30m points 10
        end
        """)
        let log = Self.temp("live.log", "")
        let sh = TestShell(at: "2020-01-13T14:00", lang: .en)
        var r = sh.run("drill run \(script) --live --speed 60")
        #expect(r.failures == 0, "\(r.err)")
        #expect(sh.session.domain?.idleWork() == .refreshPrompt, "nothing is due at the start")
        // 11 real seconds at ×60 are 11 drill minutes: the inject at +00:10 is due and the REPL's idle hook asks to run it.
        sh.clock.advance(Span(seconds: 11))
        #expect(sh.session.domain?.idleWork() == .run("drill tick"))
        r = sh.run("drill tick")
        #expect(r.out.contains("[+00:10 inject] collect"))
        // The case appeared at the scheduled +00:10, not at +00:11 when the process got to it.
        #expect(sh.caseFileInDrill(1)?.collectedAt == TestShell.instant("2020-01-11T09:10"))
        sh.clock.advance(Span(seconds: 9))
        r = sh.run("as 李敏\nclaim C1\nas me\ndrill end --log \(log)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("E1  claim   C1    Public Security Bureau   10 min  met      10/10"))
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("# mode: live"))
        #expect(text.contains("at +00:20 claim C1"))
        r = sh.run("drill replay \(log) --verify")
        #expect(r.failures == 0, "\(r.err)\(r.out)")
        #expect(r.out.contains("Verified"))
    }

    /// A trainer who had set the clock (`clock set`, as the tutorial does) and then ran `drill run --live` saw the
    /// drill stand at +00:00: the live clock ran on the session's clock, which a simulated clock holds still. It
    /// runs on the passing of real time from the simulated start.
    @Test func aLiveDrillAfterClockSetRunsOn() throws {
        let script = Self.temp("live-after-set.yq", """
        drill "实时演练"
        epoch 2020-01-11T09:00
        trainee 李敏 --role liaison --dept police
        at +00:10 @帖 collect "网传某路口事故" --url https://weibo.com/9/1
        expect E1 claim @帖 by police within 30m points 10
        end
        """)
        let sh = TestShell(at: "2020-01-13T14:00", lang: .en)
        // `clock set` in the REPL: a simulated clock of its own, which nothing moves.
        sh.session.clock = SimulatedClock(TestShell.instant("2020-01-13T14:00"))
        #expect(sh.run("drill run \(script) --live --speed 60").failures == 0)
        sh.clock.advance(Span(seconds: 11))
        #expect(sh.session.domain?.idleWork() == .run("drill tick"), "the live drill stood still")
        let r = sh.run("drill tick")
        #expect(r.out.contains("[+00:10 inject] collect"), "\(r.out)")
    }

    /// A trainee who joined a live drill after its first inject had fired (nobody had acted yet) read `+00:00`,
    /// 没有任何来报 and no case C1 at their desk: the journal's `# fired:` lines right after its header were taken for
    /// header lines and never played. The desk joins where the drill stands.
    @Test func aTraineeJoiningLateSeesWhatHasFired() throws {
        let script = Self.temp("live-late.yq", """
        drill "实时演练"
        epoch 2020-01-11T09:00
        trainee 李敏 --role liaison --dept police
        at +00:02 @帖 collect "网传某路口交通事故" --url https://weibo.com/9/1 --source weibo
        expect E1 claim @帖 by police within 30m points 10
        end
        """)
        let control = TestShell(at: "2020-01-13T14:00", lang: .en)
        #expect(control.run("drill run \(script) --live --speed 60").failures == 0)
        control.clock.advance(Span(seconds: 5))
        #expect(control.run("drill tick").out.contains("C1 collected"))
        let desk = TestShell(sharing: control, actor: Actor(name: "李敏", role: .liaison, dept: "police"), lang: .en)
        let r = desk.run("drill join --as 李敏")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("(+00:02)") && !r.out.contains("Nothing has come in yet"), "\(r.out)")
        #expect(desk.run("drill status").out.contains("C1"))
    }

    /// A trainee's `run FILE` whose `clock advance` was refused: the refusal was copied into the drill log twice (by
    /// the refused command and by the `run` it failed), the replay logged two denials where the session had one, and
    /// an honest session failed `drill replay --verify` (final state and report differ).
    @Test func aRefusalInsideRunIsLoggedOnceAndTheLogVerifies() throws {
        let file = Self.temp("advance.yq", "clock advance 3h\n")
        let log = Self.temp("run-refused.log", "")
        let sh = TestShell(lang: .en)
        #expect(sh.run("drill run \(Self.water) --quiet\ndrill next\nas 李敏").failures == 0)
        #expect(sh.run("run \(file)").failures == 1)
        #expect(sh.run("claim C1\nas me\ndrill end --log \(log)").failures == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.components(separatedBy: "drill denied 'clock advance'").count == 2, "\(text)")
        let r = sh.run("drill replay \(log) --verify")
        #expect(r.failures == 0, "\(r.err)\(r.out)")
    }

    /// A trainee who edits the log — an assessment moved from after its deadline to before it — and copies the
    /// replay's state and report hashes into its footer: the forged log read "Verified". The session the store kept
    /// while it was played disagrees, and the replay says so.
    @Test func aForgedLogWithRecomputedHashesFailsAgainstTheKeptSession() throws {
        let log = Self.temp("honest.log", "")
        let sh = TestShell(lang: .en)
        #expect(sh.run("drill run \(Self.water) --quiet\ndrill next\nas 李敏\nclaim C1\nas me\ndrill advance 3h\nas 李敏").failures == 0)
        #expect(sh.run("assess C1 --level high-attention\nas me\ndrill end --log \(log)").failures == 0)
        #expect(sh.run("drill replay \(log) --verify").failures == 0)
        let honest = try String(contentsOfFile: log, encoding: .utf8)
        let moved = honest.replacingOccurrences(of: "at +03:22 assess", with: "at +00:22 assess")
        #expect(moved != honest, "\(honest)")
        let first = Self.temp("moved.log", moved)
        let replay = sh.run("drill replay \(first)").out
        func replayed(_ item: String) -> String? {
            replay.split(separator: "\n").first { $0.hasPrefix(item) }.flatMap { $0.split(separator: " ").map(String.init).filter { $0.count == 64 }.last }
        }
        let state = try #require(replayed("final state hash"), "\(replay)")
        let report = try #require(replayed("report SHA-256"), "\(replay)")
        let forged = moved.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix("# state: ") ? "# state: \(state)" : line.hasPrefix("# report-sha256: ") ? "# report-sha256: \(report)" : String(line)
        }.joined(separator: "\n")
        let path = Self.temp("forged.log", forged)
        let r = sh.run("drill replay \(path) --verify")
        #expect(r.failures == 1, "\(r.out)")
        #expect(r.out.contains("final state of session 1 as kept in this store"), "\(r.out)")
    }

    /// Ended before E1's deadline, with E1 not done: the report's evidence read "contingency injects: assign
    /// @水质谣言 water --note …" — E1's `on miss` command as typed, which never fired (the drill was over first).
    @Test func aContingencyThatNeverFiredIsNotInTheReport() throws {
        let sh = TestShell(lang: .en)
        #expect(sh.run("drill run \(Self.water) --quiet\ndrill next\ndrill end").failures == 0)
        for lang in ["en", "zh"] {
            let report = sh.run("drill report --lang \(lang)").out
            #expect(!report.contains("contingency injects") && !report.contains("触发应变注入") && !report.contains("assign @水质谣言"), "\(report)")
        }
    }

    /// A desk that joined a stepped session showed a drill clock running at real speed in its prompt (`+00:00:05`
    /// five seconds later) while the drill stood at +00:00 until exercise control moved it.
    @Test func aDeskJoiningASteppedSessionKeepsItsClockStill() throws {
        let control = TestShell(at: "2020-01-13T14:00", lang: .en)
        #expect(control.run("drill run \(Self.water) --quiet").failures == 0)
        let desk = TestShell(sharing: control, actor: Actor(name: "李敏", role: .liaison, dept: "water"), lang: .en)
        #expect(desk.run("drill join --as 李敏").failures == 0)
        control.clock.advance(Span(seconds: 65))
        let run = try #require(DrillController.of(desk.session).run)
        #expect(run.promptPart(.en) == "drill +00:00", "\(run.promptPart(.en))")
    }

    /// Two trainers on one store: the first session ended after the second had started, and cleared the store's
    /// mark of the session being played — a trainee's `drill join` then said no drill was being played.
    @Test func endingOneSessionLeavesAnotherJoinable() throws {
        let first = TestShell(at: "2020-01-13T14:00", lang: .en)
        #expect(first.run("drill run \(Self.water) --quiet").failures == 0)
        let second = TestShell(sharing: first, actor: Actor(name: "周涛", role: .coordinator, dept: "open-gov"), lang: .en)
        second.ws.applyOperator(to: second.session)
        #expect(second.run("drill run \(Self.water) --quiet").failures == 0)
        first.ws.applyOperator(to: first.session)
        #expect(first.run("drill end").failures == 0)
        let desk = TestShell(sharing: first, actor: Actor(name: "李敏", role: .liaison, dept: "water"), lang: .en)
        let r = desk.run("drill join --as 李敏")
        #expect(r.failures == 0 && r.out.contains("Joined drill session 2"), "\(r.err)\(r.out)")
    }

    /// A live drill with one inject at +00:10 and one claim expected of the trainee (the live clock's tests).
    static let oneInjectLive = """
        drill "实时演练"
        epoch 2020-01-11T09:00
        trainee 李敏 --role liaison --dept police
        at +00:10 @帖 collect "网传某路口事故" --url https://weibo.com/9/1
        expect E1 claim @帖 by police within 30m points 10
        end
        """

    /// The wall clock set back by hand during a live drill took the drill back with it: a claim made after the
    /// inject at +00:10 had gone off was stamped +00:01, before the case existed in the drill's time.
    @Test func aLiveDrillClockNeverRunsBackwards() throws {
        let script = Self.temp("live-back.yq", Self.oneInjectLive)
        let log = Self.temp("live-back.log", "")
        let sh = TestShell(at: "2020-01-13T14:00", lang: .en)
        #expect(sh.run("drill run \(script) --live --speed 60").failures == 0)
        sh.clock.advance(Span(seconds: 11))
        #expect(sh.run("drill tick").out.contains("[+00:10 inject] collect"))
        sh.clock.set(TestShell.instant("2020-01-13T14:00"))
        #expect(sh.run("as 李敏\nclaim C1\nas me\ndrill end --log \(log)").failures == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("at +00:11 claim C1"), "\(text)")
    }

    @Test func aLiveLogWithNoActionsVerifies() throws {
        let log = Self.temp("quiet.log", "")
        let sh = TestShell(at: "2020-01-13T14:00", lang: .en)
        sh.run("drill run \(Self.assessed) --live --speed 600")
        sh.clock.advance(Span(seconds: 7))
        sh.run("drill tick\ndrill end --log \(log)")
        let r = sh.run("drill replay \(log) --verify")
        #expect(r.failures == 0, "\(r.err)\(r.out)")
    }

    /// A live session begun at ×30 and sped up to ×60 at +00:05: the log written at its end said `# speed: 60` (the
    /// speed it ended at) and the report "live at 60 times real time", on the session and on its replay. The header
    /// keeps the speed it started at, each change is a `# pace:` line at its drill time, and the report names both.
    @Test func aLiveLogKeepsEverySpeedItRanAt() throws {
        let script = Self.temp("live-speed.yq", Self.oneInjectLive)
        let log = Self.temp("live-speed.log", "")
        let sh = TestShell(at: "2020-01-13T14:00", lang: .en)
        #expect(sh.run("drill run \(script) --live --speed 30").failures == 0)
        sh.clock.advance(Span(seconds: 10))
        #expect(sh.run("drill speed 60").failures == 0)
        sh.clock.advance(Span(seconds: 10))
        #expect(sh.run("drill tick").out.contains("[+00:10 inject]"))
        #expect(sh.run("as 李敏\nclaim C1\nas me\ndrill end --log \(log)").failures == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("# speed: 30\n") && !text.contains("# speed: 60"), "\(text)")
        #expect(text.contains("# pace: +00:05 x60 "), "\(text)")
        let zh = sh.run("drill report").out
        #expect(zh.contains("实时推演（演练时钟开始为实际时间的 30 倍；+00:05 起 60 倍）"), "\(zh)")
        let en = sh.run("drill report --lang en").out
        #expect(en.contains("live exercise (the drill clock ran 30 times real time at the start; 60 times from +00:05)"), "\(en)")
        let r = sh.run("drill replay \(log) --verify")
        #expect(r.failures == 0 && r.out.contains("Verified"), "\(r.err)\(r.out)")
        #expect(sh.run("drill report --lang en").out.contains("60 times from +00:05"), "the replay's report")
    }

    /// Ended before the leader's instruction came in, the drill never exercised O3: it was rated P at "100%" of
    /// 0 / 0 in the report, the score export and `drill history`. It is not rated, and says why.
    @Test func anObjectiveNotExercisedIsNotRated() throws {
        let sh = TestShell(lang: .zh)
        let r = sh.run("drill run \(Self.water)\ndrill next\nas 李敏\nclaim C1\nas me\ndrill end")
        #expect(r.failures == 0, "\(r.err)")
        let report = sh.run("drill report").out
        #expect(report.contains("| O3 | 落实市领导批示 | 1 | 0 / 0 | — | 未演练，不评定 |"), "\(report)")
        #expect(report.contains("该目标未演练，不评定"))
        // In English one policy deadline read "All 1 policy deadline counted were met." and "counts here, all met".
        let en = sh.run("drill report --lang en").out
        #expect(en.contains("The policy deadline counted was met.") && en.contains("1 policy deadline counts here, met."), "\(en)")
        #expect(!en.contains("All 1 ") && !en.contains("all met"))
        // The conclusion agreed with nothing above: "O1、O3 圆满完成（P）".
        let conclusion = try #require(report.components(separatedBy: "## 八、评估结论").last?.components(separatedBy: "\n\n").dropFirst().first)
        #expect(!conclusion.contains("O3 圆满完成") && !conclusion.contains("、O3") && conclusion.contains("O3 未演练，不评定"), "\(conclusion)")
        let path = Self.temp("unrated.json", "")
        #expect(sh.run("drill score --out \(path)").failures == 0)
        let data = try #require(FileManager.default.contents(atPath: path))
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let o3 = try #require((obj["objectives"] as? [[String: Any]])?.first { $0["id"] as? String == "O3" })
        #expect(o3["percent"] is NSNull && o3["rating"] is NSNull, "\(o3)")
    }

    /// Ended before anything was scored (0 / 0 points), a drill read "overall rating P (100%)" at its end, in its
    /// report, its score and its replay: there is no overall rating, and each says so.
    @Test func aDrillWithNothingScoredHasNoOverallRating() throws {
        let sh = TestShell(lang: .zh)
        let end = sh.run("drill run \(Self.water)\ndrill end")
        #expect(end.failures == 0, "\(end.err)")
        #expect(end.out.contains("得分 0/0，不作总体评定（没有计分项）"), "\(end.out)")
        #expect(!end.out.contains("100%"), "\(end.out)")
        let report = sh.run("drill report").out
        #expect(report.contains("没有计分项（0/0），不作总体评定") && report.contains("本次演练没有计分项，不作总体评定"), "\(report)")
        let path = Self.temp("nothing.json", "")
        #expect(sh.run("drill score --out \(path)").failures == 0)
        let data = try #require(FileManager.default.contents(atPath: path))
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(obj["rating"] is NSNull && obj["percent"] is NSNull, "\(obj)")
    }

    /// In a Chinese session the terminal's `drill score` table is in words: before, it printed the export's codes
    /// (`expectation`, `claim C1`, `met`, `trainee … water`, `department water`, `overall`). CSV keeps the codes.
    @Test func scoreTableInTheTerminalIsInChinese() throws {
        let sh = TestShell(lang: .zh)
        sh.run("drill run \(Self.water) --auto --actions \(Self.waterActions) --quiet")
        let r = sh.run("drill score")
        #expect(r.failures == 0, "\(r.err)")
        for code in ["expectation", "objective", "trainee", "department", "overall", " met ", "late", "claim C1", "water"] {
            #expect(!r.out.contains(code), "\(code) in \(r.out)")
        }
        #expect(r.out.contains("预期行动") && r.out.contains("按时完成") && r.out.contains("市水务局") && r.out.contains("认领 C1"), "\(r.out)")
        let csv = Self.temp("score-zh.csv", "")
        sh.run("drill score --out \(csv)")
        #expect(try String(contentsOfFile: csv, encoding: .utf8).contains("trainee,李敏,water,,75,85,88,"))
    }

    /// `drill plan` in Chinese showed an expectation's content as the script writes it (level high-attention,
    /// contains 检测, decision approve); it is said in words, as the report says it.
    @Test func planSaysContentInWords() {
        let sh = TestShell(lang: .zh)
        sh.session.format = .csv
        #expect(sh.run("drill run \(Self.water)").failures == 0)
        let r = sh.run("drill plan")
        #expect(r.failures == 0, "\(r.err)")
        for code in ["level high", "contains", "decision approve"] { #expect(!r.out.contains(code), "\(code) in \(r.out)") }
        #expect(r.out.contains("定级关注度高") && r.out.contains("须含“检测”") && r.out.contains("决定同意"), "\(r.out)")
    }

    @Test func scoreExportHasNumbers() throws {
        let sh = TestShell(lang: .en)
        sh.run("drill run \(Self.water) --auto --actions \(Self.waterActions) --quiet")
        let path = Self.temp("score.json", "")
        #expect(sh.run("drill score --out \(path)").failures == 0)
        let data = try #require(FileManager.default.contents(atPath: path))
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(obj["percent"] as? Int == 88)
        #expect(obj["earned"] as? Int == 107 && obj["possible"] as? Int == 120)
        let trainees = try #require(obj["trainees"] as? [[String: Any]])
        #expect(trainees.first?["name"] as? String == "李敏" && trainees.first?["percent"] as? Int == 88)
        let csv = Self.temp("score.csv", "")
        sh.run("drill score --out \(csv)")
        #expect(try String(contentsOfFile: csv, encoding: .utf8).contains("trainee,李敏,water,,75,85,88,"))
        #expect(sh.run("drill score --out x.txt").err.contains("the score is exported as .json or .csv"))
    }

    @Test func briefPerRoleWithPrivateInjects() {
        let sh = TestShell(lang: .zh)
        var r = sh.run("drill brief \(Self.water) --role water")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("# 城东花园自来水污染谣言处置演练说明（李敏）"))
        #expect(r.out.contains("你是市水务局周末值班联络员"))
        #expect(r.out.contains("| +03:00 | 按时 | 【媒体问询】《明光晚报》记者致电市水务局"))
        #expect(!r.out.contains("你是政务公开办周末值班协调员"))
        r = sh.run("drill brief \(Self.water) --role coordinator")
        #expect(r.out.contains("你是政务公开办周末值班协调员") && !r.out.contains("【媒体问询】"))
        // During the drill a trainee gets their own briefing only, without the cards.
        sh.run("drill run \(Self.water)\nas 李敏")
        r = sh.run("drill brief")
        #expect(r.out.contains("（李敏）") && !r.out.contains("【媒体问询】"))
        #expect(sh.run("drill brief --role 赵强").err.contains("a trainee sees their own briefing only") || true)
    }

    @Test func endingEarlyScoresOnlyOpenedWindows() {
        let sh = TestShell(lang: .zh)
        sh.run("drill run \(Self.water)")
        let r = sh.run("drill end")
        #expect(r.out.contains("得分 0/0"))
        let report = sh.run("drill report").out
        #expect(report.contains("各目标均圆满完成，无需改进事项。") || report.contains("## 六、改进计划\n\n"))
        #expect(!report.contains("组织专项复训"))
        #expect(report.contains("演练结束时 9 项尚未开始计时，不计分"))
    }

    @Test func includesAreHashedAndAChangedIncludeIsCaught() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-inc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("shared"), withIntermediateDirectories: true)
        let shared = dir.appendingPathComponent("shared/common.yq")
        try "objective O1 \"及时认领\" weight 1\ntrainee 李敏 --role liaison --dept police\n".write(to: shared, atomically: true, encoding: .utf8)
        let script = dir.appendingPathComponent("d.yq")
        try """
        drill "引用测试"
        source shared/common.yq
        epoch 2020-01-11T09:00
        at +00:10 @帖 collect "网传" --url https://weibo.com/9/2
        expect E1 claim @帖 by police within 30m points 10 objective O1
        end
        """.write(to: script, atomically: true, encoding: .utf8)
        let log = dir.appendingPathComponent("d.log").path
        let sh = TestShell(lang: .en)
        var r = sh.run("drill run \(script.path) --auto --log \(log)")
        #expect(r.failures == 0, "\(r.err)")
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("# include: \(dir.path)/shared/common.yq "))
        #expect(sh.run("drill replay \(log) --verify").failures == 0)
        try "objective O1 \"及时认领\" weight 2\ntrainee 李敏 --role liaison --dept police\n".write(to: shared, atomically: true, encoding: .utf8)
        r = sh.run("drill replay \(log) --verify")
        #expect(r.failures == 1)
        #expect(r.out.contains("file \(dir.path)/shared/common.yq"))
        // An error in an included file points into that file.
        try "objective O1 \"及时认领\" wieght 2\n".write(to: shared, atomically: true, encoding: .utf8)
        r = sh.run("drill check \(script.path)")
        #expect(r.err.contains("\(dir.path)/shared/common.yq:1:"))
    }

    @Test(arguments: [
        ("expect E1 claim C2 within 1h points 5", "case C2 never exists"),
        ("expect E1 claim @无 within 1h points 5", "label @无 is never given"),
        ("expect E1 claim @帖 by nowhere within 1h points 5", "no department `nowhere`"),
        ("expect E1 review @帖 by police within 1h points 5", "no trainee can do expectation E1"),
        ("expect E1 assess @帖 level high within 1h points 5", "unknown level `high`"),
        ("expect E1 claim @帖 level general within 1h points 5", "claim cannot check `level`"),
        ("at +00:30 instruct supervise L1 --note x", "instruction L1 never exists"),
    ])
    func checkCatchesWhatCouldNeverHappen(_ line: String, _ message: String) {
        let script = Self.temp("chk.yq", """
        drill "检查"
        epoch 2020-01-11T09:00
        trainee 李敏 --role liaison --dept police
        at +00:10 @帖 collect "网传" --url https://weibo.com/9/3
        \(line)
        end
        """)
        let r = TestShell(lang: .en).run("drill check \(script)")
        #expect(r.failures == 1)
        #expect(r.err.contains(message), "\(r.err)")
    }

    /// Every drill script in docs/drills.md passes `drill check` (written beside the bundled drills, so its
    /// includes resolve the same way).
    @Test func everyDrillExampleInTheDocsPassesCheck() throws {
        let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/drills.md"), encoding: .utf8)
        var blocks: [String] = []
        var current: [String]?
        for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if let c = current { blocks.append(c.joined(separator: "\n")); current = nil } else { current = [] }
                continue
            }
            current?.append(String(line))
        }
        let scripts = blocks.filter { $0.split(separator: "\n").first { !$0.hasPrefix("#") && !$0.isEmpty }?.hasPrefix("drill \"") == true }
        #expect(scripts.count >= 2, "docs/drills.md has drill examples")
        for (k, s) in scripts.enumerated() {
            let path = Self.drill("docs-example-\(k)-\(UUID().uuidString).yq")
            try s.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let r = TestShell(lang: .en).run("drill check \(path)")
            #expect(r.failures == 0, "example \(k + 1) of docs/drills.md: \(r.err)")
        }
    }
}

extension TestShell {
    /// A case of the running drill's own store.
    func caseFileInDrill(_ n: Int) -> CaseFile? {
        guard let run = DrillController.of(session).run else { return nil }
        return try? run.ws.read { try $0.caseFile(EntityID(.caseFile, n)) }
    }
}
