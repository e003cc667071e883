/// Who may do what (brief section 7). A department acts on its own cases only; coordinators assign, escalate,
/// approve and review.
public enum Role: String, Sendable, Codable, CaseIterable {
    case patrol
    case liaison
    case leader
    case coordinator
    case cityLeader = "city-leader"
    case trainer
    case admin

    public var name: Localized {
        switch self {
        case .patrol: Localized(zh: "巡查员", en: "patrol staff")
        case .liaison: Localized(zh: "联络员", en: "liaison")
        case .leader: Localized(zh: "部门负责人", en: "department leader")
        case .coordinator: Localized(zh: "协调员", en: "coordinator")
        case .cityLeader: Localized(zh: "市领导", en: "city leader")
        case .trainer: Localized(zh: "培训师", en: "trainer")
        case .admin: Localized(zh: "管理员", en: "administrator")
        }
    }

    /// `an administrator`, `a liaison`: the English name with its article.
    public var withArticle: String {
        let en = name.en
        return (en.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + en
    }

    /// Accepts the code or its Chinese name (`liaison`, `联络员`).
    public init?(code: String) {
        if let r = Role(rawValue: code.lowercased()) {
            self = r
            return
        }
        guard let r = Role.allCases.first(where: { $0.name.zh == code }) else { return nil }
        self = r
    }
}

/// Who acts: recorded on every event.
public struct Actor: Hashable, Sendable, Codable {
    public var name: String
    public var role: Role
    /// The department code the actor works for (`police`), or nil for city leaders and admins without one.
    public var dept: String?

    public init(name: String, role: Role, dept: String?) {
        self.name = name
        self.role = role
        self.dept = dept
    }
}
