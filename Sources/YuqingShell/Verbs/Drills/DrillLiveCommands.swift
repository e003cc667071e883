import Foundation
import YuqingCore
import YuqingStore
#if canImport(Glibc)
import Glibc
#endif

nonisolated(unsafe) private var waitInterrupted: Int32 = 0

/// The handlers of a live drill's control (`drill pause|resume|speed|wait`) and of playing it from several desks
/// (`drill join|leave`, and the hidden `drill serve|sync` the REPL runs while it waits). See `DrillDesks`.
enum DrillLiveCommands {
    static func live(_ session: Session, _ inv: Invocation) throws(ShellError) -> DrillRun {
        let run = try DrillCommands.active(session, inv)
        guard run.mode == .live, run.follower == nil else {
            throw ShellError(zh: "只有实时演练（drill run … --live）的导调端可以这样做", en: "only exercise control of a live drill (`drill run … --live`) can do this",
                             range: inv.verbRange, kind: .wrongStage)
        }
        return run
    }

    /// `# pace: +01:10 x60 2020-01-10T14:10:03` (running at ×60 from that drill time at that real time) or
    /// `# pace: +01:10 paused`: how a trainee's terminal keeps its prompt's clock with the controller's.
    static func logPace(_ run: DrillRun) {
        let c = run.clock
        let line = c.paused ? "# pace: \(run.offset(c.base)) paused"
                            : "# pace: \(run.offset(c.base)) x\(c.speed) \(DrillResults.stamp(c.wallBase))"
        run.appendLog(line)
    }

    static func pause(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try live(session, inv)
        guard !run.clock.paused else {
            throw ShellError(zh: "演练已经暂停", en: "the drill is already paused", range: inv.verbRange, kind: .wrongStage)
        }
        run.process(upTo: run.clock.running, session: session)
        run.clock.pause()
        logPace(run)
        return CommandOutput(Localized(zh: "演练暂停在 \(run.offset(run.clock.base))；drill resume 继续。",
                                       en: "The drill is paused at \(run.offset(run.clock.base)); `drill resume` goes on."))
    }

    static func resume(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try live(session, inv)
        guard run.clock.paused else {
            throw ShellError(zh: "演练没有暂停", en: "the drill is not paused", range: inv.verbRange, kind: .wrongStage)
        }
        run.clock.resume()
        logPace(run)
        return CommandOutput(Localized(zh: "演练从 \(run.offset(run.clock.base)) 继续（×\(run.clock.speed)）。",
                                       en: "The drill goes on from \(run.offset(run.clock.base)) (×\(run.clock.speed))."))
    }

    static func speed(_ n: Int, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try live(session, inv)
        run.process(upTo: run.clock.running, session: session)
        run.clock.setSpeed(Int64(n))
        logPace(run)
        return CommandOutput(Localized(zh: "演练时钟改为 ×\(n)（现在 \(run.offset(run.clock.running))）。",
                                       en: "The drill clock now runs at ×\(n) (now \(run.offset(run.clock.running)))."))
    }

    /// `drill tick`'s sibling for a session with trainees at their own terminals: runs their requests.
    static func serve(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try DrillCommands.active(session, inv)
        run.server?.serve(run, session)
        return .empty
    }

    /// What a trainee's terminal runs while it waits: the journal lines that came in.
    static func sync(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        // Typed by hand (it is hidden, but completion and `help drill` list the verbs around it), it must say why
        // there is nothing to follow rather than print nothing.
        let run = try DrillCommands.active(session, inv)
        guard run.follower != nil else {
            return CommandOutput(Localized(zh: "这个终端没有加入实时演练，没有要同步的记录（学员用 drill join 加入）",
                                           en: "this terminal has not joined a live drill: there is no journal to follow (trainees use `drill join`)"))
        }
        let lines = run.pendingLines
        run.pendingLines = []
        DrillDesks.play(lines, run: run, session: session)
        return .empty
    }

    /// `drill wait [SPAN]`: exercise control waits in real time — injects fire on time and trainees' requests are
    /// run — for SPAN of drill time, or until nothing is left and the drill's duration is over; a key (at a
    /// terminal) or Ctrl-C ends the wait early. A script commits before it and after every step, so the trainees'
    /// terminals see the journal as it grows and no write lock is held while the clock runs.
    static func wait(_ span: Span?, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let run = try live(session, inv)
        let start = run.clock.running
        let until = span.map { start.adding($0) }
        let end = run.epoch.adding(run.script.header.duration ?? Span(seconds: 0))
        var saved = sigaction()
        var handler = sigaction()
        waitInterrupted = 0
        handler.__sigaction_handler.sa_handler = { _ in waitInterrupted = 1 }
        sigemptyset(&handler.sa_mask)
        handler.sa_flags = 0
        sigaction(SIGINT, &handler, &saved)
        defer { sigaction(SIGINT, &saved, nil) }
        let terminal = isatty(0) == 1
        var why = Localized(zh: "等待结束", en: "done waiting")
        while run.isActive {
            let now = run.clock.running
            if let next = run.engine.nextTime(), next <= now { run.process(upTo: now, session: session) }
            if run.server?.hasRequests() == true { run.server?.serve(run, session) }
            session.settle?()
            session.runContext?.sink.flush()
            if let until, run.clock.running >= until { break }
            if until == nil, run.engine.nextTime() == nil, run.clock.running >= end {
                why = Localized(zh: "演练已无待发事项", en: "nothing more is scheduled")
                break
            }
            if waitInterrupted != 0 {
                why = Localized(zh: "已中断", en: "interrupted")
                break
            }
            if terminal {
                var p = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
                if poll(&p, 1, 100) > 0 {
                    var buf = [UInt8](repeating: 0, count: 256)
                    _ = read(0, &buf, buf.count)
                    why = Localized(zh: "已按键结束等待", en: "a key ended the wait")
                    break
                }
            } else {
                usleep(100_000)
            }
        }
        let now = run.clock.running
        return CommandOutput(Localized(zh: "演练时钟 \(run.offset(now))：\(why.zh)。", en: "Drill clock \(run.offset(now)): \(why.en)."))
    }

    // MARK: joining from a trainee's desk

    static func join(_ v: DrillVerbs.Join, _ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let controller = DrillController.of(session)
        if let r = controller.run, r.isActive {
            throw ShellError(zh: "本终端已有演练在进行", en: "a drill is already running on this terminal", range: inv.verbRange,
                             hint: Localized(zh: r.follower != nil ? "drill leave 退出" : "先 drill end", en: r.follower != nil ? "`drill leave` leaves it" : "`drill end` it first"),
                             kind: .wrongStage)
        }
        let real = try Workspace.of(session)
        let number: Int
        if let n = v.session { number = n } else {
            guard let current = try real.read({ try $0.meta(DrillDesks.currentKey) }).flatMap({ Int($0) }) else {
                throw ShellError(zh: "现在没有进行中的演练可以加入", en: "no drill is being played now", range: inv.verbRange,
                                 hint: Localized(zh: "导调用 drill run 脚本 --live 开始后再加入", en: "join once exercise control has started one with `drill run FILE --live`"),
                                 kind: .wrongStage)
            }
            number = current
        }
        let lines = try real.read { r -> [String] in
            let total = try DrillDesks.count(r, DrillDesks.linesKey(number))
            return total == 0 ? [] : try (1...total).map { try r.meta(DrillDesks.lineKey(number, $0)) ?? "" }
        }
        guard !lines.isEmpty else {
            throw ShellError(Localized(zh: "没有第 \(number) 场演练的记录", en: "there is no record of drill session \(number)"),
                             range: v.$session.range ?? inv.verbRange, kind: .notFound)
        }
        if lines.contains(where: { $0.hasPrefix("# report-sha256:") }) {
            throw ShellError(Localized(zh: "第 \(number) 场演练已经结束", en: "drill session \(number) is over"), range: inv.verbRange,
                             hint: Localized(zh: "drill history 查看结果", en: "`drill history` shows the results"), kind: .wrongStage)
        }
        // The header ends where play begins: an inject fired (`# fired:`) or a pause (`# pace:`) before anyone acted
        // is play, not header (a desk joining then stood at +00:00 with nothing come in).
        let header = lines.prefix { $0.hasPrefix("#") && !$0.hasPrefix("# fired:") && !$0.hasPrefix("# pace:") }
        let (d, _) = DrillLoading.directives(DrillLoading.Source(path: "<journal>", text: header.joined(separator: "\n"), lines: Array(header)))
        let path = d["script-path"].flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil } ?? d["script"] ?? ""
        let loaded = try DrillLoading.script(path, range: inv.verbRange, session: session)
        guard loaded.main.sha256 == d["script-sha256"] else {
            throw ShellError(Localized(zh: "本机的演练脚本 \(path) 与导调端的不同（SHA-256 不符）", en: "the drill script \(path) here differs from exercise control's (SHA-256 does not match)"),
                             range: inv.verbRange, kind: .data)
        }
        // Who this desk plays: the name given, else the one acting now; it must be on the roster.
        let name = v.as ?? session.actor.name
        guard let trainee = loaded.script.header.trainee(named: name) else {
            let roster = loaded.script.header.trainees.map(\.name).joined(separator: "、")
            throw ShellError(Localized(zh: "演练名单中没有“\(name)”", en: "“\(name)” is not on the drill's roster"),
                             range: v.$as.range ?? inv.verbRange,
                             hint: Localized(zh: "名单：\(roster)；drill join --as 姓名", en: "the roster: \(roster); `drill join --as NAME`"),
                             kind: .denied)
        }
        let started = d["started"].flatMap(DrillTimes.instant) ?? session.now()
        let speed = d["speed"].flatMap { Int64($0) } ?? 1
        let script = loaded.script
        let trainer = Actor(name: d["trainer"] ?? "演练导调", role: .trainer, dept: nil)
        let run = DrillRun(loaded: loaded, mode: d["mode"] == "stepped" ? .stepped : .live, ws: try DrillCommands.makeWorkspace(session),
                           clock: DrillClock(epoch: script.header.epoch), actions: [], trainer: trainer, realStart: started)
        run.isReplay = true
        run.place = d["place"]
        run.actionsPath = "<\(d["trainer"] ?? "control")>"
        run.reportedMode = d["mode"] == "stepped" ? .stepped : .live(speed: Int(speed))
        let follower = DrillFollower(real: real, number: number, trainee: trainee,
                                     pace: (script.header.epoch, d["wall"].flatMap(DrillTimes.instant) ?? started, speed,
                                            // A stepped session's clock moves only when exercise control moves it:
                                            // a desk's prompt ran on at ×1 from +00:00.
                                            d["mode"] == "stepped"))
        run.follower = follower
        controller.run = run
        try run.install(in: session)
        session.actor = trainee.actor
        // Catch up quietly with what happened before this desk joined, then say where things stand.
        follower.applied = lines.count
        try DrillCommands.quietly(true, session) { () throws(ShellError) in
            run.process(upTo: script.header.epoch, session: session)
            DrillDesks.play(Array(lines.dropFirst(header.count)), run: run, session: session)
        }
        guard run.isActive else { return .empty }
        session.actor = trainee.actor
        var out = try DrillViews.status(inv, session)
        out.messages.insert(Localized(
            zh: "已加入第 \(number) 场演练：\(script.header.title)，身份 \(trainee.name)（\(trainee.role.name.zh)\(trainee.dept.map { "，" + run.ws.deptName($0, .zh) } ?? "")）。注入和其他学员的操作将即时显示；你的操作由导调端按顺序执行。drill leave 退出。",
            en: "Joined drill session \(number): \(script.header.title), as \(trainee.name) (\(trainee.role.name.en)\(trainee.dept.map { ", " + run.ws.deptName($0, .en) } ?? "")). Injects and the other trainees' actions appear as they happen; your actions are run by exercise control, in order. `drill leave` leaves."),
            at: 0)
        return out
    }

    static func leave(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        let controller = DrillController.of(session)
        guard let run = controller.run, run.isActive, run.follower != nil else {
            throw ShellError(zh: "本终端没有加入演练", en: "this terminal has not joined a drill", range: inv.verbRange, kind: .wrongStage)
        }
        run.restore(session)
        controller.run = nil
        return CommandOutput(zh: "已退出演练（演练在导调端继续）。", en: "Left the drill (it goes on at exercise control's).")
    }
}
