import Foundation
import YuqingCore
import YuqingStore

/// Holds the drill of a session (running, or the last one finished, for `drill report`).
final class DrillController {
    var run: DrillRun?

    static func of(_ session: Session) -> DrillController {
        if let c = session.service(DrillController.self) { return c }
        let c = DrillController()
        session.register(c)
        return c
    }
}

/// The handlers of the `drill` sub-verbs that start, move and end a drill. The views (status, plan, brief) are in
/// DrillViews.swift, the records (score, history, replay) in DrillRecords.swift.
enum DrillCommands {
    /// The sub-verbs of exercise control and the evaluators: a trainee on the roster may not run them.
    static let controllerVerbs: Set<String> = ["next", "advance", "end", "note", "inject", "plan", "report", "score", "log",
                                               "pause", "resume", "speed", "wait"]

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
        let ws = Workspace(store: store, calendar: calendar, policy: policy)
        // The drill's own store: whoever runs it is its trainer, acting for the trainees the script names.
        ws.trust.scene = .drill
        // The trainer keeps the identity they signed in with (the database role on PostgreSQL, the OS login else).
        if let login = base?.trust.login { ws.trust.login = login }
        let me = (try? base?.operatorContext().person) ?? nil
        ws.trust.drillTrainer = Person(name: me?.name ?? ws.trust.login, role: .trainer, dept: me?.dept, login: ws.trust.login)
        return ws
    }

    /// Output of the drill's own commands goes nowhere while `quiet`.
    static func quietly<T>(_ quiet: Bool, _ session: Session, _ body: () throws(ShellError) -> T) throws(ShellError) -> T {
        guard quiet, let ctx = session.runContext else { return try body() }
        let saved = ctx.sink
        session.runContext?.sink = BufferSink()
        defer { session.runContext?.sink = saved }
        return try body()
    }

    /// `quietly` for work that cannot fail.
    @discardableResult
    static func quietlyIf<T>(_ quiet: Bool, _ session: Session, _ body: () -> T) -> T {
        guard quiet, let ctx = session.runContext else { return body() }
        let saved = ctx.sink
        session.runContext?.sink = BufferSink()
        defer { session.runContext?.sink = saved }
        return body()
    }

    static func briefing(_ run: DrillRun, _ session: Session) -> Localized {
        let h = run.script.header
        let mode: Localized = switch run.mode {
        case .auto: Localized(zh: "自动推演", en: "automatic")
        case .stepped: Localized(zh: "逐步推进（导调用 drill next / drill advance 30m 推进时钟，学员每次操作用时 \(h.step)）",
                                 en: "stepped (exercise control moves the clock with drill next / drill advance 30m; each trainee action takes \(h.step))")
        case .live: Localized(zh: "实时 ×\(run.clock.speed)（注入按时发出）", en: "live ×\(run.clock.speed) (injects fire on time)")
        }
        var zh = "演练开始：\(h.title)\(h.version.map { "（版本 \($0)）" } ?? "")。模拟时间 \(h.epoch)，\(mode.zh)，独立数据库（不影响真实案件）。"
        var en = "Drill starts: \(h.title)\(h.version.map { " (version \($0))" } ?? ""). Simulated time \(h.epoch), \(mode.en), separate store (the real cases are untouched)."
        if !h.objectives.isEmpty {
            zh += "\n目标：" + h.objectives.map { "\($0.id) \($0.text)（权重 \($0.weight)）" }.joined(separator: "；")
            en += "\nObjectives: " + h.objectives.map { "\($0.id) \($0.text) (weight \($0.weight))" }.joined(separator: "; ")
        }
        if !h.trainees.isEmpty {
            // A department the script's first inject adds is not in the drill's directory yet: named as the script
            // adds it (参演：李敏（联络员，市水务局）, not the code `water`).
            let declared = run.script.declaredDepartments
            func name(_ code: String, _ lang: Language) -> String {
                let name = run.ws.deptName(code, lang)
                guard name == code else { return name }
                // English: the `--en` name the script gives, else its Chinese name (a name, never the code).
                let add = run.script.commands.first { ["dept", "部门"].contains($0.verb) && $0.words.count >= 4 && $0.words[2].text == code }
                let words = add?.words.map(\.text) ?? []
                let en = words.firstIndex(of: "--en").flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
                return (lang == .en ? en : nil) ?? declared[code] ?? code
            }
            zh += "\n参演：" + h.trainees.map { "\($0.name)（\($0.role.name.zh)\($0.dept.map { "，" + name($0, .zh) } ?? "")）" }.joined(separator: "；")
            en += "\nTrainees: " + h.trainees.map { "\($0.name) (\($0.role.name.en)\($0.dept.map { ", " + name($0, .en) } ?? ""))" }.joined(separator: "; ")
            if run.mode != .auto {
                zh += "\n当前身份：\(session.actor.name)（导调）。学员上机时用 as 姓名 切换，as me 回到导调；drill status 是学员视图，drill plan 是导调视图。"
                en += "\nActing as \(session.actor.name) (exercise control). A trainee takes the keyboard with `as NAME`, `as me` returns; `drill status` is the trainees' view, `drill plan` the controller's."
            }
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
        let loaded = try DrillLoading.script(v.file, range: v.$file.range, session: session)
        var actions: [DrillAction] = []
        if let path = v.actions {
            actions = try DrillLoading.actions(path, range: v.$actions.range, session: session, script: loaded.script).0
        }
        let auto = v.auto || v.actions != nil
        if auto && v.live {
            throw ShellError(zh: "--auto 与 --live 不能同时使用", en: "--auto and --live cannot be combined", range: v.$live.range)
        }
        let mode: DrillRun.Mode = auto ? .auto : (v.live ? .live : .stepped)
        let epoch = loaded.script.header.epoch
        let clock = mode == .live ? DrillClock(epoch: epoch, wall: session.wallClock, speed: Int64(v.speed)) : DrillClock(epoch: epoch)
        let run = DrillRun(loaded: loaded, mode: mode, ws: try makeWorkspace(session), clock: clock, actions: actions,
                           trainer: session.actor, realStart: session.clock.now())
        run.actionsPath = v.actions
        run.logPath = v.log
        run.place = v.place
        let real = session.service(Workspace.self)
        if mode != .auto, let real, let n = DrillHistory.reserve(real) {
            run.sessionNumber = n
            let journal = DrillJournal(ws: real, number: n)
            // The journal also names the script by its full path, for trainees' terminals started elsewhere.
            let full = URL(fileURLWithPath: v.file).standardizedFileURL.path
            // A live session's real start, by which a desk joining later keeps the controller's clock (its recorded
            // start follows a simulated clock if one was set).
            let wall = mode == .live ? ["# wall: \(DrillResults.stamp(clock.wallBase))"] : []
            journal.start(header: DrillResults.logHeader(run) + ["# script-path: \(full)"] + wall)
            run.journal = journal
            if mode == .live { run.server = DrillServer(real: real, number: n) }
        }
        run.realWorkspace = real
        controller.run = run
        try run.install(in: session)
        let quiet = mode == .auto && v.quiet
        try quietly(quiet, session) { () throws(ShellError) in
            run.say(session, briefing(run, session))
            run.process(upTo: epoch, session: session)
        }
        guard mode == .auto else {
            return try DrillViews.status(inv, session)
        }
        let outcome = try quietly(quiet, session) { () throws(ShellError) in
            run.runToEnd(session: session, until: nil)
            return run.finish(session: session)
        }
        run.restore(session)
        return try finished(run, outcome, log: v.$log, report: v.$report, lang: v.lang)
    }

    /// Writes what `--log` / `--report` asked for, keeps the session in the history and returns the summary.
    static func finished(_ run: DrillRun, _ o: DrillOutcome, log: ArgumentRef, report: ArgumentRef,
                         lang: Language) throws(ShellError) -> CommandOutput {
        var out = DrillResults.summary(run, o)
        if let n = run.sessionNumber, let real = run.realWorkspace, !run.isReplay {
            DrillHistory.save(real, number: n, json: DrillResults.scoreJSON(run, o))
            run.journal?.finish(footer: DrillResults.footer(run))
            out.messages.append(Localized(zh: "已记入演练档案（第 \(n) 场，drill history 查看）。",
                                          en: "Kept in the drill history (session \(n); see `drill history`)."))
        }
        if let path = log.raw ?? run.logPath {
            try FileOutput.write(DrillResults.logText(run), to: path, range: log.range)
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
        run.process(upTo: max(t, run.clock.now()), session: session)
        let now = run.clock.now()
        return CommandOutput(Localized(zh: "演练时钟 \(now)（\(run.offset(now))）", en: "Drill clock \(now) (\(run.offset(now)))"))
    }

    static func advance(_ span: Span, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try stepped(session, inv)
        let t = run.clock.now().adding(span)
        run.process(upTo: t, session: session)
        return CommandOutput(Localized(zh: "演练时钟 \(t)（\(run.offset(t))）", en: "Drill clock \(t) (\(run.offset(t)))"))
    }

    /// `drill tick`: what the REPL runs while it waits in a live drill, when something falls due (the rules at the
    /// prompt have already run it; nothing else to do).
    static func tick(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try active(session, inv)
        run.process(upTo: run.clock.now(), session: session)
        return .empty
    }

    static func note(_ v: DrillVerbs.Note, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try active(session, inv)
        let kinds = [(v.strength, DrillNote.Kind.strength), (v.improve, .improve), (v.hotwash, .hotwash), (v.conclusion, .conclusion)]
            .filter(\.0).map(\.1)
        guard kinds.count <= 1 else {
            throw ShellError(zh: "--strength、--improve、--hotwash、--conclusion 只能选一个", en: "choose one of --strength, --improve, --hotwash, --conclusion",
                             range: inv.verbRange, kind: .usage)
        }
        let kind = kinds.first ?? (v.owner != nil || v.cause != nil || v.action != nil || v.about != nil ? .improve : .general)
        if let e = v.about, run.script.expectation(e) == nil {
            throw ShellError(Localized(zh: "没有预期行动 \(e)", en: "no expectation \(e)"), range: v.$about.range, kind: .notFound)
        }
        if let o = v.objective, run.script.objective(o) == nil {
            throw ShellError(Localized(zh: "没有目标 \(o)", en: "no objective \(o)"), range: v.$objective.range,
                             hint: Localized(zh: "目标：" + run.script.header.objectives.map(\.id).joined(separator: " "),
                                             en: "objectives: " + run.script.header.objectives.map(\.id).joined(separator: " ")),
                             kind: .notFound)
        }
        // An improvement item due before it starts (by default the day after the session): the docs' example put
        // `--due 2020-01-10` on a plan that started 2026-12-01, and the report printed it so.
        // Nor one that starts before the session it comes from: the command table's example (`--start 2020-01-13
        // --due 2020-01-20`) put a 2020 item into the plan of a session held in 2026.
        if let start = v.start, start < run.realStart.date {
            throw ShellError(Localized(zh: "改进事项的开始日期 \(start) 早于演练日期 \(run.realStart.date)",
                                       en: "the improvement item cannot start (\(start)) before the session (\(run.realStart.date))"),
                             range: v.$start.range, kind: .usage)
        }
        if let due = v.due {
            let start = v.start ?? run.realStart.date.adding(days: 1)
            if due < start {
                throw ShellError(Localized(zh: "完成时限 \(due) 早于改进事项的开始日期 \(start)",
                                           en: "due \(due) is before the improvement item starts (\(start))"),
                                 range: v.$due.range,
                                 hint: Localized(zh: v.start == nil ? "不写 --start 时，改进事项自演练次日开始" : "--due 应不早于 --start",
                                                 en: v.start == nil ? "without --start an item starts the day after the session" : "--due cannot be before --start"),
                                 kind: .usage)
            }
        }
        if !run.busy { run.record(DrillRun.commandText(inv), session: session) }
        run.engine.note(DrillNote(at: run.clock.now(), kind: kind, text: v.text, owner: v.owner, due: v.due, start: v.start,
                                  objective: v.objective, cause: v.cause, author: session.actor.name, about: v.about,
                                  action: v.action))
        return CommandOutput(Localized(zh: "已记录（\(run.offset(run.clock.now()))）。", en: "Noted (\(run.offset(run.clock.now())))."))
    }

    /// `drill inject COMMAND`: exercise control injects something the script did not plan, as control (it earns no
    /// trainee points); `@label` names what it creates, so the script's own labels are undisturbed.
    static func inject(_ words: WordList, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try active(session, inv)
        var text = words.words.map { w in w.quoted || w.text.contains(" ") ? Recorder.quote(w.text) : w.text }.joined(separator: " ")
        if let block = inv.textBlock {
            var delim = "END"
            while block.split(separator: "\n").contains(where: { $0 == delim }) { delim += "_" }
            text += " <<\(delim)\n\(block)\n\(delim)"
        }
        let src = DrillLoading.Source(path: "<inject>", text: text, lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        var errors: [ShellError] = []
        guard let line = DrillLoading.drillLines(src, errors: &errors).first, errors.isEmpty else {
            throw errors.first ?? ShellError(zh: "缺少要注入的命令", en: "a command to inject is missing", range: inv.verbRange, kind: .usage)
        }
        let command: DrillCommand
        do throws(DrillError) { command = try DrillParser.command(line) } catch {
            throw ShellError(error.message, range: inv.verbRange, hint: error.hint, kind: .usage)
        }
        if let l = command.label, run.engine.labels[l] != nil || run.script.labels.contains(l) {
            throw ShellError(Localized(zh: "标签 @\(l) 已被使用", en: "label @\(l) is taken"), range: inv.verbRange, kind: .usage)
        }
        DrillLoading.check([command], file: "<inject>", entries: ShellVerbs.entriesInUse(session),
                           labels: run.engine.labels, errors: &errors)
        if let e = errors.first { throw e }
        if !run.busy { run.record(DrillRun.commandText(inv), session: session) }
        let wasBusy = run.busy
        run.busy = true
        defer { run.busy = wasBusy }
        let now = run.clock.now()
        let words = DrillCommandWords.describe(command, run.ws, labels: run.engine.labels)
        run.say(session, Localized(zh: "[\(run.offset(now)) 临时注入] \(words.zh)", en: "[\(run.offset(now)) ad hoc inject] \(words.en)"))
        let (failed, events) = run.runAsControl(command, file: "<inject>", session: session)
        run.engine.injectRan(command, origin: .adHoc, at: now, actor: run.script.header.control.name, failed: failed,
                             events: events, words: words)
        if failed {
            return CommandOutput(Localized(zh: "临时注入执行失败（已记入时间线）。", en: "The ad hoc inject failed (it is in the timeline)."))
        }
        return .empty
    }

    static func end(log: ArgumentRef, report: ArgumentRef, lang: Language, _ inv: Invocation,
                    _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try active(session, inv)
        _ = try reportTarget(report)
        let o = run.finish(session: session)
        run.restore(session)
        return try finished(run, o, log: log, report: report, lang: lang)
    }

    /// A refused command leaves a denial in the log (brief section 7). Drill logs keep it as `drill denied`, so a
    /// replay writes the same event: the command itself may not even parse the same way again.
    /// Logs written before denials kept both languages and their operator have neither (`hasZH` false, `by` nil).
    static func denied(verb: String, subject: String, reason: Localized, hasZH: Bool, by: Operator?, _ inv: Invocation,
                       _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try active(session, inv)
        let now = run.clock.now()
        try run.ws.storeCall {
            try run.ws.store.write { tx in
                try tx.append(NewEvent(caseID: nil, subject: EntityID(parsing: subject), actor: session.actor, effective: now,
                                       recorded: now, body: .denied(verb: verb, reason: reason.en, reasonZH: hasZH ? reason.zh : nil),
                                       recordedBy: by), expectedVersion: nil)
            }
        }
        return .empty
    }
}
