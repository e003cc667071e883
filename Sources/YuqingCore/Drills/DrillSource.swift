/// A word of a drill script as the shell's lexer produced it (quotes removed), with its place in the file.
///
/// The core does not lex: the shell hands it words, so drill scripts follow exactly the rules of the language
/// (quotes, Chinese text, `\` continuations, `<<END` blocks) and positions match the shell's diagnostics.
public struct DrillWord: Sendable, Hashable {
    public var text: String
    /// 1-based line and column (in characters), and the length in characters.
    public var line: Int
    public var column: Int
    public var length: Int
    /// Quoted words are never keywords.
    public var quoted: Bool
    /// The included file the word is in (`source shared.yq` at header level); nil for the script itself.
    public var file: String?

    public init(text: String, line: Int, column: Int, length: Int, quoted: Bool = false, file: String? = nil) {
        self.text = text
        self.line = line
        self.column = column
        self.length = length
        self.quoted = quoted
        self.file = file
    }

    /// The place of this word, for diagnostics.
    public var position: DrillPosition { DrillPosition(line: line, column: column, length: max(1, length), file: file) }
}

/// Where something is in a drill script.
public struct DrillPosition: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int
    public var length: Int
    /// An included file; nil for the script itself.
    public var file: String?
    public init(line: Int, column: Int, length: Int, file: String? = nil) {
        self.line = line
        self.column = column
        self.length = length
        self.file = file
    }
    /// The script's own lines first, then each included file's, in line order.
    public static func < (a: DrillPosition, b: DrillPosition) -> Bool {
        (a.file ?? "", a.line, a.column) < (b.file ?? "", b.line, b.column)
    }
}

/// One command line of a drill script: its words and its raw source text (from column 1 of its first line,
/// through any continuation lines and text block), so an inject can be handed back to the interpreter verbatim.
public struct DrillLine: Sendable, Hashable {
    public var words: [DrillWord]
    public var source: String
    /// The line the command starts on.
    public var line: Int
    /// The body of a `<<END … END` block, when the line has one.
    public var textBlock: String?
    /// The included file the line comes from; nil for the script itself.
    public var file: String?

    public init(words: [DrillWord], source: String, line: Int, textBlock: String? = nil, file: String? = nil) {
        self.words = words
        self.source = source
        self.line = line
        self.textBlock = textBlock
        self.file = file
    }

    /// The source text from word `index` to the end of the command (continuations and text block included).
    public func text(from index: Int) -> String {
        guard index < words.count else { return "" }
        let w = words[index]
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let skip = w.line - line
        guard skip >= 0, skip < lines.count else { return source }
        lines.removeFirst(skip)
        lines[0] = String(lines[0].dropFirst(w.column - 1))
        return lines.joined(separator: "\n")
    }
}

/// A mistake in a drill script, found before the drill starts.
public struct DrillError: YuqingError, Hashable {
    public var message: Localized
    public var position: DrillPosition
    public var hint: Localized?
    /// A mistake in the script a trainer wrote.
    public var kind: ErrorKind { .usage }

    public init(_ message: Localized, at position: DrillPosition, hint: Localized? = nil) {
        self.message = message
        self.position = position
        self.hint = hint
    }

    public init(zh: String, en: String, at word: DrillWord, hint: Localized? = nil) {
        self.init(Localized(zh: zh, en: en), at: word.position, hint: hint)
    }
}
