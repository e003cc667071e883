import Testing
@testable import YuqingCore
@testable import YuqingShell

/// A store records the rules its deadlines were computed under, so a start with a chosen profile recomputes once,
/// not at every start (it recomputed every case at each start before), and a session's `policy set` left in the
/// projections is undone at the next start.
@Suite struct RulesDigestTests {
    @Test func theDigestCoversDeadlineRulesOnly() throws {
        let national = try #require(Policy.builtIns["national"])
        #expect(national.deadlineDigest == Policy.builtIns["national"]?.deadlineDigest)
        #expect(national.deadlineDigest != Policy.mingguang.deadlineDigest)
        var supervised = Policy.mingguang
        supervised.supervision.accountAfter = .hours(72)
        #expect(supervised.deadlineDigest == Policy.mingguang.deadlineDigest)
        var changed = Policy.mingguang
        try changed.apply(words: ["set", "verify", "limit", "7wd"])
        #expect(changed.deadlineDigest != Policy.mingguang.deadlineDigest)
    }

    @Test(arguments: TestShell.Backend.available)
    func aStartRecomputesOnlyWhenTheRulesDiffer(backend: TestShell.Backend) throws {
        let t = TestShell(backend: backend)
        t.run("collect 帖子 --source weibo\ncollect 二 --source forum\nas 李娜 --role liaison --dept police\nclaim C1")
        let national = try #require(Policy.builtIns["national"])
        #expect(try t.ws.adopt(policy: Policy.mingguang, isDefault: true) == 0)          // never changed: nothing
        #expect(try t.ws.adopt(policy: national, isDefault: false) == 2)                 // a chosen profile: once
        #expect(t.obligation(1, "respond.national") != nil)
        #expect(try t.ws.adopt(policy: national, isDefault: false) == 0)                 // the next start: nothing
        #expect(try t.ws.adopt(policy: Policy.mingguang, isDefault: true) == 2)          // back to the default: once
        #expect(t.obligation(1, "verify") != nil)
        #expect(try t.ws.adopt(policy: Policy.mingguang, isDefault: true) == 0)
        let r = t.run("as 管理员 --role admin\npolicy set verify limit 7wd")                                  // this session only
        #expect(r.failures == 0, "\(r.err)")
        #expect(try t.ws.adopt(policy: Policy.mingguang, isDefault: true) == 2)          // undone at the next start
    }
}
