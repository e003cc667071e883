import Testing
@testable import YuqingCore
@testable import YuqingShell

/// The follow-up watch (Art. 9 ¶2) is a period, not a deadline: met when it ends (docs/rules.md), as `why` says. On
/// the month of scripts/examples/month-2020-01.yq, `overdue` listed six ended watches as "overdue by 16 days", the
/// board counted 9 overdue where 3 were, and `cases where overdue` gave every answered case.
@Suite struct EndedWatchTests {
    /// Responded 2019-12-20 15:00 (the watch ends 12-27 15:00); a leader instruction due 2020-01-10 18:00.
    static let answered = RecurrenceWatchTests.handled

    @Test(arguments: TestShell.Backend.available)
    func anEndedWatchIsNotOverdue(_ backend: TestShell.Backend) {
        let t = TestShell(at: "2019-12-30T09:00", backend: backend)
        let r = t.run(Self.answered)
        #expect(r.failures == 0, "\(r.err)")
        // While it runs, the next step names the watch as a period, not as something due (it said "follow-up
        // by 12-27 15:00").
        let running = TestShell(at: "2019-12-21T09:00", backend: backend)
        let answer = running.run(Self.answered.split(separator: "\n").prefix(7).joined(separator: "\n")).out
        #expect(answer.contains("follow-up until 12-27 15:00 (7 days, Art. 9 ¶2)") && !answer.contains("follow-up by"), "\(answer)")
        #expect(t.obligation(1, "follow")?.status == .met)
        #expect(t.run("overdue").out.contains("Nothing is overdue."), "\(t.run("overdue").out)")
        #expect(!t.run("cases where overdue").out.contains("C1"))
        #expect(t.run("overdue --format json").out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        #expect(Board.lines(t.ws, t.session).contains { $0.contains("0 overdue") }, "\(Board.lines(t.ws, t.session))")
        // A real deadline still is overdue, and only it.
        t.clock.set(TestShell.instant("2020-01-11T09:00"))
        let overdue = t.run("overdue").out
        #expect(overdue.contains("C1") && !overdue.lowercased().contains("follow"), "\(overdue)")
        #expect(t.run("cases where overdue").out.contains("C1"))
    }
}
