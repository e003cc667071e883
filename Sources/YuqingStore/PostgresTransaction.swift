import Foundation
import PostgresNIO
import YuqingCore

/// Reads and writes of a `PostgresStore` on its connection: inside the open transaction when there is one (so a
/// script reads its own writes), otherwise each statement on its own.
struct PostgresTransaction: StoreTransaction {
    let store: PostgresStore
    var link: PostgresLink { store.link }

    static let eventColumns = """
        seq, case_id, subject, actor_name, actor_role, actor_dept, verb, payload, effective, recorded, prev_hash, hash, \
        operator, operator_name
        """
    static let summaryColumns = """
        id, title, url, stage, dept, level, source, category, historical, designated, collected, claimed, \
        next_due, next_due_rule
        """

    private func binds(_ build: (inout PostgresBindings) -> Void) -> PostgresBindings {
        var b = PostgresBindings()
        build(&b)
        return b
    }

    private func requireLock(_ what: String) throws {
        guard store.inTransaction else { throw StoreError.misuse("\(what) outside a write") }
    }

    // MARK: Writing

    func nextID(_ kind: IDKind) throws -> EntityID {
        try requireLock("nextID")
        // The counter is a table a desk's role may write: an id the log already holds is refused, in the same
        // round trip (the write then rolls back with everything it did).
        let r = try link.query("""
            WITH n AS (INSERT INTO ids(kind, last) VALUES ($1, 1) ON CONFLICT (kind) DO UPDATE SET last = ids.last + 1
                       RETURNING last)
            SELECT n.last, EXISTS (SELECT 1 FROM events WHERE \(kind == .caseFile ? "case_id" : "subject") = $1 || n.last::text)
            FROM n
            """, binds { $0.append(kind.rawValue) })
        guard let row = r.rows.first else { throw StoreError.corrupt("no id allocated for \(kind.rawValue)") }
        var c = Cells(row)
        let id = EntityID(kind, Int(try c.next(Int64.self)))
        if try c.next(Bool.self) { throw StoreError.idTaken(id) }
        return id
    }

    func setMeta(_ key: String, _ value: String?) throws {
        try requireLock("setMeta")
        if let value {
            try link.query("""
                INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, binds { $0.append(key); $0.append(value) })
        } else {
            try link.query("DELETE FROM meta WHERE key = $1", binds { $0.append(key) })
        }
    }

    /// The head of the chain: read once per transaction (the chain lock is held, so nobody else moves it), then
    /// followed in memory.
    func chainHead() throws -> (seq: Int64, hash: String) {
        if let h = store.head { return h }
        let r = try link.query("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
        var h: (seq: Int64, hash: String) = (0, EventHashing.genesis)
        if let row = r.rows.first {
            var c = Cells(row)
            h = (try c.next(Int64.self), try c.next(String.self))
        }
        store.head = h
        return h
    }

    func append(_ new: NewEvent, expectedVersion: Int?) throws -> Event {
        try requireLock("append")
        let e = store.attribution?.stamp(new) ?? new
        var updated: CaseFile?
        var before: CaseFile?
        if let id = e.caseID {
            before = try caseFile(id)
            updated = try CaseProjection.start(id: id, existing: before, event: e, expectedVersion: expectedVersion)
        }
        let last = try chainHead()
        let seq = last.seq + 1
        let prev = last.hash
        let payload = try EventHashing.payload(e.body)
        let verb = EventHashing.verb(of: e.body, payload: payload)
        let hash = EventHashing.hash(of: e, seq: seq, prevHash: prev, verb: verb, payload: payload)
        let stored = RawEvent(seq: seq, caseID: e.caseID?.description, subject: e.subject?.description,
                              actorName: e.actor.name, actorRole: e.actor.role.rawValue, actorDept: e.actor.dept,
                              verb: verb, payload: payload, effective: e.effective.seconds,
                              recorded: e.recorded.seconds, prevHash: prev, hash: hash,
                              operatorLogin: e.recordedBy?.login, operatorName: e.recordedBy?.name)
        let event = Event(seq: seq, caseID: e.caseID, subject: e.subject, actor: e.actor, effective: e.effective,
                          recorded: e.recorded, body: e.body, prevHash: prev, hash: hash, recordedBy: e.recordedBy)
        if var c = updated {
            // The event and its case's projection in one statement: one round trip under the chain lock.
            c.apply(event)
            // The search text and extension rows are written only when the event changed them.
            let text = c.searchText
            let extensions = c.extensions.map { ExtensionRequest($0, of: c) }
            let hadExtensions = before.map { b in b.extensions.map { ExtensionRequest($0, of: b) } } ?? []
            try project(c, lastHash: hash, newURLs: newItemURL(e.body).map { [$0] } ?? [],
                        recorded: (e.recorded, e.recorded), event: stored,
                        text: before?.searchText == text ? nil : text,
                        extensions: extensions == hadExtensions ? [] : extensions)
            store.cache.put(c.id.number, hash: hash, c)
            store.current.insert(c.id.number)
        } else {
            try insertRaw([stored])
        }
        store.head = (seq, hash)
        store.lastAppended = (seq, hash)
        if case let .departmentSaved(d) = e.body { try saveDepartment(d, seq: seq) }
        return event
    }

    /// The URL an event adds to its case, if any: only these events touch `case_urls`.
    private func newItemURL(_ b: EventBody) -> String? {
        switch b {
        case let .collected(item, _), let .itemAdded(item): item.url
        default: nil
        }
    }

    /// Saves a case's projection in one statement: the snapshot and listed columns, its due entries (replaced)
    /// and the post identities (`PostURL.identity`) of new items' URLs. One round trip per event, whatever the
    /// number of due entries.
    /// `event`, when given, is inserted by the same statement. `recorded`: when the case's first and last events (of
    /// those applied) were logged; the case keeps the earliest first and the latest last, and its due rows carry
    /// them (as on SQLite). `text`: the case's search text when it changed (nil: unchanged); `extensions`: its
    /// extension rows when they changed (empty: unchanged; rows are never removed, so they are upserted).
    func project(_ c: CaseFile, lastHash: String, newURLs: [String], recorded: (first: Instant, last: Instant),
                 event: RawEvent? = nil, text: String?, extensions: [ExtensionRequest]) throws {
        let id = c.id.description
        let entries = store.projector.dueEntries(for: c)
        let s = CaseSummary(c, dues: entries)
        let snapshot = Data(EventHashing.encodeSnapshot(c))
        var b = PostgresBindings()
        b.append(id); b.append(Int64(c.id.number)); try b.append(snapshot); b.append(lastHash); b.append(s.title)
        b.append(s.url); b.append(s.stage.rawValue); b.append(s.dept); b.append(s.level?.rawValue)
        b.append(s.source.rawValue); b.append(s.category?.rawValue); b.append(s.historical); b.append(s.designated)
        b.append(s.collectedAt.seconds); b.append(s.claimedAt?.seconds); b.append(s.nextDue?.seconds)
        b.append(s.nextDueRule); b.append(Int32(c.version)); b.append(recorded.first.seconds); b.append(recorded.last.seconds)
        // Data-modifying CTEs share one snapshot: the DELETE sees only the old due entries, never the new ones,
        // and the foreign keys are checked at the end of the statement, when the case row exists.
        var sql = """
            WITH c AS (
                INSERT INTO cases(id, num, snapshot, last_hash, title, url, stage, dept, level, source, category,
                                  historical, designated, collected, claimed, next_due, next_due_rule, version,
                                  first_recorded, last_recorded)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
                ON CONFLICT (id) DO UPDATE SET snapshot = excluded.snapshot, last_hash = excluded.last_hash,
                    title = excluded.title, url = excluded.url, stage = excluded.stage, dept = excluded.dept,
                    level = excluded.level, source = excluded.source, category = excluded.category,
                    historical = excluded.historical, designated = excluded.designated,
                    collected = excluded.collected, claimed = excluded.claimed, next_due = excluded.next_due,
                    next_due_rule = excluded.next_due_rule, version = excluded.version,
                    first_recorded = least(coalesce(cases.first_recorded, excluded.first_recorded), excluded.first_recorded),
                    last_recorded = greatest(coalesce(cases.last_recorded, excluded.last_recorded), excluded.last_recorded)
                RETURNING first_recorded, last_recorded
            )
            """
        if c.version > 1 {
            sql += ", d AS (DELETE FROM dues WHERE case_id = $1)"
        }
        if !entries.isEmpty {
            var rows: [String] = []
            for d in entries {
                let n = b.count
                rows.append("($\(n + 1), $\(n + 2)::bigint, $\(n + 3)::bigint, $\(n + 4), $\(n + 5)::boolean, $\(n + 6)::boolean, "
                    + "$\(n + 7), $\(n + 8)::bigint, $\(n + 9)::bigint)")
                b.append(d.rule); b.append(d.due?.seconds); b.append(d.metAt?.seconds); b.append(d.dept)
                b.append(d.waived); b.append(d.designated); b.append(d.level?.rawValue); b.append(d.startSeq); b.append(d.endSeq)
            }
            // The rows carry the case's logging times as the upsert left them (`c`).
            sql += ", n AS (INSERT INTO dues(case_id, num, rule, due, met_at, dept, waived, designated, level, start_seq, end_seq, "
                + "first_recorded, last_recorded) SELECT $1, $2, v.rule, v.due, v.met_at, v.dept, v.waived, v.designated, v.level, "
                + "v.start_seq, v.end_seq, c.first_recorded, c.last_recorded FROM (VALUES " + rows.joined(separator: ", ")
                + ") AS v(rule, due, met_at, dept, waived, designated, level, start_seq, end_seq) CROSS JOIN c)"
        }
        if !newURLs.isEmpty {
            var rows: [String] = []
            for url in Set(newURLs.map(PostURL.identity)).sorted() {
                rows.append("($\(b.count + 1), $2, $1)")
                b.append(url)
            }
            sql += ", u AS (INSERT INTO case_urls(url, num, case_id) VALUES " + rows.joined(separator: ", ")
                + " ON CONFLICT DO NOTHING)"
        }
        if let text {
            let n = b.count
            sql += ", t AS (INSERT INTO case_text(num, body, grams) VALUES ($2, $\(n + 1), $\(n + 2)::text[])"
                + " ON CONFLICT (num) DO UPDATE SET body = excluded.body, grams = excluded.grams)"
            b.append(text)
            b.append(SearchGrams.set(text))
        }
        if !extensions.isEmpty {
            var rows: [String] = []
            for x in extensions {
                let n = b.count
                rows.append("($2, $\(n + 1)::bigint, $\(n + 2), $\(n + 3)::integer, $\(n + 4), $\(n + 5)::bigint, $\(n + 6),"
                            + " $\(n + 7)::integer)")
                b.append(Int64(x.id.number)); b.append(x.dept); b.append(Int32(x.days)); b.append(x.reason)
                b.append(x.appliedAt.seconds); b.append(x.state.rawValue); b.append(x.approvedDays.map(Int32.init))
            }
            sql += ", x AS (INSERT INTO case_extensions(num, ext, dept, days, reason, applied, state, decided_days) VALUES "
                + rows.joined(separator: ", ") + " ON CONFLICT (num, ext) DO UPDATE SET dept = excluded.dept,"
                + " days = excluded.days, reason = excluded.reason, applied = excluded.applied, state = excluded.state,"
                + " decided_days = excluded.decided_days)"
        }
        if let e = event {
            let n = b.count
            sql += ", ev AS (INSERT INTO events(\(Self.eventColumns)) VALUES ("
                + (1...14).map { "$\(n + $0)" }.joined(separator: ", ") + "))"
            Self.bind(e, into: &b)
        }
        sql += " SELECT 1"
        try link.query(sql, b)
    }

    func saveDepartment(_ d: Department, seq: Int64) throws {
        let json = try DepartmentRow.json(d)
        try link.query("""
            INSERT INTO departments(code, seq, json) VALUES ($1, $2, $3)
            ON CONFLICT (code) DO UPDATE SET seq = excluded.seq, json = excluded.json
            """, binds { $0.append(d.code); $0.append(seq); $0.append(json) })
    }

    // MARK: Reading

    /// The case folded from its events (or the fold cached in this process under its last event's hash): never a
    /// stored snapshot, which could have been edited alone. One round trip when the cache is current.
    func caseFile(_ id: EntityID) throws -> CaseFile? {
        guard id.kind == .caseFile else { return nil }
        let key = id.description
        let cached = store.cache.entry(id.number)
        if store.inTransaction, store.current.contains(id.number), let cached { return cached.file }
        let r = try link.query("SELECT hash FROM events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1",
                               binds { $0.append(key) })
        guard let row = r.rows.first else { return nil }
        var c = Cells(row)
        let hash = try c.next(String.self)
        if store.inTransaction { store.current.insert(id.number) }
        if let cached, cached.hash == hash { return cached.file }
        guard let file = CaseFile.fold(try events(forCase: id)) else { return nil }
        store.cache.put(id.number, hash: hash, file)
        return file
    }

    func storedSnapshot(_ id: EntityID) throws -> CaseFile? {
        guard id.kind == .caseFile,
              let bytes = try scalar(Data.self, "SELECT snapshot FROM cases WHERE id = $1", binds { $0.append(id.description) })
        else { return nil }
        return try EventHashing.decodeSnapshot(bytes, id: id.description)
    }

    /// The case's due rows as stored (what `audit` compares with the projector's), from the `dues_case` index.
    func storedDues(_ id: EntityID) throws -> [DueEntry] {
        guard id.kind == .caseFile else { return [] }
        return try link.query("SELECT \(SQLiteTransaction.dueColumns) FROM dues WHERE case_id = $1",
                              binds { $0.append(id.description) }).rows.map { row in
            var c = Cells(row)
            return try Self.dueEntry(&c)
        }
    }

    func checkpoints() throws -> [Checkpoint] {
        try link.query("SELECT count, head, at, key, signature FROM checkpoints ORDER BY n").rows.map { row in
            var c = Cells(row)
            return Checkpoint(count: try c.next(Int64.self), head: try c.next(String.self),
                              at: Instant(seconds: try c.next(Int64.self)), key: try c.next(String.self),
                              signature: try c.next(String.self))
        }
    }

    /// Whether the log no longer holds the checkpoint's event with its signed hash (one lookup by `seq`).
    func contradicts(_ c: Checkpoint) throws -> Bool {
        guard c.count > 0 else { return false }
        return try scalar(String.self, "SELECT hash FROM events WHERE seq = $1", binds { $0.append(c.count) }) != c.head
    }

    /// Signs and stores a checkpoint of the head when events were added since the last one (inside the transaction
    /// that is about to commit, under the chain lock).
    func anchorHead(_ anchor: CheckpointAnchor) throws -> Checkpoint? {
        let head = try chainHead()
        let previous = try scalar(Int64.self, "SELECT count FROM checkpoints ORDER BY n DESC LIMIT 1")
        guard head.seq > 0, previous != head.seq else { return nil }
        let c = try anchor.signer.sign(count: head.seq, head: head.hash, at: anchor.clock.now())
        try link.query("""
            INSERT INTO checkpoints(n, count, head, at, key, signature)
            VALUES ((SELECT coalesce(max(n), 0) + 1 FROM checkpoints), $1, $2, $3, $4, $5)
            """, binds { $0.append(c.count); $0.append(c.head); $0.append(c.at.seconds); $0.append(c.key); $0.append(c.signature) })
        return c
    }

    func caseID(forURL url: String) throws -> EntityID? {
        let r = try link.query("SELECT min(num) FROM case_urls WHERE url = $1",
                               binds { $0.append(PostURL.identity(url)) })
        guard let row = r.rows.first else { return nil }
        var c = Cells(row)
        return try c.next(Int64?.self).map { EntityID(.caseFile, Int($0)) }
    }

    func events(forCase id: EntityID) throws -> [Event] {
        try fetchEvents("SELECT \(Self.eventColumns) FROM events WHERE case_id = $1 ORDER BY seq",
                        binds { $0.append(id.description) })
    }

    func events(forSubject id: EntityID) throws -> [Event] {
        try fetchEvents("SELECT \(Self.eventColumns) FROM events WHERE subject = $1 ORDER BY seq",
                        binds { $0.append(id.description) })
    }

    func events(from seq: Int64, limit: Int) throws -> [Event] {
        try fetchEvents("SELECT \(Self.eventColumns) FROM events WHERE seq >= $1 ORDER BY seq LIMIT $2",
                        binds { $0.append(seq); $0.append(Int64(max(0, limit))) })
    }

    func events(kinds: [EventKind], from: Instant, to: Instant) throws -> [Event] {
        var out: [Event] = []
        try forEachEvent(kinds: kinds, from: from, to: to) { out.append($0) }
        return out
    }

    /// A page of `eventPage` events at a time, each after the last one's sequence number.
    func forEachEvent(kinds: [EventKind], from: Instant, to: Instant, _ body: (Event) throws -> Void) throws {
        guard !kinds.isEmpty else { return }
        var after: Int64 = 0
        while true {
            var b = PostgresBindings()
            let marks = kinds.map { k -> String in
                b.append(k.rawValue)
                return "$\(b.count)"
            }
            b.append(from.seconds)
            b.append(to.seconds)
            b.append(after)
            b.append(Int64(Self.eventPage))
            let n = b.count
            let page = try fetchEvents("""
                SELECT \(Self.eventColumns) FROM events
                WHERE verb IN (\(marks.joined(separator: ", "))) AND effective >= $\(n - 3) AND effective < $\(n - 2)
                  AND seq > $\(n - 1)
                ORDER BY seq LIMIT $\(n)
                """, b)
            for e in page { try body(e) }
            guard page.count == Self.eventPage, let last = page.last else { return }
            after = last.seq
        }
    }

    static let eventPage = 2_000

    private func fetchEvents(_ sql: String, _ b: PostgresBindings) throws -> [Event] {
        try link.query(sql, b).rows.map { try PostgresTransaction.event($0) }
    }

    static func columns(_ row: PostgresRow) throws -> RawEvent {
        var c = Cells(row)
        return RawEvent(seq: try c.next(), caseID: try c.next(), subject: try c.next(), actorName: try c.next(),
                        actorRole: try c.next(), actorDept: try c.next(), verb: try c.next(), payload: try c.next(),
                        effective: try c.next(), recorded: try c.next(), prevHash: try c.next(), hash: try c.next(),
                        operatorLogin: try c.next(), operatorName: try c.next())
    }

    /// Reads an event row back; a value yuqing could not have written is reported as corruption.
    static func event(_ row: PostgresRow) throws -> Event { try columns(row).event() }

    private func scalar<T: PostgresDecodable>(_ type: T.Type, _ sql: String,
                                              _ b: PostgresBindings = PostgresBindings()) throws -> T? {
        guard let row = try link.query(sql, b).rows.first else { return nil }
        var c = Cells(row)
        return try c.next(T.self)
    }

    func lastSeq() throws -> Int64 {
        try scalar(Int64.self, "SELECT coalesce(max(seq), 0) FROM events") ?? 0
    }

    func eventCount() throws -> Int64 {
        try scalar(Int64.self, "SELECT count(*) FROM events") ?? 0
    }

    /// True when the event `seq` is stored with this hash (after a lost COMMIT).
    func hasEvent(seq: Int64, hash: String) throws -> Bool {
        try scalar(Int64.self, "SELECT count(*) FROM events WHERE seq = $1 AND hash = $2",
                   binds { $0.append(seq); $0.append(hash) }) == 1
    }

    func directory() throws -> Directory {
        var dir = Directory()
        for row in try link.query("SELECT code, json FROM departments ORDER BY seq").rows {
            var c = Cells(row)
            let code = try c.next(String.self)
            let json = try c.next(String.self)
            do {
                dir.save(try JSONDecoder().decode(Department.self, from: Data(json.utf8)))
            } catch {
                throw StoreError.corrupt("department \(code) is unreadable: \(error)")
            }
        }
        return dir
    }

    func lastNumber(_ kind: IDKind) throws -> Int {
        Int(try scalar(Int64.self, "SELECT last FROM ids WHERE kind = $1", binds { $0.append(kind.rawValue) }) ?? 0)
    }

    func meta(_ key: String) throws -> String? {
        try scalar(String.self, "SELECT value FROM meta WHERE key = $1", binds { $0.append(key) })
    }

    // MARK: Queries

    func cases(_ query: CaseQuery) throws -> [CaseSummary] {
        // A page in case order of a searched word walks the cases in order (see `casesInSearchOrder`).
        if let page = try casesInSearchOrder(query) { return page }
        var compiler = SQLFilterCompiler(now: query.now, dialect: .postgres)
        var sql = "SELECT \(Self.summaryColumns) FROM cases"
        if let f = query.filter { sql += " WHERE " + (try compiler.compile(f)) }
        var order: [String] = []
        for (field, descending) in query.order { order.append(compiler.orderTerm(field, descending: descending)) }
        order.append("num ASC")
        sql += " ORDER BY " + order.joined(separator: ", ")
        if let limit = query.limit { sql += " LIMIT " + compiler.bind(.int(Int64(max(0, limit)))) }
        var b = PostgresBindings()
        compiler.values.forEach { b.add($0) }
        return try link.query(sql, b).rows.map(PostgresTransaction.summary)
    }

    func cases(ids: [EntityID]) throws -> [CaseSummary] {
        let numbers = ids.filter { $0.kind == .caseFile }.map { Int64($0.number) }
        guard !numbers.isEmpty else { return [] }
        var b = PostgresBindings()
        let marks = Set(numbers).sorted().map { n -> String in
            b.append(n)
            return "$\(b.count)"
        }
        let rows = try link.query("SELECT \(Self.summaryColumns) FROM cases WHERE num IN (\(marks.joined(separator: ", ")))", b)
        var found: [Int: CaseSummary] = [:]
        for row in rows.rows {
            let s = try PostgresTransaction.summary(row)
            found[s.id.number] = s
        }
        return ids.compactMap { $0.kind == .caseFile ? found[$0.number] : nil }
    }

    static func summary(_ row: PostgresRow) throws -> CaseSummary {
        var c = Cells(row)
        return try summary(&c)
    }

    /// A case summary from the next cells of a row (`summaryColumns` order).
    static func summary(_ c: inout Cells) throws -> CaseSummary {
        let idText = try c.next(String.self)
        func bad(_ what: String) -> StoreError { .corrupt("case \(idText): bad \(what)") }
        guard let id = EntityID(parsing: idText) else { throw bad("id") }
        let title = try c.next(String.self)
        let url = try c.next(String?.self)
        guard let stage = Stage(rawValue: try c.next(String.self)) else { throw bad("stage") }
        let dept = try c.next(String?.self)
        let level = try (try c.next(String?.self)).map { code in
            guard let l = Level(rawValue: code) else { throw bad("level") }
            return l
        }
        guard let source = Source(rawValue: try c.next(String.self)) else { throw bad("source") }
        let category = try (try c.next(String?.self)).map { code in
            guard let x = Category(rawValue: code) else { throw bad("category") }
            return x
        }
        let historical = try c.next(Bool.self)
        let designated = try c.next(Bool.self)
        let collected = try c.next(Int64.self)
        let claimed = try c.next(Int64?.self)
        let due = try c.next(Int64?.self)
        let rule = try c.next(String?.self)
        return CaseSummary(id: id, title: title, url: url, stage: stage, dept: dept, level: level, source: source,
                           category: category, historical: historical, designated: designated,
                           collectedAt: Instant(seconds: collected), claimedAt: claimed.map(Instant.init(seconds:)),
                           nextDue: due.map(Instant.init(seconds:)), nextDueRule: rule)
    }

    func count(by field: CaseField, filter: CaseFilter?, now: Instant) throws -> [(key: String, count: Int)] {
        var compiler = SQLFilterCompiler(now: now, dialect: .postgres)
        let sql = try compiler.countQuery(by: field, filter: filter)
        var b = PostgresBindings()
        compiler.values.forEach { b.add($0) }
        var out: [(key: String, count: Int)] = []
        for row in try link.query(sql, b).rows {
            var c = Cells(row)
            let key: String
            switch field.kind {
            case .time:
                key = try c.next(Int64?.self).map { CivilDate(dayNumber: Int($0)).description } ?? ""
            case .flag, .overdue:
                key = try c.next(Int32?.self).map { $0 != 0 ? "true" : "false" } ?? ""
            case .id:
                key = try c.next(Int64?.self).map { EntityID(.caseFile, Int($0)).description } ?? ""
            default:
                key = try c.next(String?.self) ?? ""
            }
            out.append((key, Int(try c.next(Int64.self))))
        }
        return sortCounts(out)
    }

    func extensionRequests(all: Bool, visibleTo dept: String?) throws -> [ExtensionRequest] {
        var out: [ExtensionRequest] = []
        try forEachExtensionRequest(all: all, visibleTo: dept) { out.append($0); return true }
        return out
    }

    /// A page of 1,000 at a time, each after the last one's `(num, ext)` (the primary key's order): a city's
    /// applications are never all in memory, and no server-side cursor holds a transaction open. A department's
    /// view tests the case's department (`cases`, by its unique `num`) in the query.
    func forEachExtensionRequest(all: Bool, visibleTo dept: String?, _ body: (ExtensionRequest) throws -> Bool) throws {
        let page = 1_000
        var after: (num: Int64, ext: Int64) = (-1, -1)
        while true {
            var b = PostgresBindings()
            b.append(after.num)
            b.append(after.ext)
            b.append(Int64(page))
            var scope = ""
            if let dept {
                b.append(dept)
                scope = " AND EXISTS (SELECT 1 FROM cases c WHERE c.num = x.num AND (c.dept = $4 OR c.dept IS NULL))"
            }
            let rows = try extensionPage("""
                SELECT x.num, x.ext, x.dept, x.days, x.reason, x.applied, x.state, x.decided_days FROM case_extensions x
                WHERE (x.num, x.ext) > ($1, $2)\(all ? "" : " AND x.state = 'pending'")\(scope) ORDER BY x.num, x.ext LIMIT $3
                """, b)
            for x in rows { guard try body(x) else { return } }
            guard rows.count == page, let last = rows.last else { return }
            after = (Int64(last.caseID.number), Int64(last.id.number))
        }
    }

    private func extensionPage(_ sql: String, _ binds: PostgresBindings) throws -> [ExtensionRequest] {
        try link.query(sql, binds).rows.map { row in
            var c = Cells(row)
            let num = try c.next(Int64.self), ext = try c.next(Int64.self), dept = try c.next(String?.self)
            let days = try c.next(Int32.self), reason = try c.next(String.self), applied = try c.next(Int64.self)
            let code = try c.next(String.self)
            guard let state = ExtensionRequest.State(rawValue: code) else {
                throw StoreError.corrupt("extension X\(ext): bad state \(code)")
            }
            return ExtensionRequest(id: EntityID(.extensionRequest, Int(ext)), caseID: EntityID(.caseFile, Int(num)),
                                    dept: dept, days: Int(days), reason: reason, appliedAt: Instant(seconds: applied),
                                    state: state, approvedDays: try c.next(Int32?.self).map(Int.init))
        }
    }

    /// The same candidates as `SQLiteTransaction.newestTexts`, with the GIN index of grams. A department's view
    /// (`visibleTo`) walks the department's cases instead (`newestTexts(holding:limit:dept:)`).
    func newestTexts(holding query: String, limit: Int, visibleTo dept: String?) throws -> [(id: EntityID, text: String)] {
        if let dept { return try newestTexts(holding: query, limit: limit, dept: dept) }
        var b = PostgresBindings()
        b.append(query)
        var grams = ""
        if let required = SearchGrams.required(query) {
            b.append(required)
            grams = "t.grams @> $\(b.count)::text[] AND "
        }
        b.append(Int64(max(0, limit)))
        let sql = "SELECT t.num, t.body FROM case_text t WHERE \(grams)strpos(t.body, $1) > 0 ORDER BY t.num DESC LIMIT $\(b.count)"
        return try link.query(sql, b).rows.map { row in
            var c = Cells(row)
            let num = try c.next(Int64.self)
            return (EntityID(.caseFile, Int(num)), try c.next(String.self))
        }
    }

    func openDues(before: Instant, limit: Int?, scope: DueScope) throws -> [DueEntry] {
        var b = PostgresBindings()
        b.append(before.seconds)
        var sql: String
        switch scope {
        case .city:
            sql = """
                SELECT case_id, rule, due, met_at, dept, waived FROM dues
                WHERE met_at IS NULL AND NOT waived AND due < $1 ORDER BY due, num, rule
                """
        case .casesOf(let dept):
            b.append(dept)
            sql = """
                SELECT d.case_id, d.rule, d.due, d.met_at, d.dept, d.waived FROM dues d JOIN cases c ON c.id = d.case_id
                WHERE d.met_at IS NULL AND NOT d.waived AND d.due < $1 AND (c.dept = $2 OR c.dept IS NULL)
                ORDER BY d.due, d.num, d.rule
                """
        case .answeredBy(let dept):
            b.append(dept)
            sql = """
                SELECT case_id, rule, due, met_at, dept, waived FROM dues
                WHERE met_at IS NULL AND NOT waived AND due < $1 AND dept = $2 ORDER BY due, num, rule
                """
        }
        if let limit {
            sql += " LIMIT $\(b.count + 1)"
            b.append(Int64(max(0, limit)))
        }
        return try fetchDues(sql, b)
    }

    func dues(from: Instant, to: Instant) throws -> [DueEntry] {
        try fetchDues("""
            SELECT case_id, rule, due, met_at, dept, waived FROM dues WHERE due >= $1 AND due < $2
            ORDER BY due, num, rule
            """, binds { $0.append(from.seconds); $0.append(to.seconds) })
    }

    private func fetchDues(_ sql: String, _ b: PostgresBindings) throws -> [DueEntry] {
        try link.query(sql, b).rows.map { row in
            var c = Cells(row)
            let idText = try c.next(String.self)
            guard let id = EntityID(parsing: idText) else { throw StoreError.corrupt("due entry of \(idText)") }
            let rule = try c.next(String.self)
            let due = try c.next(Int64?.self)
            let met = try c.next(Int64?.self)
            return DueEntry(caseID: id, rule: rule, due: due.map(Instant.init(seconds:)),
                            metAt: met.map(Instant.init(seconds:)), dept: try c.next(String?.self),
                            waived: try c.next(Bool.self))
        }
    }
}
