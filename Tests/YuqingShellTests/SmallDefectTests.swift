import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// Small defects a user hit (session 7's list): each test failed before its fix.
@Suite struct SmallDefectTests {
    /// `drill sync` typed with no drill printed nothing at all.
    @Test(arguments: [Language.zh, .en])
    func drillSyncWithoutADrillSaysSo(lang: Language) {
        let t = TestShell(lang: lang)
        let r = t.run("drill sync")
        #expect(r.failures == 1)
        #expect(r.err.contains(lang == .zh ? "没有进行中的演练" : "no drill is running"), "\(r.out)\(r.err)")
    }

    /// `cases where dept = polic` said only 'unknown department' with no 'did you mean'.
    @Test(arguments: [("polic", "police"), ("市公安", "市公安局")])
    func aNearMissOfADepartmentIsSuggested(typed: String, meant: String) {
        let t = TestShell()
        let r = t.run("cases where dept = \(typed)")
        #expect(r.failures == 1)
        #expect(r.err.contains("did you mean \(meant)?"), "\(r.err)")
        t.session.language = .zh
        #expect(t.run("cases where dept = \(typed)").err.contains("是否想输入 \(meant)？"))
    }

    /// `score --dept` could not select the coordinators' joint row (政务公开办、网宣办): `coordinators` was an
    /// unknown department and `open-gov` is that office's own row.
    @Test(arguments: ["coordinators", "政务公开办、网宣办"])
    func scoreSelectsTheCoordinatorsJointRow(key: String) {
        let t = TestShell(at: "2019-12-27T14:00")
        // Unclaimed past its deadline and never designated: the coordinators' row loses 5 points.
        let setup = t.run(CaseWorkflowTests.collect + "clock set 2020-01-02T09:00")
        #expect(setup.failures == 0, "\(setup.err)")
        let r = t.run("score --from 2019-12-01 --to 2019-12-31 --dept \(key) --format json")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("\"dept\":\"coordinators\""), "\(r.out)")
        #expect(!r.out.contains("\"dept\":\"open-gov\""))
        let a = t.run("accountability --from 2019-12-01 --to 2019-12-31 --dept \(key) --format csv")
        #expect(a.failures == 0, "\(a.err)")
        #expect(a.out.contains("C1"), "\(a.out)")
        // Patrols are owed by each office under its own code: the joint row has no patrol log to check.
        #expect(t.run("patrol check --dept \(key)").failures == 1)
    }
}
