import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell

/// Screens speak the reader's language: a scenario that gives every verb of the command table something to say is
/// run in Chinese and in English, and each command's output (standard output and error) is searched for internal
/// codes (rule ids, span codes like `4h`, department, source, stage and level codes) in Chinese, and for Chinese
/// words that are not names or typed text in English.
@Suite struct ScreenLeakTests {
    static let scenarioURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/screens/every_verb.yq")

    static var scenario: [String] {
        let text = (try? String(contentsOf: scenarioURL, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    /// Verbs the scenario does not run, and why.
    static let notRun: [String: String] = [
        "run": "runs a file; its commands are the scenario's", "source": "as run",
        "record": "writes a file of the commands", "quit": "ends the scenario",
        "drill": "drill screens are covered by the drill goldens", "store": "maintenance of the database file",
        "escalate": "done by `decide … escalate` in the meeting",
        "user": "the logins directory (admin only); a login is what one types",
        "watch": "a full-screen board on a terminal (LiveTerminalTests looks at it)",
        "clear": "clears a terminal's screen and prints nothing (TerminalFoldTests, PseudoTerminalTests)",
    ]

    /// Commands whose output shows codes on purpose: the code is what a user types next.
    static let codesShown = ["policy show", "dept ", "help", "history", "echo"]

    @Test func everyVerbIsInTheScenarioOrExcused() {
        let first = Set(Self.scenario.compactMap { $0.split(separator: " ").first.map(String.init) })
        for e in CommandTable.entries where !e.spec.hidden {
            #expect(first.contains(e.spec.name) || first.contains(e.spec.alias) || Self.notRun[e.spec.name] != nil,
                    "the screen scenario gives `\(e.spec.name)` nothing to say: add a line to every_verb.yq")
        }
    }

    @Test(arguments: [Language.zh, .en])
    func noCodeReachesAReader(_ lang: Language) {
        let shell = TestShell(lang: lang)
        let policy = shell.ws.policy
        let dir = (try? shell.ws.directory()) ?? Directory([])
        var allowedCJK = Self.scenario.joined(separator: "\n")
        allowedCJK += dir.departments.map(\.nameZH).joined(separator: "\n")
        var leaks: [String] = []
        for line in Self.scenario {
            let r = shell.run(line, keepGoing: true)
            #expect(r.failures == 0, "\(line): \(r.err)")
            if Self.codesShown.contains(where: { line.hasPrefix($0) }) { continue }
            let text = r.out + r.err
            let found = lang == .zh ? Self.codes(in: text, policy: policy, directory: dir)
                                    : Self.chinese(in: text, allowed: allowedCJK + "\n" + dir.departments.map(\.nameZH).joined())
            leaks += found.map { "\(line) → \($0)" }
        }
        #expect(leaks.isEmpty, "internal codes on a \(lang) screen:\n\(leaks.joined(separator: "\n"))")
    }

    /// The checker finds what it is meant to find.
    @Test func theCheckerCatchesLeaks() {
        let policy = Policy.mingguang
        let dir = Directory()
        #expect(!Self.codes(in: "剩余 4h", policy: policy, directory: dir).isEmpty)
        #expect(!Self.codes(in: "超时 -5m", policy: policy, directory: dir).isEmpty)
        #expect(!Self.codes(in: "规则 report.unit 已超期", policy: policy, directory: dir).isEmpty)
        #expect(!Self.codes(in: "C3 instruct:L1", policy: policy, directory: dir).isEmpty)
        #expect(!Self.codes(in: "C3 已由 gov-office 认领", policy: policy, directory: dir).isEmpty)
        #expect(!Self.codes(in: "来源 weibo", policy: policy, directory: dir).isEmpty)
        #expect(!Self.codes(in: "还有 2 h", policy: policy, directory: dir).isEmpty)
        #expect(!Self.codes(in: "（设置 rest-day-start deemed）", policy: policy, directory: dir).isEmpty)
        #expect(Self.codes(in: "（现行解读 `rest-day-start deemed`）", policy: policy, directory: dir).isEmpty)
        #expect(Self.codes(in: "C1 已收集（微博）：https://weibo.com/1 `meeting attend police` 0550-8021234 2 小时", policy: policy, directory: dir).isEmpty)
        #expect(!Self.chinese(in: "claim（met）", allowed: "").isEmpty)
        #expect(!Self.chinese(in: "in 2 小时", allowed: "").isEmpty)
        #expect(Self.chinese(in: "C1 collected: “网传某小区”", allowed: "网传某小区").isEmpty)
    }

    /// Codes in Chinese text, after URLs and `commands to type` are taken out.
    static func codes(in text: String, policy: Policy, directory: Directory) -> [String] {
        let plain = strip(text)
        var words = Set(policy.rules.map(\.id))
        words.formUnion(directory.departments.map(\.code))
        words.formUnion(Source.allCases.map(\.rawValue))
        words.formUnion(Stage.allCases.map(\.rawValue))
        words.formUnion(Level.allCases.map(\.rawValue))
        words.formUnion(PolicyReadings().rows.map(\.key))
        var found: [String] = []
        for w in words where plain.range(of: "(?<![A-Za-z0-9._:-])\(NSRegularExpression.escapedPattern(for: w))(?![A-Za-z0-9._-])",
                                         options: .regularExpression) != nil {
            found.append(w)
        }
        for pattern in ["(?<![A-Za-z0-9.-])-?\\d+(wd|d|h|m|s)(\\d+(h|m|s))*(?![A-Za-z0-9])", "[A-Za-z.]+:L\\d+",
                        "\\d+ ?(h|min|days?|working days?)(?![A-Za-z])"] {
            if let r = plain.range(of: pattern, options: .regularExpression) { found.append(String(plain[r])) }
        }
        return found
    }

    /// Runs of Chinese characters and full-width punctuation in English text that are not names or typed text.
    static func chinese(in text: String, allowed: String) -> [String] {
        let plain = strip(text)
        var found: [String] = []
        var run = ""
        func flush() {
            if !run.isEmpty && !allowed.contains(run) { found.append(run) }
            run = ""
        }
        for c in plain {
            if let v = c.unicodeScalars.first?.value, (0x3000...0x303F).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xFF00...0xFFEF).contains(v) {
                run.append(c)
            } else {
                flush()
            }
        }
        flush()
        return found
    }

    static func strip(_ text: String) -> String {
        text.replacingOccurrences(of: "https?://[^\\s）)]+", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "`[^`\n]*`", with: " ", options: .regularExpression)
    }
}
