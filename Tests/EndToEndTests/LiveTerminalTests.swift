import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Several yuqing processes on one store, each at its own pseudo-terminal, the way a joint meeting and a drill are
/// held from several desks: what one desk commits shows above the others' prompts within a second, without
/// disturbing what they are typing.
@Suite(.serialized) struct LiveTerminalTests {
    typealias Terminal = PseudoTerminalTests.Terminal

    /// A person of the test's directory and the login they sign in with.
    struct Someone {
        let login: String, name: String, details: String
    }

    static let chair = Someone(login: "wangmin", name: "王敏", details: "--role coordinator --dept open-gov")
    static let police = Someone(login: "wangfang", name: "王芳", details: "--role liaison --dept police")
    static let water = Someone(login: "lina", name: "李娜", details: "--role liaison --dept water")

    /// The longest wait for what another desk did (or a live drill's clock brought): a bound for a machine under
    /// heavy load, not a speed the test measures (performance is measured by scripts/bench, never by tests). Each
    /// wait ends as soon as the text appears.
    static let live: Double = 60

    /// The store's first operator (the OS user running the tests, so its administrator) adds the water bureau and
    /// the people with their logins.
    static func setUp(_ home: URL, _ db: String, _ people: [Someone]) throws {
        guard let exe = Executable.url else { throw CocoaError(.fileNoSuchFile) }
        let p = Process()
        p.executableURL = exe
        var args = ["--no-init", "--db", db, "-c", "dept add water 市水务局 --keywords 自来水"]
        for x in people { args += ["-c", "user add \(x.login) --name \(x.name) \(x.details)"] }
        p.arguments = args
        var env = Executable.environment(home)
        env.removeValue(forKey: "YUQING_NOW")
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "set-up: \(text)")
    }

    /// One desk: a terminal on the shared store, signed in as `who`. On SQLite each desk is an operator of its own
    /// (`YUQING_TEST_OPERATOR`, honoured by a debug build on a personal store only: docs/security.md); on
    /// PostgreSQL the operator is the database role, the same for every desk of a test, and the administrator
    /// records as the person (`as`).
    static func desk(_ home: URL, _ db: String, _ backend: Backend, _ who: Someone) throws -> Terminal {
        let env = backend == .sqlite ? ["YUQING_TEST_OPERATOR": who.login] : [:]
        let t = try Terminal(home: home, db: db, env: env, columns: 200)
        #expect(t.wait(for: "]> "), "no prompt: \(t.screen)")
        if backend != .sqlite {
            let mark = t.screen.endIndex
            t.send("as \(who.name)\r")
            #expect(t.wait(for: "]> ", after: mark), "as: \(t.screen[mark...])")
        }
        #expect(t.screen.contains("\(who.name)]> ") || t.screen.contains("\(who.name) ← "), "signed in: \(t.screen)")
        return t
    }

    /// The facilitator opens the meeting, two departments join from their own terminals; a remark typed at one
    /// desk shows at the others within a second while the chair's half-typed Chinese line (and where its cursor
    /// is) survives; a mention reaches its department and stays in its inbox; the close ends it everywhere; the
    /// minutes name both speakers.
    @Test(arguments: Backend.available)
    func aMeetingHeldFromThreeTerminals(_ backend: Backend) throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let store = try backend.newStore(home: home)
        defer { store.drop() }
        let db = store.argument
        try Self.setUp(home, db, [Self.chair, Self.police, Self.water])
        let a = try Self.desk(home, db, backend, Self.chair)
        var mark = a.screen.endIndex
        a.send("collect \"网传某小区自来水发黄\" --url https://weibo.com/1 --source weibo\r")
        a.send("meeting open \"自来水舆情会商\" --cases C1\r")
        #expect(a.wait(for: "M1", after: mark), "open: \(a.screen[mark...])")
        #expect(a.wait(for: "[M1 ", after: mark))

        let b = try Self.desk(home, db, backend, Self.police)
        let c = try Self.desk(home, db, backend, Self.water)
        for t in [b, c] {
            mark = t.screen.endIndex
            t.send("meeting join M1\r")
            #expect(t.wait(for: "Joined M1", after: mark), "join: \(t.screen[mark...])")
        }
        #expect(a.wait(for: "joined M1"), "the chair sees who joins: \(a.screen)")

        // The chair has half a remark typed, the cursor two characters back from its end.
        a.send("say \"请公安局")
        a.send("\u{1B}[D\u{1B}[D")
        mark = a.screen.endIndex
        let cMark = c.screen.endIndex
        // Nobody presses a key at the chair's desk: the line comes from the change feed. (How soon is the REPL's
        // poll, a tenth of a second when the machine is idle; a test asks only that it comes, since two cores
        // shared by a loaded CI run can hold any process for seconds.)
        b.send("say \"C1 警方已到场核实，暂无人员伤亡。\"\r")
        #expect(a.wait(for: "王芳] C1 警方已到场核实，暂无人员伤亡。", after: mark, timeout: Self.live), "live line: \(a.screen[mark...])")
        #expect(c.wait(for: "王芳] C1 警方已到场核实，暂无人员伤亡。", after: cMark, timeout: Self.live), "third desk: \(c.screen[cMark...])")
        // The half-typed line is drawn again below the live line; finishing it shows the cursor stayed put.
        #expect(a.wait(for: "say \"请公安局", after: a.screen.range(of: "暂无人员伤亡。", range: mark..<a.screen.endIndex)?.upperBound ?? mark, timeout: Self.live),
                "the typed line is redrawn: \(a.screen[mark...])")
        mark = a.screen.endIndex
        a.send("和\u{05}介绍情况\"\r")
        #expect(a.wait(for: "王敏] 请公和安局介绍情况", after: mark), "the line and its cursor were kept: \(a.screen[mark...])")
        #expect(b.wait(for: "王敏] 请公和安局介绍情况"), "back at the police desk: \(b.screen)")

        // A mention reaches its department live and waits in its inbox.
        mark = b.screen.endIndex
        c.send("say \"@police 请协助维持取水点秩序\"\r")
        #expect(b.wait(for: "[@mention]", after: mark, timeout: Self.live), "mention: \(b.screen[mark...])")
        mark = b.screen.endIndex
        b.send("inbox\r")
        #expect(b.wait(for: "请协助维持取水点秩序", after: mark), "inbox: \(b.screen[mark...])")

        // The facilitator closes it for everyone.
        mark = b.screen.endIndex
        let cClose = c.screen.endIndex
        a.send("meeting close\r")
        #expect(b.wait(for: "M1 was closed by", after: mark, timeout: Self.live), "close at the police desk: \(b.screen[mark...])")
        #expect(c.wait(for: "M1 was closed by", after: cClose, timeout: Self.live))

        mark = a.screen.endIndex
        a.send("meeting minutes M1 --lang zh\r")
        #expect(a.wait(for: "请协助维持取水点秩序", after: mark), "minutes: \(a.screen[mark...])")
        let minutes = String(a.screen[mark...])
        #expect(minutes.contains("王芳") && minutes.contains("李娜") && minutes.contains("王敏"), "both speakers: \(minutes)")
        #expect(minutes.contains("暂无人员伤亡"))

        for t in [a, b, c] {
            t.send("\u{04}")
            #expect(t.exitStatus() == 0)
        }
    }

    /// `watch` takes the screen, leaves it on any key and on Ctrl-C, restores the terminal, and the REPL goes on.
    @Test func watchLeavesOnAKeyAndOnCtrlC() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let t = try Terminal(home: home, columns: 100)
        #expect(t.wait(for: "]> "), "no prompt: \(t.screen)")
        for key in ["q", "\u{03}"] {
            let mark = t.screen.endIndex
            t.send("watch --all\r")
            #expect(t.wait(for: "yuqing watch", after: mark), "board: \(t.screen[mark...])")
            #expect(t.screen[mark...].contains("\u{1B}[?1049h"), "the board takes the alternate screen")
            // A narrower window: the board is drawn again to fit (the kernel sends SIGWINCH).
            let drawn = t.screen[mark...].components(separatedBy: "\u{1B}[H\u{1B}[2J").count
            var size = winsize(ws_row: 12, ws_col: 30, ws_xpixel: 0, ws_ypixel: 0)
            #expect(ioctl(t.master, UInt(TIOCSWINSZ), &size) == 0, "TIOCSWINSZ: \(errno)")
            let resized = t.screen.endIndex
            #expect(t.wait(for: "\u{1B}[H\u{1B}[2J", after: resized, timeout: Self.live), "no redraw on resize")
            t.wait(for: "\u{0}never", timeout: 0.3)
            #expect(t.screen[mark...].components(separatedBy: "\u{1B}[H\u{1B}[2J").count > drawn)
            let redrawn = t.screen[resized...].components(separatedBy: "\u{1B}[H\u{1B}[2J").last ?? ""
            // (The pty turns each "\n" into "\r\n": the board's "\r\n" arrives as "\r\r\n".)
            let rows = redrawn.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
            #expect(rows.count > 2 && rows.allSatisfy { $0.count <= 30 }, "fits 30 columns: \(rows)")
            size = winsize(ws_row: 40, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
            _ = ioctl(t.master, UInt(TIOCSWINSZ), &size)
            t.send(key)
            #expect(t.wait(for: "Watch ended.", after: mark, timeout: Self.live), "leave on \(key.unicodeScalars.first!.value): \(t.screen[mark...])")
            #expect(t.screen[mark...].contains("\u{1B}[?25h\u{1B}[?1049l"), "the cursor and the screen come back")
            #expect(t.wait(for: "]> ", after: t.screen.range(of: "Watch ended.", range: mark..<t.screen.endIndex)?.upperBound))
        }
        let mark = t.screen.endIndex
        t.send("echo still here\r")
        #expect(t.wait(for: "still here\r\n", after: mark), "the REPL goes on: \(t.screen[mark...])")
        t.send("\u{04}")
        #expect(t.exitStatus() == 0)
    }

    /// Commands from a pipe are a script: while it waits (a live drill's `drill wait`), another desk's remarks and
    /// mentions in the meeting it opened never show in its output.
    @Test func pipedInputPrintsNoLiveLines() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        guard let exe = Executable.url else { throw CocoaError(.fileNoSuchFile) }
        let db = home.appendingPathComponent("shared.sqlite").path
        let script = home.appendingPathComponent("quiet.yq")
        try """
        drill "安静的演练"
        epoch 2020-01-11T09:00
        trainee 李敏 --role liaison --dept police
        at +00:01 echo "【导调】开始。"
        end
        """.write(to: script, atomically: true, encoding: .utf8)

        let p = Process()
        p.executableURL = exe
        p.arguments = ["--no-init", "--db", db]
        try Self.setUp(home, db, [Self.chair, Self.police])
        var env = Executable.environment(home)
        env.removeValue(forKey: "YUQING_NOW")
        env["YUQING_TEST_OPERATOR"] = Self.chair.login
        p.environment = env
        let out = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = input
        try p.run()
        input.fileHandleForWriting.write(Data("""
        meeting open "交通事故舆情会商"
        meeting attend police
        drill run \(script.path) --live --speed 20
        drill wait 2m
        drill end
        echo after the wait

        """.utf8))
        try input.fileHandleForWriting.close()

        // While the piped shell waits, the police (recorded as attending: the agenda is empty) join its meeting and
        // speak to it.
        let b = try Self.desk(home, db, .sqlite, Self.police)
        var joined = false
        let deadline = Date().addingTimeInterval(Self.live)
        while !joined, Date() < deadline {
            let mark = b.screen.endIndex
            b.send("meeting join M1\r")
            joined = b.wait(for: "Joined M1", after: mark, timeout: 1)
            if !joined { Thread.sleep(forTimeInterval: 0.3) }
        }
        #expect(joined, "join: \(b.screen)")
        b.send("say \"@open-gov 请通报现场情况\"\r")
        #expect(b.wait(for: "请通报现场情况"))

        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("【导调】开始。") && text.contains("after the wait"), "\(text)")
        #expect(!text.contains("请通报现场情况") && !text.contains("[@mention]") && !text.contains("joined M1"),
                "no live lines in a pipe: \(text)")

        b.send("\u{04}")
        #expect(b.exitStatus() == 0)
    }

    /// A live drill from three terminals: exercise control runs it, two trainees join; an inject fires on time
    /// with no key pressed and shows at every desk; both trainees act and see each other; control pauses,
    /// resumes and changes the speed; the log replays and verifies.
    @Test(arguments: Backend.available)
    func aLiveDrillWithControlAndTwoTrainees(_ backend: Backend) throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let store = try backend.newStore(home: home)
        defer { store.drop() }
        let script = home.appendingPathComponent("live.yq")
        try """
        drill "多席位实时演练"
        epoch 2020-01-11T09:00
        trainee 李敏 --role liaison --dept police
        trainee 赵强 --role liaison --dept emergency
        at +00:02 @帖 collect "网传某路口交通事故" --url https://weibo.com/9/1 --source weibo
        at +00:03 @帖2 collect "网传某化工厂冒烟" --url https://weibo.com/9/2 --source weibo
        at +00:20 echo "【导调】记者来电。"
        expect E1 claim @帖 by police within 30m points 10
        expect E2 claim @帖2 by emergency within 30m points 10
        end
        """.write(to: script, atomically: true, encoding: .utf8)
        let log = home.appendingPathComponent("live.log").path
        let db = store.argument
        let control = try Terminal(home: home, db: db, columns: 200)
        #expect(control.wait(for: "]> "), "no prompt: \(control.screen)")
        var mark = control.screen.endIndex
        control.send("drill run \(script.path) --live --speed 30\r")
        #expect(control.wait(for: "live ×30", after: mark), "start: \(control.screen[mark...])")

        let trainees = try ["李敏", "赵强"].map { name in
            let t = try Terminal(home: home, db: db, columns: 200)
            #expect(t.wait(for: "]> "), "no prompt: \(t.screen)")
            let m = t.screen.endIndex
            t.send("drill join --as \(name)\r")
            #expect(t.wait(for: "]> ", after: m) && t.screen[m...].contains(name), "join: \(t.screen[m...])")
            return t
        }
        // Nobody types: at ×30 the injects at +00:02 and +00:03 are four and six real seconds after the start.
        for t in trainees + [control] {
            #expect(t.wait(for: "C1 collected", timeout: Self.live), "inject 1: \(t.screen)")
            #expect(t.wait(for: "C2 collected", timeout: Self.live), "inject 2: \(t.screen)")
        }
        let (li, zhao) = (trainees[0], trainees[1])
        mark = zhao.screen.endIndex
        li.send("claim C1\r")
        #expect(li.wait(for: "C1 claimed by", timeout: Self.live), "claim at the trainee's desk: \(li.screen)")
        #expect(zhao.wait(for: "claim C1", after: mark, timeout: Self.live), "the other trainee sees it: \(zhao.screen[mark...])")
        mark = li.screen.endIndex
        zhao.send("claim C2\r")
        #expect(zhao.wait(for: "C2 claimed by", timeout: Self.live), "claim: \(zhao.screen)")
        #expect(li.wait(for: "claim C2", after: mark, timeout: Self.live), "seen: \(li.screen[mark...])")
        // Gaming from a desk is refused by exercise control and kept in the drill's record: these refusals were
        // made at the desk and left no trace in the log.
        mark = li.screen.endIndex
        li.send("claim C2 --at 2020-01-11T09:05\r")
        #expect(li.wait(for: "--at is not allowed in a drill", after: mark, timeout: Self.live), "--at: \(li.screen[mark...])")
        mark = zhao.screen.endIndex
        zhao.send("drill end\r")
        #expect(zhao.wait(for: "may not run `drill end`", after: mark, timeout: Self.live), "end: \(zhao.screen[mark...])")
        mark = zhao.screen.endIndex
        zhao.send("clock set 2020-01-11T09:00\r")
        #expect(zhao.wait(for: "the clock cannot be changed in a drill", after: mark, timeout: Self.live), "clock: \(zhao.screen[mark...])")

        mark = control.screen.endIndex
        control.send("drill pause\r")
        #expect(control.wait(for: "]> ", after: mark), "pause: \(control.screen[mark...])")
        control.send("drill speed 600\r")
        control.send("drill resume\r")
        // At ×600 the inject at +00:20 is at most two real seconds away.
        #expect(control.wait(for: "【导调】记者来电。", after: mark, timeout: Self.live), "speed: \(control.screen[mark...])")
        #expect(li.wait(for: "【导调】记者来电。", timeout: Self.live), "the trainee sees control's inject: \(li.screen)")

        mark = control.screen.endIndex
        control.send("drill end --log \(log)\r")
        #expect(control.wait(for: "Drill over", after: mark), "end: \(control.screen[mark...])")
        mark = control.screen.endIndex
        control.send("drill replay \(log) --verify\r")
        #expect(control.wait(for: "Verified: the replay matches the log.", after: mark, timeout: Self.live), "replay: \(control.screen[mark...])")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("claim C1") && text.contains("claim C2"), "\(text)")
        #expect(text.contains("drill denied claim C2") && text.contains("drill denied 'drill end'")
                && text.contains("drill denied 'clock set'"), "\(text)")

        for t in trainees + [control] {
            t.send("\u{04}")
            #expect(t.exitStatus() == 0)
        }
    }
}
