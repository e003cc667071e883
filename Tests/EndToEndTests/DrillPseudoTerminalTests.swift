import Foundation
import Testing

/// A stepped drill played at the real REPL through a pseudo-terminal: the trainee claims and assesses the case at
/// the prompt, the prompt shows the drill clock, and the report scores what was typed.
@Suite(.serialized) struct DrillPseudoTerminalTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/drills/tap-water-rumour.yq").path

    @Test func traineeClaimsAndAssessesAtThePrompt() throws {
        let home = try Executable.sandbox()
        defer { try? FileManager.default.removeItem(at: home) }
        let t = try PseudoTerminalTests.Terminal(home: home)
        #expect(t.wait(for: "]> "), "no prompt: \(t.screen)")

        var mark = t.screen.endIndex
        t.send("drill run \(Self.script)\r")
        #expect(t.wait(for: "Next inject: +00:20", after: mark), "start: \(t.screen[mark...])")
        #expect(t.wait(for: "[drill +00:00 ", after: mark), "prompt: \(t.screen[mark...])")

        mark = t.screen.endIndex
        t.send("drill next\r")
        #expect(t.wait(for: "C1 collected", after: mark), "next: \(t.screen[mark...])")
        #expect(t.wait(for: "[drill +00:20 ", after: mark))

        mark = t.screen.endIndex
        t.send("claim C1\r")
        #expect(t.wait(for: "C1 claimed by Water Bureau", after: mark), "claim: \(t.screen[mark...])")
        mark = t.screen.endIndex
        t.send("assess C1 --level high-attention\r")
        #expect(t.wait(for: "]> ", after: mark))
        mark = t.screen.endIndex
        t.send("drill status\r")
        #expect(t.wait(for: "E3", after: mark), "status: \(t.screen[mark...])")

        mark = t.screen.endIndex
        t.send("drill end\r")
        #expect(t.wait(for: "Drill over", after: mark), "end: \(t.screen[mark...])")
        mark = t.screen.endIndex
        t.send("drill report --lang en\r")
        #expect(t.wait(for: "| E2 | assess | C1 | Water Bureau | 1h |", after: mark), "report: \(t.screen[mark...])")
        #expect(t.screen[mark...].contains("| met | 10 / 10 |"))

        t.send("\u{04}")
        #expect(t.exitStatus() == 0)
    }
}
