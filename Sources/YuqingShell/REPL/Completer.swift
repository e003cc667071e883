import Foundation
import YuqingCore

/// Tab completion from the command table: verbs (English and Chinese), sub-verbs, the flags of the verb being
/// typed, choice values, ids and departments (from the integrator's provider) and file paths.
public struct Completer {
    public var entries: [CommandEntry]
    public var session: Session

    public init(entries: [CommandEntry] = CommandTable.entries, session: Session) {
        self.entries = entries
        self.session = session
    }

    /// Candidates replacing `word`, the word being typed; `before` is the line up to the start of that word.
    public func candidates(before: String, word: String) -> [String] {
        let words = Completer.words(before)
        let all = rawCandidates(words: words, word: word)
        var seen = Set<String>()
        return all.filter { $0.lowercased().hasPrefix(word.lowercased()) && seen.insert($0).inserted }.sorted()
    }

    static func words(_ s: String) -> [String] {
        if case .success(let cmd)? = Lexer.lex(s, file: "<completion>").first {
            return cmd.words.map(\.literalText)
        }
        return s.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    private func verbs() -> [String] {
        entries.filter { !$0.spec.hidden }.flatMap { [$0.spec.name, $0.spec.alias] }.filter { !$0.isEmpty }
    }

    private func rawCandidates(words: [String], word: String) -> [String] {
        guard let first = words.first else { return verbs() }
        guard let spec = entries.first(where: { $0.spec.matches(first) })?.spec else { return [] }
        var rest = Array(words.dropFirst())
        var eff = spec
        if let s = rest.first.flatMap(spec.subverb(named:)) {
            eff = s.spec
            rest.removeFirst()
        } else if rest.isEmpty && !spec.subverbs.isEmpty && !word.hasPrefix("--") {
            return spec.subverbs.filter { !$0.spec.hidden }.flatMap { [$0.spec.name, $0.spec.alias] }
                + values(spec.positionals.first?.kind)
        }
        let flags = eff.allFlags + FlagSpec.global
        // `--help` last: every verb takes it (`Parser.helpRequest`), except `help` itself.
        if word.hasPrefix("--") {
            return flags.flatMap { ["--" + $0.name] + ($0.alias.map { ["--" + $0] } ?? []) } + (spec.name == "help" ? [] : ["--help"])
        }
        if let last = rest.last, last.hasPrefix("--"), !last.contains("="),
           let f = flags.first(where: { $0.matches(String(last.dropFirst(2))) }) {
            if case .switch = f.kind {} else { return values(f.kind) }
        }
        // `as NAME`: the people and departments one can act as (the verb's NAME is a free word).
        if spec.name == "as" && rest.isEmpty { return session.domain?.completions(.person) ?? [] }
        if spec.name == "help" { return rest.isEmpty ? verbs() : (entries.first { $0.spec.matches(rest[0]) }?.spec.subverbs.flatMap { [$0.spec.name, $0.spec.alias] } ?? []) }
        var index = 0
        var i = 0
        while i < rest.count {
            let w = rest[i]
            if w.hasPrefix("--"), let f = flags.first(where: { $0.matches(String(w.dropFirst(2)).split(separator: "=").first.map(String.init) ?? "") }) {
                if case .switch = f.kind {} else if !w.contains("=") { i += 1 }
            } else {
                index += 1
            }
            i += 1
        }
        // `policy reading KEY VALUE`: the keys, then the values of the key typed.
        if !eff.keyedWords.isEmpty {
            let typed = rest.filter { !$0.hasPrefix("--") }
            switch typed.count {
            case 0: return eff.keyedWords.map(\.key)
            case 1: return eff.keyedWords.first { $0.key == typed[0].lowercased() }?.values ?? []
            default: return []
            }
        }
        let kind: ValueKind? = index < eff.positionals.count ? eff.positionals[index].kind
            : (eff.positionals.last?.variadic == true ? eff.positionals.last?.kind : nil)
        return values(kind)
    }

    private func values(_ kind: ValueKind?) -> [String] {
        switch kind {
        case .choice(let cs)?: return cs.flatMap { [$0.code, $0.zh] }
        case .id(let k)?, .idList(let k)?: return session.domain?.completions(.id(k)) ?? []
        case .department?: return session.domain?.completions(.department) ?? []
        case .assessedDepartment?: return (session.domain?.completions(.department) ?? []) + [Party.coordinators.rawValue]
        case .path?: return []  // files are completed by `files(matching:)`
        case .time?: return ["now"]
        default: return []
        }
    }

    /// True when the word being typed is a file path (a `.path` argument or flag).
    public func wantsPath(before: String, word: String) -> Bool {
        let words = Completer.words(before)
        guard let first = words.first, let spec = entries.first(where: { $0.spec.matches(first) })?.spec else { return false }
        var rest = Array(words.dropFirst())
        var eff = spec
        if let s = rest.first.flatMap(spec.subverb(named:)) { eff = s.spec; rest.removeFirst() }
        if let last = rest.last, last.hasPrefix("--"),
           let f = (eff.allFlags + FlagSpec.global).first(where: { $0.matches(String(last.dropFirst(2))) }),
           case .path = f.kind { return true }
        let positionals = rest.filter { !$0.hasPrefix("--") }.count
        if positionals < eff.positionals.count, case .path = eff.positionals[positionals].kind { return true }
        return false
    }

    /// Files and directories (with a trailing `/`) whose path starts with `word`.
    public static func files(matching word: String, cwd: String = FileManager.default.currentDirectoryPath) -> [String] {
        let slash = word.lastIndex(of: "/")
        let dirPart = slash.map { String(word[...$0]) } ?? ""
        let base = slash.map { String(word[word.index(after: $0)...]) } ?? word
        let dir = dirPart.isEmpty ? cwd : (dirPart.hasPrefix("/") ? dirPart : cwd + "/" + dirPart)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { $0.hasPrefix(base) && (base.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { name in
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDir)
            return dirPart + name + (isDir.boolValue ? "/" : "")
        }
    }
}
