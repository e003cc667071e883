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

/// A domain-like verb for the parser tests, shaped like `claim` and `meeting`.
enum TestVerbs {
    static let levels = [Choice("general", zh: "一般"), Choice("high-attention", zh: "关注度高"), Choice("major-sensitive", zh: "重大敏感")]
    static let entries: [CommandEntry] = [
        CommandEntry(spec: CommandSpec(
            name: "claim", alias: "认领", group: .cases, summary: Localized("claim"), synopsis: "claim CASE [--dept DEPT]",
            positionals: [ArgSpec("CASE", .id(.caseFile))],
            flags: [FlagSpec("dept", .department), FlagSpec("level", .choice(levels)), FlagSpec("note", .text, repeatable: true),
                    FlagSpec("within", .spanOrWorkdays), FlagSpec("urgent", .switch), FlagSpec("cases", .idList(.caseFile))],
            mutates: true
        )) { inv, s throws(ShellError) in
            let t = try s.effectiveTime(inv)
            return CommandOutput(messages: [Localized(zh: "\(inv.id(0)?.description ?? "") 已认领", en: "\(inv.id(0)?.description ?? "") claimed")],
                                 created: inv.id(0), effective: t)
        },
        CommandEntry(spec: CommandSpec(
            name: "say", alias: "发言", group: .meetings, summary: Localized("say"), synopsis: "say TEXT",
            positionals: [ArgSpec("TEXT", .text)], flags: [FlagSpec("text", .text)], mutates: true, textBlock: true
        )) { inv, _ throws(ShellError) in CommandOutput(messages: [Localized(inv.text("text") ?? inv.positional(0)?.raw ?? "")]) },
        CommandEntry(spec: CommandSpec(
            name: "cases", alias: "案件", group: .queries, summary: Localized("cases"), synopsis: "cases [where EXPR]",
            positionals: [ArgSpec("EXPR", .expression, optional: true)], flags: [FlagSpec("limit", .integer)]
        )) { inv, _ throws(ShellError) in CommandOutput(messages: [Localized(inv.positional(0)?.raw ?? "")]) },
        CommandEntry(spec: CommandSpec(
            name: "fail", alias: "失败", group: .admin, summary: Localized("fail"), synopsis: "fail"
        )) { _, _ throws(ShellError) in throw ShellError(zh: "坏了", en: "broken", kind: .internal) },
    ]
}
