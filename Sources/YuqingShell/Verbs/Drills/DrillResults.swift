import Foundation
import YuqingCore
import YuqingStore

/// Scores a drill from its store's event log and writes what comes out of it: the report, the log for replay.
enum DrillResults {
    static func outcome(_ run: DrillRun, engine: DrillEngine, end: Instant) -> DrillOutcome {
        let deadlines = policyDeadlines(run.ws, from: run.epoch, to: end)
        let score = DrillScore.compute(script: run.script, states: engine.states, deadlines: deadlines)
        let stateHash = (try? run.ws.read { r -> String? in
            let last = try r.lastSeq()
            return last > 0 ? try r.events(from: last, limit: 1).first?.hash : nil
        }) ?? nil
        let names = (try? run.ws.directory())?.names ?? [:]
        let input = DrillReportInput(
            script: run.script, scriptName: (run.source.path as NSString).lastPathComponent, scriptHash: run.scriptHash,
            stateHash: stateHash ?? EventHashing.genesis, end: end, timeline: engine.sortedTimeline, notes: engine.notes,
            score: score, departmentNames: names)
        return DrillOutcome(score: score, stateHash: input.stateHash, end: end, input: input)
    }

    /// The obligations of the drill's cases that fell due (or were met) during the drill: the policy's own
    /// deadlines count like expectations.
    static func policyDeadlines(_ ws: Workspace, from start: Instant, to end: Instant) -> [PolicyDeadline] {
        let last = (try? ws.read { try $0.lastNumber(.caseFile) }) ?? 0
        guard last > 0 else { return [] }
        var out: [PolicyDeadline] = []
        for n in 1...last {
            guard let c = try? ws.read({ try $0.caseFile(EntityID(.caseFile, n)) }) else { continue }
            for o in ws.obligations(c, now: end) where !o.optional {
                guard let due = o.due, due >= start else { continue }
                let counted: Bool = switch o.status {
                case .met: due <= end || (o.metAt.map { $0 <= end } ?? false)
                case .late, .overdue: due <= end
                default: false
                }
                guard counted else { continue }
                let dept: String? = switch o.responsible {
                case .department(let d): d
                case .coordinators: nil
                case .unassigned: c.suggestedDept
                }
                out.append(PolicyDeadline(caseID: c.id, ruleID: o.subject.map { "\(o.ruleID):\($0)" } ?? o.ruleID,
                                          title: o.title, due: due, metAt: o.metAt, status: o.status, dept: dept))
            }
        }
        return out
    }

    static func report(_ o: DrillOutcome, lang: Language) -> String { DrillReport(o.input, language: lang).render() }

    /// The drill log: the trainees' actions, and (once finished) the end, the final state hash and the report's hash,
    /// which `drill replay LOG --verify` checks. It is an actions file too (`#` lines are comments).
    static func logText(_ run: DrillRun) -> String {
        var lines = ["# yuqing drill log",
                     "# script: \(run.source.path)",
                     "# script-sha256: \(run.scriptHash)",
                     "# mode: \(run.mode.rawValue)"]
        lines += run.log
        if let o = run.outcome {
            lines.append("# end: \(run.offset(o.end))")
            lines.append("# state: \(o.stateHash)")
            lines.append("# report-sha256: \(SHA256Text.hex(report(o, lang: .zh)))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The short summary printed when a drill ends.
    static func summary(_ run: DrillRun, _ o: DrillOutcome) -> CommandOutput {
        let s = o.score
        let met = s.expectations.filter { $0.state.status == .met }.count
        let late = s.expectations.filter { $0.state.status == .late }.count
        let missed = s.expectations.count - met - late
        let msg = Localized(
            zh: "演练结束：\(run.script.header.title)，模拟 \(run.epoch) 至 \(o.end)（\(run.offset(o.end))）。得分 \(s.earned)/\(s.possible)，总体评定 \(s.rating.rawValue)（\(s.percent)%）；预期行动按时 \(met)、超时 \(late)、未完成 \(missed)。`drill report` 查看评估报告。",
            en: "Drill over: \(run.script.header.title), simulated \(run.epoch) to \(o.end) (\(run.offset(o.end))). Points \(s.earned)/\(s.possible), overall rating \(s.rating.rawValue) (\(s.percent)%); expectations met \(met), late \(late), missed \(missed). `drill report` gives the after-action report.")
        let rows: [[Cell]] = s.expectations.map { r in
            [.text(r.expectation.id), .localized(r.expectation.action.title), .text(r.expectation.caseID?.description ?? "—"),
             .localized(r.dept.map { Localized(zh: run.ws.deptName($0, .zh), en: run.ws.deptName($0, .en)) } ?? Localized("—")), .text(r.state.latency.map { DrillTimes.latencyText($0) } ?? "—"),
             .localized(r.state.status.name), .text("\(r.earned)/\(r.expectation.points)")]
        }
        let table = Table(title: Localized(zh: "预期行动", en: "Expectations"), columns: [
            Column("id", Localized(zh: "编号", en: "ID")), Column("action", Localized(zh: "行动", en: "Action")),
            Column("case", Localized(zh: "案件", en: "Case")), Column("dept", Localized(zh: "部门", en: "Dept")),
            Column("latency", Localized(zh: "用时", en: "Latency"), align: .right),
            Column("result", Localized(zh: "结果", en: "Result")), Column("points", Localized(zh: "得分", en: "Points"), align: .right),
        ], rows: rows)
        return CommandOutput(messages: [msg], tables: rows.isEmpty ? [] : [table])
    }
}
