import Foundation
import Testing

/// Drills played at the real REPL through a pseudo-terminal: a stepped drill where a trainee claims and assesses at
/// the prompt, and a live drill in which nobody presses a key, whose inject still fires on time and whose log
/// verifies.
@Suite(.serialized) struct DrillPseudoTerminalTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = root.appendingPathComponent("scripts/drills/tap-water-rumour.yq").path

    @Test func traineeClaimsAndAssessesAtThePrompt() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let t = try PseudoTerminalTests.Terminal(home: home)
        #expect(t.wait(for: "]> "), "no prompt: \(t.screen)")

        var mark = t.screen.endIndex
        t.send("drill run \(Self.script)\r")
        #expect(t.wait(for: "Nothing has come in yet.", after: mark), "start: \(t.screen[mark...])")
        #expect(t.wait(for: "[drill +00:00 ", after: mark), "prompt: \(t.screen[mark...])")

        mark = t.screen.endIndex
        t.send("drill next\r")
        #expect(t.wait(for: "C1 collected", after: mark), "next: \(t.screen[mark...])")
        #expect(t.wait(for: "[drill +00:20 ", after: mark))

        mark = t.screen.endIndex
        t.send("as 李敏\r")
        // The prompt shows the trainee, and the trainer (the drill's operator) who records for them.
        #expect(t.wait(for: "[drill +00:20 Water Bureau 李敏 ← ", after: mark), "as: \(t.screen[mark...])")
        mark = t.screen.endIndex
        t.send("claim C1\r")
        #expect(t.wait(for: "C1 claimed by Water Bureau", after: mark), "claim: \(t.screen[mark...])")
        #expect(t.wait(for: "[drill +00:21 ", after: mark), "a trainee's action takes a step: \(t.screen[mark...])")
        mark = t.screen.endIndex
        t.send("assess C1 --level high-attention\r")
        #expect(t.wait(for: "]> ", after: mark))
        mark = t.screen.endIndex
        t.send("drill status\r")
        #expect(t.wait(for: "Your open duties", after: mark), "status: \(t.screen[mark...])")
        #expect(!t.screen[mark...].contains("E3"))

        mark = t.screen.endIndex
        t.send("as me\r")
        t.send("drill end\r")
        #expect(t.wait(for: "Drill over", after: mark), "end: \(t.screen[mark...])")
        mark = t.screen.endIndex
        t.send("drill report --lang en\r")
        #expect(t.wait(for: "| E2 | assess C1 (level high-attention) | Water Bureau | 1 h |", after: mark), "report: \(t.screen[mark...])")
        #expect(t.screen[mark...].contains("| met | 10 / 10 |"))

        t.send("\u{04}")
        #expect(t.exitStatus() == 0)
    }

    /// Nobody types after `drill run --live`: the REPL's idle hook fires the inject at its time, printed above the
    /// prompt; the log of a session without a single action replays and verifies.
    @Test func liveInjectFiresWithNoKeyPressedAndTheLogVerifies() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let script = home.appendingPathComponent("live.yq")
        try """
        drill "实时演练"
        epoch 2020-01-11T09:00
        trainee 李敏 --role liaison --dept police
        at +00:02 @帖 collect "网传某路口交通事故" --url https://weibo.com/9/1 --source weibo
        at +00:03 echo "【导调】记者来电。"
        expect E1 claim @帖 by police within 30m points 10
        end
        """.write(to: script, atomically: true, encoding: .utf8)
        let log = home.appendingPathComponent("live.log").path
        let t = try PseudoTerminalTests.Terminal(home: home)
        #expect(t.wait(for: "]> "), "no prompt: \(t.screen)")

        var mark = t.screen.endIndex
        t.send("drill run \(script.path) --live --speed 60\r")
        #expect(t.wait(for: "live ×60", after: mark), "start: \(t.screen[mark...])")
        // No key pressed: at ×60 the inject at +00:02 is two real seconds away, and comes by the REPL's idle hook.
        // (The wait is bounded for a loaded machine, not timed: the drill's clock, not the test, decides when.)
        #expect(t.wait(for: "[+00:02 inject] collect", after: mark), "no inject: \(t.screen[mark...])")
        #expect(t.wait(for: "C1 collected from Weibo", after: mark))
        #expect(t.wait(for: "【导调】记者来电。", after: mark), "second inject: \(t.screen[mark...])")
        #expect(t.wait(for: "[drill +00:0", after: mark), "the prompt is redrawn with the drill clock")

        mark = t.screen.endIndex
        t.send("drill end --log \(log)\r")
        #expect(t.wait(for: "Drill over", after: mark), "end: \(t.screen[mark...])")
        mark = t.screen.endIndex
        t.send("drill replay \(log) --verify\r")
        #expect(t.wait(for: "Verified: the replay matches the log.", after: mark), "replay: \(t.screen[mark...])")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("# mode: live") && text.contains("# speed: 60"))

        t.send("\u{04}")
        // The whole suite runs dozens of processes on two cores; leaving (closing the store and its feed) can take
        // a while there. What this test asks is that it leaves cleanly.
        #expect(t.exitStatus() == 0)
    }
}
