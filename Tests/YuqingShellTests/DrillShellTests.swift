import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// Drills through the real interpreter: isolation from the real cases, errors before the start, stepped play,
/// contingencies, determinism and replay.
@Suite struct DrillShellTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func drill(_ name: String) -> String { root.appendingPathComponent("scripts/drills/\(name)").path }
    static func temp(_ name: String, _ text: String) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("yq-drill-\(UUID().uuidString)-\(name)")
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let water = drill("tap-water-rumour.yq")
    static let waterActions = drill("tap-water-rumour.actions.yq")

    @Test func autoDrillLeavesTheRealStoreAlone() {
        let sh = TestShell(lang: .zh)
        sh.run("collect \"真实案件\" --url https://example.com/real")
        let before = sh.eventCount
        let realClock = sh.session.clock
        let r = sh.run("drill run \(Self.water) --auto --actions \(Self.waterActions) --quiet")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("总体评定 S（88%）"))
        #expect(sh.eventCount == before)
        #expect(sh.session.service(Workspace.self) === sh.ws)
        #expect(sh.session.clock as AnyObject === realClock as AnyObject)
        #expect(sh.session.actor == Actor(name: "王敏", role: .coordinator, dept: "open-gov"))
        #expect(sh.caseFile(1)?.title == "真实案件")
    }

    @Test func scriptErrorsArePositionedAndNothingStarts() {
        let bad = Self.temp("bad.yq", """
        drill "坏脚本"
        epoch 2019-12-21T09:00
        at 00:10 collect "x"
        expect E1 claim C1 within 1h points 10 objective O9
        at +00:20 colect "y"
        end
        """)
        let sh = TestShell(lang: .en)
        let r = sh.run("drill run \(bad)")
        #expect(r.failures == 1)
        #expect(r.err.contains("\(bad):3:4: error: a time is written +HH:MM"))
        #expect(r.err.contains("\(bad):4:50: error: no objective O9"))
        #expect(r.err.contains("\(bad):5:11: error: unknown command `colect`"))
        #expect(r.err.contains("3 error(s) in \(bad); the drill did not start"))
        #expect(sh.run("drill status").out.contains("No drill."))
    }

    @Test func steppedDrillAtThePrompt() {
        let sh = TestShell(lang: .en)
        var r = sh.run("drill run \(Self.water)")
        #expect(r.out.contains("Drill starts: 城东花园自来水污染谣言处置演练"))
        #expect(r.out.contains("Next inject: +00:20 collect"))
        r = sh.run("drill next\nclaim C1\nassess C1 --level high-attention\ndrill status")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("Drill clock 2019-12-21 09:20 (+00:20)"))
        #expect(r.out.contains("E3"))
        #expect(!r.out.contains("E2 "))
        r = sh.run("drill advance 3h\ndrill end")
        #expect(r.out.contains("[+02:20:01 deadline] E3"))
        #expect(r.out.contains("Drill over"))
        let report = sh.run("drill report").out
        #expect(report.contains("| E1 | 认领 | C1 | 市水务局 | 2h | 2019-12-21 09:20 | 2019-12-21 09:20 | 0（0m） | 按时完成 | 15 / 15 |"))
        #expect(sh.run("drill next").err.contains("no drill is running"))
    }

    @Test func missedExpectationsFireContingencies() {
        let sh = TestShell(lang: .zh)
        let r = sh.run("drill run \(Self.water) --auto")
        #expect(r.out.contains("[+02:20:01 应变注入 E1 未完成] assign C1 water"))
        #expect(r.out.contains("[+05:00:01 应变注入 E9 未完成] instruct supervise L1"))
        #expect(r.out.contains("[+08:20:01 应变注入 E4 未完成] echo"))
        #expect(!r.out.contains("应变注入 E1 已完成"))
        #expect(r.out.contains("总体评定 U（0%）"))
    }

    func reportAndHash() -> (String, String) {
        let sh = TestShell(lang: .zh)
        sh.run("drill run \(Self.water) --auto --actions \(Self.waterActions) --quiet")
        let report = sh.run("drill report").out
        let run = DrillController.of(sh.session).run
        return (report, run?.outcome?.stateHash ?? "")
    }

    @Test func twoRunsGiveTheSameBytes() {
        let a = reportAndHash()
        let b = reportAndHash()
        #expect(a.0 == b.0)
        #expect(a.1 == b.1 && a.1.count == 64)
    }

    @Test func replayVerifiesAndCatchesAlteredLogs() throws {
        let log = Self.temp("run.log", "")
        let sh = TestShell(lang: .en)
        sh.run("drill run \(Self.water) --auto --actions \(Self.waterActions) --quiet --log \(log)")
        var r = sh.run("drill replay \(log) --verify")
        #expect(r.failures == 0, "\(r.err)")
        #expect(r.out.contains("Verified: the replay matches the log."))

        let text = try String(contentsOfFile: log, encoding: .utf8)
        let altered = Self.temp("altered.log", text.replacingOccurrences(of: "at +01:15 assess C1 --level high-attention", with: "at +01:15 assess C1 --level general"))
        r = sh.run("drill replay \(altered) --verify")
        #expect(r.failures == 1)
        #expect(r.err.contains("the replay does not match the log"))
        #expect(r.out.contains("DIFFERENT"))

        let forged = Self.temp("forged.log", text.replacingOccurrences(of: "# state: ", with: "# state: 0"))
        #expect(sh.run("drill replay \(forged) --verify").failures == 1)
    }

    @Test func steppedSessionsReplayToo() throws {
        let log = Self.temp("stepped.log", "")
        let sh = TestShell(lang: .en)
        sh.run("drill run \(Self.water)")
        sh.run("drill next\nclaim C1\nas 王五 --role patrol --dept police", keepGoing: true)
        sh.run("assess C1 --level general", keepGoing: true)
        sh.run("as 李敏 --role liaison --dept water\nclock advance 2h\ndrill note \"报送慢\" --improve --owner water\ndrill end --log \(log)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("drill denied assess C1"))
        let r = sh.run("drill replay \(log) --verify")
        #expect(r.failures == 0, "\(r.err)\(r.out)")
    }
}
