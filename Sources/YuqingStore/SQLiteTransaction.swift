import Foundation
import GRDB
import YuqingCore

/// Reads and writes on one open SQLite connection, inside a transaction or a read snapshot. Hot paths use cached
/// prepared statements: a script of 100k commands prepares each statement once.
struct SQLiteTransaction: StoreTransaction {
    let db: Database
    let projector: any CaseProjector
    var cache: SnapshotCache? = nil
    var attribution: Attribution? = nil
    /// What the open write transaction holds in memory (nil on a read connection, where nothing is pending).
    var state: SQLiteWriteState? = nil

    static let eventColumns = """
        seq, case_id, subject, actor_name, actor_role, actor_dept, verb, payload, effective, recorded, prev_hash, hash, \
        operator, operator_name
        """
    static let summaryColumns = """
        id, title, url, stage, dept, level, source, category, historical, designated, collected, claimed, \
        next_due, next_due_rule
        """

    // MARK: Writing

    /// The next number of `kind`: counted up in `ids`, then read back. Two plain statements, not one with
    /// `RETURNING`: SQLite gathers a `RETURNING` statement's rows in a temporary table it opens and closes on every
    /// run (a pager and a b-tree), which was 4 % of a script of collects, one id each.
    func nextID(_ kind: IDKind) throws -> EntityID {
        var count = try SQLiteRawInsert(cached: db, sql: """
            INSERT INTO ids(kind, last) VALUES (?, 1) ON CONFLICT(kind) DO UPDATE SET last = last + 1
            """)
        count.bind(kind.rawValue)
        try count.run()
        let n = try lastNumber(kind)
        guard n > 0 else {
            throw StoreError.corrupt("no id allocated for \(kind.rawValue)")
        }
        let id = EntityID(kind, n)
        // The counter is a table anyone who can write the file can set back: an id the log already holds is
        // refused (one index probe), and the write rolls back with everything it did.
        var probe = try SQLiteRawInsert(cached: db, sql: kind == .caseFile
            ? "SELECT 1 FROM events WHERE case_id = ? LIMIT 1" : "SELECT 1 FROM events WHERE subject = ? LIMIT 1")
        probe.bind(id.description)
        if try probe.row({ _ in true }) == true { throw StoreError.idTaken(id) }
        return id
    }

    func setMeta(_ key: String, _ value: String?) throws {
        if let value {
            try db.cachedStatement(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                .execute(arguments: [key, value])
        } else {
            try db.cachedStatement(sql: "DELETE FROM meta WHERE key = ?").execute(arguments: [key])
        }
    }

    func append(_ new: NewEvent, expectedVersion: Int?) throws -> Event {
        guard let state else { throw StoreError.misuse("append outside a write") }
        let e = attribution?.stamp(new) ?? new
        var updated: CaseFile?
        var base: (isNew: Bool, hadExtensions: Bool) = (true, false)
        var recorded = (first: e.recorded, last: e.recorded)
        if let id = e.caseID {
            let existing = try caseFile(id)
            updated = try CaseProjection.start(id: id, existing: existing, event: e, expectedVersion: expectedVersion)
            if let p = state.pending[id.number] {
                base = (p.isNew, p.hadExtensions)
                recorded = (min(p.recorded.first, e.recorded), max(p.recorded.last, e.recorded))
            } else if let existing {
                base = (false, !existing.extensions.isEmpty)
            }
        }
        let head = try state.head ?? chainHead()
        let seq = head.seq + 1
        let prev = head.hash
        let payload = try EventHashing.payload(e.body)
        let verb = EventHashing.verb(of: e.body, payload: payload)
        let hash = EventHashing.hash(of: e, seq: seq, prevHash: prev, verb: verb, payload: payload)
        // Bound with SQLite's C API (`SQLiteRawInsert`), as GRDB would bind the same values: one insert per
        // command, and GRDB's `StatementArguments` (an array of existentials) was a few per cent of a script.
        var insert = try SQLiteRawInsert(cached: db, sql: Self.eventInsert)
        insert.bind(seq); insert.bind(e.caseID?.description); insert.bind(e.subject?.description)
        insert.bind(e.actor.name); insert.bind(e.actor.role.rawValue); insert.bind(e.actor.dept); insert.bind(verb)
        insert.bind(payload); insert.bind(e.effective.seconds); insert.bind(e.recorded.seconds); insert.bind(prev)
        insert.bind(hash); insert.bind(e.recordedBy?.login); insert.bind(e.recordedBy?.name)
        try insert.run()
        state.setHead((seq, hash))
        let event = Event(seq: seq, caseID: e.caseID, subject: e.subject, actor: e.actor, effective: e.effective,
                          recorded: e.recorded, body: e.body, prevHash: prev, hash: hash, recordedBy: e.recordedBy)
        if var c = updated {
            c.apply(event)
            // The case's rows are written when the transaction commits (its post URLs with it: they refer to its
            // row); until then `caseFile` and `caseID(forURL:)` find it in memory.
            state.set(c.id.number, .init(file: c, hash: hash, isNew: base.isNew, hadExtensions: base.hadExtensions,
                                              recorded: recorded))
            switch e.body {
            case let .collected(item, _), let .itemAdded(item):
                if let url = item.url { state.addURL(state.identity(url), c.id.number) }
            default:
                break
            }
        }
        if case let .departmentSaved(d) = e.body { try saveDepartment(d, seq: seq) }
        // One long write (`collect import` of a whole file) would otherwise hold every case it touched until its
        // commit; scripts commit every 1,000 commands, below this.
        if state.pending.count >= SQLiteWriteState.flushAt { try flush() }
        return event
    }

    /// The last event's number and hash (genesis before the first).
    private func chainHead() throws -> (seq: Int64, hash: String) {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"))
        else { return (0, EventHashing.genesis) }
        return (row[0], row[1])
    }

    static let eventInsert = "INSERT INTO events(\(eventColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    static let urlInsert = "INSERT OR IGNORE INTO case_urls(url, num, case_id) VALUES (?, ?, ?)"

    /// Records that a case holds a post (`identity`: its URL's `PostURL.identity`).
    func insertURL(identity: String, _ id: EntityID) throws {
        var insert = try SQLiteRawInsert(cached: db, sql: Self.urlInsert)
        insert.bind(identity); insert.bind(id.number); insert.bind(id.description)
        try insert.run()
    }

    /// Writes every pending case (`SQLiteWriteState`): before COMMIT, and before a query reads the projections.
    func flush() throws {
        guard let state, !state.isEmpty else { return }
        for (_, p, urls) in state.takeAll() {
            try project(p.file, isNew: p.isNew, hadExtensions: p.hadExtensions, recorded: p.recorded)
            for u in urls { try insertURL(identity: u, p.file.id) }
            cache?.put(p.file.id.number, hash: p.hash, p.file)
        }
    }

    /// The connection, with every pending case written: what every query of the projections (cases, due entries,
    /// search, extensions) must read through, so a script sees its own earlier commands.
    func queryDB() throws -> Database {
        try flush()
        return db
    }

    /// Saves a case's projection: the snapshot and listed columns, its due entries, its search text and its
    /// extension entries (replaced). `isNew`: the case has no rows yet (a new case, or a rebuild), so nothing is
    /// deleted or compared first. `hadExtensions`: the stored case has extension entries to delete. `recorded`:
    /// when the case's first and last events (of those applied) were logged; a case keeps the earliest first and
    /// the latest last it has seen.
    func project(_ c: CaseFile, isNew: Bool, hadExtensions: Bool, recorded: (first: Instant, last: Instant)) throws {
        try write(CaseRows(c, projector: projector, recorded: recorded), isNew: isNew, hadExtensions: hadExtensions)
    }

    static let dueInsert = """
        INSERT INTO dues(case_id, num, rule, due, met_at, dept, waived, designated, level, start_seq, end_seq,
                         first_recorded, last_recorded)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    /// The case row as `store rebuild` writes it, into an emptied table.
    static let caseInsert = """
        INSERT INTO cases(id, num, snapshot, title, url, stage, dept, level, source, category, historical,
                          designated, collected, claimed, next_due, next_due_rule, version, first_recorded,
                          last_recorded)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    /// Writes a case's rows (`project`; `store rebuild` writes the same rows with `SQLiteRebuildInserts`). A case
    /// with no row yet (collected in this transaction) gets plain inserts, as the rebuild writes them; a stored case
    /// has only what changed rewritten (`SQLiteChangedRows.swift`), keeping the earliest first and the latest last
    /// logging time.
    func write(_ rows: CaseRows, isNew: Bool, hadExtensions: Bool) throws {
        if !isNew, let kept = try updateCaseRow(rows) {
            try updateDueRows(rows, first: kept.first, last: kept.last)
            try projectSearch(rows.id.number, rows.text, isNew: false)
            if hadExtensions, try storedExtensionsEqual(rows.id.number, rows.extensions) { return }
            try projectExtensions(rows.id.number, rows.extensions, hadExtensions: hadExtensions)
            return
        }
        let id = rows.id.description
        let first = rows.recorded.first.seconds, last = rows.recorded.last.seconds
        // The same values `SQLiteRebuildInserts` binds, bound the same way (SQLite's C API).
        var row = try SQLiteRawInsert(cached: db, sql: Self.caseInsert)
        row.bind(id); row.bind(rows.id.number)
        row.bindCaseColumns(rows)
        row.bind(first); row.bind(last)
        try row.run()
        if !isNew {
            var delete = try SQLiteRawInsert(cached: db, sql: "DELETE FROM dues WHERE case_id = ?")
            delete.bind(id)
            try delete.run()
        }
        var dues = try SQLiteRawInsert(cached: db, sql: Self.dueInsert)
        for d in rows.dues {
            dues.bindDue(d, of: rows.id, first: first, last: last)
            try dues.run()
        }
        try projectSearch(rows.id.number, rows.text, isNew: isNew)
        try projectExtensions(rows.id.number, rows.extensions, hadExtensions: !isNew && hadExtensions)
    }

    func saveDepartment(_ d: Department, seq: Int64) throws {
        let json = try DepartmentRow.json(d)
        try db.cachedStatement(sql: """
            INSERT INTO departments(code, seq, json) VALUES (?, ?, ?)
            ON CONFLICT(code) DO UPDATE SET seq = excluded.seq, json = excluded.json
            """).execute(arguments: [d.code, seq, json])
    }

    // MARK: Reading

    func caseFile(_ id: EntityID) throws -> CaseFile? {
        guard id.kind == .caseFile else { return nil }
        if let p = state?.pending[id.number] { return p.file }
        var lastHash = try SQLiteRawInsert(cached: db, sql: "SELECT hash FROM events WHERE case_id = ? ORDER BY seq DESC LIMIT 1")
        lastHash.bind(id.description)
        guard let last = try lastHash.row({ $0.text(0) }).flatMap({ $0 }) else { return nil }
        if let hit = cache?.get(id.number, hash: last) { return hit }
        // Folded from the events, not decoded from the stored snapshot: a snapshot edited on its own must never
        // decide a permission or a stage.
        guard let c = CaseFile.fold(try events(forCase: id)) else { return nil }
        cache?.put(id.number, hash: last, c)
        return c
    }

    /// The stored snapshot of a case (what `audit` compares with the fold): compact bytes (`SnapshotCodec`), or
    /// the JSON text of older stores.
    func storedSnapshot(_ id: EntityID) throws -> CaseFile? {
        guard id.kind == .caseFile else { return nil }
        let key = id.description
        guard let v = try DatabaseValue.fetchOne(db.cachedStatement(sql: "SELECT snapshot FROM cases WHERE id = ?"),
                                                 arguments: [key]) else { return nil }
        switch v.storage {
        case let .blob(data): return try EventHashing.decodeSnapshot(data, id: key)
        case let .string(text): return try EventHashing.decodeSnapshot(Data(text.utf8), id: key)
        default: throw StoreError.corrupt("the stored snapshot of case \(key) is unreadable")
        }
    }

    /// The case's due rows as stored (what `audit` compares with the projector's), from the `dues_case` index.
    func storedDues(_ id: EntityID) throws -> [DueEntry] {
        guard id.kind == .caseFile else { return [] }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT \(Self.dueColumns) FROM dues INDEXED BY dues_case WHERE case_id = ?"),
                                       arguments: [id.description])
        var out: [DueEntry] = []
        while let row = try rows.next() { out.append(try Self.dueEntry(row)) }
        return out
    }

    func checkpoints() throws -> [Checkpoint] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT count, head, at, key, signature FROM checkpoints ORDER BY n"))
            .map { Checkpoint(count: $0[0], head: $0[1], at: Instant(seconds: $0[2]), key: $0[3], signature: $0[4]) }
    }

    /// Signs and stores a checkpoint of the head when events were added since the last one (inside the
    /// transaction that is about to commit, so events and their checkpoint commit together).
    func anchorHead(_ anchor: CheckpointAnchor) throws -> Checkpoint? {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"))
        let count: Int64 = last?["seq"] ?? 0
        let head: String = last?["hash"] ?? EventHashing.genesis
        let previous = try Int64.fetchOne(db.cachedStatement(sql: "SELECT count FROM checkpoints ORDER BY n DESC LIMIT 1"))
        guard count > 0, previous != count else { return nil }
        let c = try anchor.signer.sign(count: count, head: head, at: anchor.clock.now())
        try db.cachedStatement(sql: """
            INSERT INTO checkpoints(n, count, head, at, key, signature)
            VALUES ((SELECT coalesce(max(n), 0) + 1 FROM checkpoints), ?, ?, ?, ?, ?)
            """).execute(arguments: [c.count, c.head, c.at.seconds, c.key, c.signature])
        return c
    }

    /// Whether the log no longer holds the checkpoint's event with its signed hash (one lookup by `seq`).
    func contradicts(_ c: Checkpoint) throws -> Bool {
        guard c.count > 0 else { return false }
        let hash = try String.fetchOne(db.cachedStatement(sql: "SELECT hash FROM events WHERE seq = ?"), arguments: [c.count])
        return hash != c.head
    }

    func caseID(forURL url: String) throws -> EntityID? {
        let identity = state?.identity(url) ?? PostURL.identity(url)
        var lookup = try SQLiteRawInsert(cached: db, sql: "SELECT min(num) FROM case_urls WHERE url = ?")
        lookup.bind(identity)
        let stored = try lookup.row({ $0.int64(0) }).flatMap({ $0 }).map(Int.init)
        let pending = state?.urls[identity]?.min()
        return [stored, pending].compactMap { $0 }.min().map { EntityID(.caseFile, $0) }
    }

    func events(forCase id: EntityID) throws -> [Event] {
        try fetchEvents("SELECT \(Self.eventColumns) FROM events WHERE case_id = ? ORDER BY seq", [id.description])
    }

    func events(forSubject id: EntityID) throws -> [Event] {
        try fetchEvents("SELECT \(Self.eventColumns) FROM events WHERE subject = ? ORDER BY seq", [id.description])
    }

    func events(from seq: Int64, limit: Int) throws -> [Event] {
        try fetchEvents("SELECT \(Self.eventColumns) FROM events WHERE seq >= ? ORDER BY seq LIMIT ?",
                        [seq, max(0, limit)])
    }

    func events(kinds: [EventKind], from: Instant, to: Instant) throws -> [Event] {
        var out: [Event] = []
        try forEachEvent(kinds: kinds, from: from, to: to) { out.append($0) }
        return out
    }

    func forEachEvent(kinds: [EventKind], from: Instant, to: Instant, _ body: (Event) throws -> Void) throws {
        guard !kinds.isEmpty else { return }
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
        var args: [any DatabaseValueConvertible] = kinds.map(\.rawValue)
        args.append(from.seconds)
        args.append(to.seconds)
        // The sequence numbers first (from the `events_verb` index alone), then the rows a chunk at a time: sorting
        // whole rows by seq made SQLite's sorter hold every payload in memory (`temp_store = MEMORY`), 132 MB for
        // the steps of a month of 100,000 cases; eight bytes a row here.
        let seqs = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT seq FROM events WHERE verb IN (\(marks)) AND effective >= ? AND effective < ? ORDER BY seq
            """), arguments: StatementArguments(args))
        let chunk = Self.eventChunk
        let byNumber = try db.cachedStatement(sql: """
            SELECT \(Self.eventColumns) FROM events WHERE seq IN (\(Array(repeating: "?", count: chunk).joined(separator: ", "))) ORDER BY seq
            """)
        var start = 0
        while start < seqs.count {
            var part = Array(seqs[start..<min(start + chunk, seqs.count)])
            start += chunk
            // The last chunk repeats its last number (one statement for every chunk; `IN` ignores repeats).
            let last = part[part.count - 1]
            part += Array(repeating: last, count: chunk - part.count)
            let rows = try Row.fetchCursor(byNumber, arguments: StatementArguments(part))
            while let row = try rows.next() { try body(try SQLiteTransaction.event(row)) }
        }
    }

    /// How many events `forEachEvent` reads by number in one statement.
    static let eventChunk = 256

    private func fetchEvents(_ sql: String, _ args: StatementArguments) throws -> [Event] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: args)
        var out: [Event] = []
        while let row = try rows.next() { out.append(try SQLiteTransaction.event(row)) }
        return out
    }

    /// Reads an event row back; a value yuqing could not have written is reported as corruption.
    static func event(_ row: Row) throws -> Event { try RawEvent(row).event() }

    func lastSeq() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(seq) FROM events")) ?? 0
    }

    func eventCount() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM events")) ?? 0
    }

    func directory() throws -> Directory {
        var dir = Directory()
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT code, json FROM departments ORDER BY seq"))
        while let row = try rows.next() {
            let json: String = row["json"]
            do {
                dir.save(try JSONDecoder().decode(Department.self, from: Data(json.utf8)))
            } catch {
                throw StoreError.corrupt("department \(row["code"] as String? ?? "?") is unreadable: \(error)")
            }
        }
        return dir
    }

    func lastNumber(_ kind: IDKind) throws -> Int {
        var s = try SQLiteRawInsert(cached: db, sql: "SELECT last FROM ids WHERE kind = ?")
        s.bind(kind.rawValue)
        return try s.row({ $0.int64(0) }).flatMap({ $0 }).map(Int.init) ?? 0
    }

    func meta(_ key: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = ?"), arguments: [key])
    }

    // MARK: Queries

    func cases(_ query: CaseQuery) throws -> [CaseSummary] {
        var out: [CaseSummary] = []
        try forEachCase(query) { out.append($0) }
        return out
    }

    func forEachCase(_ query: CaseQuery, _ body: (CaseSummary) throws -> Void) throws {
        var compiler = SQLFilterCompiler(now: query.now)
        var sql: String
        // In case order with a `title ~`/`text ~` term, the search index drives the listing (see `drivenBySearch`).
        let byNumber = query.order.isEmpty ? false : query.order.count == 1 && query.order[0].field == .id
        if let f = query.filter, query.order.isEmpty || byNumber,
           let driven = try compiler.drivenBySearch(f, columns: Self.summaryColumns,
                                                    descending: byNumber && query.order[0].descending) {
            sql = driven
        } else {
            sql = "SELECT \(Self.summaryColumns) FROM cases"
            if let f = query.filter { sql += " WHERE " + (try compiler.compile(f)) }
            var order: [String] = []
            for (field, descending) in query.order {
                order.append(compiler.expression(field, ordered: true) + (descending ? " DESC" : " ASC"))
            }
            order.append("num ASC")
            sql += " ORDER BY " + order.joined(separator: ", ")
        }
        var args = compiler.arguments
        if let limit = query.limit {
            sql += " LIMIT ?"
            args.append(max(0, limit))
        }
        let rows = try Row.fetchCursor(queryDB().cachedStatement(sql: sql), arguments: StatementArguments(args))
        while let row = try rows.next() { try body(try SQLiteTransaction.summary(row)) }
    }

    func cases(ids: [EntityID]) throws -> [CaseSummary] {
        let s = try queryDB().cachedStatement(sql: "SELECT \(Self.summaryColumns) FROM cases WHERE id = ?")
        return try ids.compactMap { id in
            try Row.fetchOne(s, arguments: [id.description]).map(SQLiteTransaction.summary)
        }
    }

    static func summary(_ row: Row) throws -> CaseSummary {
        let idText: String = row["id"]
        func bad(_ what: String) -> StoreError { .corrupt("case \(idText): bad \(what)") }
        guard let id = EntityID(parsing: idText) else { throw bad("id") }
        guard let stage = Stage(rawValue: row["stage"]) else { throw bad("stage") }
        guard let source = Source(rawValue: row["source"]) else { throw bad("source") }
        let levelCode: String? = row["level"]
        let level = try levelCode.map { code in
            guard let l = Level(rawValue: code) else { throw bad("level") }
            return l
        }
        let categoryCode: String? = row["category"]
        let category = try categoryCode.map { code in
            guard let c = Category(rawValue: code) else { throw bad("category") }
            return c
        }
        let claimed: Int64? = row["claimed"]
        let due: Int64? = row["next_due"]
        return CaseSummary(id: id, title: row["title"], url: row["url"], stage: stage, dept: row["dept"],
                           level: level, source: source, category: category, historical: row["historical"],
                           designated: row["designated"], collectedAt: Instant(seconds: row["collected"]),
                           claimedAt: claimed.map(Instant.init(seconds:)), nextDue: due.map(Instant.init(seconds:)),
                           nextDueRule: row["next_due_rule"])
    }

    func count(by field: CaseField, filter: CaseFilter?, now: Instant) throws -> [(key: String, count: Int)] {
        var compiler = SQLFilterCompiler(now: now)
        let sql = try compiler.countQuery(by: field, filter: filter)
        let rows = try Row.fetchAll(queryDB().cachedStatement(sql: sql), arguments: StatementArguments(compiler.arguments))
        var out: [(key: String, count: Int)] = []
        for row in rows {
            let n: Int = row["n"]
            let v: DatabaseValue = row["k"]
            let key: String
            switch (field.kind, v.storage) {
            case (_, .null): key = ""
            case let (.time, .int64(d)): key = CivilDate(dayNumber: Int(d)).description
            case let (.flag, .int64(b)), let (.overdue, .int64(b)): key = b != 0 ? "true" : "false"
            case let (.id, .int64(num)): key = EntityID(.caseFile, Int(num)).description
            case let (_, .string(s)): key = s
            default: throw StoreError.corrupt("unexpected value in cases.\(field.column): \(v)")
            }
            out.append((key, n))
        }
        return sortCounts(out)
    }

    func openDues(before: Instant, limit: Int?, scope: DueScope) throws -> [DueEntry] {
        var (sql, args) = Self.openDuesQuery(before: before, scope: scope)
        if let limit {
            sql += " LIMIT ?"
            args.append(max(0, limit))
        }
        return try fetchDues(sql, StatementArguments(args))
    }

    func forEachOpenDue(before: Instant, scope: DueScope, _ body: (DueEntry) throws -> Void) throws {
        let (sql, args) = Self.openDuesQuery(before: before, scope: scope)
        try eachDue(sql, StatementArguments(args), body)
    }

    /// The open entries in deadline order from `dues_open_ordered`, stopping at a page's `LIMIT`: a department's
    /// cases' entries joined each to its case's row by key (`CROSS JOIN` keeps the due index outside, so no sort of
    /// the department's entries), or the entries it answers for tested on the row.
    static func openDuesQuery(before: Instant, scope: DueScope) -> (String, [any DatabaseValueConvertible]) {
        switch scope {
        case .city:
            return ("""
                SELECT case_id, rule, due, met_at, dept, waived FROM dues
                WHERE met_at IS NULL AND waived = 0 AND due < ? ORDER BY due, num, rule
                """, [before.seconds])
        case .casesOf(let dept):
            return ("""
                SELECT d.case_id, d.rule, d.due, d.met_at, d.dept, d.waived FROM dues d CROSS JOIN cases c ON c.id = d.case_id
                WHERE d.met_at IS NULL AND d.waived = 0 AND d.due < ? AND (c.dept = ? OR c.dept IS NULL)
                ORDER BY d.due, d.num, d.rule
                """, [before.seconds, dept])
        case .answeredBy(let dept):
            return ("""
                SELECT case_id, rule, due, met_at, dept, waived FROM dues INDEXED BY dues_open_ordered
                WHERE met_at IS NULL AND waived = 0 AND due < ? AND dept = ? ORDER BY due, num, rule
                """, [before.seconds, dept])
        }
    }

    func dues(from: Instant, to: Instant) throws -> [DueEntry] {
        try fetchDues("""
            SELECT case_id, rule, due, met_at, dept, waived FROM dues WHERE due >= ? AND due < ?
            ORDER BY due, num, rule
            """, [from.seconds, to.seconds])
    }

    private func fetchDues(_ sql: String, _ args: StatementArguments) throws -> [DueEntry] {
        var out: [DueEntry] = []
        try eachDue(sql, args) { out.append($0) }
        return out
    }

    /// Each due entry `sql` selects.
    private func eachDue(_ sql: String, _ args: StatementArguments, _ body: (DueEntry) throws -> Void) throws {
        let rows = try Row.fetchCursor(queryDB().cachedStatement(sql: sql), arguments: args)
        // Columns by position (case_id, rule, due, met_at, dept, waived): an assessment reads every due entry of a
        // period, and looking columns up by name was most of its time on a million cases.
        while let row = try rows.next() {
            let idText: String = row[0]
            guard let id = EntityID(parsing: idText) else { throw StoreError.corrupt("due entry of \(idText)") }
            let due: Int64? = row[2]
            let met: Int64? = row[3]
            try body(DueEntry(caseID: id, rule: row[1], due: due.map(Instant.init(seconds:)),
                              metAt: met.map(Instant.init(seconds:)), dept: row[4], waived: row[5]))
        }
    }
}
