import YuqingCore

/// A typed error with a message in both languages. The interpreter prints it as
/// `file:line:column: error: message`, the source line and carets under `range`.
///
/// Every layer's error (`WorkflowError`, `StoreError`, `CalendarError`…) adopts `YuqingError`; the shell shows one
/// with `ShellError(error, range:)`, keeping its message, hint and kind, so the shell never switches over the
/// error types of the layers below.
public struct ShellError: YuqingError {
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

    /// Any layer's error as the shell shows it, pointing at `range` unless it already points somewhere.
    public init(_ error: some YuqingError, range: SourceRange? = nil) {
        if var e = error as? ShellError {
            if e.range == nil { e.range = range }
            self = e
        } else {
            self.init(error.message, range: range, hint: error.hint, kind: error.kind)
        }
    }

    /// An error caught from an untyped `throws` (the store's, whose bodies may throw any layer's error): shown by
    /// its `YuqingError` conformance; anything else is a defect of yuqing, reported as internal.
    public init(caught error: any Error, range: SourceRange? = nil) {
        if let e = error as? any YuqingError {
            self.init(e, range: range)
        } else {
            self.init(Localized(zh: "内部错误：\(error)", en: "internal error: \(error)"), range: range, kind: .internal)
        }
    }

    /// The same error said about `file` (`export.csv: line 3 is not UTF-8`).
    public func about(_ file: String) -> ShellError {
        var e = self
        e.message = Localized(zh: "\(file)：\(message.zh)", en: "\(file): \(message.en)")
        return e
    }

    /// Runs `body` and shows what it throws at `range` (said about `file`, when given), by the error's `YuqingError`
    /// conformance: the one bridge from the layers below (typed or not) to the shell's typed throws.
    public static func at<T>(_ range: SourceRange?, about file: String? = nil, _ body: () throws -> T) throws(ShellError) -> T {
        do { return try body() } catch {
            let e = ShellError(caught: error, range: range)
            throw file.map(e.about) ?? e
        }
    }
}
