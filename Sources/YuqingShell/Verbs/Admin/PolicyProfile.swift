import YuqingCore
import YuqingStore

/// A policy profile file read as data: its `policy …` lines go to `Policy.apply`, one by one, and nothing else is
/// accepted — a profile is never run by the interpreter (which would run any verb in it, as whoever loads it, and
/// again at every start-up). Words split like the language (quotes, comments, `\` continuations); `$` is literal.
enum PolicyProfile {
    /// The sub-verbs a profile line may use, with their Chinese aliases.
    static let lines: [String: String] = Dictionary(uniqueKeysWithValues: RulesVerbs.PolicyLine.lines.flatMap {
        [($0.name, $0.name), ($0.alias, $0.name)]
    })

    /// The profile of `text`, or the first error at `file:line:column`. Nothing changes on error.
    static func parse(_ text: String, file: String) throws(ShellError) -> Policy {
        var p = Policy()
        var failure: ShellError?
        _ = Lexer(source: text, file: file).commands { item in
            switch item {
            case .failure(let e):
                failure = e
                return false
            case .success(let cmd):
                do throws(ShellError) { try apply(cmd, to: &p) } catch {
                    failure = error
                    return false
                }
                return true
            }
        }
        if let failure { throw failure }
        return p
    }

    private static func apply(_ cmd: LexCommand, to p: inout Policy) throws(ShellError) {
        let words = cmd.words.map { w in
            (text: w.parts.map { part -> String in
                switch part {
                case .literal(let s), .quoted(let s): s
                case .variable(let name, _, _): "$" + name
                }
            }.joined(), range: w.range)
        }
        guard let first = words.first else { return }
        guard first.text == "policy" || first.text == "制度" else {
            throw ShellError(Localized(zh: "制度文件只能包含 policy 语句，不能有“\(first.text)”", en: "a profile holds `policy` lines only, not `\(first.text)`"),
                             range: first.range, hint: Localized(zh: "语法见 docs/rules.md", en: "the syntax is in docs/rules.md"), kind: .usage)
        }
        guard words.count > 1, let sub = lines[words[1].text] else {
            throw ShellError(Localized(zh: "应为 policy \(Policy.commands.joined(separator: "|")) …", en: "expected policy \(Policy.commands.joined(separator: "|")) …"),
                             range: words.count > 1 ? words[1].range : first.range, kind: .usage)
        }
        if cmd.textBlock != nil {
            throw ShellError(Localized(zh: "制度语句不接受文本块", en: "a policy line takes no text block"),
                             range: cmd.textBlockRange ?? first.range, kind: .usage)
        }
        let args = Array(words.dropFirst(2))
        do throws(PolicyError) { try p.apply(words: [sub] + args.map(\.text)) } catch {
            let all = Array(words.dropFirst())
            throw ShellError(error.message, range: all[min(max(error.wordIndex, 0), all.count - 1)].range, kind: .usage)
        }
    }

    /// The SHA-256 of a profile's text, as logged with it (`policy show` prints it too).
    static func fingerprint(_ text: String) -> String { SHA256Text.hex(bytes: Array(text.utf8)) }
}
