import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// The five steps through the real interpreter, for each level, with real dates and every obligation checked.
struct CaseWorkflowTests {
    static let collect = "collect \"网传某小区自来水发黄\" --url https://weibo.com/1 --source weibo --category demand\n"

    @Test func generalCaseOverNewYear() {
        let t = TestShell(at: "2019-12-27T14:00")
        let r = t.run(Self.collect + """
        as 李娜 --role liaison --dept police
        claim C1 --at 2019-12-27T15:00
        assess C1 --level general --at 2019-12-27T15:10
        report C1 --text 报送 --at 2019-12-27T16:30
        verify C1 --summary 水质达标 --at 2020-01-03T10:00
        respond C1 --channel weibo --text 经检测水质达标 --at 2020-01-08T20:00
        """)
        #expect(r.failures == 0, "\(r.err)")
        t.clock.set(TestShell.instant("2020-01-09T09:00"))
        #expect(t.obligation(1, "claim")?.status == .met)
        #expect(t.obligation(1, "report.unit")?.due?.description == "2019-12-27 17:00")
        #expect(t.obligation(1, "report.unit")?.status == .met)
        #expect(t.obligation(1, "verify")?.due?.deadlineDescription == "2020-01-06 24:00")
        #expect(t.obligation(1, "verify")?.status == .met)
        // 3 working days from the verification report on Friday 01-03: 01-06, 01-07, 01-08.
        #expect(t.obligation(1, "respond")?.due?.deadlineDescription == "2020-01-08 24:00")
        #expect(t.obligation(1, "respond")?.status == .met)
        #expect(t.caseFile(1)?.stage == .responded)
    }

    @Test func historicalCaseGetsFifteenWorkingDays() {
        let t = TestShell(at: "2020-01-17T10:00")
        let r = t.run(Self.collect + """
        as 李娜 --role liaison --dept petitions
        claim C1 --at 2020-01-17T10:30
        assess C1 --level general --historical --at 2020-01-17T11:00
        """)
        #expect(r.failures == 0, "\(r.err)")
        // Spring Festival 2020: 01-24…02-02 off (extended), make-up working Sunday 01-19.
        // 15 working days after Fri 01-17: 01-19(Sun, make-up), 20, 21, 22, 23, 02-03, 04, 05, 06, 07, 10, 11, 12, 13, 14.
        #expect(t.obligation(1, "verify.historical")?.due?.deadlineDescription == "2020-02-14 24:00")
    }

    @Test func highAttentionNeedsReviewAndGetsFiveWorkingDays() {
        let t = TestShell(at: "2019-12-27T14:00")
        var r = t.run(Self.collect + """
        as 李娜 --role liaison --dept police
        claim C1 --at 2019-12-27T15:00
        assess C1 --level high-attention --at 2019-12-27T15:10
        verify C1 --summary 已核实 --at 2019-12-30T10:00
        respond C1 --channel website --text 通报 --at 2019-12-30T11:00
        """)
        #expect(r.failures == 1)
        #expect(r.err.contains("high-attention"))
        r = t.run("""
        respond C1 --draft 关于网传自来水发黄的情况通报 --at 2019-12-30T11:00
        as 王敏 --role coordinator --dept open-gov
        review C1 approve --at 2019-12-31T09:00
        as 李娜 --role liaison --dept police
        respond C1 --publish --channel website --url https://gov/1 --at 2019-12-31T10:00
        """)
        #expect(r.failures == 0, "\(r.err)")
        // 5 working days after Mon 12-30: 12-31, 01-02, 01-03, 01-06, 01-07.
        #expect(t.obligation(1, "respond.high")?.due?.deadlineDescription == "2020-01-07 24:00")
        #expect(t.obligation(1, "respond.high")?.status == .met)
        #expect(t.caseFile(1)?.responses.first?.text == "关于网传自来水发黄的情况通报")
    }

    @Test func majorSensitiveStartsTheTwoHourEscalation() {
        let t = TestShell(at: "2019-12-27T21:00")
        let r = t.run(Self.collect + """
        as 李娜 --role liaison --dept police
        claim C1 --at 2019-12-27T22:00
        assess C1 --level major-sensitive --at 2019-12-27T23:00
        """)
        #expect(r.failures == 0, "\(r.err)")
        // 2 clock hours run through midnight.
        #expect(t.obligation(1, "escalate")?.due?.description == "2019-12-28 01:00")
        t.clock.set(TestShell.instant("2019-12-28T02:00"))
        #expect(t.obligation(1, "escalate")?.status == .overdue)
        let late = t.run("as 王敏 --role coordinator --dept open-gov\nescalate C1")
        #expect(late.failures == 0, "\(late.err)")
        #expect(late.out.contains("later than the 2 hours"))
        #expect(t.obligation(1, "escalate")?.status == .late)
    }

    @Test func extensionMovesTheVerificationDeadline() {
        let t = TestShell(at: "2019-12-27T14:00")
        let r = t.run(Self.collect + """
        as 李娜 --role liaison --dept police
        claim C1 --at 2019-12-27T15:00
        extend C1 --days 3 --reason 需第三方检测 --at 2020-01-02T10:00
        as 王敏 --role coordinator --dept open-gov
        extend approve X1 --at 2020-01-02T11:00
        """)
        #expect(r.failures == 0, "\(r.err)")
        let v = t.obligation(1, "verify")
        #expect(v?.originalDue?.deadlineDescription == "2020-01-06 24:00")
        #expect(v?.due?.deadlineDescription == "2020-01-09 24:00")
        #expect(v?.status == .extended)
    }

    @Test func lateExtensionIsRefusedWithTheRule() {
        let t = TestShell(at: "2019-12-27T14:00")
        let r = t.run(Self.collect + """
        as 李娜 --role liaison --dept police
        claim C1 --at 2019-12-27T15:00
        extend C1 --days 3 --reason 需第三方检测 --at 2020-01-03T10:00
        """)
        #expect(r.failures == 1)
        #expect(r.err.contains("within 3 working days"))
        #expect(r.err.contains("Art. 8 ¶2"))
        #expect(t.caseFile(1)?.extensions.isEmpty == true)
    }

    /// Each wrong-stage command is refused with a reason, and nothing changes.
    @Test(arguments: [
        ("verify C1 --summary x", "not claimed"),
        ("respond C1 --channel weibo --text x", "not claimed"),
        ("close C1", "not claimed"),
        ("claim C1\nclaim C1", "already claimed"),
        ("claim C1\nrespond C1 --channel weibo --text x", "no verification report"),
        ("claim C1\nescalate C1", "not judged major-sensitive"),
        ("claim C1\nfollow C1 看看", "has not been responded"),
        ("claim C1\nreview C1 approve", "no verification report"),
    ])
    func wrongStageIsRefusedAndChangesNothing(script: String, reason: String) {
        let t = TestShell()
        t.run(Self.collect + "as 李娜 --role liaison --dept police")
        let lines = script.split(separator: "\n").map(String.init)
        if lines.count > 1 { t.run(lines.dropLast().joined(separator: "\n")) }
        let before = t.eventCount
        let snapshot = t.caseFile(1)
        if lines.last?.hasPrefix("escalate") == true || lines.last?.hasPrefix("review") == true {
            t.run("as 王敏 --role coordinator --dept open-gov")
        }
        let r = t.run(lines.last ?? "")
        #expect(r.failures == 1)
        #expect(r.err.contains(reason), "\(r.err)")
        #expect(t.eventCount == before)
        #expect(t.caseFile(1) == snapshot)
    }

    /// A role that may not act is told why, nothing changes in the case, and the denial is logged.
    @Test(arguments: [
        ("as 张三 --role patrol --dept police", "claim C1"),
        ("as 李娜 --role liaison --dept police", "assign C1 police"),
        ("as 李娜 --role liaison --dept police", "extend approve X1"),
        ("as 刘局 --role leader --dept police", "escalate C1"),
        ("as 市长 --role city-leader", "claim C1"),
        ("as 培训 --role trainer", "collect 标题"),
    ])
    func deniedCommandsChangeNothingButAreLogged(who: String, command: String) throws {
        let t = TestShell()
        t.run(Self.collect)
        t.run(who)
        let snapshot = t.caseFile(1)
        let before = t.eventCount
        let r = t.run(command)
        #expect(r.failures == 1)
        #expect(t.caseFile(1) == snapshot)
        // The role is refused before anything else is looked at (X1 does not even exist), and logged.
        let after = t.eventCount
        #expect(after == before + 1)
        let last = try t.ws.read { try $0.events(from: after, limit: 1) }
        #expect(last.first?.body.verb == "denied")
    }

    @Test func anotherDepartmentCannotTouchTheCase() {
        let t = TestShell()
        t.run(Self.collect + "as 李娜 --role liaison --dept police\nclaim C1")
        let r = t.run("as 王强 --role liaison --dept emergency\nverify C1 --summary x")
        #expect(r.failures == 1)
        #expect(r.err.contains("acts on its own cases only"))
        // Departments by the names a clerk knows, not their codes, in both languages.
        #expect(r.err.contains("C1 belongs to Public Security Bureau; Emergency Office acts on its own cases only"))
        let zh = t.run("lang zh\nverify C1 --summary x")
        #expect(zh.err.contains("C1 由市公安局负责，市应急办只能处理本部门的案件"))
    }

    /// On the real clock a claim "at" a time still to come was stored as done (`claim C1 --at 2030-01-01T10:00`
    /// answered "claimed" and every later claim was refused as already made in 2030).
    @Test func aFutureAtIsRefusedOnTheRealClock() {
        let t = TestShell()
        t.run(Self.collect + "as 李娜 --role liaison --dept police")
        t.session.clock = SystemClock()
        let before = t.caseFile(1), count = t.eventCount
        let r = t.run("claim C1 --at +1d")
        #expect(r.failures == 1)
        #expect(r.err.contains("is still to come"), "\(r.err)")
        #expect(t.caseFile(1) == before)
        #expect(t.eventCount == count)
        #expect(t.run("claim C1 --at -1h").failures == 0)
        #expect(t.caseFile(1)?.dept == "police")
    }

    /// Approving an extension already rejected answered only "X1 已审批" (decided, but how?): it says it was
    /// rejected, when and why, and that a new application may still be made.
    @Test func decidingADecidedExtensionSaysWhatWasDecided() {
        let t = TestShell(at: "2019-12-30T09:00")
        t.run(Self.collect + """
        as 李娜 --role liaison --dept police
        claim C1
        extend C1 --days 3 --reason 检测
        as 王敏 --role coordinator --dept open-gov
        extend reject X1 --reason 理由不足
        """)
        let count = t.eventCount
        let r = t.run("lang zh\nextend approve X1")
        #expect(r.failures == 1)
        #expect(r.err.contains("X1 已于 2019-12-30 09:00 驳回（理由不足），不能再审批"), "\(r.err)")
        #expect(r.err.contains("extend C1 --days N"), "\(r.err)")
        #expect(t.eventCount == count)
    }

    /// After an approved extension the next steps read "核实调查报告应于 01-09 24:00 前（5 个工作日，第八条第二款）":
    /// a deadline two working days after what the limit says. The extension is named with the limit.
    @Test func nextStepsNameAnApprovedExtension() {
        let t = TestShell(at: "2019-12-30T09:00", lang: .zh)
        let r = t.run(Self.collect + """
        as 李娜 --role liaison --dept police
        claim C1
        extend C1 --days 3 --reason 检测
        as 王敏 --role coordinator --dept open-gov
        extend approve X1 --days 2
        """)
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("核实调查报告应于 01-09 24:00 前（5 个工作日，延期 2 个工作日，第八条第二款）"), "\(r.out)")
    }

    @Test func sameURLTwiceIsOneCase() {
        let t = TestShell()
        let r = t.run(Self.collect + Self.collect)
        #expect(r.failures == 0)
        #expect(r.out.contains("already in C1"))
        #expect(t.caseFile(1)?.items.count == 2)
        #expect(t.caseFile(2) == nil)
    }

    @Test func aFailingScriptLeavesExactlyTheLinesBefore() {
        let t = TestShell()
        let r = t.run(Self.collect + """
        collect "第二条" --source forum
        claim C2 --dept police
        claim C9
        collect "不会执行"
        """)
        #expect(r.failures == 1)
        #expect(r.err.contains("<test>:4:7"))
        #expect(t.caseFile(2)?.dept == "police")
        #expect(t.caseFile(3) == nil)
    }

    @Test func queriesFilterOrderAndCount() {
        let t = TestShell()
        t.run("""
        collect 一 --source weibo
        collect 二 --source forum
        collect 三 --source weibo
        claim C2 --dept police
        """)
        var r = t.run("cases where source = weibo order by id desc --format json")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("\"C3\""))
        #expect(!r.out.contains("\"C2\""))
        #expect(r.out.range(of: "\"C3\"")!.lowerBound < r.out.range(of: "\"C1\"")!.lowerBound)
        r = t.run("count by stage --format csv")
        #expect(r.out.contains("claimed,"))
        #expect(r.out.contains("collected,"))
        r = t.run("cases where stag = claimed")
        #expect(r.failures == 1)
        #expect(r.err.contains("did you mean stage"))
        t.clock.advance(.hours(3))
        r = t.run("overdue")
        #expect(r.out.contains("C1"))
        #expect(r.out.contains("C3"))
    }

    /// `due` and `overdue` name who answers as `why` does: nobody yet for an unclaimed case while its claim is not
    /// overdue, then the coordinators (they assign it, Art. 6). The list showed an empty column and JSON `null`.
    @Test func theDueListNamesWhoAnswersForAnUnclaimedCase() {
        let t = TestShell(at: "2019-12-27T14:00")
        #expect(t.run(Self.collect).failures == 0)
        var r = t.run("due within 4h --format json")
        #expect(r.out.contains("\"rule\":\"claim\"") && r.out.contains("\"responsible\":\"unassigned\""), "\(r.out)")
        #expect(t.run("due within 4h").out.contains("unclaimed"))
        t.clock.advance(.hours(3))
        #expect(t.obligation(1, "claim")?.responsible == .coordinators)
        r = t.run("overdue --format json")
        #expect(r.out.contains("\"responsible\":\"coordinators\""), "\(r.out)")
        // By name, as accountability and score name them (English printed the code `coordinators`).
        #expect(t.run("overdue").out.contains("Open Government and Network Propaganda Offices"))
        #expect(t.run("show C1").out.contains("Open Government and Network Propaganda Offices"))
        #expect(!t.run("overdue").out.contains(" coordinators"))
        #expect(t.run("lang zh\noverdue").out.contains("政务公开办、网宣办"))   // as show and why name them
    }

    /// A case collected with a suggested department (`collect … --dept police`) holds it on its due rows: `overdue`
    /// named 市公安局 for its overdue claim, and `due` before it, where show, why and accountability say the
    /// coordinators answer (and "unclaimed" before the deadline; seen by accept14 on the month script's C9).
    @Test func aSuggestedDepartmentDoesNotAnswerForAnUnclaimedCase() {
        let t = TestShell(at: "2019-12-27T14:00")
        #expect(t.run("collect 网传停水 --source weibo --dept police").failures == 0)
        var r = t.run("due within 4h --format json")
        #expect(r.out.contains("\"responsible\":\"unassigned\""), "\(r.out)")
        #expect(t.run("due within 4h").out.contains("unclaimed"))
        t.clock.advance(.hours(3))
        r = t.run("overdue --format json")
        #expect(r.out.contains("\"responsible\":\"coordinators\""), "\(r.out)")
        let zh = t.run("lang zh\noverdue").out
        #expect(zh.contains("政务公开办、网宣办") && !zh.contains("市公安局"), "\(zh)")
        // Claimed, the department answers.
        t.run("lang en\nas 李娜 --role liaison --dept police\nclaim C1")
        #expect(t.run("due within 3d --format json").out.contains("\"responsible\":\"police\""))
    }

    /// On a simulated clock an entry may be dated after the clock (`--at` later than `clock`, as the tutorial does):
    /// the answer's next steps are read at that time, so a deadline already past then says so. It read
    /// "报送本单位领导应于 12-27 17:00 前" for an assessment entered at 18:00, as if the report were still on time.
    @Test func nextStepsAreReadAtAnEffectiveTimeAfterTheClock() {
        let t = TestShell(at: "2019-12-27T14:00", lang: .zh)
        let r = t.run(Self.collect + "as 李娜 --role liaison --dept police\nclaim C1 --at 2019-12-27T15:00\n"
            + "assess C1 --level general --at 2019-12-27T18:00")
        #expect(r.out.contains("下一步：报送本单位领导已超期（应于 12-27 17:00，2 小时，第八条第一款）"), "\(r.out)")
    }

    @Test func chineseAnswersNameTheArticle() {
        let t = TestShell(lang: .zh)
        let r = t.run(Self.collect + "as 李娜 --role liaison --dept police\nclaim C1 --at 2019-12-27T15:00")
        #expect(r.out.contains("C1 已由市公安局认领。下一步：报送本单位领导应于 12-27 17:00 前（2 小时，第八条第一款）；核实调查报告应于 01-06 24:00 前（5 个工作日，第八条第二款）。"))
    }
}
