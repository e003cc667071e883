import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// A drill log written by an older yuqing failed `drill replay --verify` on the report's hash alone — the drill's
/// outcome the same, only the report's wording changed since — with a bare 'DIFFERENT'. Logs now record the report
/// format; a replay compares the report's hash only with a report of the same format and otherwise says why not.
@Suite struct DrillReportFormatTests {
    static func log() throws -> (TestShell, String) {
        let log = DrillShellTests.temp("run.log", "")
        let sh = TestShell(lang: .en)
        sh.run("drill run \(DrillShellTests.water) --auto --actions \(DrillShellTests.waterActions) --quiet --log \(log)")
        return (sh, try String(contentsOfFile: log, encoding: .utf8))
    }

    /// The hash of the Chinese report of the bundled water drill with its actions, in report format 4. When this
    /// fails the report reads differently: raise `DrillReport.format` and put the new hash here, so that a replay
    /// of an older log says its report was of another format instead of failing on it.
    static let pinned = (format: 4, sha256: "112c04807d1bd9271121ce60413b440600fd65c071f00e7948b6e949dd56313e")

    @Test func theReportOfTheSameDrillIsPinnedToItsFormat() throws {
        let (_, text) = try Self.log()
        let hash = text.split(separator: "\n").first { $0.hasPrefix("# report-sha256: ") }?.dropFirst(17) ?? ""
        #expect(DrillReport.format == Self.pinned.format)
        #expect(String(hash) == Self.pinned.sha256, "the drill report changed: raise DrillReport.format and pin \(hash)")
        #expect(text.contains("# report-format: \(DrillReport.format)\n"))
    }

    @Test func aLogOfAnOlderReportFormatVerifiesAndSaysWhyItsReportIsNotCompared() throws {
        let (sh, text) = try Self.log()
        // As an older yuqing wrote it: no report-format line, and a report worded otherwise.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let old = lines.filter { !$0.hasPrefix("# report-format:") }
            .map { $0.hasPrefix("# report-sha256: ") ? "# report-sha256: " + String(repeating: "0", count: 64) : $0 }
            .joined(separator: "\n")
        let r = sh.run("drill replay \(DrillShellTests.temp("old.log", old)) --verify")
        #expect(r.failures == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("not compared (report format 1 → \(DrillReport.format))"), "\(r.out)")
        #expect(r.out.contains("written by a yuqing before 2026-11-30"), "\(r.out)")
        #expect(r.out.contains("checked by the final state hash"))
        #expect(!r.out.contains("DIFFERENT"))
        // Stripped of its format line, a log edited in its header must not read as wholly verified.
        #expect(!r.out.contains("Verified: the replay matches the log.") && r.out.contains("the log's header"), "\(r.out)")
        sh.session.language = .zh
        let zh = sh.run("drill replay \(DrillShellTests.temp("old.log", old)) --verify")
        #expect(zh.out.contains("未比对（报告格式 1 → \(DrillReport.format)）") && zh.out.contains("由最终状态哈希核对"), "\(zh.out)")

        // A log without the line whose report reads the same (as main wrote them just before) verifies as before.
        let same = lines.filter { !$0.hasPrefix("# report-format:") }.joined(separator: "\n")
        let s = sh.run("drill replay \(DrillShellTests.temp("same.log", same)) --verify")
        #expect(s.failures == 0 && !s.out.contains("not compared"), "\(s.out)")
        // A log of this format whose report hash differs is a real mismatch.
        let forged = text.replacingOccurrences(of: "# report-sha256: ", with: "# report-sha256: 0")
        let f = sh.run("drill replay \(DrillShellTests.temp("forged.log", forged)) --verify")
        #expect(f.failures == 1)
        // An older log whose outcome differs still fails on the state hash.
        let altered = old.replacingOccurrences(of: "# state: ", with: "# state: 0")
        #expect(sh.run("drill replay \(DrillShellTests.temp("altered.log", altered)) --verify").failures == 1)
    }
}
