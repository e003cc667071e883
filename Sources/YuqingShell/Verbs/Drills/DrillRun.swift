import YuqingCore
import YuqingStore

/// The clock of `drill run --live --speed N`: simulated time runs N times faster than the wall clock.
final class LiveClock: YuqingCore.Clock {
    let start: Instant
    let realStart: Instant
    let speed: Int64
    init(start: Instant, speed: Int64) {
        self.start = start
        self.realStart = SystemClock().now()
        self.speed = max(1, speed)
    }
    func now() -> Instant { start.adding(seconds: (SystemClock().now().seconds - realStart.seconds) * speed) }
}

/// What `drill run` changes in the session and gives back afterwards: the drill never touches the real cases.
struct SavedSession {
    var workspace: Workspace?
    var clock: any YuqingCore.Clock
    var actor: Actor
    var variables: [String: String]
    var workdayResolver: ((Instant, Int) throws(ShellError) -> Instant)?
    var validateDepartment: ((String) throws(ShellError) -> String)?
    var departmentName: ((String) -> String?)?
    var promptContext: () -> String?
    var completionProvider: (CompletionSlot) -> [String]
    var startupBoard: (() -> [String])?
    var scriptScope: ((any OutputSink, (any OutputSink) -> RunResult) -> RunResult)?
    var afterCommand: ((Invocation, CommandOutput) -> Void)?
    var transaction: ((() throws(ShellError) -> CommandOutput) throws(ShellError) -> CommandOutput)?
    var authorize: ((Invocation) throws(ShellError) -> Void)?
    var operatorName: String?

    init(_ s: Session) {
        workspace = s.service(Workspace.self)
        clock = s.clock
        actor = s.actor
        variables = s.variables
        workdayResolver = s.workdayResolver
        validateDepartment = s.validateDepartment
        departmentName = s.departmentName
        promptContext = s.promptContext
        completionProvider = s.completionProvider
        startupBoard = s.startupBoard
        scriptScope = s.scriptScope
        afterCommand = s.afterCommand
        transaction = s.transaction
        authorize = s.authorize
        operatorName = s.operatorName
    }

    func restore(_ s: Session) {
        if let workspace { s.register(workspace) } else { s.services.removeValue(forKey: String(describing: Workspace.self)) }
        s.clock = clock
        s.actor = actor
        s.variables = variables
        s.workdayResolver = workdayResolver
        s.validateDepartment = validateDepartment
        s.departmentName = departmentName
        s.promptContext = promptContext
        s.completionProvider = completionProvider
        s.startupBoard = startupBoard
        s.scriptScope = scriptScope
        s.afterCommand = afterCommand
        s.transaction = transaction
        s.authorize = authorize
        s.operatorName = operatorName
    }
}

/// The results of a finished drill.
struct DrillOutcome {
    var score: DrillScore
    var stateHash: String
    var end: Instant
    var input: DrillReportInput
}

/// One drill run: its own workspace (a memory store), its clock, the engine, and the log of what the trainees did
/// (for `drill replay`). Used by one thread at a time, like the session.
final class DrillRun: @unchecked Sendable {
    enum Mode: String { case auto, stepped, live }

    let script: DrillScript
    let source: DrillLoading.Source
    let scriptHash: String
    let mode: Mode
    let ws: Workspace
    let clock: any YuqingCore.Clock
    var engine: DrillEngine
    var seenSeq: Int64 = 0
    /// Trainee actions as `at +HH:MM:SS COMMAND` lines.
    var log: [String] = []
    var loggedActor: Actor?
    /// Set while the drill itself runs commands: hooks leave them alone.
    var busy = false
    var saved: SavedSession?
    var outcome: DrillOutcome?
    var logPath: String?

    init(script: DrillScript, source: DrillLoading.Source, mode: Mode, ws: Workspace, clock: any YuqingCore.Clock,
         actions: [DrillAction]) {
        self.script = script
        self.source = source
        self.scriptHash = SHA256Text.hex(bytes: Array(source.text.utf8))
        self.mode = mode
        self.ws = ws
        self.clock = clock
        self.engine = DrillEngine(script: script, actions: actions)
    }

    var epoch: Instant { script.header.epoch }
    var isActive: Bool { outcome == nil }
    func offset(_ t: Instant) -> String { DrillTimes.offsetText(t - epoch) }

    // MARK: session

    /// Swaps the session onto the drill: its workspace, clock, hooks and the first trainee.
    func install(in session: Session) throws(ShellError) {
        saved = SavedSession(session)
        try StoreConfigurator.install(ws, in: session)
        session.clock = clock
        if let first = script.header.trainees.first { session.actor = first.actor }
        let previousPrompt = session.promptContext
        session.promptContext = { [unowned self] in
            let p = (session.language == .zh ? "演练 " : "drill ") + self.offset(self.clock.now())
            return [p, previousPrompt()].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        }
        let previousAfter = session.afterCommand
        session.afterCommand = { [unowned self] inv, out in
            previousAfter?(inv, out)
            self.afterCommand(inv, session)
        }
        let previousTx = session.transaction
        session.transaction = { [unowned self] body throws(ShellError) in
            let before = self.lastSeq()
            do throws(ShellError) {
                if let previousTx { return try previousTx(body) }
                return try body()
            } catch {
                // A refused command leaves its denial in the log: keep it, so a replay writes the same event.
                if !self.busy, self.mode != .auto, self.isActive, self.lastSeq() > before {
                    self.recordDenials(after: before, session: session)
                }
                throw error
            }
        }
    }

    func restore(_ session: Session) {
        saved?.restore(session)
        saved = nil
    }

    func lastSeq() -> Int64 { (try? ws.read { try $0.lastSeq() }) ?? 0 }

    // MARK: the trainees' log

    func record(_ command: String, session: Session) {
        let at = offset(clock.now())
        if loggedActor != session.actor {
            log.append("at \(at) \(Recorder.asLine(session.actor))")
            loggedActor = session.actor
        }
        log.append("at \(at) \(command)")
    }

    func recordDenials(after seq: Int64, session: Session) {
        let events = (try? ws.read { r in try r.events(from: seq + 1, limit: 1000) }) ?? []
        for e in events {
            guard case .denied(let verb, let reason, _) = e.body else { continue }
            record("drill denied \(Recorder.quote(verb)) \(e.subject?.description ?? "-") \(Recorder.quote(reason))", session: session)
        }
    }

    static func commandText(_ inv: Invocation) -> String {
        var s = inv.words.map { w in w.quoted && w.text.hasPrefix("--") ? "'\(w.text)'" : Recorder.quote(w.text) }
            .joined(separator: " ")
        if let block = inv.textBlock {
            var delim = "END"
            let lines = Set(block.split(separator: "\n").map { String($0) })
            while lines.contains(delim) { delim += "_" }
            s += " <<\(delim)\n\(block)\n\(delim)"
        }
        return s
    }

    /// After each trainee command in stepped and live drills: log it, show the engine its events, and run whatever
    /// fell due (the clock may have moved with `clock advance`).
    func afterCommand(_ inv: Invocation, _ session: Session) {
        guard !busy, isActive else { return }
        if mode != .auto && inv.spec.mutates && inv.spec.rootName != "drill" && inv.spec.rootName != "clock" {
            record(DrillRun.commandText(inv), session: session)
        }
        if inv.spec.rootName == "drill" { return }
        observeNew(control: false)
        process(upTo: clock.now(), session: session)
    }

    // MARK: running

    func observeNew(control: Bool) {
        let events = (try? ws.read { r in try r.events(from: seenSeq + 1, limit: 1_000_000) }) ?? []
        if let last = events.last { seenSeq = last.seq }
        engine.observe(events, control: control, now: clock.now())
    }

    func say(_ session: Session, _ text: Localized) {
        session.runContext?.sink.out(session.say(text) + "\n")
    }

    /// Runs everything due up to `t` in order, then leaves the clock at `t` (a simulated clock only).
    func process(upTo t: Instant, session: Session) {
        let wasBusy = busy
        busy = true
        defer { busy = wasBusy }
        observeNew(control: false)
        while let a = engine.pop(upTo: t) {
            if let sim = clock as? SimulatedClock { sim.set(a.at) }
            execute(a, session: session)
        }
        if let sim = clock as? SimulatedClock, sim.now() < t { sim.set(t) }
    }

    func execute(_ a: Agendum, session: Session) {
        guard let ctx = session.runContext else { return }
        switch a.kind {
        case .inject(let command, let origin):
            let label: Localized = switch origin {
            case .scheduled: Localized(zh: "注入", en: "inject")
            case .onMiss(let id): Localized(zh: "应变注入 \(id) 未完成", en: "contingency, \(id) missed")
            case .onMet(let id): Localized(zh: "应变注入 \(id) 已完成", en: "contingency, \(id) met")
            case .chained(let id): Localized(zh: "连锁注入 \(id) 之后", en: "chained after \(id)")
            }
            say(session, Localized(zh: "[\(offset(a.at)) \(label.zh)] \(command.summary)", en: "[\(offset(a.at)) \(label.en)] \(command.summary)"))
            let trainee = session.actor
            session.actor = script.header.control
            let r = ctx.interpreter.run(source: DrillLoading.padded(command), file: source.path, session: session,
                                        keepGoing: false, output: ctx.sink)
            session.actor = trainee
            observeNew(control: true)
            engine.injectRan(command, origin: origin, at: a.at, actor: script.header.control.name, failed: r.failures > 0)
        case .action(let command):
            say(session, Localized(zh: "[\(offset(a.at)) 学员 \(session.actor.name)] \(command.summary)",
                                   en: "[\(offset(a.at)) trainee \(session.actor.name)] \(command.summary)"))
            log.append("at \(offset(a.at)) \(command.text)")
            _ = ctx.interpreter.run(source: DrillLoading.padded(command), file: actionsPath ?? "<actions>", session: session,
                                    keepGoing: true, output: ctx.sink)
            observeNew(control: false)
        case .opens(let id):
            engine.windowOpens(id, now: a.at)
        case .deadline(let id):
            engine.deadlinePassed(id, now: a.at)
            if let x = script.expectation(id) {
                say(session, Localized(zh: "[\(offset(a.at)) 时限] \(id) \(x.action.title.zh) \(x.caseID?.description ?? "") 未按时完成",
                                       en: "[\(offset(a.at)) deadline] \(id) \(x.action.title.en) \(x.caseID?.description ?? "") is not done in time"))
            }
        }
    }

    var actionsPath: String?

    /// `--auto`: jump from event to event until nothing is left (or `until`), then finish.
    func runToEnd(session: Session, until: Instant?) {
        busy = true
        defer { busy = false }
        while let t = engine.nextTime() {
            if let u = until, t > u { break }
            process(upTo: t, session: session)
        }
        var end = max(clock.now(), epoch.adding(script.header.duration ?? Span(seconds: 0)))
        if let u = until { end = u }
        if let sim = clock as? SimulatedClock { sim.set(end) }
    }

    /// Ends the drill at the clock's time: what is not done is missed; scores and the report are fixed.
    func finish(session: Session) -> DrillOutcome {
        if let o = outcome { return o }
        let end = clock.now()
        process(upTo: end, session: session)
        engine.finish(at: end)
        let o = DrillResults.outcome(self, engine: engine, end: end)
        outcome = o
        return o
    }
}
