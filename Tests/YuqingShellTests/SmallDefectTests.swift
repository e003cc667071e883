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
}
