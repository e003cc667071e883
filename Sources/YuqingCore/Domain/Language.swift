/// The two languages of the interface.
public enum Language: String, Sendable, Codable, CaseIterable {
    case zh, en
}

extension Localized {
    /// The text in the session's language.
    public func text(_ lang: Language) -> String { text(chinese: lang == .zh) }
}
