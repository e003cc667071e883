/// The judgement of a case (Art. 8, 9): it decides which clocks run.
public enum Level: String, Sendable, Hashable, Codable, CaseIterable {
    case general
    case highAttention = "high-attention"
    case majorSensitive = "major-sensitive"

    public var name: Localized {
        switch self {
        case .general: Localized(zh: "一般", en: "general")
        case .highAttention: Localized(zh: "关注度高", en: "high-attention")
        case .majorSensitive: Localized(zh: "重大敏感", en: "major-sensitive")
        }
    }
}
