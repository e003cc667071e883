import Testing
@testable import YuqingCore
@testable import YuqingShell

/// A recurrence runs the 7-day follow-up watch (Art. 9 ¶2) again from the recurrence, on an open or a closed case,
/// linked by `link … --as recurrence` or by `collect --link … --as recurrence`. A closed case is reopened: back in the
/// follow-up stage, owing the new watch; what its closing waived stays waived.
struct RecurrenceWatchTests {
    /// Responded 2019-12-20 15:00: the first watch runs to 12-27 15:00. A leader instruction due 2020-01-10 is still
    /// open when the case is closed on 12-28, so the closing waives it.
    static let handled = """
    collect "网传某小区自来水发黄" --url https://weibo.com/1 --source weibo --category demand --at 2019-12-19T09:00
    as 李娜 --role liaison --dept police
    claim C1 --at 2019-12-19T09:30
    assess C1 --level general --at 2019-12-19T09:40
    report C1 --text 报送 --at 2019-12-19T10:00
    verify C1 --summary 水质达标 --at 2019-12-20T10:00
    respond C1 --channel weibo --text 经检测水质达标 --at 2019-12-20T15:00
    as 王副市长 --role city-leader
    instruct C1 --leader 王副市长 --text 持续关注 --due 2020-01-10T18:00 --at 2019-12-26T09:00

    """

    static let recurrence = "2020-01-05T10:00"

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func aRecurrenceRunsTheWatchAgain(byCollect: Bool, closedFirst: Bool) {
        let t = TestShell(at: "2020-01-05T10:00")
        var script = Self.handled
        if closedFirst { script += "as 李娜 --role liaison --dept police\nclose C1 --note 关注期内未再出现 --at 2019-12-28T09:00\n" }
        script += "as 李娜 --role liaison --dept police\n"
        if byCollect {
            script += "collect \"网传该小区自来水又发黄\" --url https://weibo.com/2 --source weibo --link C1 --as recurrence --at \(Self.recurrence)\n"
        } else {
            script += "collect \"网传该小区自来水又发黄\" --url https://weibo.com/2 --source weibo --at \(Self.recurrence)\n"
            script += "claim C2 --at \(Self.recurrence)\n"
            script += "link C2 C1 --as recurrence --at \(Self.recurrence)\n"
        }
        let r = t.run(script)
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("follow-up runs again from the recurrence, until 01-12 10:00 (7 days, Art. 9 ¶2)"), "\(r.out)")
        #expect(r.out.contains("reopened by the recurrence") == closedFirst, "\(r.out)")

        t.clock.set(TestShell.instant("2020-01-06T09:00"))
        let watch = t.obligation(1, "follow")
        #expect(watch?.due?.description == "2020-01-12 10:00")
        #expect(watch?.status == .pending)
        #expect(watch?.explanation.en.contains("7 days from the recurrence linked at 2020-01-05 10:00") == true)
        #expect(watch?.explanation.zh.contains("首次关注期自回应发布（2019-12-20 15:00）起") == true)
        let c = t.caseFile(1)
        #expect(c?.isClosed == false)
        #expect(c?.stage == (closedFirst ? .following : .responded))
        // The instruction the closing waived stays waived; on the case never closed it is still owed.
        #expect(t.obligation(1, "instruct")?.status == (closedFirst ? .waived : .pending))
        if closedFirst {
            #expect(t.obligation(1, "instruct")?.explanation.en.contains("closed at 2019-12-28 09:00") == true)
        }

        t.clock.set(TestShell.instant("2020-01-12T10:00"))
        #expect(t.obligation(1, "follow")?.status == .met)
    }

    /// A recurrence before the response moves nothing: the watch runs from the response.
    @Test func aRecurrenceBeforeTheResponseLeavesTheWatchToTheResponse() {
        let t = TestShell(at: "2019-12-19T12:00")
        let r = t.run("""
        collect "网传某小区自来水发黄" --url https://weibo.com/1 --source weibo --at 2019-12-19T09:00
        collect "网传该小区自来水又发黄" --url https://weibo.com/2 --source weibo --link C1 --as recurrence --at 2019-12-19T11:00
        """)
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("C1: not yet responded to, so its watch will run from the response (Art. 9 ¶2)"), "\(r.out)")
        #expect(t.obligation(1, "follow") == nil)
    }
}
