import Foundation
import YuqingCore
import YuqingStore

/// Scores a drill from its store's event log and writes what comes out of it: the report, the log for replay,
/// the score export.
enum DrillResults {
    static func outcome(_ run: DrillRun, engine: DrillEngine, end: Instant) -> DrillOutcome {
        let deadlines = policyDeadlines(run, from: run.epoch, to: end)
        let subjects = run.script.expectations.map { engine.subjectText($0) }
        let score = DrillScore.compute(script: run.script, states: engine.states, deadlines: deadlines, subjects: subjects)
        let stateHash = (try? run.ws.read { r -> String? in
            let last = try r.lastSeq()
            return last > 0 ? try r.events(from: last, limit: 1).first?.hash : nil
        }) ?? nil
        let names = (try? run.ws.directory())?.names ?? [:]
        let facts = DrillSessionFacts(realStart: run.realStart, realEnd: run.realEnd ?? run.realStart, place: run.place,
                                      mode: run.modeFacts, trainer: run.trainer.name)
        let input = DrillReportInput(
            script: run.script, scriptName: (run.source.path as NSString).lastPathComponent, scriptHash: run.scriptHash,
            files: run.loaded.fileHashes.map { DrillFileHash(name: ($0.name as NSString).lastPathComponent, sha256: $0.sha256) },
            stateHash: stateHash ?? EventHashing.genesis, end: end, session: facts, timeline: engine.sortedTimeline,
            notes: engine.notes, score: score, departmentNames: names)
        return DrillOutcome(score: score, stateHash: input.stateHash, end: end, input: input)
    }

    /// The obligations of the drill's cases that fell due (or were met) during the drill: the policy's own
    /// deadlines count like expectations. One met by an event of exercise control (a contingency's `assign`)
    /// earns the trainees nothing.
    static func policyDeadlines(_ run: DrillRun, from start: Instant, to end: Instant) -> [PolicyDeadline] {
        let ws = run.ws
        let last = (try? ws.read { try $0.lastNumber(.caseFile) }) ?? 0
        guard last > 0 else { return [] }
        var out: [PolicyDeadline] = []
        for n in 1...last {
            let id = EntityID(.caseFile, n)
            guard let c = try? ws.read({ try $0.caseFile(id) }) else { continue }
            let events = (try? ws.read { try $0.events(forCase: id) }) ?? []
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
                var byControl = false
                if let metAt = o.metAt {
                    let then = events.filter { $0.effective == metAt }
                    byControl = !then.isEmpty && !then.contains { run.script.header.isTrainee($0.actor.name) }
                }
                out.append(PolicyDeadline(caseID: c.id, ruleID: o.key,
                                          title: o.title, due: due, metAt: o.metAt, status: o.status, dept: dept,
                                          byControl: byControl))
            }
        }
        return out
    }

    static func report(_ o: DrillOutcome, lang: Language) -> String { DrillReport(o.input, language: lang).render() }

    /// `2019-12-27T14:00:05`: a real time in the log, to the second.
    static func stamp(_ i: Instant) -> String {
        func p(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(i.date)T\(p(i.hour)):\(p(i.minute)):\(p(i.secondOfDay % 60))"
    }

    /// The header of a drill log: what a replay (or a terminal that joins) needs to re-create the session.
    static func logHeader(_ run: DrillRun) -> [String] {
        var lines = ["# yuqing drill log",
                     "# script: \(run.source.path)",
                     "# script-sha256: \(run.scriptHash)"]
        for inc in run.loaded.includes { lines.append("# include: \(inc.path) \(inc.sha256)") }
        for f in run.loaded.sourced { lines.append("# source: \(f.name) \(f.sha256)") }
        lines.append("# mode: \(run.mode.rawValue)")
        // The speed it started at: each change is a `# pace:` line of the log, at its drill time (the header of a
        // log written at the end read the last speed only, and the replayed report said the session ran at it).
        if run.mode == .live { lines.append("# speed: \(run.clock.initialSpeed)") }
        lines.append("# started: \(stamp(run.realStart))")
        lines.append("# trainer: \(run.trainer.name)")
        if let p = run.place { lines.append("# place: \(p)") }
        if let n = run.sessionNumber { lines.append("# session: \(n)") }
        return lines
    }

    /// The values of a log's `# pace:` lines (`+01:10 x60 2020-01-10T14:10:03`, `+01:20 paused`), in order.
    static func paces(_ lines: [String]) -> [String] {
        lines.filter { $0.hasPrefix("# pace:") }.map { $0.dropFirst("# pace:".count).trimmingCharacters(in: .whitespaces) }
    }

    /// The drill log: its header, the actions in the order they happened, and (once finished) the end, the final
    /// state hash and the report's hash, which `drill replay LOG --verify` checks. It is an actions file too (`#`
    /// lines are comments).
    static func logText(_ run: DrillRun) -> String {
        var lines = logHeader(run) + run.log
        lines += footer(run)
        return lines.joined(separator: "\n") + "\n"
    }

    static func footer(_ run: DrillRun) -> [String] {
        guard let o = run.outcome else { return [] }
        return ["# end: \(run.offset(o.end))",
                "# ended: \(stamp(run.realEnd ?? run.realStart))",
                "# state: \(o.stateHash)",
                "# report-format: \(DrillReport.format)",
                "# report-sha256: \(SHA256Text.hex(report(o, lang: .zh)))"]
    }

    /// The short summary printed when a drill ends.
    static func summary(_ run: DrillRun, _ o: DrillOutcome) -> CommandOutput {
        let s = o.score
        let met = s.expectations.filter { $0.state.status == .met }.count
        let late = s.expectations.filter { $0.state.status == .late }.count
        let unopened = s.expectations.filter { $0.state.status == .unopened }.count
        let notDue = s.expectations.filter { $0.state.status == .notDue }.count
        let missed = s.expectations.count - met - late - unopened - notDue
        let msg = Localized(
            zh: "演练结束：\(run.script.header.title)，模拟 \(run.epoch) 至 \(o.end)（\(run.offset(o.end))）。得分 \(s.earned)/\(s.possible)，\(s.overall.zh)；预期行动按时 \(met)、超时 \(late)、未完成 \(missed)\(unopened > 0 ? "、未开始（不计分）\(unopened)" : "")\(notDue > 0 ? "、未到期（不计分）\(notDue)" : "")。`drill report` 查看评估报告。",
            en: "Drill over: \(run.script.header.title), simulated \(run.epoch) to \(o.end) (\(run.offset(o.end))). Points \(s.earned)/\(s.possible), \(s.overall.en); expectations met \(met), late \(late), missed \(missed)\(unopened > 0 ? ", not opened (not scored) \(unopened)" : "")\(notDue > 0 ? ", not due in the drill (not scored) \(notDue)" : ""). `drill report` gives the after-action report.")
        let rows: [[Cell]] = s.expectations.map { r in
            [.text(r.expectation.id), .localized(r.expectation.action.title), .text(r.subject),
             .localized(r.dept.map { run.ws.deptName($0) } ?? Localized("—")),
             r.state.latency.map { .localized(SpanText.of(Span(seconds: $0), dayParts: true)) } ?? .text("—"),
             .localized(r.state.status.name), .text("\(r.earned)/\(r.possible)")]
        }
        let table = Table(title: Localized(zh: "预期行动", en: "Expectations"), columns: [
            // Wrapped, not cut, on a narrow screen (`Letters and Ca…`, `not opened (no…` at 80 columns).
            Column("id", Localized(zh: "编号", en: "ID")), Column("action", Localized(zh: "行动", en: "Action"), wraps: true),
            Column("case", Localized(zh: "案件", en: "Case")), Column("dept", Localized(zh: "部门", en: "Dept"), wraps: true),
            Column("latency", Localized(zh: "用时", en: "Latency"), align: .right),
            Column("result", Localized(zh: "结果", en: "Result"), wraps: true), Column("points", Localized(zh: "得分", en: "Points"), align: .right),
        ], rows: rows)
        var out = CommandOutput(messages: [msg], tables: rows.isEmpty ? [] : [table])
        if !s.trainees.isEmpty { out.tables.append(traineeTable(s, run.ws)) }
        return out
    }

    static func traineeTable(_ s: DrillScore, _ ws: Workspace) -> Table {
        Table(title: Localized(zh: "学员得分", en: "Scores by trainee"), columns: [
            Column("trainee", Localized(zh: "学员", en: "Trainee")), Column("role", Localized(zh: "角色", en: "Role")),
            Column("dept", Localized(zh: "部门", en: "Dept"), wraps: true),
            Column("met", Localized(zh: "按时", en: "Met"), align: .right), Column("late", Localized(zh: "超时", en: "Late"), align: .right),
            Column("missed", Localized(zh: "未完成", en: "Missed"), align: .right),
            Column("earned", Localized(zh: "得分", en: "Earned"), align: .right), Column("possible", Localized(zh: "应得", en: "Possible"), align: .right),
            Column("percent", Localized(zh: "得分率", en: "Percent"), align: .right),
        ], rows: s.trainees.map { r in
            [.text(r.trainee.name), .localized(r.trainee.role.name),
             .localized(r.trainee.dept.map { ws.deptName($0) } ?? Localized("—")),
             .integer(r.met), .integer(r.late),
             .integer(r.missed), .integer(r.earned), .integer(r.possible), r.percent.map { .integer($0) } ?? .empty]
        })
    }

    // MARK: the score export (JSON / CSV with numbers) and what the history keeps

    /// The whole score as JSON with numbers: what `drill score --format json` prints and what the history keeps.
    static func scoreJSON(_ run: DrillRun, _ o: DrillOutcome) -> JSONValue {
        let s = o.score
        let h = run.script.header
        func int(_ v: Int?) -> JSONValue { v.map { .int($0) } ?? .null }
        func int64(_ v: Int64?) -> JSONValue { v.map { .int(Int($0)) } ?? .null }
        func str(_ v: String?) -> JSONValue { v.map { .string($0) } ?? .null }
        func time(_ v: Instant?) -> JSONValue { v.map { .string($0.description) } ?? .null }
        return .object([
            ("session", int(run.sessionNumber)),
            ("drill", .string(h.title)),
            ("version", str(h.version)),
            ("script", .string((run.source.path as NSString).lastPathComponent)),
            ("script_sha256", .string(run.scriptHash)),
            ("mode", .string(run.mode.rawValue)),
            ("speed", run.mode == .live ? .int(Int(run.clock.speed)) : .null),
            ("date", .string(run.realStart.date.description)),
            ("real_start", .string(stamp(run.realStart))),
            ("real_end", .string(stamp(run.realEnd ?? run.realStart))),
            ("place", str(run.place ?? h.place)),
            ("simulated_start", .string(h.epoch.description)),
            ("simulated_end", .string(o.end.description)),
            ("earned", .int(s.earned)),
            ("possible", .int(s.possible)),
            ("percent", s.rated ? .int(s.percent) : .null),
            ("rating", s.rated ? .string(s.rating.rawValue) : .null),
            ("objectives", .array(s.objectives.map { r in
                .object([("id", str(r.objective?.id)), ("text", str(r.objective?.text)), ("weight", .int(r.objective?.weight ?? 1)),
                         ("earned", .int(r.earned)), ("possible", .int(r.possible)), ("percent", r.rated ? .int(r.percent) : .null),
                         ("rating", r.rated ? .string(r.rating.rawValue) : .null)])
            })),
            ("trainees", .array(s.trainees.map { r in
                // The department's names beside its code: the history is read in the real store, whose directory
                // lacks the departments a drill adds (`drill history` showed `water` on a Chinese screen).
                let name = r.trainee.dept.map { run.ws.deptName($0) }
                return .object([("name", .string(r.trainee.name)), ("role", .string(r.trainee.role.rawValue)), ("dept", str(r.trainee.dept)),
                         ("dept_name", str(name?.zh)), ("dept_name_en", str(name?.en)),
                         ("met", .int(r.met)), ("late", .int(r.late)), ("missed", .int(r.missed)),
                         ("earned", .int(r.earned)), ("possible", .int(r.possible)), ("percent", int(r.percent)),
                         ("average_latency_s", int64(r.averageLatency))])
            })),
            ("departments", .array(s.departments.map { d in
                .object([("dept", .string(d.dept)), ("met", .int(d.met)), ("late", .int(d.late)), ("missed", .int(d.missed)),
                         ("average_latency_s", int64(d.averageLatency)), ("max_latency_s", int64(d.maxLatency)),
                         ("policy_missed", .int(d.policyMissed))])
            })),
            ("expectations", .array(s.expectations.map { r in
                let x = r.expectation
                return .object([("id", .string(x.id)), ("action", .string(x.action.rawValue)), ("subject", .string(r.subject)),
                                ("content", x.content.isEmpty ? .null : .string(x.content.text)), ("dept", str(r.dept)),
                                ("objective", str(x.objective)), ("within_s", .int(Int(x.within.seconds))),
                                ("status", .string(r.state.status.rawValue)), ("start", time(r.state.start)),
                                ("done_at", time(r.state.doneAt)), ("done_by", str(r.state.doneBy?.name)),
                                ("latency_s", int64(r.state.latency)), ("attempts", .int(r.state.attempts.count)),
                                ("earned", .int(r.earned)), ("possible", .int(r.possible))])
            })),
            ("policy", .array(s.policy.map { p in
                let d = p.deadline
                return .object([("case", .string(d.caseID.description)), ("rule", .string(d.ruleID)), ("dept", str(d.dept)),
                                ("due", .string(d.due.deadlineDescription)), ("met_at", time(d.metAt)),
                                ("status", .string(d.status.rawValue)), ("by_control", .bool(d.byControl)),
                                ("earned", .int(p.earned)), ("possible", .int(p.possible))])
            })),
            ("state_sha256", .string(o.stateHash)),
            ("report_sha256", .string(SHA256Text.hex(report(o, lang: .zh)))),
        ])
    }

    /// The score as flat rows for CSV: one row per expectation, objective, trainee and department, numbers as numbers.
    /// `words`: the terminal's table, in the session's language (kinds, actions, results and departments in words);
    /// without it the export's codes (`expectation`, `claim C1`, `met`, `water`), which CSV keeps for spreadsheets.
    static func scoreTable(_ run: DrillRun, _ o: DrillOutcome, words: Bool = false) -> Table {
        let s = o.score
        var rows: [[Cell]] = []
        func kind(_ code: String, _ zh: String) -> Cell { words ? .localized(Localized(zh: zh, en: code)) : .text(code) }
        func dept(_ d: String) -> Cell {
            words ? .localized(run.ws.deptName(d)) : .text(d)
        }
        for r in s.expectations {
            let what: Cell = words
                ? .localized(Localized(zh: r.expectation.action.title.zh + " " + r.subject, en: r.expectation.action.title.en + " " + r.subject))
                : .text(r.expectation.action.rawValue + " " + r.subject)
            rows.append([kind("expectation", "预期行动"), .text(r.expectation.id), what,
                         words ? .localized(r.state.status.name) : .text(r.state.status.rawValue), .integer(r.earned), .integer(r.possible),
                         r.possible > 0 ? .integer(r.earned * 100 / r.possible) : .empty,
                         r.state.latency.map { .integer(Int($0)) } ?? .empty])
        }
        for r in s.objectives {
            rows.append([kind("objective", "目标"), .text(r.objective?.id ?? "-"), .text(r.objective?.text ?? ""), r.rated ? .text(r.rating.rawValue) : .empty,
                         .integer(r.earned), .integer(r.possible), r.rated ? .integer(r.percent) : .empty, .empty])
        }
        for r in s.trainees {
            rows.append([kind("trainee", "学员"), .text(r.trainee.name), r.trainee.dept.map(dept) ?? .text(""), .empty, .integer(r.earned),
                         .integer(r.possible), r.percent.map { .integer($0) } ?? .empty, r.averageLatency.map { .integer(Int($0)) } ?? .empty])
        }
        for d in s.departments {
            let mine = s.expectations.filter { $0.dept == d.dept }
            let earned = mine.map(\.earned).reduce(0, +), possible = mine.map(\.possible).reduce(0, +)
            rows.append([kind("department", "部门"), dept(d.dept), .empty, .empty, .integer(earned), .integer(possible),
                         possible > 0 ? .integer(earned * 100 / possible) : .empty,
                         d.averageLatency.map { .integer(Int($0)) } ?? .empty])
        }
        rows.append([kind("overall", "总体"), .text(run.script.header.title), .empty, s.rated ? .text(s.rating.rawValue) : .empty,
                     .integer(s.earned), .integer(s.possible), s.rated ? .integer(s.percent) : .empty, .empty])
        return Table(title: Localized(zh: "演练得分", en: "Drill score"), columns: [
            // On a narrow terminal the text wraps and the latency goes first: at 80 columns English read
            // `expectat…`, `unit repo…`, `Letters a…`.
            Column("kind", Localized(zh: "类别", en: "Kind"), wraps: true), Column("id", Localized(zh: "编号", en: "ID"), wraps: true),
            Column("what", Localized(zh: "内容", en: "What"), wraps: true), Column("result", Localized(zh: "结果", en: "Result"), wraps: true),
            Column("earned", Localized(zh: "得分", en: "Earned"), align: .right),
            Column("possible", Localized(zh: "应得", en: "Possible"), align: .right),
            Column("percent", Localized(zh: "得分率", en: "Percent"), align: .right),
            Column("latency_s", Localized(zh: "用时（秒）", en: "Latency (s)"), align: .right, dropRank: 1),
        ], rows: rows)
    }
}

/// The running drill's log, kept in the real store as it grows (meta `drill.run.N.line.K`), so another terminal
/// on the same store can follow the session: it reads the header lines, loads the same script (checking its
/// hash), replays the lines into its own drill store — the drill is deterministic, so it reaches the same state —
/// and keeps polling for new lines. `drill.run.current` names the session being played.
final class DrillJournal {
    let ws: Workspace
    let number: Int
    var count = 0

    init(ws: Workspace, number: Int) {
        self.ws = ws
        self.number = number
    }

    func key(_ k: Int) -> String { "drill.run.\(number).line.\(k)" }

    /// Starts the journal with the log's header and marks the session as the one being played.
    func start(header: [String]) { add(header, current: String(number)) }

    func append(_ line: String) { add([line]) }

    /// The footer lines, and no session is being played any more.
    func finish(footer: [String]) { add(footer, current: .some(nil)) }

    /// Appends lines and the new count in one write; `current` (when given) sets or clears the session being played.
    func add(_ lines: [String], current: String?? = nil) {
        write { tx in
            for l in lines {
                self.count += 1
                try tx.setMeta(self.key(self.count), l)
            }
            try tx.setMeta("drill.run.\(self.number).lines", String(self.count))
            // Ending clears the mark only while it is still this session's: a session started meanwhile on the same
            // store (another trainer) was left unjoinable — `drill join` said no drill was being played.
            if let c = current, try c != nil || tx.meta("drill.run.current") == String(self.number) {
                try tx.setMeta("drill.run.current", c)
            }
        }
    }

    /// Best effort: the journal serves other terminals; the session's own log file is what replay trusts.
    func write(_ body: (any StoreTransaction) throws -> Void) {
        _ = try? ws.store.write { tx in try body(tx) }
    }
}

/// Finished sessions kept in the real store (meta `drill.session.N`, the score export as JSON), so a training office
/// can compare this month with the last: `drill history`.
enum DrillHistory {
    static let seqKey = "drill.session.seq"
    static func key(_ n: Int) -> String { "drill.session.\(n)" }

    /// Takes the next session number.
    static func reserve(_ ws: Workspace) -> Int? {
        try? ws.store.write { tx -> Int in
            let n = (try tx.meta(seqKey).flatMap { Int($0) } ?? 0) + 1
            try tx.setMeta(seqKey, String(n))
            return n
        }
    }

    static func save(_ ws: Workspace, number: Int, json: JSONValue) {
        _ = try? ws.store.write { tx in try tx.setMeta(key(number), JSONWriter.write(json)) }
    }

    /// Every kept session, oldest first, as parsed JSON objects.
    static func all(_ ws: Workspace) -> [(Int, [String: Any])] {
        let last = (try? ws.read { try $0.meta(seqKey) }).flatMap { $0.flatMap { Int($0) } } ?? 0
        guard last > 0 else { return [] }
        var out: [(Int, [String: Any])] = []
        for n in 1...last {
            guard let text = (try? ws.read({ try $0.meta(key(n)) })) ?? nil, let data = text.data(using: .utf8),
                  let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            out.append((n, obj))
        }
        return out
    }
}
