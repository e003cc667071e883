import YuqingCore

/// The rules of applying an event to its case, shared by both stores so they refuse the same things.
enum CaseProjection {
    /// The case an event applies to: the stored one, or a new one for `collected`. Checks the optimistic version.
    static func start(id: EntityID, existing: CaseFile?, event e: NewEvent, expectedVersion: Int?) throws -> CaseFile {
        guard id.kind == .caseFile else {
            throw StoreError.misuse("an event's case must be a case id, not \(id)")
        }
        let c: CaseFile
        if let existing {
            if case .collected = e.body {
                throw StoreError.misuse("case \(id) already exists; add an item to it instead of collecting it again")
            }
            c = existing
        } else {
            guard case .collected = e.body else { throw StoreError.unknownCase(id) }
            c = CaseFile(id: id, collectedAt: e.effective)
        }
        if let expectedVersion, expectedVersion != c.version {
            throw StoreError.conflict(caseID: id, expected: expectedVersion, actual: c.version)
        }
        return c
    }
}
