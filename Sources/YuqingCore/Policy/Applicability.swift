/// Which cases a rule applies to. A case not yet assessed counts as general (Art. 8 ¶1 treats general cases as the
/// default); the historical flag selects between the 5- and 15-working-day verification limits (Art. 8 ¶2).
public struct Applicability: Sendable, Hashable, Codable {
    /// nil: every level.
    public var levels: Set<Level>?
    /// nil: historical or not.
    public var historical: Bool?

    public init(levels: Set<Level>? = nil, historical: Bool? = nil) {
        self.levels = levels
        self.historical = historical
    }

    public static let all = Applicability()

    public func applies(level: Level?, historical isHistorical: Bool) -> Bool {
        if let levels, !levels.contains(level ?? .general) { return false }
        if let historical, historical != isHistorical { return false }
        return true
    }

    /// The policy-line words: `all`, or levels in declaration order then `historical` / `not-historical`.
    public var codes: [String] {
        var out: [String] = []
        if let levels { out += Level.allCases.filter { levels.contains($0) }.map(\.rawValue) }
        if let historical { out.append(historical ? "historical" : "not-historical") }
        return out.isEmpty ? ["all"] : out
    }
}
