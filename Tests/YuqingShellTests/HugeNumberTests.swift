import Testing
import YuqingCore
@testable import YuqingShell

/// Numbers too large to compute with are errors, never a crash (found by the fuzzer). The options' documented
/// ranges refuse most of them; the time arithmetic itself refuses what lands outside years 1900–9999.
@Suite struct HugeNumberTests {
    @Test(arguments: [
        ("collect x --source weibo --at +106751991167300d", "longer than the limit"),
        ("collect x --source weibo --at -999999999999d", "longer than the limit"),
        ("collect x --source weibo --at +9223372036854775807wd", "longer than the limit"),
        ("collect x --source weibo --at +999999999999999d", "longer than the limit"),
        ("clock advance 999999999999999d", "longer than the limit"),
        ("clock advance 9223372036854775807s1s", "longer than the limit"),
    ])
    func hugeTimesAndSpansAreRefused(_ script: String, _ message: String) {
        let sh = TestShell()
        let before = sh.eventCount
        let r = sh.run(script)
        #expect(r.failures == 1)
        #expect(r.err.contains(message), "\(r.err)")
        #expect(sh.eventCount == before)
    }

    /// Below the options' limits, the arithmetic refuses by itself rather than overflow.
    @Test(arguments: [Int64.max, Int64.min + 1, 300_000_000_000])
    func resolvingAHugeSpanIsAnErrorNotACrash(_ seconds: Int64) {
        let sh = TestShell()
        #expect(throws: ShellError.self) { try sh.session.resolve(.relative(Span(seconds: seconds))) }
    }
}
