import YuqingCore

/// One piece of a word before expansion: literal text, or a `$name` to look up when the command runs.
enum WordPart: Sendable, Equatable {
    case literal(String)
    /// Text that was quoted or escaped with `\`: data that the condition parser never splits on operators.
    case quoted(String)
    /// `quoted`: written inside double quotes, so its value is data too.
    case variable(String, SourceRange, quoted: Bool)
}

/// A word as lexed: parts still to expand (variables are looked up when the command runs, after the commands
/// before it have set them).
struct LexWord: Sendable {
    var parts: [WordPart]
    var range: SourceRange
    var quoted: Bool

    /// The text when there are no variables (tests, completion).
    var literalText: String {
        parts.map {
            switch $0 {
            case .literal(let s), .quoted(let s): s
            case .variable: ""
            }
        }.joined()
    }
}

/// One command: its words, an optional `<<END` text block, where it is and its source text.
struct LexCommand: Sendable {
    var words: [LexWord]
    var textBlock: String?
    var textBlockRange: SourceRange?
    var range: SourceRange
    var source: String
}

/// Splits source text into commands of words, shell-style.
///
/// Decisions (documented in docs/language.md): quotes end on the line they start (multi-line text goes in a
/// `<<END` block); `#` starts a comment only at the start of a word, so URLs with `#fragment` survive; `\` at the
/// end of a line joins the next line; an ideographic space (U+3000) separates words like a space.
struct Lexer {
    let file: String
    let lines: Lines
    let rawLines: [String]

    /// The characters of a line as UTF-8 bytes and where each character starts, made when the lexer reaches it.
    /// Holding every line as `[Character]` (16 bytes a character) made a script of a million commands take
    /// gigabytes, and asking a `Character` for its bytes (`asciiValue`, equality) was most of the lexer's time; the
    /// lexer only ever looks at the line it is on and the one its current word started on.
    final class Lines {
        let raw: [String]
        private var cached: [(index: Int, units: LineUnits)] = []
        init(_ raw: [String]) { self.raw = raw }
        var count: Int { raw.count }
        subscript(i: Int) -> LineUnits {
            if let hit = cached.first(where: { $0.index == i }) { return hit.units }
            let units = LineUnits(raw[i])
            if cached.count >= 2 { cached.removeFirst() }
            cached.append((i, units))
            return units
        }
    }

    init(source: String, file: String) {
        self.file = file
        // Split on the bytes, not the Characters (a script of 100k commands spent a few per cent of its time
        // breaking the whole source into graphemes here): a line ends at "\n" or at "\r\n" (one Character in
        // Swift, so a "\r" before "\n" belongs to the break), and then loses one trailing "\r" of its own, as the
        // Character split did. Both bytes are ASCII, so every piece is whole UTF-8.
        let pieces = source.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
        var ls = pieces.indices.map { i -> String in
            var line = pieces[i]
            if i < pieces.count - 1, line.last == 0x0D { line = line.dropLast() }
            if line.last == 0x0D { line = line.dropLast() }
            return String(decoding: line, as: UTF8.self)
        }
        if ls.last == "" { ls.removeLast() }
        rawLines = ls
        lines = Lines(ls)
    }

    /// The commands in order; a command with a lexical error is an error at its place, so `--keep-going` can go on.
    static func lex(_ source: String, file: String) -> [Result<LexCommand, ShellError>] {
        var all: [Result<LexCommand, ShellError>] = []
        _ = Lexer(source: source, file: file).commands { all.append($0); return true }
        return all
    }

    /// True when the source ends inside a `\` continuation or an open text block: the REPL asks for more lines.
    static func needsMore(_ source: String) -> Bool {
        Lexer(source: source, file: "<stdin>").commands { _ in true }
    }

    /// A space, a tab or U+3000 alone separates words.
    private static func isBlank(_ cs: LineUnits, _ i: Int) -> Bool {
        if let a = cs.ascii(i) { return a == 0x20 || a == 0x09 }
        return cs.isIdeographicSpace(i)
    }

    func range(_ line: Int, _ col: Int, _ len: Int) -> SourceRange {
        SourceRange(file: file, line: line + 1, column: col + 1, length: max(1, len))
    }

    /// Hands each command to `emit` as soon as it is read (scripts run while they are being read, in constant
    /// memory); `emit` returns false to stop. Returns whether the source ended inside a continuation or text block.
    @discardableResult
    func commands(_ emit: (Result<LexCommand, ShellError>) -> Bool) -> Bool {
        var li = 0
        var incomplete = false
        while li < lines.count {
            let startLine = li
            var words: [LexWord] = []
            var parts: [WordPart] = []
            var lit: [UInt8] = []
            var litQuoted = false
            var inWord = false
            var quoted = false
            var wordStart = (0, 0)
            var wordEnd = 0
            var blockDelimiter: String?
            var blockRange: SourceRange?
            var failure: ShellError?

            func flushLiteral() {
                guard !lit.isEmpty else { return }
                let text = String(decoding: lit, as: UTF8.self)
                parts.append(litQuoted ? .quoted(text) : .literal(text))
                lit.removeAll(keepingCapacity: true)
            }
            /// Adds the characters `from..<to` of line `cs` to the word, keeping quoted and unquoted pieces apart.
            func add(_ cs: LineUnits, _ from: Int, _ to: Int, quoted q: Bool) {
                if q != litQuoted { flushLiteral(); litQuoted = q }
                cs.appendBytes(from, to, to: &lit)
            }
            func endWord(line: Int) {
                guard inWord else { return }
                flushLiteral()
                let len = line == wordStart.0 ? wordEnd - wordStart.1 : lines[wordStart.0].count - wordStart.1
                words.append(LexWord(parts: parts, range: range(wordStart.0, wordStart.1, len), quoted: quoted))
                parts = []
                inWord = false
                quoted = false
            }

            var line = li
            lineLoop: while line < lines.count {
                if let e = Lexer.tooLong(lines.raw[line], line: line, file: file) {
                    failure = e
                    break lineLoop
                }
                let cs = lines[line]
                if lines.raw[line].utf8.contains(0), let at = cs.firstIndex(ofASCII: 0) {
                    failure = ShellError(zh: "命令中有 NUL 字符（\\0），不予接受", en: "a NUL character (\\0) in the command; refused",
                                         range: range(line, at, 1))
                    break lineLoop
                }
                var i = 0
                var continued = false
                func begin() {
                    if !inWord { inWord = true; wordStart = (line, i) }
                }
                charLoop: while i < cs.count {
                    // The ASCII byte of a one-scalar ASCII character (every character this switch looks for).
                    let a = cs.ascii(i)
                    if a == nil ? cs.isIdeographicSpace(i) : a == 0x20 || a == 0x09 {
                        endWord(line: line)
                        i += 1
                        continue
                    }
                    if a == 0x23 && !inWord { break charLoop } // #
                    if a == 0x3C && !inWord && i + 2 < cs.count && cs.ascii(i + 1) == 0x3C && !Lexer.isBlank(cs, i + 2) { // <
                        var j = i + 2
                        while j < cs.count && !Lexer.isBlank(cs, j) { j += 1 }
                        let delim = cs.string(i + 2, j)
                        if blockDelimiter != nil {
                            failure = ShellError(zh: "一条命令只能有一个文本块", en: "only one text block per command",
                                                 range: range(line, i, j - i))
                        }
                        blockDelimiter = delim
                        blockRange = range(line, i, j - i)
                        i = j
                        continue
                    }
                    switch a {
                    case 0x27: // '
                        begin()
                        quoted = true
                        guard let close = cs.firstIndex(ofASCII: 0x27, from: i + 1) else {
                            failure = ShellError(zh: "引号未闭合", en: "unterminated quote", range: range(line, i, 1),
                                                 hint: Localized(zh: "引号须在同一行内闭合；多行文字请用 <<END … END",
                                                                 en: "close the quote on the same line; for several lines use <<END … END"))
                            break lineLoop
                        }
                        if close == i + 1 { flushLiteral(); parts.append(.quoted("")) }
                        add(cs, i + 1, close, quoted: true)
                        i = close + 1
                        wordEnd = i
                    case 0x22: // "
                        begin()
                        quoted = true
                        let open = i
                        i += 1
                        var closed = false
                        if i < cs.count, cs.ascii(i) == 0x22 { flushLiteral(); parts.append(.quoted("")) }
                        while i < cs.count {
                            let b = cs.ascii(i)
                            if b == 0x22 { closed = true; i += 1; break } // "
                            if b == 0x5C && i + 1 < cs.count, let e = cs.ascii(i + 1), e == 0x22 || e == 0x5C || e == 0x24 { // \
                                add(cs, i + 1, i + 2, quoted: true); i += 2; continue
                            }
                            if b == 0x24, let (name, len) = variable(cs, i) { // $
                                flushLiteral()
                                parts.append(.variable(name, range(line, i, len), quoted: true))
                                i += len
                                continue
                            }
                            add(cs, i, i + 1, quoted: true)
                            i += 1
                        }
                        if !closed {
                            failure = ShellError(zh: "引号未闭合", en: "unterminated quote", range: range(line, open, 1),
                                                 hint: Localized(zh: "引号须在同一行内闭合；多行文字请用 <<END … END",
                                                                 en: "close the quote on the same line; for several lines use <<END … END"))
                            break lineLoop
                        }
                        wordEnd = i
                    case 0x5C: // \
                        if i == cs.count - 1 {
                            continued = true
                            i += 1
                            break charLoop
                        }
                        begin()
                        add(cs, i + 1, i + 2, quoted: true)
                        i += 2
                        wordEnd = i
                    case 0x24: // $
                        begin()
                        if let (name, len) = variable(cs, i) {
                            flushLiteral()
                            parts.append(.variable(name, range(line, i, len), quoted: false))
                            i += len
                        } else {
                            add(cs, i, i + 1, quoted: false)
                            i += 1
                        }
                        wordEnd = i
                    default:
                        begin()
                        // The run of ordinary characters up to the next blank, quote, `\` or `$` is copied at once.
                        var j = i + 1
                        while j < cs.count {
                            if let b = cs.ascii(j) {
                                if b == 0x20 || b == 0x09 || b == 0x27 || b == 0x22 || b == 0x5C || b == 0x24 { break }
                            } else if cs.isIdeographicSpace(j) {
                                break
                            }
                            j += 1
                        }
                        add(cs, i, j, quoted: false)
                        i = j
                        wordEnd = i
                    }
                }
                if continued {
                    line += 1
                    if line >= lines.count { incomplete = true }
                    continue lineLoop
                }
                endWord(line: line)
                break lineLoop
            }
            let lastCommandLine = min(line, lines.count - 1)
            var block: String?
            var next = lastCommandLine + 1
            if failure == nil, let delim = blockDelimiter {
                var body: [String] = []
                var found = false
                var size = 0
                while next < lines.count {
                    let text = rawLines[next]
                    next += 1
                    if text.trimmingBlanks == delim { found = true; break }
                    size += text.count + 1
                    body.append(text)
                }
                if size > TextLimits.textBlock + 1, failure == nil {
                    failure = ShellError(zh: "文本块过长（\(size - 1) 个字符，最多 \(TextLimits.textBlock) 个）",
                                         en: "the text block is too long (\(size - 1) characters; at most \(TextLimits.textBlock))",
                                         range: blockRange)
                }
                if found, failure == nil, body.contains(where: { $0.contains("\0") }) {
                    failure = ShellError(zh: "文本块中有 NUL 字符（\\0），不予接受", en: "a NUL character (\\0) in the text block; refused",
                                         range: blockRange)
                }
                if !found {
                    incomplete = true
                    failure = ShellError(zh: "文本块未结束：缺少结束行 \(delim)",
                                         en: "unterminated text block: no closing line \(delim)",
                                         range: blockRange,
                                         hint: Localized(zh: "在文本后单独一行写 \(delim)",
                                                         en: "end the text with a line holding only \(delim)"))
                }
                block = body.joined(separator: "\n")
            }
            if failure != nil && blockDelimiter == nil { next = lastCommandLine + 1 }
            li = max(next, startLine + 1)
            let src = rawLines[startLine..<min(li, rawLines.count)].joined(separator: "\n")
            if let f = failure {
                if !emit(.failure(f)) { return incomplete }
                continue
            }
            guard !words.isEmpty else {
                if let br = blockRange {
                    if !emit(.failure(ShellError(zh: "文本块前没有命令", en: "a text block without a command", range: br))) {
                        return incomplete
                    }
                }
                continue
            }
            let first = words[0].range
            let last = words[words.count - 1].range
            if !emit(.success(LexCommand(words: words, textBlock: block, textBlockRange: blockRange,
                                         range: first.through(last), source: src))) {
                return incomplete
            }
        }
        return incomplete
    }

    /// A line longer than `TextLimits.line` is refused before it is split into characters (a 1 MB line would
    /// otherwise cost 16 MB and a slow scan).
    static func tooLong(_ text: String, line: Int, file: String) -> ShellError? {
        guard text.utf8.count > TextLimits.line else { return nil }
        let n = text.count
        guard n > TextLimits.line else { return nil }
        return ShellError(zh: "这一行过长（\(n) 个字符，最多 \(TextLimits.line) 个）",
                          en: "the line is too long (\(n) characters; at most \(TextLimits.line))",
                          range: SourceRange(file: file, line: line + 1, column: 1, length: 1))
    }

    /// `$name` or `${name}` at `i`: the name and the length in characters.
    private func variable(_ cs: LineUnits, _ i: Int) -> (String, Int)? {
        guard i + 1 < cs.count else { return nil }
        if cs.ascii(i + 1) == 0x7B { // {
            guard let close = cs.firstIndex(ofASCII: 0x7D, from: i + 2), close > i + 2 else { return nil } // }
            for k in (i + 2)..<close where !cs.isNameChar(k) { return nil }
            return (cs.string(i + 2, close), close - i + 1)
        }
        var j = i + 1
        while j < cs.count && cs.isNameChar(j) { j += 1 }
        return j > i + 1 ? (cs.string(i + 1, j), j - i) : nil
    }
}

extension String {
    var trimmingBlanks: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
