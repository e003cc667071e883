/// A text in both languages the shell speaks. The core never decides the user's language: it hands both versions
/// to the shell, which picks one with `--lang`.
public struct Localized: Sendable, Hashable, Codable, CustomStringConvertible {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The same text in both languages (codes, ids, numbers).
    public init(_ both: String) {
        self.zh = both
        self.en = both
    }

    public func text(chinese: Bool) -> String { chinese ? zh : en }

    /// English, for logs and test failures; user-facing output picks a language explicitly.
    public var description: String { en }
}

/// English counts: "1 case", "3 cases" (Chinese counts take no plural).
public enum English {
    public static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
