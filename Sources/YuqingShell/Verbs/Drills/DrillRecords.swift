import Foundation
import YuqingCore
import YuqingStore

/// What a drill leaves behind: the after-action report, the score export, the log, the history of sessions, and
/// the checks of a script or of a log (`drill check`, `drill replay --verify`).
enum DrillRecords {
    /// The finished drill's outcome, or an interim one as of now (the engine is a value: a copy is finished).
    static func outcome(_ inv: Invocation, _ session: Session) throws(ShellError) -> (DrillRun, DrillOutcome) {
        guard let run = DrillController.of(session).run else {
            throw ShellError(zh: "还没有演练", en: "there is no drill yet", range: inv.verbRange, kind: .wrongStage)
        }
        if let done = run.outcome { return (run, done) }
        var copy = run.engine
        let now = run.clock.now()
        copy.finish(at: now)
        return (run, DrillResults.outcome(run, engine: copy, end: now))
    }

    static func report(_ target: DocumentTarget, lang: Language, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let (_, o) = try outcome(inv, session)
        var out = try target.deliver(DrillReport(o.input, language: lang).document(), what: DrillCommands.reportWhat)
        // The Markdown's hash is what a drill log's `report-sha256` records.
        if target.path != nil, target.format == .markdown {
            let hash = SHA256Text.hex(DrillResults.report(o, lang: lang))
            out.messages.append(Localized(zh: "SHA-256 \(hash)", en: "SHA-256 \(hash)."))
        }
        return out
    }

    /// `drill score`: the numbers of the score, as JSON (`--format json`, `--out x.json`) or rows for CSV.
    static func score(_ v: DrillVerbs.Score, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let (run, o) = try outcome(inv, session)
        let json = DrillResults.scoreJSON(run, o)
        guard let path = v.out else {
            return CommandOutput(tables: [DrillResults.scoreTable(run, o, words: inv.format == .table)], json: json)
        }
        let table = DrillResults.scoreTable(run, o)
        let ext = (path as NSString).pathExtension.lowercased()
        let text: String
        switch ext {
        case "json": text = JSONWriter.write(json) + "\n"
        case "csv":
            text = Renderer(language: session.language, format: .csv, bom: inv.bom, width: nil, color: false)
                .render(CommandOutput(tables: [table]))
        default:
            throw ShellError(Localized(zh: "得分只能导出为 .json 或 .csv：\(path)", en: "the score is exported as .json or .csv: \(path)"),
                             range: v.$out.range, kind: .usage)
        }
        try FileOutput.write(text, to: path, range: v.$out.range)
        return CommandOutput(Localized(zh: "得分已导出到 \(path)", en: "Score exported to \(path)."))
    }

    static func writeLog(_ file: ArgumentRef, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        guard let run = DrillController.of(session).run, let a = file.arg else {
            throw ShellError(zh: "还没有演练", en: "there is no drill yet", range: inv.verbRange, kind: .wrongStage)
        }
        try FileOutput.write(DrillResults.logText(run), to: a.raw, range: a.range)
        return CommandOutput(Localized(zh: "演练日志已写入 \(a.raw)", en: "Drill log written to \(a.raw)."))
    }

    static func check(file: ArgumentRef, actions: ArgumentRef, _ session: Session) throws(ShellError) -> CommandOutput {
        guard let a = file.arg else { return .empty }
        let loaded = try DrillLoading.script(a.raw, range: a.range, session: session)
        let s = loaded.script
        var count = 0
        if let f = actions.arg { count = try DrillLoading.actions(f.raw, range: f.range, session: session, script: s).0.count }
        let inc = loaded.includes.count
        return CommandOutput(Localized(
            zh: "\(a.raw) 无误：\(s.injects.count) 个注入、\(s.expectations.count) 个预期行动、\(s.contingencies.count) 个应变注入、\(s.chained.count) 个连锁注入\(inc > 0 ? "；引用 \(inc) 个文件" : "")\(count > 0 ? "；操作脚本 \(count) 条" : "")。",
            en: "\(a.raw) is fine: \(s.injects.count) injects, \(s.expectations.count) expectations, \(s.contingencies.count) contingencies, \(s.chained.count) chained injects\(inc > 0 ? "; \(inc) included files" : "")\(count > 0 ? "; \(count) scripted actions" : "")."))
    }

    // MARK: history

    /// `drill history`: the kept sessions of this store, with normalised percentages per objective and trainee.
    static func history(_ v: DrillVerbs.History, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = DrillController.of(session).run
        let ws = run?.isActive == true ? run?.realWorkspace : session.service(Workspace.self)
        guard let ws else {
            throw ShellError(zh: "没有数据库，无法查看演练档案", en: "no store: there is no drill history", range: inv.verbRange, kind: .wrongStage)
        }
        var sessions = DrillHistory.all(ws)
        if let d = v.drill { sessions = sessions.filter { (($0.1["drill"] as? String) ?? "").contains(d) } }
        if let t = v.trainee {
            sessions = sessions.filter { (($0.1["trainees"] as? [[String: Any]]) ?? []).contains { ($0["name"] as? String) == t } }
        }
        guard !sessions.isEmpty else {
            return CommandOutput(zh: "还没有演练记录（逐步推进和实时演练结束时记入；自动推演不记）。",
                                 en: "No drill sessions yet (stepped and live sessions are kept when they end; --auto runs are not).")
        }
        func str(_ d: [String: Any], _ k: String) -> String { d[k] as? String ?? "—" }
        func num(_ d: [String: Any], _ k: String) -> Cell { (d[k] as? Int).map { .integer($0) } ?? .empty }
        /// The mode in words (the JSON keeps `stepped`, `live`, `auto`).
        func modeCell(_ m: String) -> Cell {
            switch m {
            case "stepped": .localized(Localized(zh: "逐步推进", en: "stepped"))
            case "live": .localized(Localized(zh: "实时", en: "live"))
            case "auto": .localized(Localized(zh: "自动", en: "auto"))
            default: .text(m)
            }
        }
        let main = Table(title: Localized(zh: "演练记录", en: "Drill sessions"), columns: [
            Column("session", Localized(zh: "场次", en: "Session"), align: .right), Column("date", Localized(zh: "日期", en: "Date")),
            // Wrap: at 80 columns the drill, the place and the objectives were cut (城东花园自…, 明光市政务…).
            Column("drill", Localized(zh: "演练", en: "Drill"), wraps: true), Column("mode", Localized(zh: "方式", en: "Mode")),
            Column("place", Localized(zh: "地点", en: "Place"), dropRank: 1, wraps: true),
            Column("earned", Localized(zh: "得分", en: "Earned"), align: .right), Column("possible", Localized(zh: "应得", en: "Possible"), align: .right),
            Column("percent", Localized(zh: "得分率", en: "Percent"), align: .right), Column("rating", Localized(zh: "评定", en: "Rating")),
        ], rows: sessions.map { n, d in
            [.integer(n), .text(str(d, "date")), .text(str(d, "drill")), modeCell(str(d, "mode")), .text(str(d, "place")),
             num(d, "earned"), num(d, "possible"), num(d, "percent"), .text(str(d, "rating"))]
        })
        var objRows: [[Cell]] = []
        var traineeRows: [[Cell]] = []
        for (n, d) in sessions {
            for o in (d["objectives"] as? [[String: Any]]) ?? [] {
                objRows.append([.integer(n), .text(str(d, "date")), .text(str(o, "id")), .text(str(o, "text")),
                                num(o, "earned"), num(o, "possible"), num(o, "percent"), (o["rating"] as? String).map { .text($0) } ?? .empty])
            }
            for t in (d["trainees"] as? [[String: Any]]) ?? [] where v.trainee == nil || (t["name"] as? String) == v.trainee {
                // The department by name (kept with the session; older sessions: the directory's name, else the code).
                let code = str(t, "dept")
                let dept: Cell = if let zh = t["dept_name"] as? String {
                    .localized(Localized(zh: zh, en: t["dept_name_en"] as? String ?? zh))
                } else { code == "—" ? .text(code) : .localized(ws.deptName(code)) }
                traineeRows.append([.integer(n), .text(str(d, "date")), .text(str(t, "name")), .text(code), dept,
                                    num(t, "earned"), num(t, "possible"), num(t, "percent")])
            }
        }
        let objectives = Table(title: Localized(zh: "各目标得分率", en: "Objectives"), columns: [
            Column("session", Localized(zh: "场次", en: "Session"), align: .right), Column("date", Localized(zh: "日期", en: "Date")),
            Column("objective", Localized(zh: "目标", en: "Objective")), Column("text", Localized(zh: "说明", en: "Description"), wraps: true),
            Column("earned", Localized(zh: "得分", en: "Earned"), align: .right), Column("possible", Localized(zh: "应得", en: "Possible"), align: .right),
            Column("percent", Localized(zh: "得分率", en: "Percent"), align: .right), Column("rating", Localized(zh: "评定", en: "Rating")),
        ], rows: objRows)
        let trainees = Table(title: Localized(zh: "学员得分率", en: "Trainees"), columns: [
            Column("session", Localized(zh: "场次", en: "Session"), align: .right), Column("date", Localized(zh: "日期", en: "Date")),
            Column("trainee", Localized(zh: "学员", en: "Trainee")), Column("dept", Localized(zh: "部门代码", en: "Dept code"), dataOnly: true),
            Column("dept_name", Localized(zh: "部门", en: "Dept"), wraps: true),
            Column("earned", Localized(zh: "得分", en: "Earned"), align: .right), Column("possible", Localized(zh: "应得", en: "Possible"), align: .right),
            Column("percent", Localized(zh: "得分率", en: "Percent"), align: .right),
        ], rows: traineeRows)
        var tables = [main]
        if !objRows.isEmpty { tables.append(objectives) }
        if !traineeRows.isEmpty { tables.append(trainees) }
        return CommandOutput(tables: tables)
    }

    // MARK: replay

    static func replay(_ v: DrillVerbs.Replay, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let controller = DrillController.of(session)
        if let r = controller.run, r.isActive {
            throw ShellError(zh: "已有演练在进行", en: "a drill is running", range: inv.verbRange, kind: .wrongStage)
        }
        guard let logArg = v.$log.arg else { return .empty }
        let (actions, logSrc) = try DrillLoading.actions(logArg.raw, range: logArg.range, session: session)
        let (d, all) = DrillLoading.directives(logSrc)
        var scriptPath = v.script ?? d["script"] ?? ""
        if v.script == nil, !FileManager.default.fileExists(atPath: scriptPath) {
            let beside = ((logArg.raw as NSString).deletingLastPathComponent as NSString).appendingPathComponent(scriptPath)
            if FileManager.default.fileExists(atPath: beside) { scriptPath = beside }
        }
        let loaded = try DrillLoading.script(scriptPath, range: v.$script.range ?? logArg.range, session: session)
        let script = loaded.script
        let until = d["end"].flatMap(DrillTimes.offset).map { script.header.epoch.adding($0) }
        // An action after the logged end never ran: a line appended there (`at +30:00 review C1 approve`) was
        // ignored and the edited log verified.
        if let end = d["end"], let endOffset = DrillTimes.offset(end), let late = actions.first(where: { $0.offset > endOffset }) {
            throw ShellError(Localized(zh: "日志第 \(late.command.line) 行的操作在演练结束（\(end)）之后：日志被改动过，或不完整",
                                       en: "line \(late.command.line) of the log acts after the drill's end (\(end)): the log was altered or is incomplete"),
                             range: logArg.range, kind: .data)
        }
        let realStart = d["started"].flatMap(DrillTimes.instant) ?? session.clock.now()
        let trainer = d["trainer"].map { Actor(name: $0, role: session.actor.role, dept: session.actor.dept) } ?? session.actor
        let run = DrillRun(loaded: loaded, mode: .auto, ws: try DrillCommands.makeWorkspace(session),
                           clock: DrillClock(epoch: script.header.epoch), actions: actions, trainer: trainer, realStart: realStart)
        run.isReplay = true
        run.actionsPath = logArg.raw
        run.place = d["place"]
        run.realEnd = d["ended"].flatMap(DrillTimes.instant)
        run.reportedMode = switch d["mode"] {
        case "stepped": .stepped
        case "live":
            .live(speed: d["speed"].flatMap { Int($0) } ?? 1,
                  changes: DrillSpeedChange.from(paces: all.filter { $0.0 == "pace" }.map(\.1), start: d["speed"].flatMap { Int($0) } ?? 1))
        default: .auto
        }
        controller.run = run
        try run.install(in: session)
        let o = try DrillCommands.quietly(true, session) { () throws(ShellError) in
            run.process(upTo: script.header.epoch, session: session)
            run.runToEnd(session: session, until: until)
            return run.finish(session: session)
        }
        run.restore(session)
        let reportHash = SHA256Text.hex(DrillResults.report(o, lang: .zh))
        var checks: [(Localized, String?, String)] = [
            (Localized(zh: "脚本 SHA-256", en: "script SHA-256"), d["script-sha256"], run.scriptHash),
        ]
        // Every included or sourced file: its hash in the log and now.
        func split(_ line: String) -> (String, String) {
            guard let sp = line.lastIndex(of: " ") else { return (line, "") }
            return (String(line[..<sp]), String(line[line.index(after: sp)...]))
        }
        let logged = Dictionary(all.filter { ["include", "source"].contains($0.0) }.map { split($0.1) }, uniquingKeysWith: { a, _ in a })
        let current = Dictionary(loaded.includes.map { ($0.path, $0.sha256) } + loaded.sourced.map { ($0.name, $0.sha256) },
                                 uniquingKeysWith: { a, _ in a })
        for name in Set(logged.keys).union(current.keys).sorted() {
            checks.append((Localized(zh: "文件 \(name)", en: "file \(name)"), logged[name], current[name] ?? "—"))
        }
        checks.append((Localized(zh: "最终状态哈希", en: "final state hash"), d["state"], o.stateHash))
        // The log is a file anyone may edit, its hashes too: an action moved before its deadline, with the replay's
        // state and report hashes copied into the footer, read "Verified". The session this store kept while it was
        // played (its journal) is compared as well, when the log names it.
        if let (n, kept) = keptState(d, session: session) {
            checks.append((Localized(zh: "本库所存第 \(n) 场的最终状态", en: "final state of session \(n) as kept in this store"), kept, o.stateHash))
        }
        // The injects as the log says they fired (`# fired:` lines: what a desk follows, what a reader of the log
        // believes happened when): an edited time there verified, since the replay fires on its own schedule.
        let loggedFired = all.filter { $0.0 == "fired" }.map(\.1)
        if !loggedFired.isEmpty {
            let replayedFired = run.log.filter { $0.hasPrefix("# fired:") }
                .map { String($0.dropFirst("# fired:".count)).trimmingCharacters(in: .whitespaces) }
            checks.append((Localized(zh: "注入发出记录（# fired）", en: "injects fired (# fired lines)"),
                           SHA256Text.hex(loggedFired.joined(separator: "\n")), SHA256Text.hex(replayedFired.joined(separator: "\n"))))
        }
        // The report's hash can only be compared with a report worded the same way: a log written by a yuqing whose
        // report reads differently (an earlier report format) is not a mismatch, and the replay says why.
        // (The same hash is the same report, whatever the format line says.)
        let loggedFormat = d["report-format"].flatMap { Int($0) } ?? 1
        let reportComparable = loggedFormat == DrillReport.format || d["report-sha256"] == reportHash
        var notes: [Localized] = []
        if reportComparable {
            checks.append((Localized(zh: "报告 SHA-256", en: "report SHA-256"), d["report-sha256"], reportHash))
        } else if d["report-sha256"] != nil {
            notes.append(DrillRecords.otherFormat(loggedFormat, logged: d["report-format"] != nil))
        }
        let ok = checks.allSatisfy { $0.1 == $0.2 }
        var rows: [[Cell]] = checks.map { name, expected, actual in
            [.localized(name), .text(expected ?? "—"), .text(actual),
             .localized(expected == actual ? Localized(zh: "一致", en: "same") : Localized(zh: "不一致", en: "DIFFERENT"))]
        }
        if !reportComparable, let logged = d["report-sha256"] {
            rows.append([.localized(Localized(zh: "报告 SHA-256", en: "report SHA-256")), .text(logged), .text(reportHash),
                         .localized(Localized(zh: "未比对（报告格式 \(loggedFormat) → \(DrillReport.format)）",
                                              en: "not compared (report format \(loggedFormat) → \(DrillReport.format))"))])
        }
        let table = Table(title: Localized(zh: "重放核对", en: "Replay check"), columns: [
            Column("item", Localized(zh: "项目", en: "Item")), Column("logged", Localized(zh: "日志记录", en: "Logged")),
            Column("replayed", Localized(zh: "重放结果", en: "Replayed")), Column("result", Localized(zh: "结果", en: "Result")),
        ], rows: rows)
        let s = o.score
        let msg = Localized(zh: "重放 \(logArg.raw)：\(actions.count) 条操作，得分 \(s.earned)/\(s.possible)，\(s.overall.zh)。",
                            en: "Replayed \(logArg.raw): \(actions.count) logged actions, points \(s.earned)/\(s.possible), \(s.overall.en).")
        if v.verify && !ok {
            session.runContext?.sink.out(Renderer(language: session.language, format: inv.format, bom: false, width: nil, color: false)
                .render(CommandOutput(messages: [msg] + notes, tables: [table])))
            throw ShellError(zh: "重放结果与日志不一致", en: "the replay does not match the log", range: logArg.range, kind: .data)
        }
        // Without the report's hash nothing checks the log's header (date, place, mode, trainer): a log stripped
        // of its report-format line and edited there read "Verified" like an intact one.
        let partly = !reportComparable && d["report-sha256"] != nil
        let verdict = !ok ? Localized(zh: "重放结果与日志不一致。", en: "The replay does not match the log.")
            : partly ? Localized(zh: "演练结果核对通过（最终状态哈希一致）；报告未比对，日志头部的演练日期、地点、方式和导调未经核对。",
                                 en: "The outcome is verified (the final state hash matches); the report was not compared, so the log's header — the session's date, place, mode and trainer — is not verified.")
            : Localized(zh: "核对通过：重放结果与日志一致。", en: "Verified: the replay matches the log.")
        return CommandOutput(messages: [msg] + notes + [verdict], tables: [table])
    }

    /// The final state hash of the session a log names (`# session: N`), from the journal the real store kept while
    /// it was played — when that session is of the same script and has ended; nil otherwise (a log from another
    /// store, an `--auto` run).
    static func keptState(_ d: [String: String], session: Session) -> (Int, String)? {
        guard let n = d["session"].flatMap({ Int($0) }), let real = session.service(Workspace.self),
              let lines = try? real.read({ r -> [String] in
                  let total = try DrillDesks.count(r, DrillDesks.linesKey(n))
                  return total == 0 ? [] : try (1...total).map { try r.meta(DrillDesks.lineKey(n, $0)) ?? "" }
              }), !lines.isEmpty else { return nil }
        let (kept, _) = DrillLoading.directives(DrillLoading.Source(path: "<journal>", text: lines.joined(separator: "\n"), lines: lines))
        guard kept["script-sha256"] == d["script-sha256"], let state = kept["state"] else { return nil }
        return (n, state)
    }

    /// Why the report's hash of a log was not compared: the log's report was worded in another report format.
    static func otherFormat(_ logged: Int, logged written: Bool) -> Localized {
        let which = written ? Localized(zh: "报告格式 \(logged)", en: "report format \(logged)")
            : Localized(zh: "报告格式 1（日志没有 report-format 一行：由 2026-11-30 之前的 yuqing 写成）",
                        en: "report format 1 (the log has no report-format line: written by a yuqing before 2026-11-30)")
        return Localized(
            zh: "日志中的报告 SHA-256 按\(which.zh)的措辞算出，本版本写报告格式 \(DrillReport.format)，措辞不同，哈希无从比对，故未比对报告；演练结果（每项预期行动、得分和全部事件）由最终状态哈希核对。要核对原报告，请用写此日志的版本重放。",
            en: "The log's report SHA-256 was computed from a report in \(which.en); this yuqing writes report format \(DrillReport.format), worded differently, so the two hashes cannot be compared and the report was not compared. The drill's outcome (every expectation, score and event) is checked by the final state hash; replay with the version that wrote the log to check its report.")
    }
}
