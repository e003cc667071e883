/// The level a case is judged to have at assessment (研判). It selects which rules apply: major sensitive cases are
/// escalated to city leaders (Art. 8 ¶3); high-attention responses are reviewed by the coordinators and get 5 working
/// days (Art. 9 ¶1).
public enum Level: String, CaseIterable, Sendable, Hashable, Codable {
    case general
    case highAttention = "high-attention"
    case majorSensitive = "major-sensitive"

    /// The Chinese name used in the policy text and in minutes.
    public var chineseName: String {
        switch self {
        case .general: "一般"
        case .highAttention: "关注度高"
        case .majorSensitive: "重大敏感"
        }
    }

    public var name: Localized {
        switch self {
        case .general: Localized(zh: chineseName, en: "general")
        case .highAttention: Localized(zh: chineseName, en: "high-attention")
        case .majorSensitive: Localized(zh: chineseName, en: "major sensitive")
        }
    }

    /// Accepts the code (`high-attention`) or the Chinese name (`关注度高`).
    public init?(code: String) {
        if let l = Level(rawValue: code) {
            self = l
        } else if let l = Level.allCases.first(where: { $0.chineseName == code }) {
            self = l
        } else {
            return nil
        }
    }
}
