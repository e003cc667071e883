import YuqingCore

/// What kind of failure: decides the exit code (`internal` → 3, others → 1; argv problems → 2) and lets callers
/// react (`conflict` can be retried).
public enum ErrorKind: String, Sendable {
    case usage, notFound, wrongStage, denied, conflict, data, `internal`
}

/// A typed error with a message in both languages. The interpreter prints it as
/// `file:line:column: error: message`, the source line and carets under `range`.
public struct ShellError: Error, Sendable {
    public var message: Localized
    public var range: SourceRange?
    public var hint: Localized?
    public var kind: ErrorKind
    /// Already printed (by a nested `run`): the caller only counts it.
    public var reported: Bool

    public init(_ message: Localized, range: SourceRange? = nil, hint: Localized? = nil, kind: ErrorKind = .usage,
                reported: Bool = false) {
        self.message = message
        self.range = range
        self.hint = hint
        self.kind = kind
        self.reported = reported
    }

    public init(zh: String, en: String, range: SourceRange? = nil, hint: Localized? = nil, kind: ErrorKind = .usage) {
        self.init(Localized(zh: zh, en: en), range: range, hint: hint, kind: kind)
    }
}
