import Testing
@testable import YuqingCore

@Suite("Policy profiles")
struct PolicyTests {
    @Test func mingguangRulesInOrderWithArticles() throws {
        let p = Policy.mingguang
        #expect(p.name == "mingguang")
        #expect(p.title.zh == "明光市政务舆情回应制度（2019）")
        #expect(p.cutoffSecondOfDay == 86_400)
        #expect(p.rules.map(\.id) == ["members", "patrol.day", "patrol.night", "claim", "claim.routing", "report.unit",
                                      "verify", "verify.historical", "extend.apply", "escalate", "instruct", "respond",
                                      "respond.high", "follow", "contacts", "score", "account"])
        let table: [(String, String, RuleClock)] = [
            ("patrol.day", "6", .cadence(.hours(1))), ("patrol.night", "6", .cadence(.hours(2))),
            ("claim", "6", .patrolInterval), ("report.unit", "8 ¶1", .elapsed(.hours(2))),
            ("verify", "8 ¶2", .workingDays(5)), ("verify.historical", "8 ¶2", .workingDays(15)),
            ("extend.apply", "8 ¶2", .workingDays(3)), ("escalate", "8 ¶3", .elapsed(.hours(2))),
            ("instruct", "8 ¶4", .workingDays(5)), ("respond", "9 ¶1", .workingDays(3)),
            ("respond.high", "9 ¶1", .workingDays(5)), ("follow", "9 ¶2", .elapsed(.days(7))),
            ("contacts", "10", .none), ("score", "12", .none), ("account", "13", .none), ("members", "1", .none),
        ]
        for (id, article, clock) in table {
            let r = try #require(p.rule(id), "missing rule \(id)")
            #expect(r.article == article, "\(id)")
            #expect(r.clock == clock, "\(id)")
            #expect(!r.title.zh.isEmpty && !r.title.en.isEmpty && r.title.zh != r.title.en, "\(id)")
            #expect(!r.about.zh.isEmpty && !r.about.en.isEmpty, "\(id)")
        }
        #expect(p.followWatch == .days(7))
        #expect(p.instructionDefault == .workingDays(5))
        #expect(p.rule("verify")?.start == .claimed && p.rule("verify")?.end == .verified)
        #expect(p.rule("verify")?.applies == Applicability(historical: false))
        #expect(p.rule("verify.historical")?.applies == Applicability(historical: true))
        #expect(p.rule("respond.high")?.coordinatorsReview == true)
        #expect(p.rule("respond.high")?.applies.levels == [.highAttention, .majorSensitive])
        #expect(p.rule("respond")?.applies.levels == [.general])
        #expect(p.rule("escalate")?.party == .coordinators)
        #expect(p.rule("escalate")?.start == .majorSensitive)
    }

    @Test func mingguangPatrolWindows() {
        let w = Policy.mingguang.patrols.map { "\($0.rule.id) \($0.window) \($0.cadence)" }
        #expect(w == ["patrol.day workday 08:00-18:00 1h", "patrol.night workday 18:00-24:00 2h",
                      "patrol.night rest 08:00-24:00 2h"])
    }

    @Test func nationalProfile() throws {
        let p = Policy.national
        #expect(p.name == "national")
        #expect(p.rules.map(\.id) == ["respond.national", "press.major", "authoritative.major"])
        #expect(p.rule("respond.national")?.clock == .elapsed(.hours(48)))
        #expect(p.rule("respond.national")?.article == "国办发〔2016〕61号")
        #expect(p.rule("press.major")?.clock == .elapsed(.hours(24)))
        #expect(p.rule("press.major")?.end == .pressConference)
        #expect(p.rule("authoritative.major")?.clock == .elapsed(.hours(5)))
        #expect(p.rule("authoritative.major")?.article == "国办发〔2016〕80号")
        #expect(p.rule("authoritative.major")?.applies.levels == [.majorSensitive])
        #expect(Policy.builtIns.keys.sorted() == ["mingguang", "national"])
    }

    @Test(arguments: [
        ("8 ¶2", "第八条第二款", "Art. 8 ¶2"), ("6", "第六条", "Art. 6"), ("12", "第十二条", "Art. 12"),
        ("9 ¶1", "第九条第一款", "Art. 9 ¶1"), ("国办发〔2016〕80号", "国办发〔2016〕80号", "国办发〔2016〕80号"),
    ])
    func articleCitations(_ a: String, _ zh: String, _ en: String) {
        #expect(Article.cite(a) == Localized(zh: zh, en: en))
    }

    @Test func settingsChangeRules() throws {
        var p = Policy.mingguang
        try p.apply(words: ["set", "verify", "limit", "7wd"])
        try p.apply(words: ["set", "patrol.day", "window", "workday", "08:30-17:30"])
        try p.apply(words: ["set", "patrol.night", "window", "rest", "none"])
        try p.apply(words: ["cutoff", "17:30"])
        try p.apply(words: ["set", "follow", "limit", "14d"])
        try p.apply(words: ["set", "report.unit", "applies", "all"])
        try p.apply(words: ["set", "report.unit", "to", "none"])
        try p.apply(words: ["rule", "custom.x", "13"])
        try p.apply(words: ["set", "custom.x", "limit", "every", "30m"])
        try p.apply(words: ["remove", "score"])
        try p.apply(words: ["name", "city", "某市制度"])
        #expect(p.rule("verify")?.clock == .workingDays(7))
        #expect(p.rule("patrol.day")?.windows == [PatrolWindow(days: .workday, start: 30_600, end: 63_000)])
        #expect(p.rule("patrol.night")?.windows.map(\.days) == [.workday])
        #expect(p.cutoffSecondOfDay == 63_000)
        #expect(p.followWatch == .days(14))
        #expect(p.rule("report.unit")?.applies == .all)
        #expect(p.rule("report.unit")?.end == nil)
        #expect(p.rule("custom.x")?.clock == .cadence(.minutes(30)))
        #expect(p.rule("score") == nil)
        #expect(p.title == Localized(zh: "某市制度", en: "某市制度"))
        #expect(p.rules.last?.id == "custom.x")
    }

    /// Each bad line: the error and the index of the word to put the caret under (0 = the word after `policy`).
    @Test(arguments: [
        ([], PolicyError.missingCommand, 0),
        (["sett", "verify", "limit", "5wd"], .unknownCommand(word: "sett", suggestion: "set"), 0),
        (["set", "verfy", "limit", "5wd"], .unknownRule(index: 1, id: "verfy", suggestion: "verify"), 1),
        (["set", "nothing-like-it", "limit", "5wd"], .unknownRule(index: 1, id: "nothing-like-it", suggestion: nil), 1),
        (["set", "verify", "limt", "5wd"], .unknownKey(index: 2, key: "limt", suggestion: "limit"), 2),
        (["set", "verify", "limit", "5days"], .badValue(index: 3, word: "5days", expected: Localized("")), 3),
        (["set", "verify", "limit"], .missingArgument(index: 3, expected: Localized("")), 3),
        (["set", "verify", "limit", "5wd", "now"], .extraWord(index: 4, word: "now"), 4),
        (["set", "verify", "limit", "every", "0h"], .badValue(index: 4, word: "0h", expected: Localized("")), 4),
        (["set", "verify", "from", "claim"], .badValue(index: 3, word: "claim", expected: Localized("")), 3),
        (["set", "verify", "from", "claimed", "until", "verified"], .extraWord(index: 4, word: "until"), 4),
        (["set", "verify", "from", "claimed", "to", "verifed"], .badValue(index: 5, word: "verifed", expected: Localized("")), 5),
        (["set", "patrol.day", "window", "weekday", "08:00-18:00"], .badValue(index: 3, word: "weekday", expected: Localized("")), 3),
        (["set", "patrol.day", "window", "workday", "18:00-08:00"], .badValue(index: 4, word: "18:00-08:00", expected: Localized("")), 4),
        (["set", "patrol.day", "window", "workday", "8:00-18:00"], .badValue(index: 4, word: "8:00-18:00", expected: Localized("")), 4),
        (["set", "verify", "applies", "general", "urgent"], .badValue(index: 4, word: "urgent", expected: Localized("")), 4),
        (["set", "verify", "by", "police"], .badValue(index: 3, word: "police", expected: Localized("")), 3),
        (["set", "verify", "review", "leaders"], .badValue(index: 3, word: "leaders", expected: Localized("")), 3),
        (["set", "verify", "title", "核实"], .missingArgument(index: 4, expected: Localized("")), 4),
        (["rule", "verify", "8 ¶2"], .duplicateRule(index: 1, id: "verify"), 1),
        (["rule", "Verify!", "8"], .badRuleID(index: 1, id: "Verify!"), 1),
        (["rule", "x.y"], .missingArgument(index: 2, expected: Localized("")), 2),
        (["cutoff", "25:00"], .badValue(index: 1, word: "25:00", expected: Localized("")), 1),
        (["cutoff", "00:00"], .badValue(index: 1, word: "00:00", expected: Localized("")), 1),
        (["remove", "scor"], .unknownRule(index: 1, id: "scor", suggestion: "score"), 1),
    ] as [([String], PolicyError, Int)])
    func errorsPointAtTheWord(_ words: [String], _ expected: PolicyError, _ index: Int) {
        var p = Policy.mingguang
        do {
            try p.apply(words: words)
            Issue.record("accepted \(words)")
        } catch {
            #expect(error.wordIndex == index)
            #expect(Self.sameCase(error, expected), "got \(error)")
            #expect(!error.message.zh.isEmpty && !error.message.en.isEmpty)
        }
        #expect(p == Policy.mingguang, "a refused line must change nothing")
    }

    /// Compares errors by case and payload, ignoring the long `expected` texts.
    static func sameCase(_ a: PolicyError, _ b: PolicyError) -> Bool {
        switch (a, b) {
        case (.badValue(let i, let w, _), .badValue(let j, let v, _)): i == j && w == v
        case (.missingArgument(let i, _), .missingArgument(let j, _)): i == j
        default: a == b
        }
    }

    @Test func messagesSuggestAndExplain() {
        let e = PolicyError.unknownRule(index: 1, id: "verfy", suggestion: "verify")
        #expect(e.message.en.contains("did you mean 'verify'?"))
        #expect(e.message.zh.contains("是否想输入「verify」"))
        #expect(DidYouMean.suggest("respnd", among: Policy.mingguang.rules.map(\.id)) == "respond")
        #expect(DidYouMean.suggest("zzz", among: ["verify", "claim"]) == nil)
    }
}
