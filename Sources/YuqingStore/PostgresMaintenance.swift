import Foundation
import PostgresNIO
import YuqingCore

/// `store rebuild` and `audit verify` on PostgreSQL. Both read the log in pages by key (`seq`, or `case_id, seq`),
/// so a million events are never held in memory at once and no server-side cursor has to outlive a statement.
extension PostgresTransaction {
    static let page = 5000

    /// Drops every projection and recomputes it from the events, inside the caller's transaction (which holds the
    /// chain lock, so no event is appended meanwhile). The tables are emptied with TRUNCATE (instant, where a
    /// DELETE of a million rows took minutes), so readers wait for the rebuild to commit.
    ///
    /// The same two passes as on SQLite: departments and id counters in sequence order (a counter never goes
    /// down: the larger of the stored one and the highest id the log mentions; only payloads that can mention an
    /// id are read), then each case folded from its events in `(case_id, seq)` order. Projections are written a
    /// few hundred cases per statement (`PostgresBulkInsert`), not a statement per case: a round trip each was
    /// most of the time.
    ///
    /// `progress` hears events read of twice the log (both passes), every few thousand.
    func rebuildProjections(progress: StoreProgress? = nil) throws {
        var ticker = ProgressTicker(progress, total: try eventCount() * 2)
        defer { ticker.finish() }
        try link.query("TRUNCATE dues, case_urls, cases, departments, case_text, case_extensions")
        try link.query("DELETE FROM meta WHERE key = '\(SQLiteTransaction.staleKey)'")

        var highest: [IDKind: Int] = [:]
        var after: Int64 = 0
        let withIDs = EventHashing.verbsMentioningIDs.map { "'\($0)'" }.joined(separator: ", ")
        while true {
            var b = PostgresBindings()
            b.append(after)
            b.append(Int64(Self.page))
            let rows = try link.query("""
                SELECT seq, case_id, subject, CASE WHEN verb IN (\(withIDs)) THEN payload END
                FROM events WHERE seq > $1 ORDER BY seq LIMIT $2
                """, b).rows
            for row in rows {
                var c = Cells(row)
                let seq = try c.next(Int64.self)
                for text in [try c.next(String?.self), try c.next(String?.self)] {
                    if let m = text.flatMap({ EntityID(parsing: $0) }) { highest[m.kind] = max(highest[m.kind] ?? 0, m.number) }
                }
                if let payload = try c.next(String?.self) {
                    let body = try EventHashing.body(fromPayload: payload, seq: seq)
                    for m in EventHashing.mentionedIDs(caseID: nil, subject: nil, body: body) {
                        highest[m.kind] = max(highest[m.kind] ?? 0, m.number)
                    }
                    if case let .departmentSaved(d) = body { try saveDepartment(d, seq: seq) }
                }
                after = seq
                ticker.tick()
            }
            if rows.count < Self.page { break }
        }
        for (kind, n) in highest.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            var b = PostgresBindings()
            b.append(kind.rawValue)
            b.append(Int64(n))
            try link.query("""
                INSERT INTO ids(kind, last) VALUES ($1, $2) ON CONFLICT (kind) DO UPDATE
                SET last = greatest(ids.last, excluded.last)
                """, b)
        }

        var bulk = PostgresProjectionBulk(link: link, projector: store.projector)
        var folder = CaseFolder()
        // The hash of the last event read: when a case is handed over, that of its own last event.
        var lastHash = ""
        func flush(_ c: CaseFile, _ recorded: CaseFolder.Logged) throws { try bulk.add(c, lastHash: lastHash, recorded: recorded) }
        var key: (caseID: String, seq: Int64)?
        while true {
            var b = PostgresBindings()
            var sql = "SELECT \(Self.eventColumns) FROM events WHERE case_id IS NOT NULL"
            if let key {
                b.append(key.caseID)
                b.append(key.seq)
                sql += " AND (case_id, seq) > ($1, $2)"
            }
            b.append(Int64(Self.page))
            sql += " ORDER BY case_id, seq LIMIT $\(b.count)"
            let rows = try link.query(sql, b).rows
            for row in rows {
                let e = try PostgresTransaction.event(row)
                guard let id = e.caseID else { continue }
                try folder.add(e, finished: flush)
                lastHash = e.hash
                ticker.tick()
                key = (id.description, e.seq)
            }
            if rows.count < Self.page { break }
        }
        try folder.finish(flush)
        try bulk.flush()
        store.cache.clear()
    }

    /// Recomputes the cases `scope` selects (`RecomputeScope`) as SQLite does: each folded from its events and
    /// written by the command path's `project` (its text, URLs and extensions unchanged); `all` is the full rebuild.
    func recomputeProjections(_ scope: RecomputeScope) throws -> Int {
        guard case let .deadlinesFrom(start) = scope else {
            try rebuildProjections(progress: nil)
            guard let row = try link.query("SELECT count(*) FROM cases").rows.first else { return 0 }
            var c = Cells(row)
            return Int(try c.next(Int64.self))
        }
        var b = PostgresBindings()
        b.append(start.seconds)
        var chosen: [Int64] = []
        for row in try link.query("SELECT DISTINCT num FROM dues WHERE due IS NULL OR due >= $1 ORDER BY num", b).rows {
            var c = Cells(row)
            chosen.append(try c.next(Int64.self))
        }
        for n in chosen {
            let id = EntityID(.caseFile, Int(n))
            let log = try events(forCase: id)
            guard let c = CaseFile.fold(log), let head = log.last, let first = log.map(\.recorded).min(),
                  let last = log.map(\.recorded).max() else { continue }
            // `project` deletes the old due entries only of a case past its first event.
            var d = PostgresBindings()
            d.append(id.description)
            try link.query("DELETE FROM dues WHERE case_id = $1", d)
            try project(c, lastHash: head.hash, newURLs: [], recorded: (first, last), text: nil, extensions: [])
        }
        return chosen.count
    }

    /// Walks the log in sequence order with the same checks as on SQLite (sequence gap, broken link, altered
    /// content), recomputing each hash from the stored columns.
    func verifyChain() throws -> AuditReport {
        var prev = EventHashing.genesis
        var expected: Int64 = 1
        func broken(_ seq: Int64, _ problem: AuditProblem, _ detail: String? = nil) -> AuditReport {
            AuditReport(checked: expected - 1, firstBroken: seq, reason: detail ?? problem.message.en, problem: problem)
        }
        while true {
            var b = PostgresBindings()
            b.append(expected - 1)
            b.append(Int64(Self.page))
            let rows = try link.query("""
                SELECT \(Self.eventColumns) FROM events WHERE seq > $1 ORDER BY seq LIMIT $2
                """, b).rows
            for row in rows {
                guard let s = try? PostgresTransaction.columns(row) else { return broken(expected, .unreadable) }
                if s.seq != expected {
                    return broken(expected, .sequenceGap, "expected event \(expected), found \(s.seq) next")
                }
                // An operator's name without the operator is no form yuqing writes (v1 rows have neither).
                if s.operatorLogin == nil && s.operatorName != nil { return broken(s.seq, .contentAltered) }
                if s.prevHash != prev { return broken(s.seq, .linkBroken) }
                if s.recomputedHash != s.hash { return broken(s.seq, .contentAltered) }
                prev = s.hash
                expected += 1
            }
            if rows.count < Self.page { break }
        }
        return AuditReport(checked: expected - 1, firstBroken: nil, reason: nil)
    }
}

extension PostgresTransaction: RawLog {
    func rawEvents(after seq: Int64, limit: Int) throws -> [RawEvent] {
        var b = PostgresBindings()
        b.append(seq)
        b.append(Int64(max(0, limit)))
        return try link.query("SELECT \(Self.eventColumns) FROM events WHERE seq > $1 ORDER BY seq LIMIT $2", b)
            .rows.map(PostgresTransaction.columns)
    }

    /// Many events per statement (a multi-row INSERT of up to 500 rows): a copy of a million events is two
    /// thousand round trips, not a million.
    func insertRaw(_ events: [RawEvent]) throws {
        var start = events.startIndex
        while start < events.endIndex {
            let chunk = events[start..<min(events.endIndex, start + 500)]
            var b = PostgresBindings()
            var rows: [String] = []
            for e in chunk {
                let n = b.count
                rows.append("(" + (1...14).map { "$\(n + $0)" }.joined(separator: ", ") + ")")
                Self.bind(e, into: &b)
            }
            try link.query("INSERT INTO events(\(Self.eventColumns)) VALUES " + rows.joined(separator: ", "), b)
            start = chunk.endIndex
        }
        store.head = nil
        // What the commit signs a checkpoint of (and looks for if its answer is lost), as for appended events.
        if let last = events.last { store.lastAppended = (last.seq, last.hash) }
    }

    /// The fourteen columns of an event, in `eventColumns` order.
    static func bind(_ e: RawEvent, into b: inout PostgresBindings) {
        b.append(e.seq); b.append(e.caseID); b.append(e.subject); b.append(e.actorName); b.append(e.actorRole)
        b.append(e.actorDept); b.append(e.verb); b.append(e.payload); b.append(e.effective); b.append(e.recorded)
        b.append(e.prevHash); b.append(e.hash); b.append(e.operatorLogin); b.append(e.operatorName)
    }

    func allMeta() throws -> [(key: String, value: String)] {
        try link.query("SELECT key, value FROM meta ORDER BY key").rows.map { row in
            var c = Cells(row)
            return (try c.next(String.self), try c.next(String.self))
        }
    }

    func idCounters() throws -> [(kind: String, last: Int64)] {
        try link.query("SELECT kind, last FROM ids ORDER BY kind").rows.map { row in
            var c = Cells(row)
            return (try c.next(String.self), try c.next(Int64.self))
        }
    }

    func raiseIDCounter(_ kind: String, to last: Int64) throws {
        var b = PostgresBindings()
        b.append(kind)
        b.append(last)
        try link.query("""
            INSERT INTO ids(kind, last) VALUES ($1, $2) ON CONFLICT (kind) DO UPDATE
            SET last = greatest(ids.last, excluded.last)
            """, b)
    }
}

/// The projections of many cases, written a few hundred cases per statement (multi-row INSERTs: PostgreSQL takes
/// at most 65,535 values per statement, so each table is sent in chunks that stay under it).
struct PostgresProjectionBulk {
    let link: PostgresLink
    let projector: any CaseProjector
    private var cases: [[PostgresBindValue]] = []
    private var dues: [[PostgresBindValue]] = []
    private var urls: [[PostgresBindValue]] = []
    private var texts: [[PostgresBindValue]] = []
    private var extensions: [[PostgresBindValue]] = []
    static let casesPerFlush = 500

    init(link: PostgresLink, projector: any CaseProjector) {
        self.link = link
        self.projector = projector
    }

    /// `recorded`: when the case's first and last events were logged, kept on its row and its due rows.
    mutating func add(_ c: CaseFile, lastHash: String, recorded: CaseFolder.Logged) throws {
        let entries = projector.dueEntries(for: c)
        let s = CaseSummary(c, dues: entries)
        let id = c.id.description, num = Int64(c.id.number)
        cases.append([.text(id), .int(num), .bytes(Data(EventHashing.encodeSnapshot(c))), .text(lastHash),
                      .text(s.title), .text(s.url), .text(s.stage.rawValue), .text(s.dept), .text(s.level?.rawValue),
                      .text(s.source.rawValue), .text(s.category?.rawValue), .bool(s.historical), .bool(s.designated),
                      .int(s.collectedAt.seconds), .int(s.claimedAt?.seconds), .int(s.nextDue?.seconds),
                      .text(s.nextDueRule), .int32(Int32(c.version)), .int(recorded.first.seconds),
                      .int(recorded.last.seconds)])
        for d in entries {
            dues.append([.text(id), .int(num), .text(d.rule), .int(d.due?.seconds), .int(d.metAt?.seconds),
                         .text(d.dept), .bool(d.waived), .bool(d.designated), .text(d.level?.rawValue),
                         .int(d.startSeq), .int(d.endSeq), .int(recorded.first.seconds), .int(recorded.last.seconds)])
        }
        for url in Set(c.items.compactMap(\.url).map(PostURL.identity)).sorted() {
            urls.append([.text(url), .int(num), .text(id)])
        }
        let body = c.searchText
        texts.append([.int(num), .text(body), .texts(SearchGrams.set(body))])
        for x in c.extensions.map({ ExtensionRequest($0, of: c) }) {
            extensions.append([.int(num), .int(Int64(x.id.number)), .text(x.dept), .int32(Int32(x.days)),
                               .text(x.reason), .int(x.appliedAt.seconds), .text(x.state.rawValue),
                               .int32(x.approvedDays.map(Int32.init))])
        }
        if cases.count >= Self.casesPerFlush { try flush() }
    }

    mutating func flush() throws {
        // Cases first: the due entries and URLs refer to them.
        try insert("cases(id, num, snapshot, last_hash, title, url, stage, dept, level, source, category, historical, "
                   + "designated, collected, claimed, next_due, next_due_rule, version, first_recorded, last_recorded)", &cases)
        try insert("dues(case_id, num, rule, due, met_at, dept, waived, designated, level, start_seq, end_seq, "
                   + "first_recorded, last_recorded)", &dues)
        try insert("case_urls(url, num, case_id)", &urls, tail: " ON CONFLICT DO NOTHING")
        try insert("case_text(num, body, grams)", &texts)
        try insert("case_extensions(num, ext, dept, days, reason, applied, state, decided_days)", &extensions)
    }

    private func insert(_ target: String, _ rows: inout [[PostgresBindValue]], tail: String = "") throws {
        guard let width = rows.first?.count else { return }
        let perStatement = max(1, 60_000 / width)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            var b = PostgresBindings()
            var values: [String] = []
            values.reserveCapacity(chunk.count)
            for row in chunk {
                var marks: [String] = []
                for v in row {
                    try v.bind(into: &b)
                    marks.append("$\(b.count)" + v.cast)
                }
                values.append("(" + marks.joined(separator: ", ") + ")")
            }
            try link.query("INSERT INTO \(target) VALUES " + values.joined(separator: ", ") + tail, b)
            start += chunk.count
        }
        rows.removeAll(keepingCapacity: true)
    }
}

/// One value of a bulk row, with the cast PostgreSQL needs to type a NULL.
enum PostgresBindValue {
    case text(String?)
    case int(Int64?)
    case int32(Int32?)
    case bool(Bool)
    case bytes(Data)
    case texts([String])

    func bind(into b: inout PostgresBindings) throws {
        switch self {
        case let .text(v): b.append(v)
        case let .int(v): b.append(v)
        case let .int32(v): b.append(v)
        case let .bool(v): b.append(v)
        case let .bytes(v): try b.append(v)
        case let .texts(v): b.append(v)
        }
    }

    var cast: String {
        switch self {
        case .text: "::text"
        case .int: "::bigint"
        case .int32: "::integer"
        case .bool: "::boolean"
        case .bytes: "::bytea"
        case .texts: "::text[]"
        }
    }
}
