import Testing
@testable import YuqingCore

/// What assessed training needs of the core: content expectations, labels, the roster, windows that never opened,
/// per-trainee scores and the checks of `drill check`.
struct DrillContentTests {
    let e0 = DrillFixtures.epoch
    func at(_ minutes: Int) -> Instant { e0.adding(.minutes(minutes)) }
    static let liaison = Actor(name: "张警官", role: .liaison, dept: "police")
    static let coordinator = Actor(name: "刘协调", role: .coordinator, dept: "open-gov")

    static func script(_ expectations: String, extra: String = "") throws -> DrillScript {
        try DrillTestLexer.script("""
        drill "内容"
        epoch 2019-12-21T09:00
        trainee 张警官 --role liaison --dept police
        trainee 刘协调 --role coordinator --dept open-gov
        \(extra)
        at +00:10 @帖 collect "网传" --url https://weibo.com/1
        \(expectations)
        end
        """)
    }

    func event(_ body: EventBody, _ minutes: Int, _ actor: Actor = liaison) -> Event {
        DrillFixtures.event(body, at: at(minutes), actor: actor)
    }

    /// Runs a one-expectation script through the engine with the case created by the labelled inject.
    func run(_ line: String, _ events: [Event], end: Int = 120) throws -> (ExpectationState, DrillEngine) {
        var engine = DrillEngine(script: try Self.script(line))
        engine.observe([DrillFixtures.collected(at: at(10))], control: true, now: at(10))
        engine.bind(label: "帖", to: EntityID(.caseFile, 1), now: at(10))
        for e in events { engine.observe([e], control: false, now: e.effective) }
        engine.finish(at: at(end))
        return (engine.states[0], engine)
    }

    @Test(arguments: [
        ("expect E1 assess @帖 level major-sensitive within 1h points 10", EventBody.assessed(level: .highAttention, historical: false, note: nil), ExpectationStatus.missed),
        ("expect E1 assess @帖 level major-sensitive within 1h points 10", .assessed(level: .majorSensitive, historical: false, note: nil), .met),
        ("expect E1 decide @帖 level major-sensitive within 1h points 10", .decided(meeting: nil, action: "level major-sensitive", text: nil), .met),
        ("expect E1 decide @帖 decision escalate within 1h points 10", .decided(meeting: nil, action: "assign police", text: nil), .missed),
        ("expect E1 decide @帖 decision assign to police within 1h points 10", .decided(meeting: nil, action: "assign police", text: nil), .met),
        ("expect E1 claim @帖 to police within 1h points 10", .claimed(dept: "police"), .met),
        ("expect E1 report @帖 contains 检测,结果 within 1h points 10", .unitReported(text: "已安排检测"), .missed),
        ("expect E1 report @帖 contains 检测,结果 within 1h points 10", .unitReported(text: "检测结果今日公布"), .met),
        ("expect E1 review @帖 decision approve within 1h points 10", .responseReviewed(approved: false, note: nil), .missed),
        ("expect E1 extend @帖 within 1h points 10", .extensionApproved(ext: EntityID(.extensionRequest, 1), days: 3, note: nil), .missed),
        ("expect E1 extend @帖 decision approve within 1h points 10", .extensionApproved(ext: EntityID(.extensionRequest, 1), days: 3, note: nil), .met),
        ("expect E1 extend @帖 decision approve within 1h points 10", .extensionApplied(ext: EntityID(.extensionRequest, 1), days: 3, reason: "x"), .missed),
    ] as [(String, EventBody, ExpectationStatus)])
    func contentDecidesWhatCounts(_ line: String, _ body: EventBody, _ expected: ExpectationStatus) throws {
        // `decide` is a coordinator's; the rest the liaison's.
        let actor = line.contains(" decide ") || line.contains("extend @帖 decision") ? Self.coordinator : Self.liaison
        let (state, _) = try run(line, [event(body, 20, actor)])
        #expect(state.status == expected)
    }

    /// Answers out of order: in land-petition-forum a trainee judged C1 major-sensitive at +00:16 and took it back
    /// (general) at +00:17; E5 (`assess … level major-sensitive … after +03:00`) then scored met at +03:00 with a
    /// latency of 0 though the case stood at general and nobody re-judged it. A level given before the window counts
    /// only while it stands; a level given back inside the window still counts, and one given in order still does.
    @Test(arguments: [
        ([Level.majorSensitive, .general], ExpectationStatus.missed),
        ([Level.general, .majorSensitive], .met),
        ([Level.majorSensitive], .met),
    ])
    func aLevelTakenBackBeforeTheWindowDoesNotCount(_ levels: [Level], _ expected: ExpectationStatus) throws {
        var engine = DrillEngine(script: try Self.script("expect E5 assess @帖 level major-sensitive within 1h after +03:00 points 10"))
        engine.observe([DrillFixtures.collected(at: at(10))], control: true, now: at(10))
        engine.bind(label: "帖", to: EntityID(.caseFile, 1), now: at(10))
        for (i, l) in levels.enumerated() {
            engine.observe([event(.assessed(level: l, historical: false, note: nil), 16 + i)], control: false, now: at(16 + i))
        }
        engine.windowOpens("E5", now: at(180))
        engine.finish(at: at(300))
        #expect(engine.states[0].status == expected, "\(engine.states[0])")
        if expected == .missed { #expect(!engine.states[0].attempts.isEmpty) }
    }

    /// Re-answering: judged right at +20 (met), then changed to a wrong level at +25, inside the hour — the score
    /// kept E1 met, so judging every level in turn always scored. The answer standing at the deadline counts; a
    /// change after the deadline is a new judgement and leaves it met.
    @Test(arguments: [
        ([(20, Level.majorSensitive), (25, .general)], ExpectationStatus.missed),
        ([(20, Level.majorSensitive), (25, .general), (30, .majorSensitive)], .met),
        ([(20, Level.majorSensitive), (100, .general)], .met),
    ])
    func aLevelChangedBeforeTheDeadlineIsTheOneThatCounts(_ steps: [(Int, Level)], _ expected: ExpectationStatus) throws {
        var engine = DrillEngine(script: try Self.script("expect E1 assess @帖 level major-sensitive within 1h points 10"))
        engine.observe([DrillFixtures.collected(at: at(10))], control: true, now: at(10))
        engine.bind(label: "帖", to: EntityID(.caseFile, 1), now: at(10))
        for (m, l) in steps {
            engine.observe([event(.assessed(level: l, historical: false, note: nil), m)], control: false, now: at(m))
        }
        while let a = engine.pop(upTo: at(200)) { if case .deadline(let id) = a.kind { engine.deadlinePassed(id, now: a.at) } }
        engine.finish(at: at(200))
        #expect(engine.states[0].status == expected, "\(engine.states[0])")
    }

    @Test func aWrongTryIsKeptAsEvidenceAndACorrectionStillCounts() throws {
        let line = "expect E1 assess @帖 by police level major-sensitive within 1h points 10"
        let (state, _) = try run(line, [event(.assessed(level: .highAttention, historical: false, note: nil), 20),
                                        event(.assessed(level: .majorSensitive, historical: false, note: nil), 40)])
        #expect(state.status == .met && state.doneAt == at(40))
        #expect(state.attempts.count == 1)
        #expect(state.attempts[0].reason.zh == "定级为关注度高，应为重大敏感")
    }

    @Test func byAnotherDepartmentIsATryThatDoesNotCount() throws {
        let (state, _) = try run("expect E1 assess @帖 by water within 1h points 10",
                                 [event(.assessed(level: .general, historical: false, note: nil), 20)])
        #expect(state.status == .missed)
        #expect(state.attempts.first?.reason.en == "done by police, expected of water")
    }

    @Test func onlyTheRosterScores() throws {
        let stranger = Actor(name: "王五", role: .liaison, dept: "police")
        let (state, engine) = try run("expect E1 claim @帖 within 1h points 10", [event(.claimed(dept: "police"), 20, stranger)])
        #expect(state.status == .missed)
        #expect(!engine.timeline.contains { $0.kind == .action })
    }

    @Test func aLabelOpensTheWindowWhenItIsBound() throws {
        var engine = DrillEngine(script: try Self.script("expect E1 claim @帖 within 1h points 10"))
        engine.observe([DrillFixtures.collected(at: at(10))], control: true, now: at(10))
        #expect(engine.states[0].status == .waiting, "the case exists, but the label is not bound yet")
        engine.bind(label: "帖", to: EntityID(.caseFile, 1), now: at(10))
        #expect(engine.states[0].status == .open && engine.states[0].start == at(10))
        #expect(engine.subjectText(engine.script.expectations[0]) == "C1")
    }

    @Test func aTraineeCollectBindsALabelNoInjectGives() throws {
        var engine = DrillEngine(script: try Self.script("expect E0 collect @线索 contains 停水 within 1h points 5"))
        let other = Event(seq: 5, caseID: EntityID(.caseFile, 2), subject: nil, actor: Self.liaison, effective: at(15), recorded: at(15),
                          body: .collected(item: Item(title: "网传断电", url: nil, source: .weibo, category: nil, excerpt: nil), dept: nil), prevHash: "", hash: "")
        let right = Event(seq: 6, caseID: EntityID(.caseFile, 3), subject: nil, actor: Self.liaison, effective: at(20), recorded: at(20),
                          body: .collected(item: Item(title: "网传城北停水", url: nil, source: .weibo, category: nil, excerpt: nil), dept: nil), prevHash: "", hash: "")
        engine.observe([other, right], control: false, now: at(20))
        #expect(engine.states[0].status == .met)
        #expect(engine.labels["线索"] == EntityID(.caseFile, 3))
    }

    @Test func endingEarlyLeavesUnopenedWindowsUnscored() throws {
        let s = try Self.script("""
        expect E1 claim @帖 within 1h points 10
        expect E2 report @帖 within 1h after E1 points 10
        expect E3 undertake @帖 within 1h after +04:00 points 10
        """)
        var engine = DrillEngine(script: s)
        engine.observe([DrillFixtures.collected(at: at(10))], control: true, now: at(10))
        engine.bind(label: "帖", to: EntityID(.caseFile, 1), now: at(10))
        engine.finish(at: at(30))
        #expect(engine.states.map(\.status) == [.missed, .unopened, .unopened])
        let score = DrillScore.compute(script: s, states: engine.states, deadlines: [])
        #expect(score.possible == 10 && score.expectations.map(\.possible) == [10, 0, 0])
    }

    /// A window that opened exactly as the drill ended (`after +02:00` in a drill ended at +02:00) was scored as
    /// missed: 0 of its points counted against the trainee, who could not have done it in the drill. It is not due
    /// in the drill (未到期): out of the points possible, the trainee's and the department's counts, and the report
    /// says so. One that opened a moment before the end is still missed.
    @Test func aWindowOpeningAsTheDrillEndsIsNotDue() throws {
        let s = try Self.script("""
        expect E1 claim @帖 by police within 1h points 10
        expect E2 report @帖 by police within 1h after +02:00 points 10
        expect E3 follow @帖 by police within 1h after +01:59 points 10
        """)
        var engine = DrillEngine(script: s)
        engine.observe([DrillFixtures.collected(at: at(10))], control: true, now: at(10))
        engine.bind(label: "帖", to: EntityID(.caseFile, 1), now: at(10))
        engine.observe([event(.claimed(dept: "police"), 20)], control: false, now: at(20))
        while let a = engine.pop(upTo: at(120)) {
            if case .opens(let id) = a.kind { engine.windowOpens(id, now: a.at) }
            if case .deadline(let id) = a.kind { engine.deadlinePassed(id, now: a.at) }
        }
        #expect(engine.states[1].status == .open && engine.states[1].start == at(120))
        engine.finish(at: at(120))
        #expect(engine.states.map(\.status) == [.met, .notDue, .missed])
        let score = DrillScore.compute(script: s, states: engine.states, deadlines: [])
        #expect(score.expectations.map(\.possible) == [10, 0, 10])
        #expect(score.possible == 20 && score.earned == 10)
        let t = try #require(score.trainees.first { $0.trainee.name == "张警官" })
        #expect(t.missed == 1 && t.possible == 20, "trainee \(t.missed) \(t.possible)")
        #expect(score.departments.first { $0.dept == "police" }?.missed == 1)
        let input = DrillReportInput(script: s, scriptName: "t.yq", scriptHash: "h", stateHash: "abc", end: at(120),
                                     session: DrillSessionFacts(realStart: at(0), realEnd: at(90), place: nil, mode: .stepped),
                                     timeline: engine.sortedTimeline, notes: engine.notes, score: score,
                                     departmentNames: ["police": Localized(zh: "市公安局", en: "Public Security Bureau")])
        let zh = DrillReport(input).render()
        #expect(zh.contains("本次演练设预期行动 3 项（1 项在演练结束时才开始计时、演练中未到期，不计分）：按时完成 1 项、超时完成 0 项、未完成 1 项"), "summary")
        #expect(zh.contains("：+02:00 演练结束时才开始计时，在演练中未到期，不计分。"), "evidence")
        #expect(zh.contains("未到期（不计分）"))
        let en = DrillReport(input, language: .en).render()
        #expect(en.contains("The exercise set 3 expected actions (1 opened only as it ended, not due in the drill, and is not scored): 1 met, 0 late, 1 missed"), "en summary")
        #expect(en.contains("not due in the drill (not scored)"))
    }

    @Test func scoresPerTrainee() throws {
        let s = try Self.script("""
        expect E1 claim @帖 by police within 1h points 10
        expect E2 review @帖 within 1h points 20
        expect E3 report @帖 by police within 1h points 10
        """)
        var engine = DrillEngine(script: s)
        engine.observe([DrillFixtures.collected(at: at(10))], control: true, now: at(10))
        engine.bind(label: "帖", to: EntityID(.caseFile, 1), now: at(10))
        engine.observe([event(.claimed(dept: "police"), 20)], control: false, now: at(20))
        engine.observe([event(.responseReviewed(approved: true, note: nil), 50, Self.coordinator)], control: false, now: at(50))
        engine.finish(at: at(120))
        let score = DrillScore.compute(script: s, states: engine.states, deadlines: [
            PolicyDeadline(caseID: EntityID(.caseFile, 1), ruleID: "claim", title: Localized("claim"), due: at(130),
                           metAt: at(20), status: .met, dept: "police", byControl: true),
        ])
        let police = try #require(score.trainees.first { $0.trainee.name == "张警官" })
        let coord = try #require(score.trainees.first { $0.trainee.name == "刘协调" })
        // 张警官: E1 done (10), E3 his duty and missed (0/10); E2 was done by the coordinator.
        #expect(police.earned == 10 && police.possible == 20 && police.percent == 50 && police.missed == 1)
        #expect(coord.earned == 20 && coord.possible == 20 && coord.percent == 100)
        // The claim deadline met by exercise control earns nothing.
        #expect(score.policy[0].earned == 0)
    }

    // MARK: drill check

    func checkErrors(_ body: String) -> [String] {
        do {
            _ = try DrillCheck(departments: ["police": "police", "市公安局": "police", "open-gov": "open-gov"]).check(try Self.script(body))
            return []
        } catch let e as DrillErrors {
            return e.errors.map(\.message.en)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func checkNormalisesDepartmentsAndPassesAGoodScript() throws {
        let s = try DrillCheck(departments: ["police": "police", "市公安局": "police", "open-gov": "open-gov"])
            .check(try Self.script("expect E1 claim @帖 by 市公安局 within 1h points 10"))
        #expect(s.expectations[0].dept == "police")
    }

    func finds(_ body: String, _ message: String) -> Bool {
        checkErrors(body).contains { $0.contains(message) }
    }

    @Test func checkFindsWhatCouldNeverHappen() {
        #expect(finds("expect E1 claim C2 within 1h points 5", "case C2 never exists"))
        #expect(finds("expect E1 claim @x within 1h points 5", "label @x is never given"))
        #expect(finds("expect E1 claim @帖 by water within 1h points 5", "no department `water`"))
        #expect(finds("expect E1 review @帖 by police within 1h points 5", "no trainee can do expectation E1"))
        // A department the script adds is known, but nobody on the roster works there.
        #expect(finds("expect E1 claim @帖 within 1h points 5\nat +00:30 dept add water 市水务局\nexpect E2 claim @帖 by water within 1h points 5",
                      "no trainee can do expectation E2"))
        #expect(!finds("expect E1 claim @帖 within 1h points 5\nat +00:30 dept add water 市水务局\nexpect E2 claim @帖 by water within 1h points 5",
                       "no department"))
        #expect(checkErrors("expect E1 claim @帖 within 1h points 5\nexpect E2 collect C2 within 1h points 5").isEmpty,
                "a trainee's collect expectation makes room for one more case")
    }

    /// `drill check` said "the injects create at most 1 cases" and passed an `undertake` expectation in a script
    /// that records no instruction (nothing to undertake); an instruction recorded on a label (`instruct @帖 …`,
    /// as the bundled drills do) was not counted, so `instruct supervise L1` after it read as never existing.
    @Test func checkCountsInstructionsAndSaysOneCase() {
        #expect(finds("expect E1 claim C2 within 1h points 5", "the injects create at most 1 case and"))
        #expect(finds("expect E1 undertake @帖 within 1h points 5", "expectation E1: no instruction is ever recorded"))
        #expect(checkErrors("at +00:20 instruct @帖 --leader 王 --text 办 --due +8h\nat +01:30 instruct supervise L1 --note x\nexpect E1 undertake @帖 within 1h after +00:20 points 5").isEmpty)
    }

    @Test func parserReadsTheNewLines() throws {
        let s = try Self.script("expect E1 respond @帖 by police contains 检测，不实 within 1h points 5", extra: """
        organizer 明光市政务公开办公室
        place 三楼会议室
        scope "认领与回应"
        evaluator 陈静 --org 市委网信办
        contact 刘洋 --phone 0550-1 --org 公开办
        step 2m
        plan-due 14d
        brief police "你是值班员"
        at +00:30 to police,刘协调 echo 私信
        """)
        let h = s.header
        #expect(h.organizer == "明光市政务公开办公室" && h.place == "三楼会议室" && h.scope == "认领与回应")
        #expect(h.evaluators == [StaffMember(name: "陈静", org: "市委网信办")])
        #expect(h.contacts == [StaffMember(name: "刘洋", org: "公开办", phone: "0550-1")])
        #expect(h.step == .minutes(2) && h.planDue == .days(14))
        #expect(h.briefs == [RoleBrief(target: "police", text: "你是值班员")])
        #expect(s.injects.first { $0.command.label == "帖" }?.command.verb == "collect")
        #expect(s.injects.first { !$0.command.audience.isEmpty }?.command.audience == ["police", "刘协调"])
        #expect(s.expectations[0].subject == .label("帖") && s.expectations[0].content.words == ["检测", "不实"])
        #expect(s.injects.first { $0.command.verb == "echo" }?.command.display == "私信")
    }

    @Test func aTextBlockInjectShowsItsText() {
        let c = DrillCommand(text: "echo <<END\n第一行\n第二行\nEND", line: 1, column: 1, verb: "echo",
                             words: [DrillWord(text: "echo", line: 1, column: 1, length: 4)], textBlock: "第一行\n第二行")
        #expect(c.display == "第一行\n第二行")
        let r = DrillCommand(text: "report C1 <<END\n检测中\nEND", line: 1, column: 1, verb: "report", textBlock: "检测中")
        #expect(r.display == "report C1 “检测中”")
    }
}
