import Testing
@testable import YuqingCore
@testable import YuqingShell

/// Art. 8 ¶4: a leader's instruction carries its own limit, which runs from the instruction. Entered after the fact
/// (`--at`), a relative `--due` (`+3wd`, `+1d`, `+8h`) counts from that time, not from the clock of the entry; a due
/// not after the instruction is refused. (Found by scripts/check/widen_check.py: `+3wd` counted from the clock.)
struct InstructRelativeDueTests {
    static let claimed = """
    collect "网传某小区停水" --url https://weibo.com/1 --source weibo --category demand --at 2020-01-10T09:00
    as 李娜 --role liaison --dept police
    claim C1 --at 2020-01-10T09:30
    as 刘市长 --role city-leader

    """

    @Test(arguments: [
        // (article, --at, --due, policy line, due; `Instant.description` writes 24:00 as the next day 00:00)
        ("Art. 8 ¶4 +3wd from a Monday instruction entered later", "2020-01-13T10:00", "+3wd", "", "2020-01-17 00:00"),
        ("Art. 8 ¶4 +3wd from a Saturday instruction (rest-day-start counted)", "2020-01-11T10:00", "+3wd", "", "2020-01-16 00:00"),
        ("Art. 8 ¶4 +3wd from a Saturday instruction (rest-day-start deemed)", "2020-01-11T10:00", "+3wd",
         "policy reading rest-day-start deemed\n", "2020-01-17 00:00"),
        ("Art. 8 ¶4 +3wd before the Spring Festival (cut-off 17:30)", "2020-01-22T10:00", "+3wd", "policy cutoff 17:30\n",
         "2020-02-04 17:30"),
        ("Art. 8 ¶4 +5wd from a holiday (rest-day-start deemed, as the default 5 wd)", "2020-01-30T05:00", "+5wd",
         "policy reading rest-day-start deemed\n", "2020-02-11 00:00"),
        ("Art. 8 ¶4 +1d runs from the instruction", "2020-01-12T10:00", "+1d", "", "2020-01-13 10:00"),
        ("Art. 8 ¶4 +8h runs from the instruction", "2020-01-12T10:00", "+8h", "", "2020-01-12 18:00"),
        ("Art. 8 ¶4 24:00 on a holiday stays as given", "2020-01-13T10:00", "2020-01-25T24:00", "", "2020-01-26 00:00"),
    ])
    func aRelativeDueRunsFromTheInstruction(article: String, at: String, due: String, policy: String, shown: String) {
        let t = TestShell(at: "2020-01-20T10:00")
        let r = t.run(policy + Self.claimed + "instruct C1 --leader 刘市长 --text 请核查 --due \(due) --at \(at)\n")
        #expect(r.failures == 0, "\(article): \(r.err)")
        #expect(t.obligation(1, "instruct")?.due?.description == shown, "\(article)")
    }

    @Test func aDueNotAfterTheInstructionIsRefused() {
        let t = TestShell(at: "2020-01-20T10:00")
        let r = t.run(Self.claimed + "instruct C1 --leader 刘市长 --text 请核查 --due 2020-01-01T24:00 --at 2020-01-12T10:00\n")
        #expect(r.failures == 1)
        #expect(r.err.contains("is not after the instruction"), "\(r.err)")
        #expect(t.obligation(1, "instruct") == nil)
    }
}
