/// Where something is in the source: the file, 1-based line and column (in characters), and a length in
/// characters. Diagnostics print the line and carets under exactly this range.
public struct SourceRange: Sendable, Hashable {
    /// `<stdin>`, `<command>`, or the path.
    public var file: String
    public var line: Int
    public var column: Int
    public var length: Int

    public init(file: String, line: Int, column: Int, length: Int) {
        self.file = file
        self.line = line
        self.column = column
        self.length = length
    }

    /// A range that starts `offset` characters into this one (for the value part of `--flag=value`).
    public func dropping(_ offset: Int) -> SourceRange {
        SourceRange(file: file, line: line, column: column + offset, length: max(1, length - offset))
    }

    /// The range from the start of `self` to the end of `other` (same line), else `self`.
    public func through(_ other: SourceRange) -> SourceRange {
        guard other.file == file, other.line == line, other.column >= column else { return self }
        return SourceRange(file: file, line: line, column: column, length: other.column + other.length - column)
    }

    /// A one-character range just after this one: where something missing should have been.
    public var after: SourceRange { SourceRange(file: file, line: line, column: column + length + 1, length: 1) }
}

/// A word of a command after quote removal and `$name` expansion.
public struct Word: Sendable {
    /// Unquoted text.
    public var text: String
    public var range: SourceRange
    /// Any part of it was quoted: quoted words are never flags, comments or text-block markers.
    public var quoted: Bool
    /// Character offsets in `text` that were quoted or escaped (an empty range for `""`): values the condition
    /// parser takes as they are (`title = "a=b (x)"` is one value, not an operator and a parenthesis).
    public var quotedSpans: [Range<Int>]

    public init(text: String, range: SourceRange, quoted: Bool, quotedSpans: [Range<Int>] = []) {
        self.text = text
        self.range = range
        self.quoted = quoted
        self.quotedSpans = quotedSpans
    }
}
