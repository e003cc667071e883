extension Policy {
    /// Whether a case's response must be drafted and approved by the coordinators before it is published: some rule
    /// ending in the response asks for their review and applies to the case (`respond.high`: high-attention and
    /// major sensitive cases, Art. 9 ¶1, docs/rules.md). Read from the rules, so a profile that changes who is
    /// reviewed changes the gate with the deadlines.
    public func responseNeedsReview(level: Level?, historical: Bool) -> Bool {
        rules.contains { $0.coordinatorsReview && $0.end == .responded && $0.applies.applies(level: level, historical: historical) }
    }
}
