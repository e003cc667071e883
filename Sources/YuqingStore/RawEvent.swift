import YuqingCore

/// An event exactly as stored: the columns the hash covers, text as written (the payload is never re-encoded).
/// What `audit verify` recomputes hashes from, and what `store copy` moves between backends.
struct RawEvent: Hashable, Sendable {
    var seq: Int64
    var caseID: String?
    var subject: String?
    var actorName: String
    var actorRole: String
    var actorDept: String?
    var verb: String
    var payload: String
    var effective: Int64
    var recorded: Int64
    var prevHash: String
    var hash: String
    /// Who typed it (v2 events); nil in events from before operators were recorded (v1).
    var operatorLogin: String? = nil
    var operatorName: String? = nil

    /// The hash recomputed from the columns.
    var recomputedHash: String {
        EventHashing.hash(prevHash: prevHash, seq: seq, caseID: caseID, subject: subject, actorName: actorName,
                          actorRole: actorRole, actorDept: actorDept, effective: effective, recorded: recorded,
                          verb: verb, payload: payload, operatorLogin: operatorLogin, operatorName: operatorName)
    }
}

extension RawEvent {
    /// The event these columns hold, its payload decoded (what every read of a case's events folds).
    func event() throws -> Event {
        func id(_ column: String, _ s: String?) throws -> EntityID? {
            guard let s else { return nil }
            guard let id = EntityID(parsing: s) else { throw StoreError.corrupt("event \(seq): bad \(column) \(s)") }
            return id
        }
        guard let role = Role(rawValue: actorRole) else {
            throw StoreError.corrupt("event \(seq): unknown role \(actorRole)")
        }
        return Event(seq: seq, caseID: try id("case_id", caseID), subject: try id("subject", subject),
                     actor: Actor(name: actorName, role: role, dept: actorDept),
                     effective: Instant(seconds: effective), recorded: Instant(seconds: recorded),
                     body: try EventHashing.body(fromPayload: payload, seq: seq),
                     prevHash: prevHash, hash: hash,
                     recordedBy: operatorLogin.map { Operator(login: $0, name: operatorName) })
    }
}

/// The raw log of a store that can be copied: events as stored, the settings (`meta`) and the id counters, and
/// a way to recompute the projections afterwards. SQLite and PostgreSQL transactions provide it.
protocol RawLog {
    /// Events after `seq`, in order, at most `limit`.
    func rawEvents(after seq: Int64, limit: Int) throws -> [RawEvent]
    /// Stores events exactly as given (inside a write, on an empty log or after its head).
    func insertRaw(_ events: [RawEvent]) throws
    func allMeta() throws -> [(key: String, value: String)]
    func idCounters() throws -> [(kind: String, last: Int64)]
    /// Raises a counter to at least `last` (never lowers it).
    func raiseIDCounter(_ kind: String, to last: Int64) throws
    func rebuildProjections(progress: StoreProgress?) throws
    func verifyChain() throws -> AuditReport
}
