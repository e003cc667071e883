import Testing
import YuqingCore
@testable import YuqingShell

/// Numbers too large to compute with are errors, never a crash (found by the fuzzer; the documented ranges of
/// options are another matter).
@Suite struct HugeNumberTests {
    @Test(arguments: [
        ("collect x --source weibo --at +106751991167300d", "out of range"),
        ("collect x --source weibo --at -999999999999d", "out of range"),
        ("collect x --source weibo --at +9223372036854775807wd", "no holiday data"),
        ("collect x --source weibo --at +999999999999999d", "bad time"),
        ("clock advance 999999999999999d", "bad duration"),
        ("clock advance 9223372036854775807s1s", "bad duration"),
    ])
    func hugeTimesAndSpansAreRefused(_ script: String, _ message: String) {
        let sh = TestShell()
        let r = sh.run(script)
        #expect(r.failures == 1)
        #expect(r.err.contains(message), "\(r.err)")
        #expect(sh.eventCount == 0)
    }
}
