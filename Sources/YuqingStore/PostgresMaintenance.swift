import PostgresNIO
import YuqingCore

/// `store rebuild` and `audit verify` on PostgreSQL. Both read the log in pages by key (`seq`, or `case_id, seq`),
/// so a million events are never held in memory at once and no server-side cursor has to outlive a statement.
extension PostgresTransaction {
    static let page = 5000

    /// Drops every projection and recomputes it from the events, inside the caller's transaction (which holds the
    /// chain lock, so no event is appended meanwhile). Readers keep seeing the old projections until COMMIT.
    ///
    /// The same two passes as on SQLite: departments and id counters in sequence order (a counter never goes
    /// down: the larger of the stored one and the highest id the log mentions), then each case folded from its
    /// events in `(case_id, seq)` order.
    ///
    /// `progress` hears events read of twice the log (both passes), every few thousand.
    func rebuildProjections(progress: StoreProgress? = nil) throws {
        var ticker = ProgressTicker(progress, total: try eventCount() * 2)
        defer { ticker.finish() }
        for table in ["dues", "case_urls", "cases", "departments"] { try link.query("DELETE FROM \(table)") }

        var highest: [IDKind: Int] = [:]
        var after: Int64 = 0
        while true {
            var b = PostgresBindings()
            b.append(after)
            b.append(Int64(Self.page))
            let rows = try link.query("""
                SELECT seq, case_id, subject, payload FROM events WHERE seq > $1 ORDER BY seq LIMIT $2
                """, b).rows
            for row in rows {
                var c = Cells(row)
                let seq = try c.next(Int64.self)
                let caseID = try c.next(String?.self).flatMap { EntityID(parsing: $0) }
                let subject = try c.next(String?.self).flatMap { EntityID(parsing: $0) }
                let body = try EventHashing.body(fromPayload: try c.next(String.self), seq: seq)
                for m in EventHashing.mentionedIDs(caseID: caseID, subject: subject, body: body) {
                    highest[m.kind] = max(highest[m.kind] ?? 0, m.number)
                }
                if case let .departmentSaved(d) = body { try saveDepartment(d, seq: seq) }
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

        var folder = CaseFolder()
        // The hash of the last event read: when a case is handed over, that of its own last event.
        var lastHash = ""
        func flush(_ c: CaseFile, _ recorded: CaseFolder.Logged) throws {
            try project(c, lastHash: lastHash, newURLs: c.items.compactMap(\.url), recorded: recorded)
        }
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
