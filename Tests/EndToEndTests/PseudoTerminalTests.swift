import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Types into the real REPL through a pseudo-terminal: completion, history recall, Ctrl-C on a half-typed line,
/// Chinese edited with backspace, Ctrl-D.
@Suite(.serialized) struct PseudoTerminalTests {
    /// The master side of a pty with yuqing running on the slave side as its controlling terminal.
    final class Terminal {
        var master: Int32 = -1
        var pid: pid_t = 0
        var screen = ""

        /// yuqing at a new terminal on the store `db` (a `--db` argument; default: `t.sqlite` in `home`), with `env`
        /// added to the sandbox's environment.
        init(home: URL, db: String? = nil, env extra: [String: String] = [:], columns: UInt16 = 0) throws {
            guard let exe = Executable.url else { throw CocoaError(.fileNoSuchFile) }
            var slave: Int32 = -1
            var size = winsize(ws_row: 40, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
            let opened = columns == 0 ? openpty(&master, &slave, nil, nil, nil) : openpty(&master, &slave, nil, nil, &size)
            guard opened == 0, let name = ttyname(slave) else { throw CocoaError(.fileReadUnknown) }
            let slavePath = String(cString: name)
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            // Opening the tty after setsid makes it the child's controlling terminal, so Ctrl-C becomes SIGINT.
            for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, slavePath, O_RDWR, 0) }
            posix_spawn_file_actions_addclose(&actions, master)
            var attr = posix_spawnattr_t()
            posix_spawnattr_init(&attr)
            posix_spawnattr_setflags(&attr, 0x80)  // POSIX_SPAWN_SETSID (glibc; hidden behind _GNU_SOURCE)
            var env = Executable.environment(home)
            env["INPUTRC"] = "/dev/null"
            env["TERM"] = "dumb"
            env.removeValue(forKey: "YUQING_NOW")
            env.merge(extra) { $1 }
            let argv = [exe.path, "--no-init", "--db", db ?? home.appendingPathComponent("t.sqlite").path]
            let cArgs = argv.map { strdup($0) } + [nil]
            let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
            let rc = posix_spawn(&pid, exe.path, &actions, &attr, cArgs, cEnv)
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attr)
            close(slave)
            guard rc == 0 else { throw CocoaError(.executableLoad) }
        }

        func send(_ s: String) {
            _ = s.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
            usleep(150_000)
        }

        /// Reads until `text` has appeared (after `from`) or the timeout passes. The default bound is for a machine
        /// under heavy load (a CI run of the whole suite on two cores): the wait ends as soon as the text appears.
        @discardableResult
        func wait(for text: String, after from: String.Index? = nil, timeout: Double = 30) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if screen[(from ?? screen.startIndex)...].contains(text) { return true }
                var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                if poll(&p, 1, 100) > 0 {
                    var buf = [UInt8](repeating: 0, count: 4096)
                    let n = read(master, &buf, buf.count)
                    if n <= 0 { break }
                    screen += String(decoding: buf[0..<n], as: UTF8.self)
                }
            }
            return screen[(from ?? screen.startIndex)...].contains(text)
        }

        func exitStatus(timeout: Double = 30) -> Int32? {
            let deadline = Date().addingTimeInterval(timeout)
            var status: Int32 = 0
            while Date() < deadline {
                _ = wait(for: "\u{0}never", timeout: 0.1)
                if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
            }
            kill(pid, SIGKILL)
            return nil
        }

        deinit { close(master) }
    }

    /// `LANG=C` (a server's default): backspace after Chinese removed one byte of a character, and `echo 你好世界`
    /// with two backspaces printed `你好世` and a broken byte. yuqing falls back to C.UTF-8, but readline read the
    /// locale from the environment again.
    @Test func chineseIsEditedWholeUnderTheCLocale() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let t = try Terminal(home: home, env: ["LANG": "C", "LC_ALL": "C"])
        #expect(t.wait(for: "]> "), "no prompt: \(t.screen)")
        let mark = t.screen.endIndex
        t.send("echo 你好世界")
        t.send("\u{7F}")
        t.send("\u{7F}")
        t.send("\r")
        #expect(t.wait(for: "\n你好\r\n", after: mark), "backspace under LANG=C: \(t.screen[mark...])")
        #expect(!t.screen[mark...].contains("\u{FFFD}"), "\(t.screen[mark...])")
        t.send("\u{04}")
        #expect(t.exitStatus() == 0)
    }

    @Test func typesIntoTheREPL() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let t = try Terminal(home: home)
        #expect(t.wait(for: "]> "), "no prompt: \(t.screen)")

        var mark = t.screen.endIndex
        t.send("hel\t")
        #expect(t.wait(for: "help", after: mark), "completion: \(t.screen)")
        t.send("\r")
        #expect(t.wait(for: "Commands (help VERB for details)", after: mark))
        t.wait(for: "]> ", after: t.screen.index(mark, offsetBy: 0))

        mark = t.screen.endIndex
        t.send("echo 你好吗")
        t.send("\u{7F}")
        t.send("\r")
        #expect(t.wait(for: "\n你好\r\n", after: mark), "backspace: \(t.screen[mark...])")
        #expect(!t.screen[mark...].contains("你好吗\r\n你好吗"))

        mark = t.screen.endIndex
        t.send("\u{1B}[A")
        t.send("\r")
        #expect(t.wait(for: "\n你好\r\n", after: mark), "history: \(t.screen[mark...])")

        mark = t.screen.endIndex
        t.send("echo half typed")
        t.send("\u{03}")
        t.send("echo after\r")
        #expect(t.wait(for: "after\r\n", after: mark), "ctrl-c: \(t.screen[mark...])")
        #expect(!t.screen[mark...].contains("half typed after"))
        // Ctrl-C ignored left the half-typed words in front: `echo half typedecho after` printed "half typedecho after".
        #expect(!t.screen[mark...].contains("half typedecho"), "ctrl-c: \(t.screen[mark...])")
        #expect(t.screen[mark...].contains("^C"), "ctrl-c: \(t.screen[mark...])")

        mark = t.screen.endIndex
        t.send("echo <<END\r第一行\r")
        t.send("\u{03}")
        t.send("echo 新的\r")
        #expect(t.wait(for: "新的\r\n", after: mark), "ctrl-c in block: \(t.screen[mark...])")
        #expect(!t.screen[mark...].contains("第一行\r\n新的"))

        t.send("\u{04}")
        #expect(t.exitStatus() == 0)
        let history = try String(contentsOf: home.appendingPathComponent("data/yuqing/history"), encoding: .utf8)
        #expect(history.contains("echo 你好"))
    }

    /// Tab after `policy reading` offered nothing: the reading keys (docs/rules.md, `policy show`) were free words.
    /// It completes the key, then the key's value.
    @Test func tabCompletesAPolicyReadingKeyAndValue() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let t = try Terminal(home: home)
        #expect(t.wait(for: "]> "), "no prompt: \(t.screen)")
        let mark = t.screen.endIndex
        t.send("policy reading rest\t")
        #expect(t.wait(for: "rest-day-start ", after: mark), "key: \(t.screen[mark...])")
        t.send("de\t")
        #expect(t.wait(for: "deemed", after: mark), "value: \(t.screen[mark...])")
        t.send("\u{03}")
        t.send("\u{04}")
        #expect(t.exitStatus() == 0)
    }

    /// Ctrl-C during a long import at the prompt stops it and keeps nothing (before, the import ignored it and
    /// stored every row): the progress line goes, the refusal says so, and the store has no case.
    @Test func ctrlCStopsAnImportAndKeepsNothing() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        var csv = "标题,链接,来源,发布时间\n"
        for i in 0..<40_000 { csv += "测试\(i),https://weibo.com/mg/\(1_000_000 + i),新浪微博,2024/03/01 09:10\n" }
        let file = home.appendingPathComponent("big.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let db = home.appendingPathComponent("t.sqlite").path
        let t = try Terminal(home: home, db: db, env: ["YUQING_PROGRESS": "1"])
        #expect(t.wait(for: "]> "), "no prompt: \(t.screen)")
        t.send("as 王敏 --role coordinator --dept open-gov\r")
        #expect(t.wait(for: "王敏 ← "))
        let mark = t.screen.endIndex
        t.send("collect import \(file.path)\r")
        #expect(t.wait(for: "rows/s", after: mark, timeout: 60), "no progress: \(t.screen[mark...].suffix(800))")
        t.send("\u{03}")
        #expect(t.wait(for: "nothing was imported", after: mark, timeout: 60), "not interrupted: \(t.screen[mark...].suffix(800))")
        #expect(!t.screen[mark...].contains("Imported "))
        t.send("\u{04}")
        #expect(t.exitStatus() == 0)
        let (cases, _) = try Executable.launch(["--no-init", "--db", db, "-c", "cases --format csv"], home: home, cwd: home)
        #expect(cases.split(separator: "\n").filter { $0.hasPrefix("C") }.isEmpty, "\(cases.prefix(500))")
    }

    /// On a terminal of 60 or 100 columns, in both languages: the first-operator notice, the refusal and its hint
    /// fold to the width (the notice's command whole on one line, the hint hanging under its label); the source
    /// line is never folded; `clear` clears the screen.
    @Test(arguments: [(UInt16(60), "zh"), (60, "en"), (100, "zh"), (100, "en")])
    func sentencesFoldToTheTerminal(columns: UInt16, lang: String) throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let t = try Terminal(home: home, columns: columns)
        #expect(t.wait(for: "]> "), "no prompt: \(t.screen)")
        t.send("lang \(lang)\r")
        #expect(t.wait(for: lang == "zh" ? "中文" : "English"))
        t.wait(for: "]> ", after: t.screen.range(of: lang == "zh" ? "中文" : "English")?.upperBound)
        let mark = t.screen.endIndex
        let command = "collect 网传某小区自来水发黄，居民担心水质问题 --url https://weibo.com/5123456/Day01 --source weibo"
        t.send(command + "\r")
        let hintLabel = lang == "zh" ? "提示：" : "hint: "
        #expect(t.wait(for: hintLabel, after: mark), "no hint: \(t.screen[mark...])")
        #expect(t.wait(for: "]> ", after: t.screen.range(of: hintLabel, range: mark..<t.screen.endIndex)?.upperBound))
        let shown = t.screen[mark...].replacingOccurrences(of: "\r", with: "")
        let start = shown.range(of: lang == "zh" ? "你（" : "You (")
        let text = try #require(start.map { String(shown[$0.lowerBound...]) }, "no notice: \(shown)")
        let lines = text.components(separatedBy: "\n").dropLast()
        for l in lines where l != command {
            #expect(l.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } <= Int(columns), "too wide: \(l)")
        }
        #expect(lines.contains(command), "the source line is shown whole")
        let notice = lang == "zh" ? "`user add 登录名 --name 姓名 --role 角色 --dept 部门`" : "`user add LOGIN --name NAME --role ROLE --dept DEPT`"
        #expect(lines.contains { $0.contains(notice) }, "the command is cut: \(lines)")
        let hint = lines.drop { !$0.hasPrefix(hintLabel) }
        #expect(hint.first?.contains("`as") == true || hint.joined().contains("`as "))
        if columns == 60 {
            #expect(hint.count > 1 && hint.dropFirst().allSatisfy { $0.hasPrefix("      ") }, "hanging: \(hint)")
        }

        let cleared = t.screen.endIndex
        t.send("clear\r")
        #expect(t.wait(for: "\u{1B}[H\u{1B}[2J", after: cleared), "clear: \(t.screen[cleared...])")
        t.send("\u{04}")
        #expect(t.exitStatus() == 0)
    }
}
