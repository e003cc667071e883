import Foundation
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

    /// Issue 11: a simulated clock has an absolute bound, the years the calendar covers and the next: thousands of
    /// `clock advance 3650d` stop there with a clear error, and the clock stays put.
    @Test func theSimulatedClockStaysWithinTheCalendarsYears() {
        let sh = TestShell()
        var r = sh.run(Array(repeating: "clock advance 3650d", count: 2000).joined(separator: "\n"))
        #expect(r.failures == 1)
        #expect(r.err.contains("the simulated clock stays within the years the calendar covers and the next (2019–2027); 2029 is outside, and the clock did not move"), "\(r.err)")
        #expect(sh.session.clock.now() == TestShell.instant("2019-12-27T14:00"))
        r = sh.run("clock advance 2000d", keepGoing: true)
        #expect(r.failures == 0, "\(r.err)")
        #expect(sh.session.clock.now().date.year == 2025)
        for (command, year) in [("clock set 2028-01-01T09:00", "2028"), ("clock set 2018-12-31T09:00", "2018"), ("clock advance 500d", "2026") ] {
            let before = sh.session.clock.now()
            r = sh.run(command)
            if year == "2026" { #expect(r.failures == 0, "\(command): \(r.err)"); continue }
            #expect(r.failures == 1, "\(command)")
            #expect(r.err.contains("\(year) is outside"), "\(command): \(r.err)")
            #expect(sh.session.clock.now() == before)
        }
        // Loading a year moves the bound.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("yq-clock-\(UUID().uuidString).txt").path
        try? "year 2027 测试\n2027-01-01 holiday 元旦 New Year's Day\n".write(toFile: file, atomically: true, encoding: .utf8)
        r = sh.run("calendar load \(file)\nclock set 2028-06-01T09:00")
        #expect(r.failures == 0, "\(r.err)")
        #expect(sh.session.clock.now().date.year == 2028)
    }

    /// Below the options' limits, the arithmetic refuses by itself rather than overflow.
    @Test(arguments: [Int64.max, Int64.min + 1, 300_000_000_000])
    func resolvingAHugeSpanIsAnErrorNotACrash(_ seconds: Int64) {
        let sh = TestShell()
        #expect(throws: ShellError.self) { try sh.session.resolve(.relative(Span(seconds: seconds))) }
    }
}
