@testable import YuqingShell
import YuqingCore

/// Unit tests run against the shell verbs plus `TestVerbs` only, so they do not depend on the domain verbs.
/// A session at a fixed time (Thursday 2019-12-19 09:00, Shanghai) so every output is deterministic.
func testSession(_ lang: Language = .en) -> Session {
    Session(language: lang, format: .table, actor: Actor(name: "tester", role: .admin, dept: nil),
            clock: SimulatedClock(Instant(date: CivilDate(year: 2019, month: 12, day: 19)!, hour: 9)))
}

/// Runs a source and returns stdout and stderr as one string, the way a terminal shows them.
func runShell(_ source: String, session: Session = testSession(), keepGoing: Bool = false,
              entries: [CommandEntry] = ShellVerbs.entries + TestVerbs.entries) -> (String, RunResult) {
    let sink = BufferSink()
    let r = Interpreter(entries: entries).run(source: source, file: "t.yq", session: session, keepGoing: keepGoing, output: sink)
    return (sink.combined, r)
}

/// Parses one command against the table plus the test verbs.
func parse(_ source: String, session: Session? = testSession()) throws(ShellError) -> Invocation {
    guard let first = Lexer.lex(source, file: "t.yq").first else {
        throw ShellError(zh: "空", en: "empty")
    }
    let cmd: LexCommand
    switch first {
    case .success(let c): cmd = c
    case .failure(let e): throw e
    }
    let words = try Parser.expand(cmd, variables: session?.variables ?? [:])
    return try Parser.parse(words: words, command: cmd, entries: ShellVerbs.entries + TestVerbs.entries, session: session).0
}

func parseError(_ source: String) -> ShellError? {
    do { _ = try parse(source); return nil } catch { return error }
}

/// The verb `V` with its properties bound to a parsed invocation, as its handler would see them.
func bound<V: Verb>(_ type: V.Type, _ inv: Invocation) -> V {
    ArgumentBinder.bound(V.self, names: ArgumentBinder.declarations(of: V()).map { $0.name ?? "" }, to: inv)
}

/// Domain-like verbs for the parser tests, shaped like `claim`, `say` and `cases`.
enum TestVerbs {
    static let levels = [Choice("general", zh: "一般"), Choice("high-attention", zh: "关注度高"), Choice("major-sensitive", zh: "重大敏感")]

    struct Claim: Verb {
        static let spec = CommandSpec(name: "claim", alias: "认领", group: .cases, summary: Localized("claim"),
                                      synopsis: "claim CASE [--dept DEPT]", mutates: true)
        @Argument(.id(.caseFile), name: "CASE") var caseID: EntityID
        @Option(.department) var dept: String?
        @Option(.choice(levels)) var level: String?
        @Option(.text) var note: [String]
        @Option(.spanOrWorkdays) var within: SpanOrWorkdays?
        @Flag var urgent: Bool
        @Option(.idList(.caseFile)) var cases: [EntityID]
        @Option(.integer(1...60)) var weeks: Int?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let t = try session.effectiveTime(inv)
            return CommandOutput(messages: [Localized(zh: "\(caseID) 已认领", en: "\(caseID) claimed")], created: caseID, effective: t)
        }
    }

    struct Say: Verb {
        static let spec = CommandSpec(name: "say", alias: "发言", group: .meetings, summary: Localized("say"), synopsis: "say TEXT",
                                      mutates: true, textBlock: true)
        @Argument(.text, name: "TEXT") var words: String
        @Option(.text, fromBlock: true) var text: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            CommandOutput(messages: [Localized(text ?? words)])
        }
    }

    struct Cases: Verb {
        static let spec = CommandSpec(name: "cases", alias: "案件", group: .queries, summary: Localized("cases"), synopsis: "cases [where EXPR]")
        @Argument(.expression, name: "EXPR") var condition: WordList?
        @Option(.integer(1...1_000_000)) var limit: Int?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            CommandOutput(messages: [Localized($condition.raw ?? "")])
        }
    }

    struct Note: Verb {
        static let spec = CommandSpec(name: "note", alias: "备注", group: .cases, summary: Localized("note"), synopsis: "note CASE --text TEXT")
        @Argument(.id(.caseFile), name: "CASE") var caseID: EntityID
        @Option(.text) var text: String

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput { .empty }
    }

    struct Fail: Verb {
        static let spec = CommandSpec(name: "fail", alias: "失败", group: .admin, summary: Localized("fail"), synopsis: "fail")
        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            throw ShellError(zh: "坏了", en: "broken", kind: .internal)
        }
    }

    static let entries: [CommandEntry] = [Claim.entry, Say.entry, Cases.entry, Note.entry, Fail.entry]
}

/// A domain for shell tests without a store: each answer is a closure a test sets.
final class StubDomain: SessionDomain {
    var addWorkdays: (Int, Instant) throws(ShellError) -> Instant = { _, _ throws(ShellError) in
        throw ShellError(zh: "无日历", en: "no calendar", kind: .data)
    }
    var departments: [String: String] = [:]
    var candidates: (CompletionSlot) -> [String] = { _ in [] }
    var prompt: String?

    func workdays(_ n: Int, after from: Instant) throws(ShellError) -> Instant { try addWorkdays(n, from) }
    func departmentCode(_ key: String) throws(ShellError) -> String {
        guard let code = departments[key] else {
            throw ShellError(zh: "未知部门", en: "unknown department `\(key)`", kind: .notFound)
        }
        return code
    }
    func departmentName(_ code: String, _ language: Language) -> String? { nil }
    func completions(_ slot: CompletionSlot) -> [String] { candidates(slot) }
    func startupBoard(_ session: Session) -> [String] { [] }
    func promptContext(_ language: Language) -> String? { prompt }
    func person(named name: String, role: Role?, dept: String?, session: Session) throws(ShellError) -> Actor? { nil }
    func idleWork() -> IdleWork { .none }
}
