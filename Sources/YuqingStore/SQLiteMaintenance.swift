import GRDB
import YuqingCore

/// `store rebuild` and `audit verify` on SQLite. Both stream the log with cursors, so a million events are never
/// held in memory at once.
extension SQLiteTransaction {
    /// Drops every projection and recomputes it from the events, inside the caller's transaction.
    ///
    /// Written for speed on a million events (issue 14), with the same rows as the command path:
    /// - The projection tables are dropped and made again from their own stored definitions (`sqlite_master`), bare;
    ///   their secondary indexes and the full-text index are built once at the end, from sorted data, instead of
    ///   being updated row by row (most of the pages a rebuild wrote, spilled to the WAL many times over).
    /// - Departments and id counters come from the few events that can name them (by verb, through the index) and
    ///   from the case and subject indexes; only those payloads are decoded. An id counter never goes down: it is the
    ///   larger of the stored counter and the highest id the log mentions, so an id handed out by a write that stored
    ///   no event yet is still never reused.
    /// - Cases are folded one at a time, streaming their events in `(case_id, seq)` order from the case index, on
    ///   two threads (`pipelined`): this one reads the events and writes the rows the command path writes
    ///   (`SQLiteRebuildInserts`, values bound with SQLite's C API), the other decodes, folds and runs the engine
    ///   once per case (`CaseRows`), a chunk of cases ahead.
    /// - The search index is built apart, on a third thread in a private temporary database (`SideSearchIndex`),
    ///   from the texts the second thread hands over, in rowid order once the fold is over (written in the fold's
    ///   order, FTS5 made a segment per case), while this thread builds the other indexes; then it is copied in.
    /// - A larger page cache while it runs (`rebuildCacheKiB`), so the bulk write is not spilled to the WAL mid-way;
    ///   `secure_delete` FAST while it drops the tables (below).
    ///
    /// `progress` hears the work done of twice the log's events (the unit `store rebuild` shows halves), every few
    /// thousand: the fold is the first half (an event read is one), the indexes and the search index the second
    /// (about as long: a share per index built), so the time left it shows holds after the fold too.
    func rebuildProjections(progress: StoreProgress? = nil) throws {
        try rebuildProjections(progress: progress, chunk: Self.rebuildChunk)
    }

    /// The rebuild with `chunk` cases to a chunk of the fold (and of the texts handed to the search index): tests
    /// choose small chunks to cross many chunk boundaries.
    func rebuildProjections(progress: StoreProgress?, chunk chunkCases: Int) throws {
        let total = try Int64.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
        var ticker = ProgressTicker(progress, total: total * 2)
        defer { ticker.finish() }
        // Cases pending in this transaction are recomputed from their events like every other.
        _ = state?.takeAll()
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -\(Self.rebuildCacheKiB)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        // Debian's SQLite zeroes every freed page (SECURE_DELETE): dropping the projections wrote each of their
        // pages twice more (zeros to the WAL, the old bytes to the statement journal). FAST still zeroes what is
        // deleted from pages written anyway; the dropped rows are recomputed from the events, which stay.
        let secure = try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? 1
        try db.execute(sql: "PRAGMA secure_delete = FAST")
        defer { try? db.execute(sql: "PRAGMA secure_delete = \(secure == 2 ? "FAST" : String(secure))") }
        let searchTable = "case_search"
        var bulk = try SQLiteBulkTables(db, Self.projectionTables, deferred: searchTable)
        guard let searchDefinition = bulk.deferredDefinition else {
            throw StoreError.corrupt("the full-text index \(searchTable) has no definition")
        }
        let search = try SideSearchIndex(table: searchTable, definition: searchDefinition)
        defer { search.stop() }
        try db.execute(sql: "DELETE FROM meta WHERE key = '\(Self.staleKey)'")

        var highest: [IDKind: Int] = [:]
        func mention(_ text: String?) {
            if let m = text.flatMap({ EntityID(parsing: $0) }) { highest[m.kind] = max(highest[m.kind] ?? 0, m.number) }
        }
        // Every case and subject id, from their indexes (the case ids again as the fold reads them below).
        for s in try String.fetchAll(db, sql: "SELECT DISTINCT subject FROM events WHERE subject IS NOT NULL") { mention(s) }
        let marks = EventHashing.verbsMentioningIDs.map { _ in "?" }.joined(separator: ", ")
        let named = try Row.fetchCursor(db, sql: """
            SELECT seq, payload FROM events WHERE verb IN (\(marks)) ORDER BY seq
            """, arguments: StatementArguments(EventHashing.verbsMentioningIDs))
        while let row = try named.next() {
            let seq: Int64 = row[0]
            let body = try EventHashing.body(fromPayload: row[1], seq: seq)
            for m in EventHashing.mentionedIDs(caseID: nil, subject: nil, body: body) {
                highest[m.kind] = max(highest[m.kind] ?? 0, m.number)
            }
            if case let .departmentSaved(d) = body { try saveDepartment(d, seq: seq) }
        }

        // The fold on two threads: this one reads the events and writes the rows (it alone uses the connection),
        // the other decodes, folds and computes each case's rows, a chunk of cases at a time.
        let byCase = try Row.fetchCursor(db, sql: """
            SELECT \(Self.eventColumns) FROM events WHERE case_id IS NOT NULL ORDER BY case_id, seq
            """)
        let projector = self.projector
        var inserts = try SQLiteRebuildInserts(db)
        try pipelined(produce: { send in
            var chunk: [RawEvent] = []
            var cases = 0
            var current: String?
            while let row = try byCase.next() {
                let e = RawEvent(row)
                if e.caseID != current {
                    if cases >= chunkCases {
                        try send(chunk)
                        chunk = []
                        cases = 0
                    }
                    cases += 1
                    current = e.caseID
                }
                chunk.append(e)
                ticker.tick()
            }
            if !chunk.isEmpty { try send(chunk) }
        }, transform: { events in
            let rebuilt = try Self.rebuiltCases(events, projector: projector)
            search.add(rebuilt.map { (num: Int64($0.rows.id.number), text: $0.rows.text) })
            return rebuilt
        }, consume: { rebuilt in
            for r in rebuilt {
                highest[r.rows.id.kind] = max(highest[r.rows.id.kind] ?? 0, r.rows.id.number)
                try inserts.write(r.rows, urls: r.urls)
            }
        })
        search.fill()
        for (kind, n) in highest {
            try db.execute(sql: """
                INSERT INTO ids(kind, last) VALUES (?, ?) ON CONFLICT(kind) DO UPDATE SET last = max(last, excluded.last)
                """, arguments: [kind.rawValue, n])
        }
        // The other indexes are built on this thread while the side thread fills the search index; then it is
        // copied in.
        let share = total / Int64(bulk.indexCount + 1)
        try bulk.finish(indexed: { ticker.tick(share) }, fill: { db in try search.copy(into: db) })
    }

    /// A case's rows and its posts' URL identities, as the rebuild's second thread computes them.
    struct RebuiltCase: Sendable {
        let rows: CaseRows
        let urls: [String]
    }

    /// Folds a chunk of events (whole cases, in `(case_id, seq)` order) into the rows of their cases.
    static func rebuiltCases(_ events: [RawEvent], projector: any CaseProjector) throws -> [RebuiltCase] {
        var folder = CaseFolder()
        var out: [RebuiltCase] = []
        func finished(_ c: CaseFile, _ recorded: CaseFolder.Logged) {
            out.append(RebuiltCase(rows: CaseRows(c, projector: projector, recorded: recorded),
                                   urls: Array(Set(c.items.compactMap(\.url).map(PostURL.identity)))))
        }
        for e in events { try folder.add(try e.event(), finished: finished) }
        try folder.finish(finished)
        return out
    }

    /// Cases per chunk of the rebuild's fold: big enough that the two threads rarely wait for each other, small
    /// enough that memory stays flat.
    static let rebuildChunk = 1_000

    /// The projection tables `rebuildProjections` makes again, children before the tables they refer to.
    static let projectionTables = ["dues", "case_urls", "case_extensions", "case_text", "case_search", "departments", "cases"]
    /// The page cache of a rebuild, in KiB (SQLite allocates it only as pages are used).
    static let rebuildCacheKiB = 131_072

    /// Recomputes the cases `scope` selects (`RecomputeScope`), each folded from its events and written as the
    /// command path writes a changed case; `all` is the full rebuild. Returns how many cases were recomputed.
    func recomputeProjections(_ scope: RecomputeScope) throws -> Int {
        guard case let .deadlinesFrom(start) = scope else {
            try rebuildProjections(progress: nil)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0
        }
        // Cases pending in this transaction are written first, so the due index the selection reads is current.
        try flush()
        let chosen = try Int.fetchAll(db, sql: """
            SELECT DISTINCT num FROM dues WHERE due IS NULL OR due >= ? ORDER BY num
            """, arguments: [start.seconds])
        for n in chosen {
            let log = try events(forCase: EntityID(.caseFile, n))
            guard let c = CaseFile.fold(log), let first = log.map(\.recorded).min(), let last = log.map(\.recorded).max()
            else { continue }
            try project(c, isNew: false, hadExtensions: !c.extensions.isEmpty, recorded: (first, last))
        }
        return chosen.count
    }

    /// Walks the log in sequence order. For each event: its seq must follow the previous one (else
    /// `sequenceGap`), its `prev_hash` must equal the previous event's stored hash (else `linkBroken`), and the
    /// hash recomputed from its stored columns must equal its stored hash (else `contentAltered`).
    ///
    /// So an edited column of event N names N (content altered). An edited `hash` of event N also names N: its
    /// stored hash no longer matches its content, which is checked before the next event's link. A deleted event
    /// names the seq after the gap.
    func verifyChain() throws -> AuditReport {
        var prev = EventHashing.genesis
        var expected: Int64 = 1
        let rows = try Row.fetchCursor(db, sql: """
            SELECT seq, case_id, subject, actor_name, actor_role, actor_dept, verb, payload, effective, recorded,
                   prev_hash, hash, operator, operator_name FROM events ORDER BY seq
            """)
        func broken(_ seq: Int64, _ problem: AuditProblem, _ detail: String? = nil) -> AuditReport {
            AuditReport(checked: expected - 1, firstBroken: seq, reason: detail ?? problem.message.en, problem: problem)
        }
        while let row = try rows.next() {
            guard case let .int64(seq) = (row["seq"] as DatabaseValue).storage else {
                return broken(expected, .unreadable)
            }
            if seq != expected {
                return broken(expected, .sequenceGap, "expected event \(expected), found \(seq) next")
            }
            // Read through `DatabaseValue`: a column edited to another type is reported, never a crash.
            func text(_ c: String) -> String? { String.fromDatabaseValue(row[c] as DatabaseValue) }
            func optionalText(_ c: String) -> String?? {
                let v: DatabaseValue = row[c]
                return v.isNull ? .some(nil) : String.fromDatabaseValue(v).map { .some($0) }
            }
            func int(_ c: String) -> Int64? {
                let v: DatabaseValue = row[c]
                if case let .int64(i) = v.storage { return i }
                return nil
            }
            guard let prevHash = text("prev_hash"), let hash = text("hash"), let name = text("actor_name"),
                  let role = text("actor_role"), let verb = text("verb"), let payload = text("payload"),
                  let effective = int("effective"), let recorded = int("recorded"),
                  let caseID = optionalText("case_id"), let subject = optionalText("subject"),
                  let dept = optionalText("actor_dept"), let login = optionalText("operator"),
                  let operatorName = optionalText("operator_name") else {
                return broken(seq, .unreadable)
            }
            // An operator's name without the operator is no form yuqing writes (v1 rows have neither).
            if login == nil && operatorName != nil { return broken(seq, .contentAltered) }
            if prevHash != prev { return broken(seq, .linkBroken) }
            let recomputed = EventHashing.hash(
                prevHash: prevHash, seq: seq, caseID: caseID, subject: subject, actorName: name,
                actorRole: role, actorDept: dept, effective: effective, recorded: recorded, verb: verb,
                payload: payload, operatorLogin: login, operatorName: operatorName)
            if recomputed != hash { return broken(seq, .contentAltered) }
            prev = hash
            expected += 1
        }
        return AuditReport(checked: expected - 1, firstBroken: nil, reason: nil)
    }
}
