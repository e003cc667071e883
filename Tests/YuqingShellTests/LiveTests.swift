import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// The live side of the shell, with several desks on one store in one process: what each desk's feed shows of the
/// others (meeting remarks, mentions, its department's cases, deadlines coming due), what it keeps to itself, and
/// the meeting joined from another desk.
@Suite struct LiveTests {
    static let police = Actor(name: "张伟", role: .liaison, dept: "police")
    static let water = Actor(name: "刘洋", role: .liaison, dept: "water")

    /// The facilitator (王敏, coordinator) with two cases, and two liaisons at their own desks.
    static func desks() -> (TestShell, TestShell, TestShell) {
        let chair = TestShell(at: "2019-12-27T14:00", lang: .zh)
        chair.run("""
        dept add water 市水务局 --keywords 自来水,水质
        collect "网传某小区自来水发黄" --url https://weibo.com/1 --source weibo
        collect "XX路段发生交通事故" --url https://news.example.com/2 --source news
        """)
        return (chair, TestShell(sharing: chair, actor: police, lang: .zh), TestShell(sharing: chair, actor: water, lang: .zh))
    }

    static func feed(_ t: TestShell) -> LiveFeed { LiveFeed(ws: t.ws, session: t.session) }

    static func texts(_ lines: [LiveLine]) -> [String] { lines.map(\.text) }

    @Test func aRemarkReachesTheOtherParticipantsButNotItsSpeaker() {
        let (chair, police, water) = Self.desks()
        chair.run("meeting open \"关于两起舆情的会商\" --cases C1,C2")
        let chairFeed = Self.feed(chair), policeFeed = Self.feed(police), waterFeed = Self.feed(water)
        #expect(police.run("meeting join").failures == 0)
        // The chair sees who joined; the water bureau, not in the meeting, sees nothing of it.
        #expect(Self.texts(chairFeed.poll()).contains { $0.contains("市公安局 张伟] 加入 M1") })
        #expect(waterFeed.poll().isEmpty)
        let r = police.run("say \"C2 事故已处置完毕，2 人轻伤\"")
        #expect(r.failures == 0, "\(r.err)")
        // The speaker's own desk does not get its remark back as a live line.
        #expect(policeFeed.commandRan(actors: [Self.police.name]).isEmpty)
        #expect(Self.texts(chairFeed.poll()) == ["[14:00 市公安局 张伟] C2 事故已处置完毕，2 人轻伤"])
        #expect(waterFeed.poll().isEmpty)
        chair.run("say \"请市公安局继续核实\"")
        #expect(Self.texts(policeFeed.poll()) == ["[14:00 政务公开办 王敏] 请市公安局继续核实"])
        // Closing ends it everywhere: the joined desk is told, and its prompt loses the meeting.
        #expect(police.session.prompt.contains("M1"))
        chair.run("meeting close")
        let closed = policeFeed.poll()
        #expect(closed.first?.text.contains("M1 已由 政务公开办 王敏 结束") == true)
        #expect(!police.session.prompt.contains("M1"))
        #expect(police.run("say \"还有一点\"").err.contains("没有进行中的会商"))
    }

    /// A desk joining just after another: its join answer names who is present and the latest remarks, so the
    /// other's join and remark made before it are not printed again below it (they were, as live lines).
    @Test func whatCameBeforeTheJoinIsNotToldAgain() {
        let (chair, police, water) = Self.desks()
        chair.run("meeting open \"关于两起舆情的会商\" --cases C1,C2")
        let waterFeed = Self.feed(water)
        #expect(police.run("meeting join\nsay \"C2 已处置\"").failures == 0)
        let joined = water.run("meeting join")
        #expect(joined.out.contains("市公安局 张伟"), "\(joined.out)")
        #expect(Self.texts(waterFeed.commandRan(actors: [Self.water.name])).isEmpty)
        police.run("say \"C2 两人轻伤\"")
        #expect(Self.texts(waterFeed.poll()) == ["[14:00 市公安局 张伟] C2 两人轻伤"])
    }

    @Test func joiningIsAttendanceAndTheMinutesNameBothSpeakers() throws {
        let (chair, police, _) = Self.desks()
        chair.run("meeting open \"关于两起舆情的会商\" --cases C1,C2")
        #expect(police.run("meeting join M1").failures == 0)
        #expect(police.run("meeting join").err.contains("张伟 已在 M1 中"))
        police.run("say \"C2 事故已处置完毕\"")
        chair.run("say \"C1 请水务局说明\"")
        chair.run("meeting close")
        let m = try #require(Meeting.fold(try chair.ws.read { try $0.events(forSubject: EntityID(.meeting, 1)) }))
        #expect(m.attendance == ["police"])
        #expect(m.participants.map(\.actor.name) == ["王敏", "张伟"])
        let minutes = chair.run("meeting minutes M1").out
        #expect(minutes.contains("**出席人员**：政务公开办 王敏、市公安局 张伟"))
        #expect(minutes.contains("14:00 市公安局 张伟：C2 事故已处置完毕"))
        #expect(minutes.contains("14:00 政务公开办 王敏：C1 请水务局说明"))
    }

    /// The facilitator's roll call lets the projector record for a department (`as water`); it does not let that
    /// department's own desk speak without joining. Before, it could: the remark went into the minutes while its
    /// speaker was missing from 出席人员.
    @Test func theRollCallDoesNotLetADeskSpeakWithoutJoining() throws {
        let (chair, _, water) = Self.desks()
        chair.run("meeting open \"会商\" --cases C1")
        #expect(chair.run("meeting attend water").failures == 0)
        let r = water.run("say \"没加入也发言\"")
        #expect(r.err.contains("尚未加入 M1"), "\(r.out)\(r.err)")
        // The projector still records for the department the roll call names.
        let p = chair.run("as water\nsay \"水务局：已取样\"\nas me")
        #expect(p.failures == 0, "\(p.err)")
        let m = try #require(Meeting.fold(try chair.ws.read { try $0.events(forSubject: EntityID(.meeting, 1)) }))
        #expect(m.remarks.map(\.text) == ["水务局：已取样"])
    }

    @Test func aDeskThatHasNotJoinedCannotSpeakInTheMeeting() {
        let (chair, _, water) = Self.desks()
        chair.run("meeting open \"会商\" --cases C1")
        let r = water.run("say \"插一句\"")
        #expect(r.err.contains("尚未加入 M1") && r.err.contains("meeting join M1"))
        // Its risk note is an ordinary note on the case, not the meeting's.
        water.run("claim C1 --dept water")
        #expect(water.run("risk C1 --nature 民生 --trend rising --impact high").failures == 0)
        let m = Meeting.fold((try? chair.ws.read { try $0.events(forSubject: EntityID(.meeting, 1)) }) ?? [])
        #expect(m?.risks.isEmpty == true)
        water.run("meeting join")
        #expect(water.run("say \"水质检测结果下午出\"").failures == 0)
        water.run("meeting leave")
        #expect(water.run("say \"再补充\"").err.contains("尚未加入 M1"), "leaving ends the right to speak")
        // The facilitator's roll call lets a department be recorded at the table (`as water` on the projector).
        chair.run("meeting attend water")
        #expect(chair.run("as water\nsay \"书面意见：水质合格\"\nas me").failures == 0)
        // …not the department's own desk, which joins again to speak (theRollCallDoesNotLetADeskSpeakWithoutJoining).
        #expect(water.run("say \"再补充一句\"").err.contains("尚未加入 M1"))
    }

    @Test(arguments: [
        ("@police 请核实", true, false), ("请@市公安局核实", true, false), ("@张伟 请回电", true, false),
        ("@water 抄送", false, true), ("＠刘洋，请说明", false, true), ("发邮件到 li@police.gov", false, false),
        ("@policeman 不算", false, false),
    ])
    func mentionsReachThePersonOrTheDepartment(_ text: String, _ toPolice: Bool, _ toWater: Bool) {
        let (chair, police, water) = Self.desks()
        chair.run("meeting open \"会商\" --cases C1")
        let p = Self.feed(police), w = Self.feed(water)
        chair.run("say \"\(text)\"")
        // Not in the meeting, both desks hear only what mentions them, with the bell.
        let pl = p.poll(), wl = w.poll()
        #expect(pl.contains { $0.text.hasPrefix("【@提及】") && $0.ring } == toPolice, "\(pl)")
        #expect(wl.contains { $0.text.hasPrefix("【@提及】") } == toWater, "\(wl)")
        #expect(police.run("inbox").out.contains(text) == toPolice)
        #expect(water.run("inbox").out.contains(text) == toWater)
    }

    /// The inbox on an 80-column terminal shows the whole mention: its text column was cut (`@police 请提供情况
    /// @…`), so the one thing it is for could not be read; the speaker and the text now wrap.
    @Test func theInboxShowsTheWholeMentionOnANarrowTerminal() {
        let (chair, police, _) = Self.desks()
        chair.run("meeting open \"会商\" --cases C1")
        chair.run("say \"@police 请于今天 17:00 前提供 C1 的检测结果和现场照片，并说明停水安排\"")
        let sink = BufferSink(isTerminal: true, width: 80)
        _ = Interpreter().run(source: "inbox", file: "<test>", session: police.session, keepGoing: false, output: sink)
        #expect(sink.stdout.contains("请于今天") && sink.stdout.contains("并说明停水安排"), "\(sink.stdout)")
        #expect(!sink.stdout.contains("…"), "\(sink.stdout)")
        for line in sink.stdout.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 80, "\(line)") }
    }

    @Test func theInboxKeepsMentionsUntilRead() {
        let (chair, police, _) = Self.desks()
        chair.run("meeting open \"会商\" --cases C1")
        chair.run("say \"@police C2 的伤亡情况请核实\"")
        chair.run("say \"@张伟 会后请回电\"")
        var r = police.run("inbox")
        #expect(r.out.contains("C2 的伤亡情况请核实") && r.out.contains("会后请回电") && r.out.contains("未读"), "\(r.out)\(r.err)")
        r = police.run("inbox")
        #expect(r.out.contains("没有未读的提及"))
        r = police.run("inbox --all")
        #expect(r.out.contains("已读") && r.out.contains("会后请回电"))
        chair.run("say \"@市公安局 再催一次\"")
        r = police.run("inbox")
        #expect(r.out.contains("再催一次") && !r.out.contains("会后请回电"))
    }

    @Test func theDepartmentHearsOfItsCasesAndCoordinatorsOfWhatWaitsForThem() {
        let (chair, police, water) = Self.desks()
        let p = Self.feed(police), w = Self.feed(water), c = Self.feed(chair)
        chair.run("assign C2 police --note 请立即核查")
        #expect(Self.texts(p.poll()).contains { $0.contains("【交办】C2 由 政务公开办 王敏 指定本部门办理：请立即核查") })
        #expect(w.poll().isEmpty, "another department hears nothing")
        police.run("claim C2")
        police.run("assess C2 --level high-attention")
        _ = c.poll()
        police.run("extend C2 --days 3 --reason 需要补充调查")
        #expect(Self.texts(c.poll()).contains { $0.contains("【待批】C2") && $0.contains("需要补充调查") })
        chair.run("extend approve X1")
        #expect(Self.texts(p.poll()).contains { $0.contains("【延期】C2 延期申请 X1 已批准") })
        police.run("report C2 --text 已报送局领导")
        police.run("verify C2 --summary 属实")
        police.run("respond C2 --draft 经核实，事故已处置")
        #expect(Self.texts(c.poll()).contains { $0.contains("【待审】C2") })
        chair.run("review C2 approve")
        #expect(Self.texts(p.poll()).contains { $0.contains("【审定】C2 回应稿已审定通过") })
        chair.run("instruct C2 --leader 王副市长 --text 请尽快公布结果")
        #expect(Self.texts(p.poll()).contains { $0.contains("【批示】C2 王副市长批示") })
        #expect(w.poll().isEmpty)
    }

    @Test(arguments: [0, 600])
    func aDeadlineComingDueIsAnnouncedToItsDepartmentOnly(backlog: Int) throws {
        let (chair, police, water) = Self.desks()
        // A backlog of others' overdue claims ahead of it in the due index (the first 500 open entries were read,
        // all of them overdue, and the reminder never rang).
        if backlog > 0 {
            let r = chair.run((1...backlog).map { "collect \"积压\($0)\" --at 2019-12-20T09:00" }.joined(separator: "\n"))
            #expect(r.failures == 0, "\(r.err)")
        }
        chair.run("assign C2 police")
        // Claimed at 14:00 on Friday: the unit report is due at 16:00.
        police.run("claim C2")
        police.run("assess C2 --level general")
        let p = Self.feed(police), w = Self.feed(water), c = Self.feed(chair)
        #expect(p.poll().isEmpty)
        chair.clock.advance(.minutes(80))
        for f in [p, w, c] { f.forceDueCheck() }
        #expect(p.poll().isEmpty, "16:00 is 40 minutes away: not yet")
        chair.clock.advance(.minutes(15))
        for f in [p, w, c] { f.forceDueCheck() }
        let lines = p.poll()
        #expect(lines.count == 1 && lines[0].ring, "\(lines)")
        #expect(lines.first?.text.contains("【时限】C2 报送本单位领导 将于 12-27 16:00 到期（还有 25 分钟）") == true, "\(lines)")
        #expect(w.poll().isEmpty && c.poll().isEmpty)
        // Once only.
        p.forceDueCheck()
        #expect(p.poll().isEmpty)
    }

    @Test func notifyModesDecideWhatShows() {
        let (chair, police, _) = Self.desks()
        chair.run("meeting open \"会商\" --cases C1")
        police.run("meeting join")
        let p = Self.feed(police)
        #expect(police.run("notify mentions --bell off").out.contains("即时提醒：仅提及；提示音关"))
        chair.run("say \"大家好\"")
        chair.run("say \"@police 请发言\"")
        #expect(Self.texts(p.poll()).map { $0.hasPrefix("【@提及】") } == [true])
        police.run("notify off")
        chair.run("say \"@police 再请发言\"")
        #expect(p.poll().isEmpty)
        // Off still leaves the mention in the inbox.
        #expect(police.run("inbox").out.contains("再请发言"))
        police.run("notify all --within 45m")
        chair.run("say \"好的\"")
        #expect(Self.texts(p.poll()) == ["[14:00 政务公开办 王敏] 好的"])
        #expect(police.run("notify").out.contains("时限到期前 45 分钟提醒"))
        #expect(police.run("notify --within 0s").err.contains("提前量须大于 0"))
    }

    @Test func liveLinesShowHostileTextEscaped() {
        let (chair, police, _) = Self.desks()
        chair.run("meeting open \"会商\" --cases C1")
        police.run("meeting join")
        let p = Self.feed(police)
        chair.run("say \"正常\\u{1B}[2J\\u{202E}反转\"")
        let text = p.poll().first?.text ?? ""
        #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}"), "\(text.unicodeScalars.map { $0.value })")
    }

    @Test func aFloodFromAnotherDeskIsPassedOver() {
        let (chair, police, _) = Self.desks()
        let p = Self.feed(police)
        var lines: [String] = []
        for i in 0...(LiveFeed.flood + 1) { lines.append("collect \"批量 \(i)\" --url https://weibo.com/flood/\(i)") }
        chair.run(lines.joined(separator: "\n"))
        #expect(p.poll().isEmpty)
        chair.run("assign C1 police")
        #expect(p.poll().count == 1)
    }
}

/// Long waits in scripts: `watch` and `drill wait` commit what the script did before, so other desks are not kept
/// from writing; without a terminal, `watch` prints the board once.
@Suite struct WaitingCommandTests {
    @Test func watchWithoutATerminalPrintsTheBoardOnce() {
        let t = TestShell(at: "2019-12-27T14:00", lang: .zh)
        let c = t.run("dept add water 市水务局\ncollect \"网传某小区停水\" --url https://weibo.com/1 --dept water")
        #expect(c.failures == 0, "\(c.err)")
        let r = t.run("watch --all")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("yuqing 监看 · 全部部门") && r.out.contains("── 2 小时内到期 (1) ──") && r.out.contains("C1 认领"), "\(r.out)")
        // Printed once, there is no screen to leave.
        #expect(!r.out.contains("按任意键退出"), "\(r.out)")
        #expect(t.run("watch --dept police --all").err.contains("--dept 与 --all 不能同时使用"))
    }

    /// The board names who answers as `overdue` does: an unclaimed case past its claim deadline is the
    /// coordinators' (Art. 6); it named the department suggested to claim it (accept19).
    @Test func theBoardNamesWhoAnswersForAnUnclaimedCase() {
        let t = TestShell(at: "2020-01-06T08:30")
        t.run("as 陈晓 --role patrol --dept open-gov\ncollect 无人认领 --source weibo --dept police --at 2020-01-06T08:30")
        let before = WatchBoard(ws: t.ws, session: t.session, dept: nil).lines(width: 120, height: 40, onScreen: false)
        #expect(before.contains { $0.hasPrefix("C1 claim") && $0.contains("unclaimed") }, "\(before)")
        t.clock.advance(.hours(3))
        let lines = WatchBoard(ws: t.ws, session: t.session, dept: nil).lines(width: 120, height: 40, onScreen: false)
        let row = lines.first { $0.hasPrefix("C1 claim") }
        #expect(row?.contains("Open Government and Network Propaganda Offices") == true && row?.contains("Public Security Bureau") == false, "\(lines)")
    }

    /// The board said "95 h 0 min late" / "超期 95 小时 0 分钟" where `overdue` says "overdue by 3 days 23 h": one
    /// wording of time left (`SpanText.left`).
    @Test(arguments: [(Language.en, "overdue by 3 days 23 h", "in 1 h"), (.zh, "已超期 3 天 23 小时", "还有 1 小时")])
    func theBoardWordsTimeLeftAsEveryOtherView(_ lang: Language, _ late: String, _ soon: String) {
        let t = TestShell(at: "2020-01-06T08:30", lang: lang)
        t.run("collect 早已逾期 --source weibo --at 2020-01-06T08:30")
        t.clock.advance(.hours(96))
        t.run("collect 刚刚收集 --source weibo")
        let lines = WatchBoard(ws: t.ws, session: t.session, dept: nil).lines(width: 160, height: 40, onScreen: false)
        #expect(lines.contains { $0.hasPrefix("C1 ") && $0.contains(late) }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("C2 ") && $0.contains(soon) }, "\(lines)")
        #expect(!lines.contains { $0.contains(" late") || $0.contains("超期 95") }, "\(lines)")
    }

    @Test func theBoardFitsItsScreen() {
        let t = TestShell(at: "2019-12-27T14:00", lang: .zh)
        var script: [String] = []
        for i in 1...30 { script.append("collect \"网传第\(i)起事件，标题很长很长很长很长很长很长很长很长\" --url https://weibo.com/\(i)") }
        t.run(script.joined(separator: "\n"))
        let board = WatchBoard(ws: t.ws, session: t.session, dept: nil)
        for (w, h) in [(40, 10), (80, 24), (120, 50)] {
            let lines = board.lines(width: w, height: h)
            #expect(lines.count <= h)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= w }, "\(lines)")
            #expect(lines.contains { $0.contains("另有") }, "a cut section says how much is not shown")
        }
    }

    @Test func aWaitingCommandCommitsTheScriptFirst() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-settle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let engine = ObligationEngine(policy: .mingguang, calendar: TestShell.calendar)
        let store = try SQLiteStore(path: dir.appendingPathComponent("s.sqlite").path, projector: DueProjector(engine: engine))
        let other = try SQLiteStore(path: dir.appendingPathComponent("s.sqlite").path, projector: DueProjector(engine: engine))
        let ws = Workspace(store: store, calendar: TestShell.calendar, policy: .mingguang)
        let session = Session(language: .en, actor: Actor(name: "王敏", role: .coordinator, dept: "open-gov"),
                              clock: SimulatedClock(TestShell.instant("2019-12-27T14:00")))
        try StoreConfigurator.install(ws, in: session)
        // A probe verb that waits: while it runs, the other desk must see the script's first command committed.
        var seenByOther: Int64 = -1
        var entries = CommandTable.entries
        entries.append(CommandEntry(ProbeWait.self))
        ProbeWait.probe = { seenByOther = (try? other.read { try $0.lastSeq() }) ?? -1 }
        let sink = BufferSink()
        let r = session.scriptScope!(sink) { out in
            // The operator running the tests is the new store's administrator, recording as the coordinator.
            Interpreter(entries: entries).run(source: """
                as 王敏 --role coordinator --dept open-gov
                collect "网传停水" --url https://weibo.com/1
                probe-wait
                """, file: "<t>", session: session, keepGoing: false, output: out)
        }
        #expect(r.failures == 0, "\(sink.stderr)")
        let head = try other.read { try $0.lastSeq() }
        #expect(seenByOther > 0 && seenByOther == head, "seen \(seenByOther) of \(head)")
        #expect(sink.stdout.contains("C1 collected"), "the answers before the wait were shown")
    }

    struct ProbeWait: Verb {
        nonisolated(unsafe) static var probe: () -> Void = {}
        static let spec = CommandSpec(name: "probe-wait", alias: "探测", group: .shell, summary: .both("测试", "test"), waits: true)
        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            ProbeWait.probe()
            return .empty
        }
    }
}
