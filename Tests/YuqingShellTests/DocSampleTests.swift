import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// docs/samples/drill-report.md is what drills.md offers a training office as the after-action report; it had gone
/// stale (rule ids `（claim）`, `instruct:L1`, spans `26m`/`1h16m` and the inject `dept add water …` as typed, all
/// fixed in the report since). It must be what `scripts/examples/drill-session.yq` writes today (hashes and the
/// operator's login aside): regenerate it with that script (its header says how) when this fails.
@Suite struct DocSampleTests {
    @Test func theDrillReportSampleIsWhatTheSessionScriptWrites() throws {
        let root = DrillShellTests.root
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var script = try String(contentsOf: root.appendingPathComponent("scripts/examples/drill-session.yq"), encoding: .utf8)
        script = script.replacingOccurrences(of: " scripts/drills/", with: " \(root.path)/scripts/drills/")
        for name in ["drill-session.log", "drill-report.md", "drill-report.html", "drill-report.docx", "drill-report-en.html", "drill-score.json"] {
            script = script.replacingOccurrences(of: " \(name)", with: " \(dir.appendingPathComponent(name).path)")
        }
        let t = TestShell(lang: .zh)
        let r = t.run(script)
        #expect(r.failures == 0, "\(r.err)")
        func normal(_ s: String) -> [String] {
            s.replacingOccurrences(of: "[0-9a-f]{64}", with: "HASH", options: .regularExpression)
                .split(separator: "\n").map(String.init).filter { !$0.contains("操作员") }
        }
        let written = try String(contentsOf: dir.appendingPathComponent("drill-report.md"), encoding: .utf8)
        let sample = try String(contentsOf: root.appendingPathComponent("docs/samples/drill-report.md"), encoding: .utf8)
        let (a, b) = (normal(sample), normal(written))
        let firstDiff = zip(a, b).first { $0 != $1 }
        #expect(a == b, "docs/samples/drill-report.md is stale; first difference: \(firstDiff.map { "\($0.0)\n→ \($0.1)" } ?? "length \(a.count) vs \(b.count)")")
    }

    /// docs/meetings.md's table of the live verbs gives each one's Chinese alias; it gave `notify` the alias 提醒,
    /// which is `remind`'s: `提醒 off` as written there ran `remind` and failed ("无效的案件编号“off”").
    /// Each alias in that table must name the same verb (and sub-verb) as the English word beside it.
    @Test func theMeetingsLiveVerbTableNamesEachVerbsOwnAlias() throws {
        let doc = try String(contentsOf: DrillShellTests.root.appendingPathComponent("docs/meetings.md"), encoding: .utf8)
        let section = doc.components(separatedBy: "## Holding a meeting from several terminals").dropFirst().first ?? ""
        var checked = 0
        for line in section.split(separator: "\n").prefix(20) where line.hasPrefix("| `") {
            let cells = line.replacingOccurrences(of: "\\|", with: "/").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            let english = cells[0].drop { $0 == "`" }.split(separator: " ").prefix(2).map(String.init)
            let chinese = cells[1].split(separator: " ").prefix(2).map(String.init)
            guard let verb = CommandTable.entry(for: english[0]) else { continue }
            #expect(CommandTable.entry(for: chinese[0])?.spec.name == verb.spec.name, "\(line)")
            if english.count > 1, chinese.count > 1, let sub = CommandTable.entry(for: english[1], in: verb.spec.subverbs) {
                #expect(CommandTable.entry(for: chinese[1], in: verb.spec.subverbs)?.spec.name == sub.spec.name, "\(line)")
            }
            checked += 1
        }
        #expect(checked >= 5)
    }
}
