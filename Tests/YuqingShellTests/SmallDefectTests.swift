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
}
