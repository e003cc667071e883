import Foundation
import YuqingCore
import YuqingStore

/// Holds the drill of a session (running, or the last one finished, for `drill report`).
final class DrillController: @unchecked Sendable {
    var run: DrillRun?

    static func of(_ session: Session) -> DrillController {
        if let c = session.service(DrillController.self) { return c }
        let c = DrillController()
        session.register(c)
        return c
    }
}

/// The handlers of the `drill` sub-verbs.
enum DrillCommands {
    static func active(_ session: Session, _ inv: Invocation) throws(ShellError) -> DrillRun {
        guard let run = DrillController.of(session).run, run.isActive else {
            throw ShellError(zh: "没有进行中的演练", en: "no drill is running", range: inv.verbRange,
                             hint: Localized(zh: "用 drill run 脚本 开始", en: "start one with `drill run FILE`"), kind: .wrongStage)
        }
        return run
    }

    /// A fresh in-memory workspace with the calendar and policy in force (or the built-in ones).
    static func makeWorkspace(_ session: Session) throws(ShellError) -> Workspace {
        let base = session.service(Workspace.self)
        let calendar: WorkCalendar
        if let c = base?.calendar { calendar = c } else { calendar = try Workspace.loadCalendar(userDirectory: nil) }
        let policy = base?.policy ?? .mingguang
        let store = MemoryStore(projector: DueProjector(engine: ObligationEngine(policy: policy, calendar: calendar)))
        return Workspace(store: store, calendar: calendar, policy: policy)
    }

    /// Output of the drill's own commands goes nowhere while `quiet`.
    static func quietly<T>(_ quiet: Bool, _ session: Session, _ body: () throws(ShellError) -> T) throws(ShellError) -> T {
        guard quiet, let ctx = session.runContext else { return try body() }
        let saved = ctx.sink
        session.runContext?.sink = BufferSink()
        defer { session.runContext?.sink = saved }
        return try body()
    }

    static func briefing(_ run: DrillRun, _ session: Session) -> Localized {
        let h = run.script.header
        let mode: Localized = switch run.mode {
        case .auto: Localized(zh: "自动推演", en: "automatic")
        case .stepped: Localized(zh: "逐步推进（drill next / drill advance 30m）", en: "stepped (drill next / drill advance 30m)")
        case .live: Localized(zh: "实时 ×\((run.clock as? LiveClock)?.speed ?? 1)", en: "live ×\((run.clock as? LiveClock)?.speed ?? 1)")
        }
        var zh = "演练开始：\(h.title)\(h.version.map { "（版本 \($0)）" } ?? "")。模拟时间 \(h.epoch)，\(mode.zh)，独立数据库（不影响真实案件）。"
        var en = "Drill starts: \(h.title)\(h.version.map { " (version \($0))" } ?? ""). Simulated time \(h.epoch), \(mode.en), separate store (the real cases are untouched)."
        if !h.objectives.isEmpty {
            zh += "\n目标：" + h.objectives.map { "\($0.id) \($0.text)（权重 \($0.weight)）" }.joined(separator: "；")
            en += "\nObjectives: " + h.objectives.map { "\($0.id) \($0.text) (weight \($0.weight))" }.joined(separator: "; ")
        }
        if !h.trainees.isEmpty {
            zh += "\n参演：" + h.trainees.map { "\($0.name)（\($0.role.name.zh)\($0.dept.map { "，\($0)" } ?? "")）" }.joined(separator: "；")
            en += "\nTrainees: " + h.trainees.map { "\($0.name) (\($0.role.name.en)\($0.dept.map { ", \($0)" } ?? ""))" }.joined(separator: "; ")
            zh += "\n当前身份：\(session.actor.name)；用 as 切换。"
            en += "\nActing as \(session.actor.name); switch with `as`."
        }
        return Localized(zh: zh, en: en)
    }

    static func run(_ v: DrillVerbs.RunDrill, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let controller = DrillController.of(session)
        if let r = controller.run, r.isActive {
            throw ShellError(zh: "已有演练在进行：\(r.script.header.title)", en: "a drill is already running: \(r.script.header.title)",
                             range: inv.verbRange, hint: Localized(zh: "先 drill end", en: "`drill end` it first"), kind: .wrongStage)
        }
        _ = try reportTarget(v.$report)
        let (script, src) = try DrillLoading.script(v.file, range: v.$file.range, session: session)
        var actions: [DrillAction] = []
        if let path = v.actions {
            actions = try DrillLoading.actions(path, range: v.$actions.range, session: session).0
        }
        let auto = v.auto || v.actions != nil
        if auto && v.live {
            throw ShellError(zh: "--auto 与 --live 不能同时使用", en: "--auto and --live cannot be combined", range: v.$live.range)
        }
        let mode: DrillRun.Mode = auto ? .auto : (v.live ? .live : .stepped)
        let clock: any YuqingCore.Clock = mode == .live
            ? LiveClock(start: script.header.epoch, speed: Int64(v.speed))
            : SimulatedClock(script.header.epoch)
        let run = DrillRun(script: script, source: src, mode: mode, ws: try makeWorkspace(session), clock: clock, actions: actions)
        run.actionsPath = v.actions
        run.logPath = v.log
        controller.run = run
        try run.install(in: session)
        let quiet = mode == .auto && v.quiet
        try quietly(quiet, session) { () throws(ShellError) in
            run.say(session, briefing(run, session))
            run.process(upTo: script.header.epoch, session: session)
        }
        guard mode == .auto else {
            return try status(inv, session)
        }
        let outcome = try quietly(quiet, session) { () throws(ShellError) in
            run.runToEnd(session: session, until: nil)
            return run.finish(session: session)
        }
        run.restore(session)
        return try finished(run, outcome, log: v.$log, report: v.$report, lang: v.lang)
    }

    /// Writes what `--log` / `--report` asked for and returns the summary.
    static func finished(_ run: DrillRun, _ o: DrillOutcome, log: ArgumentRef, report: ArgumentRef,
                         lang: Language) throws(ShellError) -> CommandOutput {
        var out = DrillResults.summary(run, o)
        if let path = log.raw ?? run.logPath {
            try DrillResults.write(DrillResults.logText(run), to: path, range: log.range)
            out.messages.append(Localized(zh: "演练日志已写入 \(path)", en: "Drill log written to \(path)."))
        }
        if let target = try reportTarget(report) {
            out.messages += try target.deliver(DrillReport(o.input, language: lang).document(), what: reportWhat).messages
        }
        return out
    }

    static let reportWhat = Localized(zh: "演练评估报告", en: "The after-action report")

    /// Where `--report FILE` goes, its format chosen by the extension; checked before the drill starts or ends.
    static func reportTarget(_ ref: ArgumentRef) throws(ShellError) -> DocumentTarget? {
        guard ref.given else { return nil }
        return try DocumentTarget.resolve(out: ref.raw, outRange: ref.range, format: nil, formatRange: nil, verbRange: nil)
    }

    static func status(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        guard let run = DrillController.of(session).run else {
            return CommandOutput(zh: "没有演练。用 drill run 脚本 开始。", en: "No drill. Start one with `drill run FILE`.")
        }
        if !run.isActive, let o = run.outcome {
            return CommandOutput(Localized(zh: "演练“\(run.script.header.title)”已于 \(o.end) 结束；drill report 查看评估报告。",
                                           en: "The drill “\(run.script.header.title)” ended at \(o.end); `drill report` gives the report."))
        }
        if run.mode == .live { run.process(upTo: run.clock.now(), session: session) }
        let now = run.clock.now()
        var lines = [Localized(zh: "演练时钟 \(now)（\(run.offset(now))），身份：\(session.actor.name)。",
                               en: "Drill clock \(now) (\(run.offset(now))), acting as \(session.actor.name).")]
        if let next = run.engine.nextInject, case .inject(let c, _) = next.kind {
            lines.append(Localized(zh: "下一个注入：\(run.offset(next.at)) \(c.summary)", en: "Next inject: \(run.offset(next.at)) \(c.summary)"))
        } else {
            lines.append(Localized(zh: "没有待发的注入。", en: "No more injects scheduled."))
        }
        let open = run.engine.openExpectations
        let rows: [[Cell]] = open.map { x, s in
            let due = s.deadline ?? now
            let left = due.seconds - now.seconds
            return [.text(x.id), .localized(x.action.title), .text(x.caseID?.description ?? "—"), .text(x.dept ?? "—"),
                    .time(due), .localized(s.status == .overdue
                        ? Localized(zh: "已超时 \(DrillTimes.latencyText(-left))", en: "overdue by \(DrillTimes.latencyText(-left))")
                        : Localized(zh: "剩余 \(DrillTimes.latencyText(max(0, left)))", en: "\(DrillTimes.latencyText(max(0, left))) left"))]
        }
        if open.isEmpty { lines.append(Localized(zh: "目前没有进行中的预期行动。", en: "No expectation is open now.")) }
        let table = Table(title: Localized(zh: "进行中的预期行动", en: "Open expectations"), columns: [
            Column("id", Localized(zh: "编号", en: "ID")), Column("action", Localized(zh: "行动", en: "Action")),
            Column("case", Localized(zh: "案件", en: "Case")), Column("dept", Localized(zh: "部门", en: "Dept")),
            Column("due", Localized(zh: "时限", en: "Due")), Column("left", Localized(zh: "状态", en: "State")),
        ], rows: rows)
        return CommandOutput(messages: lines, tables: open.isEmpty ? [] : [table])
    }

    static func stepped(_ session: Session, _ inv: Invocation) throws(ShellError) -> DrillRun {
        let run = try active(session, inv)
        guard run.mode != .live else {
            throw ShellError(zh: "实时演练的时钟自行走动，不能手动推进", en: "a live drill's clock runs by itself; it cannot be moved",
                             range: inv.verbRange, kind: .wrongStage)
        }
        return run
    }

    static func next(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try stepped(session, inv)
        run.observeNew(control: false)
        guard let t = run.engine.nextTime() else {
            return CommandOutput(zh: "没有待发的注入或时限了；drill end 结束演练。", en: "Nothing more is scheduled; `drill end` ends the drill.")
        }
        run.process(upTo: t, session: session)
        return CommandOutput(Localized(zh: "演练时钟 \(t)（\(run.offset(t))）", en: "Drill clock \(t) (\(run.offset(t)))"))
    }

    static func advance(_ span: Span, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try stepped(session, inv)
        let t = run.clock.now().adding(span)
        run.process(upTo: t, session: session)
        return CommandOutput(Localized(zh: "演练时钟 \(t)（\(run.offset(t))）", en: "Drill clock \(t) (\(run.offset(t)))"))
    }

    static func note(_ v: DrillVerbs.Note, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try active(session, inv)
        let text = v.text
        let kind: DrillNote.Kind = v.strength ? .strength : (v.improve || v.owner != nil ? .improve : .general)
        if !run.busy { run.record(DrillRun.commandText(inv), session: session) }
        run.engine.note(DrillNote(at: run.clock.now(), kind: kind, text: text, owner: v.owner, due: v.due))
        return CommandOutput(Localized(zh: "已记录（\(run.offset(run.clock.now()))）。", en: "Noted (\(run.offset(run.clock.now())))."))
    }

    static func end(log: ArgumentRef, report: ArgumentRef, lang: Language, _ inv: Invocation,
                    _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try active(session, inv)
        _ = try reportTarget(report)
        let o = run.finish(session: session)
        run.restore(session)
        return try finished(run, o, log: log, report: report, lang: lang)
    }

    static func report(_ target: DocumentTarget, lang: Language, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        guard let run = DrillController.of(session).run else {
            throw ShellError(zh: "还没有演练", en: "there is no drill yet", range: inv.verbRange, kind: .wrongStage)
        }
        let o: DrillOutcome
        if let done = run.outcome {
            o = done
        } else {
            // An interim report: the engine is a value, so a copy can be finished without ending the drill.
            var copy = run.engine
            let now = run.clock.now()
            copy.finish(at: now)
            o = DrillResults.outcome(run, engine: copy, end: now)
        }
        var out = try target.deliver(DrillReport(o.input, language: lang).document(), what: reportWhat)
        // The Markdown's hash is what a drill log's `report-sha256` records.
        if target.path != nil, target.format == .markdown {
            let hash = SHA256Text.hex(DrillResults.report(o, lang: lang))
            out.messages.append(Localized(zh: "SHA-256 \(hash)", en: "SHA-256 \(hash)."))
        }
        return out
    }

    static func writeLog(_ file: ArgumentRef, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        guard let run = DrillController.of(session).run, let a = file.arg else {
            throw ShellError(zh: "还没有演练", en: "there is no drill yet", range: inv.verbRange, kind: .wrongStage)
        }
        try DrillResults.write(DrillResults.logText(run), to: a.raw, range: a.range)
        return CommandOutput(Localized(zh: "演练日志已写入 \(a.raw)", en: "Drill log written to \(a.raw)."))
    }

    static func check(file: ArgumentRef, actions: ArgumentRef, _ session: Session) throws(ShellError) -> CommandOutput {
        guard let a = file.arg else { return .empty }
        let (s, _) = try DrillLoading.script(a.raw, range: a.range, session: session)
        var count = 0
        if let f = actions.arg { count = try DrillLoading.actions(f.raw, range: f.range, session: session).0.count }
        return CommandOutput(Localized(
            zh: "\(a.raw) 无误：\(s.injects.count) 个注入、\(s.expectations.count) 个预期行动、\(s.contingencies.count) 个应变注入、\(s.chained.count) 个连锁注入\(count > 0 ? "；操作脚本 \(count) 条" : "")。",
            en: "\(a.raw) is fine: \(s.injects.count) injects, \(s.expectations.count) expectations, \(s.contingencies.count) contingencies, \(s.chained.count) chained injects\(count > 0 ? "; \(count) scripted actions" : "")."))
    }

    /// A refused command leaves a denial in the log (brief section 7). Drill logs keep it as `drill denied`, so a
    /// replay writes the same event: the command itself may not even parse the same way again.
    static func denied(verb: String, subject: String, reason: String, _ inv: Invocation,
                       _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try active(session, inv)
        let now = run.clock.now()
        try run.ws.storeCall {
            try run.ws.store.write { tx in
                try tx.append(NewEvent(caseID: nil, subject: EntityID(parsing: subject), actor: session.actor, effective: now,
                                       recorded: now, body: .denied(verb: verb, reason: reason)), expectedVersion: nil)
            }
        }
        return .empty
    }

    static func replay(_ v: DrillVerbs.Replay, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let controller = DrillController.of(session)
        if let r = controller.run, r.isActive {
            throw ShellError(zh: "已有演练在进行", en: "a drill is running", range: inv.verbRange, kind: .wrongStage)
        }
        guard let logArg = v.$log.arg else { return .empty }
        let (actions, logSrc) = try DrillLoading.actions(logArg.raw, range: logArg.range, session: session)
        let d = DrillLoading.directives(logSrc)
        var scriptPath = v.script ?? d["script"] ?? ""
        if v.script == nil, !FileManager.default.fileExists(atPath: scriptPath) {
            let beside = ((logArg.raw as NSString).deletingLastPathComponent as NSString).appendingPathComponent(scriptPath)
            if FileManager.default.fileExists(atPath: beside) { scriptPath = beside }
        }
        let (script, src) = try DrillLoading.script(scriptPath, range: v.$script.range ?? logArg.range, session: session)
        let until = d["end"].flatMap(DrillTimes.offset).map { script.header.epoch.adding($0) }
        let run = DrillRun(script: script, source: src, mode: .auto, ws: try makeWorkspace(session),
                           clock: SimulatedClock(script.header.epoch), actions: actions)
        run.actionsPath = logArg.raw
        controller.run = run
        try run.install(in: session)
        let o = try quietly(true, session) { () throws(ShellError) in
            run.process(upTo: script.header.epoch, session: session)
            run.runToEnd(session: session, until: until)
            return run.finish(session: session)
        }
        run.restore(session)
        let reportHash = SHA256Text.hex(DrillResults.report(o, lang: .zh))
        let checks: [(Localized, String?, String)] = [
            (Localized(zh: "脚本 SHA-256", en: "script SHA-256"), d["script-sha256"], run.scriptHash),
            (Localized(zh: "最终状态哈希", en: "final state hash"), d["state"], o.stateHash),
            (Localized(zh: "报告 SHA-256", en: "report SHA-256"), d["report-sha256"], reportHash),
        ]
        let ok = checks.allSatisfy { $0.1 == $0.2 }
        let rows: [[Cell]] = checks.map { name, expected, actual in
            [.localized(name), .text(expected ?? "—"), .text(actual),
             .localized(expected == actual ? Localized(zh: "一致", en: "same") : Localized(zh: "不一致", en: "DIFFERENT"))]
        }
        let table = Table(title: Localized(zh: "重放核对", en: "Replay check"), columns: [
            Column("item", Localized(zh: "项目", en: "Item")), Column("logged", Localized(zh: "日志记录", en: "Logged")),
            Column("replayed", Localized(zh: "重放结果", en: "Replayed")), Column("result", Localized(zh: "结果", en: "Result")),
        ], rows: rows)
        let s = o.score
        let msg = Localized(zh: "重放 \(logArg.raw)：\(actions.count) 条学员操作，得分 \(s.earned)/\(s.possible)，总体评定 \(s.rating.rawValue)（\(s.percent)%）。",
                            en: "Replayed \(logArg.raw): \(actions.count) trainee actions, points \(s.earned)/\(s.possible), overall rating \(s.rating.rawValue) (\(s.percent)%).")
        if v.verify && !ok {
            session.runContext?.sink.out(Renderer(language: session.language, format: session.format, bom: false, width: nil, color: false)
                .render(CommandOutput(messages: [msg], tables: [table])))
            throw ShellError(zh: "重放结果与日志不一致", en: "the replay does not match the log", range: logArg.range, kind: .data)
        }
        let verdict = ok ? Localized(zh: "核对通过：重放结果与日志一致。", en: "Verified: the replay matches the log.")
                         : Localized(zh: "重放结果与日志不一致。", en: "The replay does not match the log.")
        return CommandOutput(messages: [msg, verdict], tables: [table])
    }
}
