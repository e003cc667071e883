import Foundation
import YuqingCore
import YuqingStore

/// A live drill played from several desks (docs/drills.md, "Playing from several terminals"). The controller's
/// process is the authority: it runs the drill, and its log grows line by line in the real store (the journal,
/// `drill.run.N.line.K`). A trainee's terminal that `drill join`s builds its own copy of the drill from the journal
/// — the drill is deterministic, so the copy reaches the controller's state event for event — and follows new lines
/// as they come. A trainee's command is not run at their desk: it is handed to the controller as a request, run
/// there in order (with the roster's rules and the drill's clock), and comes back as journal lines.
///
/// The store is the message bus; these are the meta keys of session N:
///
/// | key | written by | holds |
/// |---|---|---|
/// | `drill.run.N.line.K`, `drill.run.N.lines` | controller | the journal (the log's lines, plus `# fired:` and `# pace:`) |
/// | `drill.run.N.request.K`, `drill.run.N.requests` | trainees | `{"trainee": NAME, "command": TEXT}` |
/// | `drill.run.N.answer.K`, `drill.run.N.answered` | controller | `{"ok": true}` or the refusal in both languages |
enum DrillDesks {
    static func linesKey(_ n: Int) -> String { "drill.run.\(n).lines" }
    static func lineKey(_ n: Int, _ k: Int) -> String { "drill.run.\(n).line.\(k)" }
    static func requestsKey(_ n: Int) -> String { "drill.run.\(n).requests" }
    static func requestKey(_ n: Int, _ k: Int) -> String { "drill.run.\(n).request.\(k)" }
    static func answeredKey(_ n: Int) -> String { "drill.run.\(n).answered" }
    static func answerKey(_ n: Int, _ k: Int) -> String { "drill.run.\(n).answer.\(k)" }
    static let currentKey = "drill.run.current"

    static func count(_ r: any StoreReader, _ key: String) throws -> Int { try r.meta(key).flatMap { Int($0) } ?? 0 }

    static func json(_ d: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: d, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func object(_ s: String?) -> [String: Any] {
        guard let s, let o = try? JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any] else { return [:] }
        return o
    }

    /// The commands a trainee may hand to the controller: those that change the drill's cases and meetings. Shell
    /// verbs (`run`, `record`, `set`, `quit`…), `as` and the drill's own verbs never run for someone else.
    static func remotable(_ spec: CommandSpec) -> Bool {
        spec.mutates && spec.group != .shell && spec.rootName != "drill"
    }
}

// MARK: the controller

/// The controller's side: it notices trainees' requests (through the store's change feed) and runs them.
final class DrillServer {
    let real: Workspace
    let number: Int
    private var feed: (any StoreChangeFeed)?
    /// Requests answered so far.
    private(set) var served = 0
    /// Set while a trainee's request runs: the rules at the prompt then also refuse what may not run remotely.
    var serving = false

    init(real: Workspace, number: Int) {
        self.real = real
        self.number = number
        feed = try? real.store.changeFeed()
        served = (try? real.read { try DrillDesks.count($0, DrillDesks.answeredKey(number)) }) ?? 0
    }

    deinit { feed?.close() }

    /// Whether a request waits (one `data_version` read when nothing changed).
    func hasRequests() -> Bool {
        guard (try? feed?.changed()) ?? true else { return false }
        let n = (try? real.read { try DrillDesks.count($0, DrillDesks.requestsKey(number)) }) ?? 0
        return n > served
    }

    /// Runs every waiting request in order, each as its trainee, and answers it.
    func serve(_ run: DrillRun, _ session: Session) {
        guard let ctx = session.runContext else { return }
        let n = (try? real.read { try DrillDesks.count($0, DrillDesks.requestsKey(number)) }) ?? 0
        while served < n, run.isActive {
            let k = served + 1
            let request = DrillDesks.object(try? real.read { try $0.meta(DrillDesks.requestKey(number, k)) })
            let name = request["trainee"] as? String ?? ""
            let command = request["command"] as? String ?? ""
            var answer: [String: Any] = ["ok": true]
            if let t = run.script.header.trainee(named: name), !command.isEmpty {
                let saved = session.actor
                let savedFailure = session.afterFailure
                var failure: ShellError?
                session.afterFailure = { e in
                    savedFailure?(e)
                    if failure == nil { failure = e }
                }
                session.actor = t.actor
                serving = true
                run.say(session, Localized(zh: "[\(run.offset(run.clock.running)) 学员 \(name)（终端）] \(command)",
                                           en: "[\(run.offset(run.clock.running)) trainee \(name) (terminal)] \(command)"))
                let r = ctx.interpreter.run(source: command, file: "<\(name)>", session: session, keepGoing: false, output: ctx.sink)
                serving = false
                session.actor = saved
                session.afterFailure = savedFailure
                if r.failures > 0 {
                    let e = failure ?? ShellError(zh: "命令未执行", en: "the command did not run")
                    answer = ["ok": false, "zh": e.message.zh, "en": e.message.en]
                    if let h = e.hint { answer["hint_zh"] = h.zh; answer["hint_en"] = h.en }
                }
            } else {
                answer = ["ok": false, "zh": "演练名单中没有“\(name)”", "en": "“\(name)” is not on the drill's roster"]
            }
            let text = DrillDesks.json(answer)
            _ = try? real.store.write { tx in
                try tx.setMeta(DrillDesks.answerKey(number, k), text)
                try tx.setMeta(DrillDesks.answeredKey(number), String(k))
            }
            served = k
        }
    }
}

// MARK: a trainee's desk

/// A trainee's terminal following a session: reads the journal, plays its lines on its own copy of the drill, and
/// hands the trainee's commands to the controller.
final class DrillFollower {
    let real: Workspace
    let number: Int
    let trainee: Trainee
    private var feed: (any StoreChangeFeed)?
    /// Journal lines read so far.
    var applied = 0
    /// The controller's clock as last announced (`# pace:`), for the prompt between lines.
    var pace: (base: Instant, wall: Instant, speed: Int64, paused: Bool)
    var expectedState: String?
    var endedAt: Instant?
    /// Who acts in this desk's copy of the drill (the log's `as` lines switch it); the session shows the trainee
    /// between lines.
    var replicaActor: Actor?
    /// How long a trainee waits for the controller to run a command.
    static let answerTimeout: Double = 15

    init(real: Workspace, number: Int, trainee: Trainee, pace: (Instant, Instant, Int64, Bool)) {
        self.real = real
        self.number = number
        self.trainee = trainee
        self.pace = pace
        feed = try? real.store.changeFeed()
    }

    deinit { feed?.close() }

    /// The controller's drill time now, as far as this desk can tell.
    func estimate(wall: Instant) -> Instant {
        pace.paused ? pace.base : pace.base.adding(seconds: max(0, wall.seconds - pace.wall.seconds) * pace.speed)
    }

    /// The journal lines not read yet (none when nothing changed in the store).
    func newLines(force: Bool = false) -> [String] {
        if !force, !((try? feed?.changed()) ?? true) { return [] }
        guard let lines = try? real.read({ r -> [String] in
            let total = try DrillDesks.count(r, DrillDesks.linesKey(number))
            guard total > applied else { return [] }
            return try (applied + 1...total).map { try r.meta(DrillDesks.lineKey(number, $0)) ?? "" }
        }) else { return [] }
        applied += lines.count
        return lines
    }

    /// Hands a command to the controller and waits for its answer; the lines it produced are then played here.
    /// Returns the refusal, if the controller refused it.
    func submit(_ text: String, run: DrillRun, session: Session) throws(ShellError) -> ShellError? {
        var k = 0
        let request = DrillDesks.json(["trainee": trainee.name, "command": text])
        try real.storeCall {
            try real.store.write { tx in
                k = try DrillDesks.count(tx, DrillDesks.requestsKey(number)) + 1
                try tx.setMeta(DrillDesks.requestKey(number, k), request)
                try tx.setMeta(DrillDesks.requestsKey(number), String(k))
            }
        }
        let deadline = Date().addingTimeInterval(DrillFollower.answerTimeout)
        var answer: [String: Any]?
        while Date() < deadline {
            if let a = try? real.read({ r -> String? in
                try DrillDesks.count(r, DrillDesks.answeredKey(number)) >= k ? r.meta(DrillDesks.answerKey(number, k)) : nil
            }) ?? nil {
                answer = DrillDesks.object(a)
                break
            }
            usleep(20_000)
        }
        // Play what the controller wrote meanwhile (this command's lines among them).
        DrillDesks.play(newLines(force: true), run: run, session: session)
        guard let answer else {
            throw ShellError(zh: "导调端没有回应（演练是否仍在进行？）：命令可能稍后执行", en: "exercise control did not answer (is the drill still running?): the command may still run later",
                             kind: .internal)
        }
        guard answer["ok"] as? Bool != true else { return nil }
        let hint = (answer["hint_zh"] as? String).map { Localized(zh: $0, en: answer["hint_en"] as? String ?? $0) }
        return ShellError(Localized(zh: answer["zh"] as? String ?? "被拒绝", en: answer["en"] as? String ?? "refused"), hint: hint,
                          kind: .denied)
    }
}

extension DrillDesks {
    /// Plays journal lines on a follower's copy of the drill, in order: an action line runs (after everything due
    /// before it), `# fired:` runs what the controller fired up to then, `# pace:` moves the prompt's clock, and the
    /// footer ends the copy and compares its final state with the controller's.
    static func play(_ lines: [String], run: DrillRun, session: Session) {
        guard let f = run.follower, run.isActive else { return }
        if let a = f.replicaActor { session.actor = a }
        defer {
            if run.isActive {
                f.replicaActor = session.actor
                session.actor = f.trainee.actor
            }
        }
        for line in lines {
            if line.hasPrefix("# ") {
                let body = line.dropFirst(2)
                guard let colon = body.firstIndex(of: ":") else { continue }
                let key = String(body[..<colon])
                let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                let words = value.split(separator: " ").map(String.init)
                switch key {
                case "fired":
                    if let o = words.first.flatMap(DrillTimes.offset) { run.process(upTo: run.epoch.adding(o), session: session) }
                case "pace":
                    if let o = words.first.flatMap(DrillTimes.offset) {
                        let at = run.epoch.adding(o)
                        if words.count >= 2, words[1] == "paused" {
                            f.pace = (at, f.pace.wall, f.pace.speed, true)
                        } else if words.count >= 3, let s = Int64(words[1].dropFirst()), let w = DrillTimes.instant(words[2]) {
                            f.pace = (at, w, s, false)
                        }
                    }
                case "end":
                    if let o = words.first.flatMap(DrillTimes.offset) { f.endedAt = run.epoch.adding(o) }
                case "ended":
                    run.realEnd = DrillTimes.instant(value)
                case "state":
                    f.expectedState = value
                case "report-sha256":
                    finishFollowing(run, session: session)
                    return
                default:
                    break
                }
                continue
            }
            var errors: [ShellError] = []
            let src = DrillLoading.Source(path: "<journal>", text: line, lines: line.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            let dl = DrillLoading.drillLines(src, errors: &errors)
            guard errors.isEmpty, let actions = try? DrillActions.parse(dl), let a = actions.first else { continue }
            run.engine.schedule(action: a)
            run.process(upTo: run.epoch.adding(a.offset), session: session)
        }
    }

    /// The controller ended the session: this copy ends at the same time, says so, and checks it agrees.
    static func finishFollowing(_ run: DrillRun, session: Session) {
        guard let f = run.follower else { return }
        let end = f.endedAt ?? run.clock.now()
        run.process(upTo: end, session: session)
        run.clock.set(end)
        let o = run.finish(session: session)
        run.restore(session)
        var out = DrillResults.summary(run, o)
        if let expected = f.expectedState, expected != o.stateHash {
            out.messages.append(Localized(zh: "注意：本终端的演练状态与导调端不一致（\(o.stateHash.prefix(12)) ≠ \(expected.prefix(12))）。以导调端的日志为准。",
                                          en: "Warning: this terminal's copy of the drill differs from exercise control's (\(o.stateHash.prefix(12)) ≠ \(expected.prefix(12))). Exercise control's log is the record."))
        } else {
            out.messages.append(Localized(zh: "本终端的演练状态与导调端一致。", en: "This terminal's copy of the drill matches exercise control's."))
        }
        if let sink = session.runContext?.sink {
            sink.out(Renderer(language: session.language, format: session.format, bom: false, width: sink.isTerminal ? sink.width : nil,
                              color: sink.color).render(out))
        }
    }
}
