/// A user-facing text in both languages the product speaks. Every message, title and error carries both, so
/// `--lang` can switch any output, and official documents can default to Chinese.
public struct Localized: Hashable, Sendable, Codable {
    public var zh: String
    public var en: String
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
    /// The same text in both languages (codes, numbers, names).
    public init(_ both: String) {
        zh = both
        en = both
    }
    public func text(_ lang: Language) -> String { lang == .zh ? zh : en }
}

/// The two languages of the interface.
public enum Language: String, Sendable, Codable, CaseIterable {
    case zh, en
}
