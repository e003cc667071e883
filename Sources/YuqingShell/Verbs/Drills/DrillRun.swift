import YuqingCore
import YuqingStore

/// The drill clock: simulated time that the drill moves (auto, stepped) or that runs at a speed factor from the
/// moment the drill started (live). While a command or an inject runs, the clock is pinned to one instant, so all
/// its events carry that time: an inject fires at its scheduled time even when the process reaches it a moment
/// later, and a live session replays to the same log.
///
/// `@unchecked Sendable`: `Clock` is `Sendable` because the shell's clocks may be read anywhere, but a drill clock is
/// read and moved only by the session that runs the drill, on its one thread (the REPL's idle hook runs there too).
final class DrillClock: YuqingCore.Clock, @unchecked Sendable {
    let epoch: Instant
    private var simulated: Instant
    /// Live: the wall clock; from the wall time `wallBase` on, the drill runs `speed` times faster from `base`
    /// (the start, or where the controller last paused or changed the speed).
    let wall: (any YuqingCore.Clock)?
    private(set) var speed: Int64
    /// The speed the session started at (the log's `# speed:`); `speed` is the one it runs at now.
    let initialSpeed: Int64
    private(set) var base: Instant
    private(set) var wallBase: Instant
    /// Live, paused by exercise control (`drill pause`): the drill time stands at `base`.
    private(set) var paused = false
    private(set) var pinned: Instant?
    private var depth = 0

    init(epoch: Instant) {
        self.epoch = epoch
        simulated = epoch
        wall = nil
        speed = 1
        initialSpeed = 1
        base = epoch
        wallBase = epoch
    }

    init(epoch: Instant, wall: any YuqingCore.Clock, speed: Int64) {
        self.epoch = epoch
        simulated = epoch
        self.wall = wall
        self.speed = max(1, speed)
        initialSpeed = max(1, speed)
        base = epoch
        wallBase = wall.now()
    }

    var isLive: Bool { wall != nil }

    /// The latest live drill time read: a wall clock set back by hand (or by a time service) must not take the drill
    /// back with it — an action would be stamped before an inject, or a deadline, that had already gone off.
    private var latest: Instant?

    /// The drill time ignoring a pin.
    var running: Instant {
        guard let wall else { return simulated }
        guard !paused else { return base }
        let t = max(base.adding(seconds: max(0, wall.now().seconds - wallBase.seconds) * speed), latest ?? base)
        latest = t
        return t
    }

    /// Stops a live clock where it is (`drill pause`).
    func pause() {
        guard wall != nil, !paused else { return }
        base = running
        paused = true
    }

    /// Lets a paused live clock run on from where it stood (`drill resume`): the pause takes no drill time.
    func resume() {
        guard let wall, paused else { return }
        wallBase = wall.now()
        paused = false
    }

    /// Runs on `n` times faster than the wall clock from now (`drill speed N`).
    func setSpeed(_ n: Int64) {
        guard let wall else { return }
        base = running
        wallBase = wall.now()
        speed = max(1, n)
    }

    func now() -> Instant { pinned ?? running }

    /// Moves a simulated clock (auto, stepped); a live clock runs by itself.
    func set(_ t: Instant) { if wall == nil { simulated = t } }

    /// Holds the clock at `t` until the matching `unpin` (nested pins keep the outer instant).
    func pin(_ t: Instant) {
        if depth == 0 { pinned = t }
        depth += 1
    }

    func unpin() {
        depth = max(0, depth - 1)
        if depth == 0 { pinned = nil }
    }
}

/// What `drill run` changes in the session and gives back afterwards: the drill never touches the real cases.
struct SavedSession {
    var workspace: Workspace?
    var domain: (any SessionDomain)?
    var clock: any YuqingCore.Clock
    var wallClock: any YuqingCore.Clock
    var actor: Actor
    var variables: [String: String]
    var scriptScope: ((any OutputSink, (any OutputSink) -> RunResult) -> RunResult)?
    var afterCommand: ((Invocation, CommandOutput) -> Void)?
    var transaction: ((() throws(ShellError) -> CommandOutput) throws(ShellError) -> CommandOutput)?
    var authorize: ((Invocation) throws(ShellError) -> Void)?
    var handOff: ((Invocation) throws(ShellError) -> CommandOutput?)?
    var operatorName: String?

    init(_ s: Session) {
        workspace = s.service(Workspace.self)
        domain = s.domain
        clock = s.clock
        wallClock = s.wallClock
        actor = s.actor
        variables = s.variables
        scriptScope = s.scriptScope
        afterCommand = s.afterCommand
        transaction = s.transaction
        authorize = s.authorize
        handOff = s.handOff
        operatorName = s.operatorName
    }

    func restore(_ s: Session) {
        if let workspace { s.register(workspace) } else { s.unregister(Workspace.self) }
        s.domain = domain
        s.clock = clock
        s.actor = actor
        s.variables = variables
        s.scriptScope = scriptScope
        s.afterCommand = afterCommand
        s.transaction = transaction
        s.authorize = authorize
        s.handOff = handOff
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

/// One drill run: its own workspace (a memory store), its clock, the engine, the roster's rules at the prompt,
/// and the log of what the trainees and the controller did (for `drill replay`, and for a terminal that joins).
/// Used by one thread at a time, like the session: not `Sendable`.
final class DrillRun {
    enum Mode: String { case auto, stepped, live }

    let loaded: DrillLoading.Loaded
    var script: DrillScript { loaded.script }
    var source: DrillLoading.Source { loaded.main }
    let scriptHash: String
    let mode: Mode
    let ws: Workspace
    let clock: DrillClock
    var engine: DrillEngine
    var seenSeq: Int64 = 0
    /// The drill log's action lines: `at +HH:MM[:SS] COMMAND`.
    var log: [String] = []
    var loggedActor: Actor?
    /// Set while the drill itself runs commands: hooks leave them alone.
    var busy = false
    /// The trainee whose terminal this is, when following a session: private injects for others stay hidden.
    var viewer: Trainee? { follower?.trainee }
    /// Journal lines the follower's idle hook found, for `drill sync` to play.
    var pendingLines: [String] = []
    var saved: SavedSession?
    var outcome: DrillOutcome?
    var logPath: String?
    var actionsPath: String?
    /// Who ran `drill run` (the trainer at the keyboard): exercise staff, never scored.
    var trainer: Actor
    /// The real (wall) time the session started and ended, and where it took place: the report's facts.
    var realStart: Instant
    var realEnd: Instant?
    var place: String?
    /// A replay re-creates a session: it is not kept in the history and writes no journal.
    var isReplay = false
    /// The session's number in the real store (`drill history`), for stepped and live sessions.
    var sessionNumber: Int?
    var journal: DrillJournal?
    /// The session's own workspace (the real store), where the history and the journal go.
    var realWorkspace: Workspace?
    /// A replay reports the mode the session was played in, not its own.
    var reportedMode: DrillMode?
    /// The controller of a live session with a journal: serves the trainees who joined from their terminals.
    var server: DrillServer?
    /// A trainee's terminal following a session played elsewhere (`drill join`).
    var follower: DrillFollower?
    /// The command a follower hands to the controller instead of running it (set by the rules at the prompt).
    private var remote: Invocation?

    init(loaded: DrillLoading.Loaded, mode: Mode, ws: Workspace, clock: DrillClock, actions: [DrillAction],
         trainer: Actor, realStart: Instant) {
        self.loaded = loaded
        self.scriptHash = loaded.main.sha256
        self.mode = mode
        self.ws = ws
        self.clock = clock
        self.engine = DrillEngine(script: loaded.script, actions: actions)
        self.trainer = trainer
        self.realStart = realStart
    }

    var epoch: Instant { script.header.epoch }
    /// A live drill ticks when an inject falls due and keeps its clock in the prompt current; the others wait for
    /// commands.
    func idleWork() -> IdleWork {
        guard isActive, !busy else { return .refreshPrompt }
        if let f = follower {
            // A trainee's terminal: the journal lines that came in, played by `drill sync`.
            let lines = f.newLines()
            guard !lines.isEmpty else { return .refreshPrompt }
            pendingLines += lines
            return .run("drill sync")
        }
        guard mode == .live else { return .none }
        if server?.hasRequests() == true { return .run("drill serve") }
        guard let next = engine.nextTime(), next <= clock.running else { return .refreshPrompt }
        return .run("drill tick")
    }

    /// `drill +01:20` in the prompt while the drill runs; a trainee's terminal shows the controller's clock as far
    /// as it can tell between the journal's lines.
    func promptPart(_ language: Language) -> String {
        let now = follower.map { f in max(clock.now(), f.estimate(wall: saved?.wallClock.now() ?? clock.now())) } ?? clock.now()
        return (language == .zh ? "演练 " : "drill ") + offset(now)
    }
    var isActive: Bool { outcome == nil }
    func offset(_ t: Instant) -> String { DrillTimes.offsetText(t - epoch) }

    var modeFacts: DrillMode {
        if let m = reportedMode { return m }
        return switch mode {
        case .auto: .auto
        case .stepped: .stepped
        case .live: .live(speed: Int(clock.initialSpeed),
                          changes: DrillSpeedChange.from(paces: DrillResults.paces(log), start: Int(clock.initialSpeed)))
        }
    }

    // MARK: the roster

    /// Everyone `as` can name in this drill (trainees, exercise control, evaluators), for completion.
    var rosterNames: [String] {
        let h = script.header
        return h.trainees.map(\.name) + [h.control.name] + h.evaluators.map(\.name)
    }

    /// The part a member of the exercise staff plays in this drill, for `as`: the trainer at the keyboard (whatever
    /// their role in the real store) runs exercise control; an evaluator evaluates. nil for a trainee (the roster's
    /// role and department say it) and for exercise control's own actor (it acts with its declared role).
    func drillPart(of a: Actor) -> Localized? {
        let h = script.header
        guard h.trainee(named: a.name) == nil, a.name != h.control.name else { return nil }
        if h.evaluators.contains(where: { $0.name == a.name }) { return Localized(zh: "评估员", en: "evaluator") }
        if a.name == trainer.name { return Localized(zh: "培训师，演练导调", en: "trainer, exercise control") }
        return nil
    }

    /// A trainee on the roster (scored, and kept from the controller's verbs). Without a roster nobody is.
    func isTrainee(_ a: Actor) -> Bool { script.header.trainee(named: a.name) != nil }

    /// The trainee the session acts as, if any.
    func trainee(_ session: Session) -> Trainee? { script.header.trainee(named: session.actor.name) }

    /// Who `as NAME` may become inside a drill: a trainee (with the role and department the script declares), exercise
    /// control, an evaluator, or the trainer (`as me`). A department stands for its only trainee.
    func resolve(_ name: String, role: Role?, dept: String?, session: Session) throws(ShellError) -> Actor? {
        let h = script.header
        // The trainer is staff: `as me`; a log's `as 王敏 --role … --dept …` line keeps the role and department the
        // trainer had, so a replay by someone else records the same actor.
        if ["me", "本人"].contains(name) { return trainer }
        if name == trainer.name {
            return Actor(name: trainer.name, role: role ?? trainer.role,
                         dept: dept.flatMap { try? session.domain?.departmentCode($0) } ?? dept ?? trainer.dept)
        }
        if name == h.control.name { return h.control }
        if h.evaluators.contains(where: { $0.name == name }) { return Actor(name: name, role: .trainer, dept: nil) }
        var found = h.trainee(named: name)
        if found == nil, let code = try? session.domain?.departmentCode(name) {
            let of = h.trainees.filter { $0.dept == code }
            if of.count == 1 { found = of[0] }
        }
        if let t = found {
            let wantedDept = dept.flatMap { try? session.domain?.departmentCode($0) } ?? dept
            if (role != nil && role != t.role) || (wantedDept != nil && wantedDept != t.dept) {
                throw ShellError(Localized(
                    zh: "演练名单中 \(t.name) 是\(t.dept.map { ws.deptName($0, .zh) } ?? "")\(t.role.name.zh)，不能改变角色或部门",
                    en: "the roster has \(t.name) as a \(t.role.name.en)\(t.dept.map { " of " + ws.deptName($0, .en) } ?? ""); the role and department cannot be changed"),
                    hint: Localized(zh: "直接写 as \(t.name)", en: "just write `as \(t.name)`"), kind: .denied)
            }
            return t.actor
        }
        guard !h.trainees.isEmpty else { return nil }
        let names = h.trainees.map(\.name) + [h.control.name] + h.evaluators.map(\.name)
        throw ShellError(Localized(zh: "演练名单中没有“\(name)”", en: "“\(name)” is not on the drill's roster"),
                         hint: Localized(zh: "名单：" + names.joined(separator: "、") + "；as me 回到导调",
                                         en: "the roster: " + names.joined(separator: ", ") + "; `as me` returns to the trainer"),
                         kind: .denied)
    }

    // MARK: session

    /// Swaps the session onto the drill: its workspace, clock, hooks and rules. The trainer keeps acting until a
    /// trainee takes the keyboard (`as 李敏`).
    func install(in session: Session) throws(ShellError) {
        saved = SavedSession(session)
        ws.drill = self
        try StoreConfigurator.install(ws, in: session)
        // The drill's operator is its trainer (`Workspace.operatorContext`); at the prompt the trainer keeps acting
        // as who they were (the installation set the operator's own person).
        session.actor = trainer
        session.clock = clock
        let previousAfter = session.afterCommand
        session.afterCommand = { [unowned self] inv, out in
            previousAfter?(inv, out)
            self.afterCommand(inv, session)
        }
        let previousAuthorize = session.authorize
        session.authorize = { [unowned self] inv throws(ShellError) in
            try previousAuthorize?(inv)
            try self.authorize(inv, session)
        }
        session.handOff = { [unowned self] _ throws(ShellError) in
            guard let inv = self.remote, let f = self.follower else { return nil }
            // A trainee's terminal: the command runs at exercise control's, in order, and comes back as lines.
            self.remote = nil
            if let refusal = try f.submit(DrillRun.commandText(inv), run: self, session: session) { throw refusal }
            return .empty
        }
        let previousTx = session.transaction
        session.transaction = { [unowned self] body throws(ShellError) in
            let before = self.lastSeq()
            do throws(ShellError) {
                if let previousTx { return try previousTx(body) }
                return try body()
            } catch {
                // A refused command leaves its denial in the log: keep it, so a replay writes the same event.
                // Once: a command refused inside `run FILE` / `source FILE` fails the `run` too, and its denial was
                // logged twice — a replay then wrote two denials where the session had one, and failed to verify.
                let from = max(before, self.deniedThrough)
                if !self.busy, self.mode != .auto, self.isActive, self.lastSeq() > from {
                    self.recordDenials(after: from, session: session)
                    self.deniedThrough = self.lastSeq()
                    self.observeNew(control: false)
                }
                if !self.busy, self.clock.pinned != nil { self.clock.unpin() }
                throw error
            }
        }
    }

    func restore(_ session: Session) {
        saved?.restore(session)
        saved = nil
    }

    func lastSeq() -> Int64 { (try? ws.read { try $0.lastSeq() }) ?? 0 }
    /// The drill store's events up to here have had their denials copied into the drill log.
    private var deniedThrough: Int64 = 0

    // MARK: the rules at the prompt

    /// The drill's rules for what is typed at the prompt (the drill's own commands run `busy` and are not checked):
    /// time is the drill's (no `--at`, no `clock set|advance|real`); the controller's verbs are not a trainee's;
    /// trainees change no rules. In live mode everything due runs first and the clock is pinned for the command;
    /// in stepped mode a trainee's command that changes something takes a `step` of drill time: the clock moves on
    /// by the step (what falls due runs) and the command happens at the end of it, so no two actions share an
    /// instant.
    func authorize(_ inv: Invocation, _ session: Session) throws(ShellError) {
        guard !busy, isActive else { return }
        let spec = inv.spec
        if let f = follower {
            try authorizeFollowing(inv, f)
            return
        }
        if let at = inv.at {
            throw refuse(inv, session, Localized(zh: "演练中不能用 --at：演练的时间就是演练时钟，操作记在此刻",
                                                 en: "--at is not allowed in a drill: a drill's time is its clock, and an action happens now"),
                         range: at.range)
        }
        if spec.rootName == "clock", spec.parent != nil {
            throw refuse(inv, session, Localized(zh: "演练中不能改动时钟：由导调用 drill next 或 drill advance 推进",
                                                 en: "the clock cannot be changed in a drill: exercise control moves it with `drill next` or `drill advance`"))
        }
        let trainee = trainee(session)
        if let t = trainee {
            if spec.rootName == "drill", DrillCommands.controllerVerbs.contains(spec.name) {
                throw refuse(inv, session, Localized(zh: "学员（\(t.name)）不能执行 \(spec.fullName)：这是导调和评估人员的操作",
                                                     en: "a trainee (\(t.name)) may not run `\(spec.fullName)`: it is for exercise control and evaluators"),
                             hint: Localized(zh: "导调先 as me 回到本人身份", en: "the trainer first returns with `as me`"))
            }
            if spec.mutates, [.admin, .rules].contains(spec.group) {
                throw refuse(inv, session, Localized(zh: "学员不能在演练中改动名录、制度或日历（\(spec.fullName)）",
                                                     en: "trainees may not change the directory, the rules or the calendar in a drill (`\(spec.fullName)`)"))
            }
        }
        // A desk's request is checked by the rules above first (so a trainee's `--at`, `clock set` or `drill end`
        // from a joined terminal is logged as a denial like one typed here), then limited to cases and meetings.
        if server?.serving == true, !DrillDesks.remotable(spec) {
            throw refuse(inv, session, Localized(zh: "终端学员只能提交办理案件和会商的命令（\(spec.fullName) 不行）",
                                                 en: "a trainee's terminal may only hand in commands on cases and meetings (not `\(spec.fullName)`)"))
        }
        switch mode {
        case .live:
            let t = clock.running
            process(upTo: t, session: session)
            clock.pin(t)
        case .stepped:
            if trainee != nil, spec.mutates {
                process(upTo: clock.now().adding(script.header.step), session: session)
            }
        case .auto:
            break
        }
    }

    /// At a trainee's terminal: the identity is the trainee's, time is the controller's; what changes the drill is
    /// handed over (`remote`), what only reads runs here on this desk's copy.
    private func authorizeFollowing(_ inv: Invocation, _ f: DrillFollower) throws(ShellError) {
        let spec = inv.spec
        // Moving time and exercise control's verbs are refused by exercise control, which logs the denial in the
        // drill's record: refused here, a joined desk's attempts (`claim C1 --at …`, `clock set`, `drill end`)
        // left no trace in the log or the report.
        if inv.at != nil || (spec.rootName == "clock" && spec.parent != nil)
            || (spec.rootName == "drill" && DrillCommands.controllerVerbs.contains(spec.name)) {
            remote = inv
            return
        }
        if spec.name == "as" {
            throw ShellError(Localized(zh: "本终端以 \(f.trainee.name) 的身份加入演练，不能切换身份",
                                       en: "this terminal joined the drill as \(f.trainee.name); the identity cannot change"),
                             range: inv.verbRange, hint: Localized(zh: "drill leave 退出演练", en: "`drill leave` leaves the drill"),
                             kind: .denied)
        }
        if spec.rootName == "drill" {
            guard !["run", "replay"].contains(spec.name) else {
                throw ShellError(Localized(zh: "学员（\(f.trainee.name)）不能执行 \(spec.fullName)：这是导调和评估人员的操作",
                                           en: "a trainee (\(f.trainee.name)) may not run `\(spec.fullName)`: it is for exercise control and evaluators"),
                                 range: inv.verbRange, kind: .denied)
            }
            return
        }
        if spec.mutates {
            guard DrillDesks.remotable(spec) else {
                throw ShellError(Localized(zh: "加入演练的终端只能办理案件和会商（\(spec.fullName) 不行）",
                                           en: "a terminal that joined a drill may only act on cases and meetings (not `\(spec.fullName)`)"),
                                 range: inv.verbRange, kind: .denied)
            }
            remote = inv
        }
    }

    /// A refusal of the drill's own rules, logged like every denial of the permission table (`Workspace.logDenial`:
    /// operator, verb, reason in both languages); the drill's transaction hook copies it into the drill log.
    func refuse(_ inv: Invocation, _ session: Session, _ reason: Localized, range: SourceRange? = nil,
                hint: Localized? = nil) -> ShellError {
        do throws(ShellError) {
            try ws.logDenial(session, verb: inv.verbName, caseID: inv.caseArgument?.id, reason: reason, at: clock.now())
        } catch {
            return error
        }
        return ShellError(reason, range: range ?? inv.verbRange, hint: hint, kind: .denied)
    }

    // MARK: the log

    /// Appends an action line (with an `as` line first when the actor changed) at the clock's time.
    func record(_ command: String, session: Session) {
        let at = offset(clock.now())
        if loggedActor != session.actor {
            appendLog("at \(at) \(Recorder.asLine(session.actor))")
            loggedActor = session.actor
        }
        appendLog("at \(at) \(command)")
    }

    func appendLog(_ line: String) {
        log.append(line)
        journal?.append(line)
    }

    func recordDenials(after seq: Int64, session: Session) {
        let events = (try? ws.read { r in try r.events(from: seq + 1, limit: 1000) }) ?? []
        for e in events {
            guard case .denied(let verb, let reason, let zh) = e.body else { continue }
            var line = "drill denied \(Recorder.quote(verb)) \(e.subject?.description ?? "-") \(Recorder.quote(reason))"
            if let zh { line += " --zh \(Recorder.quote(zh))" }
            if let by = e.recordedBy {
                line += " --operator \(Recorder.quote(by.login))"
                if let name = by.name { line += " --operator-name \(Recorder.quote(name))" }
            }
            record(line, session: session)
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

    /// After each command at the prompt in stepped and live drills: log it, show the engine its events, and run
    /// whatever fell due (contingencies of what was just done).
    func afterCommand(_ inv: Invocation, _ session: Session) {
        guard !busy else { return }
        defer { if clock.pinned != nil { clock.unpin() } }
        guard isActive else { return }
        let root = inv.spec.rootName
        guard root != "drill" else { return }
        if mode != .auto && inv.spec.mutates && root != "clock" {
            record(DrillRun.commandText(inv), session: session)
        }
        observeNew(control: false)
        process(upTo: clock.now(), session: session)
    }

    // MARK: running

    func observeNew(control: Bool) {
        let events = (try? ws.read { r in try r.events(from: seenSeq + 1, limit: 1_000_000) }) ?? []
        if let last = events.last { seenSeq = last.seq }
        // Names only make the timeline read better: a directory that cannot be read leaves department codes.
        engine.eventText = (try? ws.directory()).map(EventText.init) ?? EventText()
        engine.observe(events, control: control, now: clock.now())
    }

    func say(_ session: Session, _ text: Localized) {
        // Folded to the terminal's width like every sentence (unchanged in a script or a pipe); an inject's command
        // (`[+00:20 注入] collect …`) hangs under the command, not under its time.
        guard let sink = session.runContext?.sink else { return }
        // An inject's command comes from the drill file as written: control and bidi characters in it are shown
        // escaped, in a pipe too (only a terminal's sink escaped them, so `… | tee log` kept them raw).
        let text = Localized(zh: TerminalText.escape(text.zh), en: TerminalText.escape(text.en))
        let line = session.say(text)
        guard let width = sink.terminalWidth, line.hasPrefix("["), !line.contains("\n"), line.contains("] ") else {
            return session.notice(text)
        }
        sink.out(SentenceWrap.chatLine(line, width: width) + "\n")
    }

    /// Runs everything due up to `t` in order, each at its own time, then leaves a simulated clock at `t`.
    func process(upTo t: Instant, session: Session) {
        let wasBusy = busy
        busy = true
        defer { busy = wasBusy }
        observeNew(control: false)
        while let a = engine.pop(upTo: t) {
            clock.set(a.at)
            clock.pin(a.at)
            execute(a, session: session)
            clock.unpin()
        }
        if clock.now() < t { clock.set(t) }
    }

    /// Runs a command of the drill (an inject) as exercise control, its labels resolved; returns whether it failed
    /// and the events it recorded.
    @discardableResult
    func runAsControl(_ command: DrillCommand, file: String, session: Session) -> (failed: Bool, events: [Event]) {
        guard let ctx = session.runContext else { return (true, []) }
        let actor = session.actor
        session.actor = script.header.control
        let last = session.variables["last"]
        session.variables["last"] = nil
        let r = ctx.interpreter.run(source: DrillLoading.padded(command, labels: engine.labels), file: command.file ?? file,
                                    session: session, keepGoing: false, output: ctx.sink)
        session.actor = actor
        let firstNew = seenSeq + 1
        observeNew(control: true)
        let events = (try? ws.read { try $0.events(from: firstNew, limit: 1000) }) ?? []
        if let label = command.label, r.failures == 0 {
            let created = session.variables["last"].flatMap(EntityID.init(parsing:))
            if let id = created ?? events.first(where: { $0.caseID != nil })?.caseID {
                engine.bind(label: label, to: id, now: clock.now())
            }
        }
        if session.variables["last"] == nil { session.variables["last"] = last }
        return (r.failures > 0, events)
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
            case .adHoc: Localized(zh: "临时注入", en: "ad hoc inject")
            }
            let to = command.audience.isEmpty ? Localized("")
                : Localized(zh: " → " + command.audience.map { ws.deptName($0, .zh) }.joined(separator: "、"),
                            en: " → " + command.audience.map { ws.deptName($0, .en) }.joined(separator: ", "))
            // The log records the drill time of every inject (replay ignores the line; a trainee's terminal takes it
            // as the controller's word that everything up to then has run).
            appendLog("# fired: \(offset(a.at)) \(command.display.replacingOccurrences(of: "\n", with: " "))")
            // A trainee's terminal shows a private inject only to its addressees.
            let hidden = viewer.map { t in !command.audience.isEmpty && !command.audience.contains { DrillAudience.includes($0, t) } } ?? false
            let words = DrillCommandWords.describe(command, ws, labels: engine.labels)
            let (failed, events) = DrillCommands.quietlyIf(hidden, session) { () -> (Bool, [Event]) in
                say(session, Localized(zh: "[\(offset(a.at)) \(label.zh)\(to.zh)] \(words.zh)",
                                       en: "[\(offset(a.at)) \(label.en)\(to.en)] \(words.en)"))
                return runAsControl(command, file: source.path, session: session)
            }
            engine.injectRan(command, origin: origin, at: a.at, actor: script.header.control.name, failed: failed,
                             events: events, words: words)
        case .action(let command):
            log.append("at \(offset(a.at)) \(command.text)")
            // At a trainee's terminal: another's action is headed with who did it, one's own is not; identity
            // switches and the controller's own commands (notes, ad hoc injects) are not shown.
            let quiet = viewer != nil && (["as", "身份", "drill", "演练"].contains(command.verb))
            let mine = viewer?.name == session.actor.name
            DrillCommands.quietlyIf(quiet, session) {
                if !mine {
                    say(session, Localized(zh: "[\(offset(a.at)) 学员 \(session.actor.name)] \(command.summary)",
                                           en: "[\(offset(a.at)) trainee \(session.actor.name)] \(command.summary)"))
                }
                let sink = session.runContext?.sink ?? ctx.sink
                _ = ctx.interpreter.run(source: DrillLoading.padded(command, labels: engine.labels),
                                        file: actionsPath ?? "<actions>", session: session, keepGoing: true, output: sink)
            }
            observeNew(control: false)
        case .opens(let id):
            engine.windowOpens(id, now: a.at)
        case .deadline(let id):
            engine.deadlinePassed(id, now: a.at)
            if let x = script.expectation(id), trainee(session) == nil || mode == .auto {
                say(session, Localized(zh: "[\(offset(a.at)) 时限] \(id) \(x.action.title.zh) \(engine.subjectText(x)) 未按时完成",
                                       en: "[\(offset(a.at)) deadline] \(id) \(x.action.title.en) \(engine.subjectText(x)) is not done in time"))
            }
        }
    }

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
        clock.set(end)
    }

    /// Ends the drill at the clock's time: an opened window not done is missed; scores and the report are fixed.
    func finish(session: Session) -> DrillOutcome {
        if let o = outcome { return o }
        let end = clock.now()
        process(upTo: end, session: session)
        engine.finish(at: end)
        if realEnd == nil { realEnd = max(realStart, saved?.clock.now() ?? realStart) }
        let o = DrillResults.outcome(self, engine: engine, end: end)
        outcome = o
        return o
    }
}
