import Testing
@testable import YuqingCore
@testable import YuqingShell

/// `remind CASE`: the responsible department's next steps with deadlines and articles, in both languages and JSON.
@Suite struct RemindVerbTests {
    static let setUp = """
    collect "网传某小区自来水发黄" --source weibo --at 2019-12-27T09:00
    claim C1 --dept police --at 2019-12-27T09:30
    """

    @Test func everyOpenDeadlineWithItsArticle() {
        let t = TestShell(at: "2019-12-27T10:30")
        t.run(Self.setUp)
        let r = t.run("remind C1")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out == """
        Reminder to Public Security Bureau on C1 “网传某小区自来水发黄”: report to unit leaders by 12-27 11:30 (2 h, Art. 8 ¶1); verification report by 01-06 24:00 (5 working days, Art. 8 ¶2).

        C1 next steps
        obligation              due               left                    limit           article    responsible
        ----------------------  ----------------  ----------------------  --------------  ---------  ----------------------
        report to unit leaders  2019-12-27 11:30  in 1 h                  2 h             Art. 8 ¶1  Public Security Bureau
        verification report     2020-01-06 24:00  in 10 days 13 h 30 min  5 working days  Art. 8 ¶2  Public Security Bureau

        """)
    }

    @Test func inChineseAndOverdue() {
        let t = TestShell(at: "2019-12-27T12:00", lang: .zh)
        t.run(Self.setUp)
        let r = t.run("提醒 C1")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.hasPrefix("提醒市公安局：C1“网传某小区自来水发黄”报送本单位领导已超期（应于 12-27 11:30，2 小时，第八条第一款）；核实调查报告应于 01-06 24:00 前（5 个工作日，第八条第二款）。\n"))
        #expect(r.out.contains("第八条第一款"))
    }

    @Test func asJSON() {
        let t = TestShell(at: "2019-12-27T10:30")
        t.run(Self.setUp)
        let r = t.run("remind C1 --format json")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out == """
        {"case":"C1","title":"网传某小区自来水发黄","dept":"police","claimed":true,"steps":[\
        {"rule":"report.unit","subject":null,"title":"report to unit leaders","title_zh":"报送本单位领导","due":"2019-12-27T11:30:00+08:00","status":"pending","limit":"2 h","limit_zh":"2 小时","article":"8 ¶1","citation":"Art. 8 ¶1","citation_zh":"第八条第一款","responsible":"police"},\
        {"rule":"verify","subject":null,"title":"verification report","title_zh":"核实调查报告","due":"2020-01-07T00:00:00+08:00","status":"pending","limit":"5 working days","limit_zh":"5 个工作日","article":"8 ¶2","citation":"Art. 8 ¶2","citation_zh":"第八条第二款","responsible":"police"}]}

        """)
    }

    /// Unclaimed: the claim is owed by the department suggested to claim it, named as such.
    @Test func anUnclaimedCaseNamesTheDepartmentToClaimIt() {
        let t = TestShell(at: "2019-12-27T09:10")
        t.run("collect 帖子 --source forum --dept police --at 2019-12-27T09:00")
        let r = t.run("remind C1")
        #expect(r.out.hasPrefix("Reminder to Public Security Bureau on C1 “帖子”: claim by 12-27 10:00 (1 h, Art. 6)."))
        #expect(r.out.contains("Public Security Bureau (to claim)"))
    }

    /// Unclaimed past the claim deadline: the next step is the coordinators' (Art. 6: they designate who claims it),
    /// so the reminder is addressed to them, as the table's responsible column says, with the suggested department.
    @Test(arguments: [
        (Language.en, "Reminder to Open Government and Network Propaganda Offices on C1 “帖子”: claim was due 12-27 10:00 (1 h, Art. 6). Unclaimed past its deadline: the coordinators designate the department to claim it, recorded and counted in the assessment (Art. 6); suggested: Public Security Bureau.\n"),
        (Language.zh, "提醒政务公开办、网宣办：C1“帖子”认领已超期（应于 12-27 10:00，1 小时，第六条）。逾期未认领，由政务公开办、网宣办指定认领单位并记录在案、纳入考核（第六条）；建议由市公安局认领。\n"),
    ])
    func anOverdueClaimIsAReminderToTheCoordinators(lang: Language, first: String) {
        let t = TestShell(at: "2019-12-27T11:00", lang: lang)
        t.run("collect 帖子 --source forum --dept police --at 2019-12-27T09:00")
        let r = t.run("remind C1")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.hasPrefix(first), "\(r.out)")
    }

    @Test func nothingDueAndNoSuchCase() {
        let t = TestShell(at: "2019-12-27T10:30")
        t.run(Self.setUp)
        t.run("link C1 C1")
        #expect(t.run("remind C9").err.contains("no case C9"))
        t.run("collect 重复 --source forum --link C1 --at 2019-12-27T10:00")
        #expect(t.run("remind C2").out == "C2 has nothing due now.\n")
    }
}
