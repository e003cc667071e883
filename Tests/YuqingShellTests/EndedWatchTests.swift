import Testing
@testable import YuqingCore
@testable import YuqingShell

/// The follow-up watch (Art. 9 ¶2) is a period, not a deadline: met when it ends (docs/rules.md), as `why` says. On
/// the month of scripts/examples/month-2020-01.yq, `overdue` listed six ended watches as "overdue by 16 days", the
/// board counted 9 overdue where 3 were, and `cases where overdue` gave every answered case.
@Suite struct EndedWatchTests {
    static let answered = """
    collect "网传某小区自来水发黄" --url https://weibo.com/1 --source weibo --category demand --at 2019-12-19T09:00
    as 李娜 --role liaison --dept police
    claim C1 --at 2019-12-19T09:30
    assess C1 --level general --at 2019-12-19T09:40
    report C1 --text 报送 --at 2019-12-19T10:00
    verify C1 --summary 水质达标 --at 2019-12-20T10:00
    respond C1 --channel weibo --text 经检测水质达标 --at 2019-12-20T15:00

    """

    @Test(arguments: TestShell.Backend.available)
    func anEndedWatchIsNotOverdue(_ backend: TestShell.Backend) {
        let t = TestShell(at: "2019-12-30T09:00", backend: backend)
        let r = t.run(Self.answered)
        #expect(r.failures == 0, "\(r.err)")
        #expect(t.obligation(1, "follow")?.status == .met)
        #expect(t.run("overdue").out.contains("Nothing is overdue."), "\(t.run("overdue").out)")
        #expect(!t.run("cases where overdue").out.contains("C1"))
        #expect(t.run("overdue --format json").out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        #expect(Board.lines(t.ws, t.session).contains { $0.contains("0 overdue") }, "\(Board.lines(t.ws, t.session))")
        // While it runs it is not a deadline either; a real one still is.
        let u = TestShell(at: "2019-12-23T09:00", backend: backend)
        _ = u.run(Self.answered + "as 王副市长 --role city-leader\ninstruct C1 --leader 王副市长 --text 持续关注 --due 2019-12-22T18:00 --at 2019-12-21T09:00\n")
        let overdue = u.run("overdue").out
        #expect(overdue.contains("C1") && !overdue.lowercased().contains("follow"), "\(overdue)")
    }
}
