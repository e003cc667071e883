import Foundation
import YuqingCore

/// Reads drill scripts and action files with the shell's own lexer, expands header-level includes, hashes every
/// file the drill depends on, and checks every injected command against the command table and the script against
/// `DrillCheck`, so all mistakes are reported (`file:line:column`, the line, carets) before the drill starts.
enum DrillLoading {
    struct Source {
        var path: String
        var text: String
        var lines: [String]
        var sha256: String { SHA256Text.hex(bytes: Array(text.utf8)) }
    }

    /// A script ready to run: the script itself, the files it includes (`source FILE` at header level) and the
    /// files its injects `source` or `run`, each with its hash, for the log and the report.
    struct Loaded {
        var script: DrillScript
        var main: Source
        var includes: [Source]
        /// Files the injects source or run at play time, as written.
        var sourced: [DrillFileHash]

        /// Included and sourced files by the name written in the script (directories dropped for the report).
        var fileHashes: [DrillFileHash] {
            includes.map { DrillFileHash(name: $0.path, sha256: $0.sha256) } + sourced
        }
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

    /// The lexed lines of a file as the core reads them; lexical errors are collected. `file` marks the lines of
    /// an included file.
    static func drillLines(_ src: Source, file: String? = nil, errors: inout [ShellError]) -> [DrillLine] {
        var out: [DrillLine] = []
        for item in Lexer.lex(src.text, file: src.path) {
            switch item {
            case .failure(let e): errors.append(e)
            case .success(let cmd):
                let words = cmd.words.map { w in
                    DrillWord(text: w.literalText, line: w.range.line, column: w.range.column, length: w.range.length,
                              quoted: w.quoted, file: file)
                }
                out.append(DrillLine(words: words, source: cmd.source, line: cmd.words.first?.range.line ?? cmd.range.line,
                                     textBlock: cmd.textBlock, file: file))
            }
        }
        return out
    }

    /// The script's lines with every `source FILE` line replaced by that file's lines (paths relative to the file
    /// that includes them; includes may nest, but not loop).
    static func expand(_ src: Source, file: String?, seen: [String], includes: inout [Source],
                       errors: inout [ShellError]) -> [DrillLine] {
        var out: [DrillLine] = []
        for line in drillLines(src, file: file, errors: &errors) {
            guard let first = line.words.first, !first.quoted, ["source", "载入"].contains(first.text) else {
                out.append(line)
                continue
            }
            let at = SourceRange(file: src.path, line: first.line, column: first.column, length: first.length)
            guard line.words.count == 2 else {
                errors.append(ShellError(zh: "用法：source 文件", en: "usage: source FILE", range: at, kind: .usage))
                continue
            }
            let written = line.words[1].text
            let path = written.hasPrefix("/") ? written
                : ((src.path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(written)
            let standard = (path as NSString).standardizingPath
            let wordRange = SourceRange(file: src.path, line: line.words[1].line, column: line.words[1].column,
                                        length: line.words[1].length)
            if seen.contains(standard) {
                errors.append(ShellError(zh: "source 形成循环：\(written)", en: "`source` loops back: \(written)", range: wordRange, kind: .usage))
                continue
            }
            do throws(ShellError) {
                let inc = try read(path, range: wordRange)
                includes.append(inc)
                out += expand(inc, file: inc.path, seen: seen + [standard], includes: &includes, errors: &errors)
            } catch {
                errors.append(error)
            }
        }
        return out
    }

    static func shellError(_ e: DrillError, file: String) -> ShellError {
        ShellError(e.message, range: SourceRange(file: e.position.file ?? file, line: e.position.line, column: e.position.column,
                                                 length: e.position.length), hint: e.hint, kind: .usage)
    }

    /// The text handed to the interpreter for a command of the script: padded so that its positions are the
    /// script's own (diagnostics of an inject that fails at run time point into the drill file). `@labels` are
    /// replaced by the ids they name.
    static func padded(_ c: DrillCommand, labels: [String: EntityID] = [:]) -> String {
        String(repeating: "\n", count: max(0, c.line - 1)) + String(repeating: " ", count: max(0, c.column - 1))
            + resolve(c.text, labels: labels)
    }

    /// `@rumour` → `C1` wherever a word is a known label (quoted text and unknown labels are left alone).
    static func resolve(_ text: String, labels: [String: EntityID]) -> String {
        guard !labels.isEmpty, text.contains("@") else { return text }
        var out = ""
        var i = text.startIndex
        var quote: Character?
        while i < text.endIndex {
            let ch = text[i]
            if let q = quote {
                if ch == q { quote = nil }
                out.append(ch)
                i = text.index(after: i)
                continue
            }
            if ch == "\"" || ch == "'" { quote = ch }
            let atWordStart = i == text.startIndex || " \t\n,".contains(text[text.index(before: i)])
            if ch == "@", atWordStart {
                var j = text.index(after: i)
                while j < text.endIndex, text[j].isLetter || text[j].isNumber || text[j] == "_" || text[j] == "-" { j = text.index(after: j) }
                if let id = labels[String(text[text.index(after: i)..<j])] {
                    out += id.description
                    i = j
                    continue
                }
            }
            out.append(ch)
            i = text.index(after: i)
        }
        return out
    }

    /// A stand-in id for each label, of the kind its command creates (`instruct C1 …` an instruction, `meeting
    /// open` a meeting, else a case), so commands that use labels parse like the ones the drill will run.
    static func standIns(_ script: DrillScript?) -> [String: EntityID] {
        var out: [String: EntityID] = [:]
        for c in script?.commands ?? [] {
            guard let l = c.label else { continue }
            let kind: IDKind = switch c.verb {
            case "instruct", "批示": .instruction
            case "meeting", "会商": .meeting
            case "extend", "延期": .extensionRequest
            default: .caseFile
            }
            out[l] = EntityID(kind, 1)
        }
        for x in script?.expectations ?? [] {
            if case .label(let l)? = x.subject, out[l] == nil { out[l] = EntityID(.caseFile, 1) }
        }
        return out
    }

    /// Parses each command against the table without running it (departments and ids are checked when it runs:
    /// the drill may create them first). Labels stand for ids of the right kind.
    static func check(_ commands: [DrillCommand], file: String, entries: [CommandEntry], labels: [String: EntityID] = [:],
                      errors: inout [ShellError]) {
        for c in commands {
            for item in Lexer.lex(padded(c, labels: labels), file: c.file ?? file) {
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
    static func report(_ errors: [ShellError], _ sources: [Source], session: Session, what: Localized) throws(ShellError) {
        guard !errors.isEmpty, let main = sources.first else { return }
        let sink = session.runContext?.sink
        let order = sources.map(\.path)
        let sorted = errors.sorted { a, b in
            let fa = order.firstIndex(of: a.range?.file ?? "") ?? 0, fb = order.firstIndex(of: b.range?.file ?? "") ?? 0
            return (fa, a.range?.line ?? 0, a.range?.column ?? 0) < (fb, b.range?.line ?? 0, b.range?.column ?? 0)
        }
        var text = ""
        for e in sorted {
            var line: String?
            if let r = e.range, let src = sources.first(where: { $0.path == r.file }),
               r.line >= 1, r.line <= src.lines.count {
                line = src.lines[r.line - 1]
            }
            text += Diagnostics.render(e, line: line, language: session.language, color: sink?.color ?? false,
                                       width: sink?.errWidth)
        }
        let summary = Localized(zh: "\(main.path) 有 \(errors.count) 处错误，\(what.zh)", en: "\(errors.count) error(s) in \(main.path); \(what.en)")
        guard let sink else {
            throw ShellError(Localized(zh: text + summary.zh, en: text + summary.en), kind: .usage)
        }
        sink.err(text)
        throw ShellError(summary, kind: .usage)
    }

    /// Every name of the departments a drill starts with (its store's built-in directory) → the code.
    static var builtinDepartments: [String: String] {
        var out: [String: String] = [:]
        for d in Directory().departments {
            out[d.code] = d.code
            out[d.nameZH] = d.code
            out[d.nameEN] = d.code
        }
        return out
    }

    /// A drill script, checked completely: syntax, injected commands, references, departments, actors, and the
    /// files its injects source.
    static func script(_ path: String, range: SourceRange?, session: Session) throws(ShellError) -> Loaded {
        let src = try read(path, range: range)
        var errors: [ShellError] = []
        var includes: [Source] = []
        let lines = expand(src, file: nil, seen: [(path as NSString).standardizingPath], includes: &includes, errors: &errors)
        var script: DrillScript?
        var parsed: DrillScript?
        var commands: [DrillCommand] = []
        do throws(DrillErrors) {
            let p = try DrillParser.parse(lines)
            parsed = p
            commands = p.commands
            script = try DrillCheck(departments: builtinDepartments).check(p)
        } catch {
            errors += error.errors.map { shellError($0, file: path) }
            if commands.isEmpty { commands = error.commands }
        }
        check(commands, file: path, entries: ShellVerbs.entriesInUse(session), labels: standIns(parsed), errors: &errors)
        var sourced: [DrillFileHash] = []
        for c in commands where ["source", "载入", "run", "运行"].contains(c.verb) && c.words.count >= 2 {
            let w = c.words[1]
            guard !w.text.hasPrefix("$"), !sourced.contains(where: { $0.name == w.text }) else { continue }
            let at = SourceRange(file: c.file ?? path, line: w.line, column: w.column, length: w.length)
            do throws(ShellError) { sourced.append(DrillFileHash(name: w.text, sha256: try read(w.text, range: at).sha256)) } catch {
                errors.append(error)
            }
        }
        try report(errors, [src] + includes, session: session, what: Localized(zh: "演练未开始", en: "the drill did not start"))
        guard let script else { throw ShellError(zh: "演练脚本无效", en: "invalid drill script", kind: .internal) }
        return Loaded(script: script, main: src, includes: includes, sourced: sourced)
    }

    /// A file of trainee actions (or a drill log), checked completely (labels of the script stand for ids).
    static func actions(_ path: String, range: SourceRange?, session: Session,
                        script: DrillScript? = nil) throws(ShellError) -> ([DrillAction], Source) {
        let src = try read(path, range: range)
        var errors: [ShellError] = []
        let lines = drillLines(src, errors: &errors)
        var actions: [DrillAction] = []
        do throws(DrillErrors) { actions = try DrillActions.parse(lines) } catch {
            errors += error.errors.map { shellError($0, file: path) }
        }
        check(actions.map(\.command), file: path, entries: ShellVerbs.entriesInUse(session), labels: standIns(script),
              errors: &errors)
        try report(errors, [src], session: session, what: Localized(zh: "演练未开始", en: "the drill did not start"))
        return (actions, src)
    }

    /// `# key: value` lines of a drill log (the first of each key), and the repeatable ones (`# include:`) in order.
    static func directives(_ src: Source) -> (first: [String: String], all: [(String, String)]) {
        var first: [String: String] = [:]
        var all: [(String, String)] = []
        for l in src.lines where l.hasPrefix("# ") {
            let body = l.dropFirst(2)
            guard let colon = body.firstIndex(of: ":") else { continue }
            let key = String(body[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(body[body.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if first[key] == nil { first[key] = value }
            all.append((key, value))
        }
        return (first, all)
    }
}
