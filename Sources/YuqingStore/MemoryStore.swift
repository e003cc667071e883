import YuqingCore

/// A store in arrays and dictionaries, for tests and drills (a drill never touches the real cases).
///
/// It keeps the contract of the SQLite store exactly: a `write` that throws leaves nothing (an undo log records
/// the old value of everything a write touches and is replayed backwards on error, nested writes included), events
/// are numbered and hash-chained the same way (same hashes for the same log), and queries use SQL's semantics.
/// Nothing is durable, so `batch` and `commitPoint` only keep their shape. Used from one thread at a time.
public final class MemoryStore: Store {
    public var projector: any CaseProjector
    public var attribution: Attribution?
    public var anchor: CheckpointAnchor?

    var events: [Event] = []
    /// The stored payload text of each event, as hashed (index = seq - 1).
    var payloads: [String] = []
    var cases: [Int: CaseFile] = [:]
    var summaries: [Int: CaseSummary] = [:]
    var dues: [Int: [DueEntry]] = [:]
    /// Post identity (`PostURL.identity` of an item's URL) → the numbers of the cases holding that post.
    var urls: [String: Set<Int>] = [:]
    var ids: [IDKind: Int] = [:]
    var metaValues: [String: String] = [:]
    var directoryValue = Directory()
    var checkpointList: [Checkpoint] = []

    /// How many outermost writes have succeeded: what its change feed watches.
    private(set) var commits = 0
    /// What to put back if the write in progress fails, newest last.
    private var undo: [UndoStep] = []
    private var writeDepth = 0

    enum UndoStep {
        case truncateEvents(Int)
        case caseFile(Int, CaseFile?, CaseSummary?, [DueEntry]?)
        case url(String, Set<Int>?)
        case id(IDKind, Int?)
        case meta(String, String?)
        case directory(Directory)
        case truncateCheckpoints(Int)
    }

    public init(projector: any CaseProjector) {
        self.projector = projector
    }

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        let mark = undo.count
        writeDepth += 1
        defer {
            writeDepth -= 1
            if writeDepth == 0 { undo.removeAll(keepingCapacity: true) }
        }
        do {
            let result = try body(MemoryTransaction(store: self))
            if writeDepth == 1 {
                try anchorHead()
                commits += 1
            }
            return result
        } catch {
            rollback(to: mark)
            throw error
        }
    }

    /// A feed of this store's writes (several sessions of one process share a memory store in tests).
    public func changeFeed() throws -> any StoreChangeFeed { MemoryChangeFeed(store: self) }

    /// Signs a checkpoint of the head when events were added since the last one (the end of a top-level write is
    /// this store's commit).
    private func anchorHead() throws {
        guard let anchor, let last = events.last, checkpointList.last?.count != last.seq else { return }
        record(.truncateCheckpoints(checkpointList.count))
        checkpointList.append(try anchor.signer.sign(count: last.seq, head: last.hash, at: anchor.clock.now()))
    }

    /// Each `write` inside is already atomic on its own; there is nothing to make durable.
    public func batch<T>(_ body: () throws -> T) throws -> T { try body() }

    public func commitPoint() throws {
        if writeDepth > 0 { throw StoreError.misuse("commitPoint() inside a write would split it") }
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try body(MemoryTransaction(store: self))
    }

    private func rollback(to mark: Int) {
        while undo.count > mark, let step = undo.popLast() {
            switch step {
            case let .truncateEvents(n):
                events.removeSubrange(n...)
                payloads.removeSubrange(n...)
            case let .caseFile(n, c, s, d):
                cases[n] = c
                summaries[n] = s
                dues[n] = d
            case let .url(u, set): urls[u] = set
            case let .id(k, v): ids[k] = v
            case let .meta(k, v): metaValues[k] = v
            case let .directory(d): directoryValue = d
            case let .truncateCheckpoints(n): checkpointList.removeSubrange(n...)
            }
        }
    }

    func record(_ step: UndoStep) {
        if writeDepth > 0 { undo.append(step) }
    }

    // MARK: Writing

    func nextID(_ kind: IDKind) throws -> EntityID {
        let old = ids[kind]
        let n = (old ?? 0) + 1
        let id = EntityID(kind, n)
        // A counter set back (the same rule as the files and the server): an id the log holds is refused.
        if kind == .caseFile ? cases[n] != nil : events.contains(where: { $0.subject == id }) {
            throw StoreError.idTaken(id)
        }
        record(.id(kind, old))
        ids[kind] = n
        return id
    }

    func setMeta(_ key: String, _ value: String?) {
        record(.meta(key, metaValues[key]))
        metaValues[key] = value
    }

    func append(_ new: NewEvent, expectedVersion: Int?) throws -> Event {
        let e = attribution?.stamp(new) ?? new
        var updated: CaseFile?
        if let id = e.caseID {
            updated = try CaseProjection.start(id: id, existing: cases[id.number], event: e,
                                               expectedVersion: expectedVersion)
        }
        let seq = Int64(events.count + 1)
        let prev = events.last?.hash ?? EventHashing.genesis
        let payload = try EventHashing.payload(e.body)
        let verb = EventHashing.verb(of: e.body, payload: payload)
        let hash = EventHashing.hash(of: e, seq: seq, prevHash: prev, verb: verb, payload: payload)
        let event = Event(seq: seq, caseID: e.caseID, subject: e.subject, actor: e.actor, effective: e.effective,
                          recorded: e.recorded, body: e.body, prevHash: prev, hash: hash, recordedBy: e.recordedBy)
        record(.truncateEvents(events.count))
        events.append(event)
        payloads.append(payload)
        if var c = updated {
            c.apply(event)
            project(c)
        }
        if case let .departmentSaved(d) = e.body {
            record(.directory(directoryValue))
            directoryValue.save(d)
        }
        return event
    }

    /// Stores a case's projection: snapshot, listed columns, due entries and URLs.
    func project(_ c: CaseFile) {
        let n = c.id.number
        record(.caseFile(n, cases[n], summaries[n], dues[n]))
        let entries = projector.dueEntries(for: c)
        cases[n] = c
        dues[n] = entries
        summaries[n] = CaseSummary(c, dues: entries)
        for url in c.items.compactMap(\.url).map(PostURL.identity) where urls[url]?.contains(n) != true {
            record(.url(url, urls[url]))
            urls[url, default: []].insert(n)
        }
    }

    // MARK: Maintenance

    public func rebuild() throws { try rebuild(progress: nil) }

    public func rebuild(progress: StoreProgress?) throws {
        var ticker = ProgressTicker(progress, total: Int64(events.count))
        try write { _ in
            let old = (cases, summaries, dues, urls, directoryValue)
            record(.directory(old.4))
            for n in Set(cases.keys) { record(.caseFile(n, cases[n], summaries[n], dues[n])) }
            for (u, set) in urls { record(.url(u, set)) }
            cases = [:]
            summaries = [:]
            dues = [:]
            urls = [:]
            directoryValue = Directory()
            var folded: [Int: CaseFile] = [:]
            for e in events {
                if let id = e.caseID {
                    var c = folded[id.number] ?? CaseFile(id: id, collectedAt: e.effective)
                    c.apply(e)
                    folded[id.number] = c
                }
                if case let .departmentSaved(d) = e.body { directoryValue.save(d) }
                for m in EventHashing.mentionedIDs(caseID: e.caseID, subject: e.subject, body: e.body)
                where m.number > (ids[m.kind] ?? 0) {
                    record(.id(m.kind, ids[m.kind]))
                    ids[m.kind] = m.number
                }
                ticker.tick()
            }
            for c in folded.values { project(c) }
        }
        ticker.finish()
    }

    public func recompute(_ scope: RecomputeScope) throws -> Int {
        if case .all = scope {
            try rebuild()
            return cases.count
        }
        return try write { _ in
            let chosen = cases.keys.filter { scope.selects(dues[$0] ?? []) }.sorted()
            for n in chosen { if let c = cases[n] { project(c) } }
            return chosen.count
        }
    }

    public func verifyChain() throws -> AuditReport {
        var prev = EventHashing.genesis
        for (i, e) in events.enumerated() {
            let seq = Int64(i + 1)
            if e.seq != seq {
                return AuditReport(checked: seq - 1, firstBroken: seq, reason: "expected seq \(seq), found \(e.seq)",
                                   problem: .sequenceGap)
            }
            if e.prevHash != prev {
                return AuditReport(checked: seq - 1, firstBroken: seq, reason: AuditProblem.linkBroken.message.en,
                                   problem: .linkBroken)
            }
            let h = EventHashing.hash(prevHash: e.prevHash, seq: e.seq, caseID: e.caseID?.description,
                                      subject: e.subject?.description, actorName: e.actor.name,
                                      actorRole: e.actor.role.rawValue, actorDept: e.actor.dept,
                                      effective: e.effective.seconds, recorded: e.recorded.seconds,
                                      verb: e.body.verb, payload: payloads[i], operatorLogin: e.recordedBy?.login,
                                      operatorName: e.recordedBy?.name)
            if h != e.hash || (try? EventHashing.payload(e.body)) != payloads[i] {
                return AuditReport(checked: seq - 1, firstBroken: seq, reason: AuditProblem.contentAltered.message.en,
                                   problem: .contentAltered)
            }
            prev = e.hash
        }
        return AuditReport(checked: Int64(events.count), firstBroken: nil, reason: nil)
    }
}

/// Reads and writes of a `MemoryStore`, handed to `write` and `read` bodies.
struct MemoryTransaction: StoreTransaction {
    let store: MemoryStore

    func nextID(_ kind: IDKind) throws -> EntityID { try store.nextID(kind) }

    func append(_ event: NewEvent, expectedVersion: Int?) throws -> Event {
        try store.append(event, expectedVersion: expectedVersion)
    }

    func setMeta(_ key: String, _ value: String?) throws { store.setMeta(key, value) }

    /// The fold kept in this process as events were applied (nothing outside it can edit it).
    func caseFile(_ id: EntityID) throws -> CaseFile? { id.kind == .caseFile ? store.cases[id.number] : nil }

    func storedSnapshot(_ id: EntityID) throws -> CaseFile? { try caseFile(id) }

    func storedDues(_ id: EntityID) throws -> [DueEntry] { id.kind == .caseFile ? store.dues[id.number] ?? [] : [] }

    func checkpoints() throws -> [Checkpoint] { store.checkpointList }

    func caseID(forURL url: String) throws -> EntityID? {
        store.urls[PostURL.identity(url)]?.min().map { EntityID(.caseFile, $0) }
    }

    func events(forCase id: EntityID) throws -> [Event] { store.events.filter { $0.caseID == id } }

    func events(forSubject id: EntityID) throws -> [Event] { store.events.filter { $0.subject == id } }

    func events(from seq: Int64, limit: Int) throws -> [Event] {
        let start = max(0, Int(seq) - 1)
        guard start < store.events.count, limit > 0 else { return [] }
        return Array(store.events[start..<min(store.events.count, start + limit)])
    }

    func lastSeq() throws -> Int64 { Int64(store.events.count) }

    func directory() throws -> Directory { store.directoryValue }

    func lastNumber(_ kind: IDKind) throws -> Int { store.ids[kind] ?? 0 }

    func cases(_ query: CaseQuery) throws -> [CaseSummary] {
        var rows: [CaseSummary] = []
        for s in store.summaries.values where try matches(query.filter, s, now: query.now) {
            rows.append(s)
        }
        sortSummaries(&rows, order: query.order, now: query.now)
        if let limit = query.limit, rows.count > max(0, limit) { rows.removeSubrange(max(0, limit)...) }
        return rows
    }

    func count(by field: CaseField, filter: CaseFilter?, now: Instant) throws -> [(key: String, count: Int)] {
        var counts: [String: Int] = [:]
        for s in store.summaries.values where try matches(filter, s, now: now) {
            counts[field.countKey(of: s, now: now), default: 0] += 1
        }
        return sortCounts(counts.map { (key: $0.key, count: $0.value) })
    }

    func openDues(before: Instant, limit: Int?, scope: DueScope) throws -> [DueEntry] {
        var rows = store.dues.values.joined().filter { d in
            guard d.metAt == nil && !d.waived && (d.due.map { $0 < before } ?? false) else { return false }
            switch scope {
            case .city: return true
            case .casesOf(let dept): return Access.maySee(caseOf: store.summaries[d.caseID.number]?.dept, scope: dept)
            case .answeredBy(let dept): return d.dept == dept
            }
        }
        rows.sort(by: dueOrder)
        if let limit, rows.count > max(0, limit) { rows.removeSubrange(max(0, limit)...) }
        return rows
    }

    func dues(from: Instant, to: Instant) throws -> [DueEntry] {
        store.dues.values.joined().filter { d in d.due.map { $0 >= from && $0 < to } ?? false }.sorted(by: dueOrder)
    }

    func meta(_ key: String) throws -> String? { store.metaValues[key] }

    /// SQL's WHERE: only a filter that is true keeps the case (unknown does not).
    private func matches(_ filter: CaseFilter?, _ s: CaseSummary, now: Instant) throws -> Bool {
        guard let filter else { return true }
        return try filter.evaluate(s, now: now, text: { store.cases[$0.id.number]?.searchText }) == true
    }

    func extensionRequests(all: Bool, visibleTo dept: String?) throws -> [ExtensionRequest] {
        store.cases.keys.sorted().flatMap { n -> [ExtensionRequest] in
            guard let c = store.cases[n], Access.maySee(caseOf: store.summaries[n]?.dept, scope: dept) else { return [] }
            return c.extensions.sorted { $0.id.number < $1.id.number }.map { ExtensionRequest($0, of: c) }
                .filter { all || $0.state == .pending }
        }
    }

    /// The same candidates as the SQL stores (see `StoreReader.newestTexts`).
    func newestTexts(holding query: String, limit: Int, visibleTo dept: String?) throws -> [(id: EntityID, text: String)] {
        var out: [(id: EntityID, text: String)] = []
        for n in store.cases.keys.sorted(by: >) {
            guard out.count < limit else { break }
            guard let c = store.cases[n], let s = store.summaries[n], Access.maySee(caseOf: s.dept, scope: dept) else { continue }
            let text = c.searchText
            if query.isEmpty || !SearchGrams.occurrences(of: query, in: text).isEmpty { out.append((c.id, text)) }
        }
        return out
    }

    func eventCount() throws -> Int64 { Int64(store.events.count) }

    func events(kinds: [EventKind], from: Instant, to: Instant) throws -> [Event] {
        store.events.filter { kinds.contains($0.body.kind) && $0.effective >= from && $0.effective < to }
    }

    func cases(ids: [EntityID]) throws -> [CaseSummary] {
        ids.compactMap { $0.kind == .caseFile ? store.summaries[$0.number] : nil }
    }

    // MARK: supervision — the same answers as `SupervisionQueries.swift`, computed by the core's own rules.

    /// When each case's first and last events were logged.
    private func logged() -> [Int: (first: Instant, last: Instant)] {
        var out: [Int: (first: Instant, last: Instant)] = [:]
        for e in store.events {
            guard let id = e.caseID else { continue }
            let t = out[id.number] ?? (e.recorded, e.recorded)
            out[id.number] = (min(t.first, e.recorded), max(t.last, e.recorded))
        }
        return out
    }

    private func entries(after: Instant, through: Instant, knownBy: Instant, excluding: [String]) -> [DueEntry] {
        let times = logged()
        return store.dues.values.joined().filter { d in
            !d.waived && (d.due.map { $0 > after && $0 <= through } ?? false) && !excluding.contains(ObligationRecord.ruleID(of: d.rule))
                && (times[d.caseID.number]?.last ?? knownBy) <= knownBy
        }
    }

    func dueOutcomes(after: Instant, through: Instant, asOf: Instant, knownBy: Instant, excluding: [String]) throws -> [OutcomeCount] {
        OutcomeCount.tally(entries(after: after, through: through, knownBy: knownBy, excluding: excluding).map(ObligationRecord.init), asOf: asOf)
    }

    func lateDues(after: Instant, through: Instant, asOf: Instant, knownBy: Instant, excluding: [String], _ body: (DueEntry) throws -> Bool) throws {
        let late = entries(after: after, through: through, knownBy: knownBy, excluding: excluding)
            .filter { ObligationRecord($0).outcome(asOf: asOf).isLate }
            .sorted(by: dueOrder)
        for d in late where try !body(d) { return }
    }

    func casesChanged(after asOf: Instant) throws -> [EntityID] {
        logged().filter { $0.value.first <= asOf && $0.value.last > asOf }.keys.sorted().map { EntityID(.caseFile, $0) }
    }

    func patrols(from: Instant, to: Instant) throws -> [PatrolRecord] {
        SupervisionEvents.patrolRecords(store.events.filter { $0.effective >= from && $0.effective < to })
    }

    func firstEffective(kind: EventKind, loggedBy asOf: Instant) throws -> Instant? {
        store.events.lazy.filter { $0.body.kind == kind && $0.recorded <= asOf }.map(\.effective).min()
    }
}

/// Due entries in time order, then by case number and rule: the order both stores list them in.
func dueOrder(_ a: DueEntry, _ b: DueEntry) -> Bool {
    let x = a.due?.seconds ?? Int64.min, y = b.due?.seconds ?? Int64.min
    if x != y { return x < y }
    if a.caseID.number != b.caseID.number { return a.caseID.number < b.caseID.number }
    return a.rule.utf8.lexicographicallyPrecedes(b.rule.utf8)
}

/// Says "changed" when the memory store has committed a write since the last call.
final class MemoryChangeFeed: StoreChangeFeed {
    private weak var store: MemoryStore?
    private var seen = -1
    init(store: MemoryStore) { self.store = store }
    func changed() throws -> Bool {
        guard let n = store?.commits else { return false }
        defer { seen = n }
        return n != seen
    }
    func close() { store = nil }
}

/// The projection as `audit verify` reads it on a memory store: the listed columns, due rows and post identities it
/// keeps beside each case; the logging times, applications and search text follow from the events and the kept
/// fold (`caseFile`), which nothing outside the process can edit.
extension MemoryTransaction: StoredProjectionReader {
    var storesGrams: Bool { false }

    func storedProjection(_ id: EntityID, urls: [String]) throws -> ProjectionRows {
        let n = id.number
        let times = store.events.lazy.filter { $0.caseID == id }.map(\.recorded)
        let c = store.cases[n]
        return ProjectionRows.rows(
            id: id, summary: store.summaries[n], version: c?.version ?? 0,
            recorded: (times.min() ?? Instant(seconds: 0), times.max() ?? Instant(seconds: 0)),
            dues: store.dues[n] ?? [], extensions: c.map { c in c.extensions.map { ExtensionRequest($0, of: c) } } ?? [],
            text: c?.searchText, urls: urls.filter { store.urls[$0]?.contains(n) == true }, grams: false)
    }

    func projectionRowCounts() throws -> [ProjectionTable: Int] {
        [.cases: store.summaries.count, .dues: store.dues.values.reduce(0) { $0 + $1.count },
         .caseExtensions: store.cases.values.reduce(0) { $0 + $1.extensions.count }, .caseText: store.cases.count,
         .caseURLs: store.urls.values.reduce(0) { $0 + $1.count }]
    }

    func projectionRowKeys(_ table: ProjectionTable) throws -> [(key: String, count: Int)] {
        let id = { (n: Int) in EntityID(.caseFile, n).description }
        switch table {
        case .cases: return store.summaries.keys.map { (id($0), 1) }
        case .dues: return store.dues.filter { !$0.value.isEmpty }.map { (id($0.key), $0.value.count) }
        case .caseExtensions: return store.cases.filter { !$0.value.extensions.isEmpty }.map { (String($0.key), $0.value.extensions.count) }
        case .caseText: return store.cases.keys.map { (String($0), 1) }
        case .caseURLs:
            var counts: [Int: Int] = [:]
            for set in store.urls.values { for n in set { counts[n, default: 0] += 1 } }
            return counts.map { (String($0.key), $0.value) }
        }
    }
}
