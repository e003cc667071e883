import Foundation
import YuqingCore

/// Reads drill scripts and action files with the shell's own lexer, and checks every injected command against the
/// command table, so all mistakes are reported (`file:line:column`, the line, carets) before the drill starts.
enum DrillLoading {
    struct Source {
        var path: String
        var text: String
        var lines: [String]
    }

    static func read(_ path: String, range: SourceRange?) throws(ShellError) -> Source {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShellError(Localized(zh: "无法读取文件 \(path)", en: "cannot read file \(path)"), range: range, kind: .usage)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ShellError(Localized(zh: "文件 \(path) 不是 UTF-8 文本", en: "file \(path) is not UTF-8 text"), range: range, kind: .data)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        return Source(path: path, text: text, lines: lines)
    }

    /// The lexed lines of a file as the core reads them; lexical errors are collected.
    static func drillLines(_ src: Source, errors: inout [ShellError]) -> [DrillLine] {
        var out: [DrillLine] = []
        for item in Lexer.lex(src.text, file: src.path) {
            switch item {
            case .failure(let e): errors.append(e)
            case .success(let cmd):
                let words = cmd.words.map { w in
                    DrillWord(text: w.literalText, line: w.range.line, column: w.range.column, length: w.range.length,
                              quoted: w.quoted)
                }
                out.append(DrillLine(words: words, source: cmd.source, line: cmd.words.first?.range.line ?? cmd.range.line))
            }
        }
        return out
    }

    static func shellError(_ e: DrillError, file: String) -> ShellError {
        ShellError(e.message, range: SourceRange(file: file, line: e.position.line, column: e.position.column,
                                                 length: e.position.length), hint: e.hint, kind: .usage)
    }

    /// The text handed to the interpreter for a command of the script: padded so that its positions are the
    /// script's own (diagnostics of an inject that fails at run time point into the drill file).
    static func padded(_ c: DrillCommand) -> String {
        String(repeating: "\n", count: max(0, c.line - 1)) + String(repeating: " ", count: max(0, c.column - 1)) + c.text
    }

    /// Parses each command against the table without running it (departments and ids are checked when it runs:
    /// the drill may create them first).
    static func check(_ commands: [DrillCommand], file: String, entries: [CommandEntry], errors: inout [ShellError]) {
        for c in commands {
            for item in Lexer.lex(padded(c), file: file) {
                switch item {
                case .failure(let e): errors.append(e)
                case .success(let cmd):
                    if cmd.words.contains(where: { w in w.parts.contains { if case .variable = $0 { true } else { false } } }) {
                        continue
                    }
                    let words = cmd.words.map { Word(text: $0.literalText, range: $0.range, quoted: $0.quoted) }
                    do throws(ShellError) { _ = try Parser.parse(words: words, command: cmd, entries: entries, session: nil) } catch {
                        errors.append(error)
                    }
                }
            }
        }
    }

    /// Prints every error with its source line and fails without printing again.
    static func report(_ errors: [ShellError], _ src: Source, session: Session, what: Localized) throws(ShellError) {
        guard !errors.isEmpty else { return }
        let sink = session.runContext?.sink
        let sorted = errors.sorted { a, b in
            ((a.range?.line ?? 0), (a.range?.column ?? 0)) < ((b.range?.line ?? 0), (b.range?.column ?? 0))
        }
        var text = ""
        for e in sorted {
            var line: String?
            if let r = e.range, r.line >= 1, r.line <= src.lines.count { line = src.lines[r.line - 1] }
            text += Diagnostics.render(e, line: line, language: session.language, color: sink?.color ?? false)
        }
        let summary = Localized(zh: "\(src.path) 有 \(errors.count) 处错误，\(what.zh)", en: "\(errors.count) error(s) in \(src.path); \(what.en)")
        guard let sink else {
            throw ShellError(Localized(zh: text + summary.zh, en: text + summary.en), kind: .usage)
        }
        sink.err(text)
        throw ShellError(summary, kind: .usage)
    }

    /// A drill script, checked completely.
    static func script(_ path: String, range: SourceRange?, session: Session) throws(ShellError) -> (DrillScript, Source) {
        let src = try read(path, range: range)
        var errors: [ShellError] = []
        let lines = drillLines(src, errors: &errors)
        var script: DrillScript?
        var commands: [DrillCommand] = []
        do throws(DrillErrors) {
            let s = try DrillParser.parse(lines)
            script = s
            commands = s.injects.map(\.command) + s.contingencies.map(\.command) + s.chained.map(\.command)
        } catch {
            errors += error.errors.map { shellError($0, file: path) }
            commands = error.commands
        }
        check(commands, file: path, entries: ShellVerbs.entriesInUse(session), errors: &errors)
        try report(errors, src, session: session, what: Localized(zh: "演练未开始", en: "the drill did not start"))
        guard let script else { throw ShellError(zh: "演练脚本无效", en: "invalid drill script", kind: .internal) }
        return (script, src)
    }

    /// A file of trainee actions (or a drill log), checked completely.
    static func actions(_ path: String, range: SourceRange?, session: Session) throws(ShellError) -> ([DrillAction], Source) {
        let src = try read(path, range: range)
        var errors: [ShellError] = []
        let lines = drillLines(src, errors: &errors)
        var actions: [DrillAction] = []
        do throws(DrillErrors) { actions = try DrillActions.parse(lines) } catch {
            errors += error.errors.map { shellError($0, file: path) }
        }
        check(actions.map(\.command), file: path, entries: ShellVerbs.entriesInUse(session), errors: &errors)
        try report(errors, src, session: session, what: Localized(zh: "演练未开始", en: "the drill did not start"))
        return (actions, src)
    }

    /// `# key: value` lines of a drill log.
    static func directives(_ src: Source) -> [String: String] {
        var out: [String: String] = [:]
        for l in src.lines where l.hasPrefix("# ") {
            let body = l.dropFirst(2)
            guard let colon = body.firstIndex(of: ":") else { continue }
            let key = String(body[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(body[body.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if out[key] == nil { out[key] = value }
        }
        return out
    }
}
