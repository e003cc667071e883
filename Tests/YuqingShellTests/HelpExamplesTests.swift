import Testing
@testable import YuqingCore
@testable import YuqingShell

/// Every example a verb's help shows (`help VERB`, docs/commands.md) is a command the parser accepts: an example
/// that is refused (`calendar between` with dates where it takes times) teaches the wrong thing, and nothing else
/// would notice.
@Suite struct HelpExamplesTests {
    static let examples: [(verb: String, example: String)] = CommandTable.flattened().flatMap { e in
        e.spec.examples.map { (e.spec.fullName, $0) }
    }

    @Test func everyExampleParses() throws {
        let t = TestShell()
        // The department the drill examples (and a meeting's) name; a drill script adds it the same way.
        #expect(t.run("dept add water 市水务局 --en \"Water Bureau\"").failures == 0)
        #expect(Self.examples.count > 100)
        var refused: [String] = []
        for (verb, example) in Self.examples {
            let lexed = Lexer.lex(example, file: "<help \(verb)>")
            guard lexed.count == 1, case let .success(cmd) = lexed[0] else {
                refused.append("\(verb): \(example) — does not lex as one command")
                continue
            }
            do {
                let words = try Parser.expand(cmd, variables: ["last": "C1", "case": "C1", "topic": "水质"])
                _ = try Parser.parse(words: words, command: cmd, entries: CommandTable.entries, session: t.session)
            } catch {
                refused.append("\(verb): \(example) — \(error.message.en)")
            }
        }
        #expect(refused.isEmpty, "\(refused.joined(separator: "\n"))")
    }
}
