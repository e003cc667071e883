import Testing
@testable import YuqingCore

struct DrillParserTests {
    @Test func parsesTheHeaderAndLines() throws {
        let s = try DrillTestLexer.script(DrillFixtures.script)
        #expect(s.header.title == "测试演练")
        #expect(s.header.version == "1")
        #expect(s.header.epoch == DrillFixtures.epoch)
        #expect(s.header.seed == 42)
        #expect(s.header.objectives.map(\.id) == ["O1", "O2"])
        #expect(s.header.objectives[0].weight == 2)
        #expect(s.header.objectives[0].thresholds == RatingThresholds(p: 100, s: 50, m: 20))
        #expect(s.header.trainees.map(\.actor) == [Actor(name: "张警官", role: .liaison, dept: "police")])
        #expect(s.injects.count == 2)
        #expect(s.injects[0].offset == .minutes(10))
        #expect(s.injects[0].command.text == "collect \"网传某小区自来水发黄\" --url https://weibo.com/1")
        #expect(s.injects[0].command.line == 8 && s.injects[0].command.column == 11)
        #expect(s.expectations.map(\.id) == ["E1", "E2", "E3"])
        #expect(s.expectations[0].dept == "police")
        #expect(s.expectations[0].within == .hours(1))
        #expect(s.expectations[1].after == "E1")
        #expect(s.contingencies.map(\.trigger) == [.miss, .met])
        #expect(s.chained.first?.delay == .minutes(20))
    }

    func errors(_ source: String) -> [DrillError] {
        do {
            _ = try DrillParser.parse(DrillTestLexer.lines(source))
            return []
        } catch { return error.errors }
    }

    @Test func unknownLineIsReportedAtItsWord() {
        let e = errors("drill \"t\"\nepoch 2019-12-21T09:00\n  expct E1 claim C1 within 1h points 5\nend")
        #expect(e.count == 1)
        #expect(e.first?.position == DrillPosition(line: 3, column: 3, length: 5))
        #expect(e.first?.hint?.en.contains("expect") == true)
    }

    @Test func badOffsetAndMissingWithin() {
        let e = errors("drill \"t\"\nepoch 2019-12-21T09:00\nat 00:10 echo hi\nexpect E1 claim C1 points 5\nend")
        #expect(e.count == 2)
        #expect(e[0].position.line == 3 && e[0].position.column == 4)
        #expect(e[1].position.line == 4 && e[1].message.en.contains("within"))
    }

    @Test func unknownReferencesAndVerbs() {
        let e = errors("drill \"t\"\nepoch 2019-12-21T09:00\nexpect E1 clam C1 within 1h points 5\nexpect E2 claim C1 within 1h points 5 objective O9\non miss E7 echo x\nend")
        #expect(e.map(\.position.line) == [3, 4, 5])
        #expect(e[0].position.column == 11)
        #expect(e[0].hint?.en.contains("claim") == true)
        #expect(e[1].position.column == 49)
        #expect(e[2].position.column == 9)
    }

    /// An `expect` line with a mistake of its own still declares its id: a later `after E1` or `on miss E1` is not
    /// reported as "no expectation E1" (with a hint naming another id) on top of the real error.
    @Test func aFaultyExpectationIsNotReportedAgainWhereItIsReferenced() {
        let e = errors("drill \"t\"\nepoch 2019-12-21T09:00\nexpect E1 claim C1 withn 1h points 5\nexpect E2 claim C1 within 1h after E1 points 5\non miss E1 echo x\nafter E1 +00:10 echo y\nend")
        #expect(e.map(\.position.line) == [3])
        #expect(!e.contains { $0.message.en.contains("no expectation") })
    }

    @Test func missingEndEpochAndTitle() {
        let e = errors("seed 1")
        #expect(e.count == 3)
        let after = errors("drill \"t\"\nepoch 2019-12-21T09:00\nend\nat +00:10 echo late")
        #expect(after.first?.position.line == 4)
    }

    @Test func afterLoopsAreRefused() {
        let e = errors("drill \"t\"\nepoch 2019-12-21T09:00\nexpect E1 claim C1 within 1h after E2 points 5\nexpect E2 claim C1 within 1h after E1 points 5\nend")
        #expect(e.count == 2)
    }

    @Test func timesAndSpans() {
        #expect(DrillTimes.offset("+00:10") == .minutes(10))
        #expect(DrillTimes.offset("+49:30") == Span(seconds: 49 * 3600 + 1800))
        #expect(DrillTimes.offset("+00:00:45") == Span(seconds: 45))
        #expect(DrillTimes.offset("+1h30m") == .minutes(90))
        #expect(DrillTimes.offset("00:10") == nil)
        #expect(DrillTimes.span("90s") == Span(seconds: 90))
        #expect(DrillTimes.span("2d") == .days(2))
        #expect(DrillTimes.span("30m1h") == nil)
        #expect(DrillTimes.span("01:7") == nil)
        #expect(DrillTimes.offsetText(Span(seconds: 3725)) == "+01:02:05")
        // Latencies are said in words by SpanText, as every span a person reads.
        #expect(SpanText.of(Span(seconds: 3725), dayParts: true) == Localized(zh: "1 小时 2 分钟 5 秒", en: "1 h 2 min 5 s"))
        #expect(SpanText.of(Span(seconds: 720), dayParts: true).zh == "12 分钟")
    }

    @Test func actionsFile() throws {
        let a = try DrillActions.parse(DrillTestLexer.lines("# trainee\nat +00:12 as 张警官 --dept police\nclaim C1\nat +00:30 assess C1 --level general"))
        #expect(a.map(\.offset) == [.minutes(12), .minutes(12), .minutes(30)])
        #expect(a[1].command.text == "claim C1")
        #expect(throws: DrillErrors.self) { try DrillActions.parse(DrillTestLexer.lines("at +00:30 a\nat +00:10 b")) }
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256Text.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Text.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Text.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
