import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// Tables that overflowed the terminal, so that the terminal broke every row in two: `drill plan`'s expectations at
/// 80 columns, `dept list` and `policy show` at 70. Each line now fits, in both languages.
@Suite struct NarrowScreenTests {
    static func screen(_ t: TestShell, _ source: String, width: Int) -> String {
        let sink = BufferSink(isTerminal: true, width: width)
        _ = Interpreter().run(source: source, file: "<test>", session: t.session, keepGoing: false, output: sink)
        return sink.stdout
    }

    static func expectFits(_ screen: String, _ width: Int, _ note: String) {
        let wide = screen.split(separator: "\n").filter { DisplayWidth.of(String($0)) > width }
        #expect(wide.isEmpty, "\(note) at \(width): \(wide.count) lines too wide, e.g. \(wide.first ?? "")\n\(screen)")
    }

    @Test(arguments: [80, 120], [Language.zh, .en])
    func drillPlanFits(width: Int, lang: Language) {
        let t = TestShell(lang: lang)
        let r = t.run("drill run \(DrillShellTests.water) --quiet")
        #expect(r.failures == 0, "\(r.err)")
        let plan = Self.screen(t, "drill plan", width: width)
        #expect(plan.contains("E9"), "\(plan)")
        Self.expectFits(plan, width, "drill plan \(lang)")
        // Its limits in words on a Chinese screen (`1 小时`, not the script's `1h`).
        if lang == .zh && width == 120 { #expect(plan.contains("1 小时") && !plan.contains(" 1h "), "\(plan)") }
    }

    @Test(arguments: ["policy show", "dept list"], [Language.zh, .en])
    func directoryAndPolicyFitSeventyColumns(command: String, lang: Language) {
        let t = TestShell(lang: lang)
        let out = Self.screen(t, command, width: 70)
        #expect(!out.isEmpty)
        Self.expectFits(out, 70, command)
    }
}
