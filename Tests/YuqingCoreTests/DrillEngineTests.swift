import Testing
@testable import YuqingCore

/// The engine run by hand, as the shell runs it: pop what is due, show it the events, finish.
struct DrillEngineTests {
    let e0 = DrillFixtures.epoch
    func at(_ minutes: Int) -> Instant { e0.adding(.minutes(minutes)) }

    func drain(_ engine: inout DrillEngine, upTo t: Instant) -> [Agendum] {
        var out: [Agendum] = []
        while let a = engine.pop(upTo: t) {
            out.append(a)
            if case .deadline(let id) = a.kind { engine.deadlinePassed(id, now: a.at) }
            if case .opens(let id) = a.kind { engine.windowOpens(id, now: a.at) }
        }
        return out
    }

    func commands(_ items: [Agendum]) -> [String] {
        items.compactMap { if case .inject(let c, _) = $0.kind { c.text } else if case .action(let c) = $0.kind { "action " + c.text } else if case .deadline(let id) = $0.kind { "deadline " + id } else { nil } }
    }

    @Test func sameTimeOrder() throws {
        let s = try DrillTestLexer.script("""
        drill "t"
        epoch 2019-12-21T09:00
        at +00:10 echo b
        at +00:05 echo a
        at +00:10 echo c
        expect E1 collect C1 within 10m points 1
        end
        """)
        var engine = DrillEngine(script: s, actions: [DrillAction(offset: .minutes(10), command: DrillCommand(text: "claim C1", line: 1, column: 1, verb: "claim"))])
        let items = drain(&engine, upTo: at(60))
        #expect(commands(items) == ["echo a", "echo b", "echo c", "action claim C1", "deadline E1"])
    }

    @Test func windowFromAnOffset() throws {
        let s = try DrillTestLexer.script("drill \"t\"\nepoch 2019-12-21T09:00\nexpect E1 undertake C1 within 1h after +04:00 points 5\nend")
        var engine = DrillEngine(script: s)
        engine.observe([DrillFixtures.collected(at: at(10))], control: true, now: at(10))
        #expect(engine.states[0].status == .waiting)
        _ = drain(&engine, upTo: at(240))
        #expect(engine.states[0].status == .open && engine.states[0].deadline == at(300))
    }

    @Test func jitterIsSeeded() throws {
        let src = "drill \"t\"\nepoch 2019-12-21T09:00\nseed 7\nat +00:10 jitter 30m echo a\nat +00:10 jitter 30m echo b\nend"
        let a = DrillEngine(script: try DrillTestLexer.script(src)).agenda.map(\.at)
        let b = DrillEngine(script: try DrillTestLexer.script(src)).agenda.map(\.at)
        #expect(a == b)
        let other = DrillEngine(script: try DrillTestLexer.script(src.split(separator: "\n").map { $0 == "seed 7" ? "seed 8" : String($0) }.joined(separator: "\n"))).agenda.map(\.at)
        #expect(a != other)
        #expect(a.allSatisfy { $0 >= at(10) && $0 <= at(40) })
    }

    @Test func metExpectationFiresOnMetAndChains() throws {
        var engine = DrillEngine(script: try DrillTestLexer.script(DrillFixtures.script))
        let first = drain(&engine, upTo: at(10))
        #expect(commands(first).count == 2)
        engine.observe([DrillFixtures.collected(at: at(10))], control: true, now: at(10))
        #expect(engine.states[0].status == .open)
        #expect(engine.states[0].deadline == at(70))
        #expect(engine.states[1].status == .waiting)
        engine.observe([DrillFixtures.event(.claimed(dept: "police"), at: at(22))], control: false, now: at(22))
        #expect(engine.states[0].status == .met)
        #expect(engine.states[0].latency == Int64(720))
        #expect(engine.states[1].status == .open && engine.states[1].start == at(22))
        let next = drain(&engine, upTo: at(22))
        #expect(commands(next) == ["echo \"做得好\""])
        engine.observe([DrillFixtures.event(.assessed(level: .general, historical: false, note: nil), at: at(40))], control: false, now: at(40))
        #expect(engine.states[1].status == .met)
        #expect(engine.nextInject?.at == at(60))
        #expect(commands(drain(&engine, upTo: at(60))) == ["echo \"媒体来电\""])
    }

    @Test func missedExpectationFiresContingencyAndLateCounts() throws {
        var engine = DrillEngine(script: try DrillTestLexer.script(DrillFixtures.script))
        _ = drain(&engine, upTo: at(10))
        engine.observe([DrillFixtures.collected(at: at(10))], control: true, now: at(10))
        // A claim by the wrong department does not count.
        engine.observe([DrillFixtures.event(.claimed(dept: "emergency"), at: at(20), actor: Actor(name: "x", role: .liaison, dept: "emergency"))], control: false, now: at(20))
        #expect(engine.states[0].status == .open)
        #expect(commands(drain(&engine, upTo: at(70))).isEmpty)
        let due = drain(&engine, upTo: at(70).adding(seconds: 1))
        #expect(commands(due) == ["deadline E1", "echo \"领导来电询问\""])
        #expect(engine.states[0].status == .overdue)
        #expect(engine.states[1].status == .open && engine.states[1].start == at(70))
        engine.observe([DrillFixtures.event(.claimed(dept: "police"), at: at(80))], control: false, now: at(80))
        #expect(engine.states[0].status == .late)
        #expect(engine.states[0].latency == Int64(4200))
        engine.finish(at: at(240))
        #expect(engine.states.map(\.status) == [.late, .missed, .missed])
    }

    @Test func scoringAndRatings() throws {
        let script = try DrillTestLexer.script(DrillFixtures.script)
        var engine = DrillEngine(script: script)
        _ = drain(&engine, upTo: at(10))
        engine.observe([DrillFixtures.collected(at: at(10))], control: true, now: at(10))
        engine.observe([DrillFixtures.event(.claimed(dept: "police"), at: at(22))], control: false, now: at(22))
        _ = drain(&engine, upTo: at(100))
        engine.observe([DrillFixtures.event(.assessed(level: .general, historical: false, note: nil), at: at(100))], control: false, now: at(100))
        engine.finish(at: at(240))
        let score = DrillScore.compute(script: script, states: engine.states, deadlines: [
            PolicyDeadline(caseID: EntityID(.caseFile, 1), ruleID: "claim", title: Localized("claim"), due: at(70),
                           metAt: at(22), status: .met, dept: "police"),
            PolicyDeadline(caseID: EntityID(.caseFile, 1), ruleID: "report", title: Localized("report"), due: at(130),
                           metAt: nil, status: .overdue, dept: "police"),
        ])
        #expect(score.expectations.map(\.earned) == [10, 5, 0])
        // O1: 15 of 20 = 75% with thresholds 100/50/20 → S; O2: 0 of 20 → U; deadlines: 5 of 10 → 50% → M.
        #expect(score.objectives.map(\.percent) == [75, 0, 50])
        #expect(score.objectives.map(\.rating) == [.s, .u, .m])
        #expect(score.earned == 20 && score.possible == 50)
        #expect(score.percent == (75 * 2 + 0 + 50) / 4)
        #expect(score.rating == .m)
        #expect(score.departments.map(\.dept) == ["police"])
        #expect(score.departments[0].met == 1 && score.departments[0].late == 1 && score.departments[0].missed == 0)
        #expect(score.departments[0].policyMissed == 1)
        #expect(RatingThresholds.standard.rate(percent: 90) == .p)
        #expect(RatingThresholds.standard.rate(percent: 89) == .s)
        #expect(RatingThresholds.standard.rate(percent: 40) == .m)
        #expect(RatingThresholds.standard.rate(percent: 39) == .u)
    }

    func runOnce() throws -> String {
        let script = try DrillTestLexer.script(DrillFixtures.script)
        var engine = DrillEngine(script: script)
        _ = drain(&engine, upTo: at(10))
        engine.observe([DrillFixtures.collected(at: at(10))], control: true, now: at(10))
        engine.observe([DrillFixtures.event(.claimed(dept: "police"), at: at(22))], control: false, now: at(22))
        engine.note(DrillNote(at: at(30), kind: .improve, text: "回应口径需统一", owner: "propaganda", due: nil))
        engine.note(DrillNote(at: at(31), kind: .strength, text: "认领迅速"))
        _ = drain(&engine, upTo: at(240))
        engine.finish(at: at(240))
        let score = DrillScore.compute(script: script, states: engine.states, deadlines: [])
        let input = DrillReportInput(script: script, scriptName: "t.yq", scriptHash: SHA256Text.hex(DrillFixtures.script),
                                     stateHash: "abc", end: at(240),
                                     session: DrillSessionFacts(realStart: at(0), realEnd: at(90), place: "三楼会议室", mode: .stepped),
                                     timeline: engine.sortedTimeline, notes: engine.notes,
                                     score: score, departmentNames: ["police": Localized(zh: "市公安局", en: "Public Security Bureau")])
        return DrillReport(input).render() + DrillReport(input, language: .en).render()
    }

    @Test func reportIsDeterministic() throws {
        let a = try runOnce()
        let b = try runOnce()
        #expect(a == b)
        #expect(a.contains("# 测试演练评估报告"))
        #expect(a.contains("- **演练地点**：三楼会议室"))
        #expect(a.contains("| E1 | 认领 C1 | 市公安局 | 1 小时 |"))
        #expect(a.contains("720（12 分钟）"))
        #expect(a.contains("## 六、改进计划"))
        #expect(a.contains("回应口径需统一"))
        #expect(a.contains("# After-Action Report and Improvement Plan: 测试演练"))
    }
}
