import PostgresNIO
import YuqingCore

/// The supervision queries on PostgreSQL: the same answers as `SupervisionQueries.swift` on SQLite (a test runs the
/// store contract on both). PostgreSQL aggregates by hashing, so the assessment is one GROUP BY; the late limits are
/// read in pages by key (deadline, case number, rule), like the rebuild, so no cursor outlives a statement and a
/// month of late limits is never held at once.
extension PostgresTransaction {
    /// ` AND split_part(rule, ':', 1) NOT IN ($n, …)` for the excluded rules, bound after the others.
    private func excludingClause(_ rules: [String], _ b: inout PostgresBindings) -> String {
        guard !rules.isEmpty else { return "" }
        let marks = rules.map { r -> String in
            b.append(r)
            return "$\(b.count)"
        }
        return " AND split_part(rule, ':', 1) NOT IN (\(marks.joined(separator: ", ")))"
    }

    func dueOutcomes(after: Instant, through: Instant, asOf: Instant, knownBy: Instant, excluding: [String]) throws -> [OutcomeCount] {
        var b = PostgresBindings()
        b.append(asOf.seconds)
        b.append(after.seconds)
        b.append(through.seconds)
        b.append(knownBy.seconds)
        let sql = """
            SELECT dept, split_part(rule, ':', 1), designated,
              count(*) FILTER (WHERE met_at IS NOT NULL AND met_at <= $1 AND met_at <= due),
              count(*) FILTER (WHERE met_at IS NOT NULL AND met_at <= $1 AND met_at > due),
              count(*) FILTER (WHERE (met_at IS NULL OR met_at > $1) AND due <= $1),
              count(*) FILTER (WHERE (met_at IS NULL OR met_at > $1) AND due > $1)
            FROM dues WHERE due > $2 AND due <= $3 AND NOT waived AND last_recorded <= $4\(excludingClause(excluding, &b))
            GROUP BY 1, 2, 3
            """
        var out: [OutcomeCount] = []
        for row in try link.query(sql, b).rows {
            var c = Cells(row)
            let dept = try c.next(String?.self)
            let rule = try c.next(String.self)
            let designated = try c.next(Bool.self)
            for outcome in [DueOutcome.onTime, .late, .overdue, .pending] {
                let n = Int(try c.next(Int64.self))
                if n > 0 { out.append(OutcomeCount(dept: dept, ruleID: rule, outcome: outcome, designated: designated, count: n)) }
            }
        }
        return OutcomeCount.merged(out)
    }

    func lateDues(after: Instant, through: Instant, asOf: Instant, knownBy: Instant, excluding: [String], _ body: (DueEntry) throws -> Bool) throws {
        var key: (due: Int64, num: Int64, rule: String)?
        while true {
            var b = PostgresBindings()
            b.append(asOf.seconds)
            b.append(after.seconds)
            b.append(through.seconds)
            b.append(knownBy.seconds)
            var sql = """
                SELECT case_id, rule, due, met_at, dept, waived, designated, level, start_seq, end_seq, num FROM dues
                WHERE due > $2 AND due <= $3 AND NOT waived AND last_recorded <= $4
                  AND ((met_at IS NOT NULL AND met_at <= $1 AND met_at > due) OR ((met_at IS NULL OR met_at > $1) AND due <= $1))
                """ + excludingClause(excluding, &b)
            if let key {
                b.append(key.due)
                b.append(key.num)
                b.append(key.rule)
                sql += " AND (due, num, rule) > ($\(b.count - 2), $\(b.count - 1), $\(b.count))"
            }
            b.append(Int64(Self.page))
            sql += " ORDER BY due, num, rule LIMIT $\(b.count)"
            let rows = try link.query(sql, b).rows
            for row in rows {
                var c = Cells(row)
                let entry = try Self.dueEntry(&c)
                key = (entry.due?.seconds ?? 0, try c.next(Int64.self), entry.rule)
                if try !body(entry) { return }
            }
            if rows.count < Self.page { return }
        }
    }

    /// A due row read by position (`SQLiteTransaction.dueColumns`), leaving `c` at the column after `end_seq`.
    static func dueEntry(_ c: inout Cells) throws -> DueEntry {
        let idText = try c.next(String.self)
        guard let id = EntityID(parsing: idText) else { throw StoreError.corrupt("due entry of \(idText)") }
        let rule = try c.next(String.self)
        let due = try c.next(Int64?.self)
        let met = try c.next(Int64?.self)
        let dept = try c.next(String?.self)
        let waived = try c.next(Bool.self)
        let designated = try c.next(Bool.self)
        let level = try (try c.next(String?.self)).map { code in
            guard let l = Level(rawValue: code) else { throw StoreError.corrupt("due entry of \(idText): level \(code)") }
            return l
        }
        return DueEntry(caseID: id, rule: rule, due: due.map(Instant.init(seconds:)), metAt: met.map(Instant.init(seconds:)),
                        dept: dept, waived: waived, designated: designated, level: level,
                        startSeq: try c.next(Int64?.self), endSeq: try c.next(Int64?.self))
    }

    func casesChanged(after asOf: Instant) throws -> [EntityID] {
        var b = PostgresBindings()
        b.append(asOf.seconds)
        return try link.query("SELECT id FROM cases WHERE last_recorded > $1 AND first_recorded <= $1 ORDER BY num", b).rows.map { row in
            var c = Cells(row)
            let text = try c.next(String.self)
            guard let id = EntityID(parsing: text) else { throw StoreError.corrupt("case id \(text)") }
            return id
        }
    }

    /// The department from the payload's JSON (`patrolled.dept`); a payload the path cannot read is decoded in full.
    func patrols(from: Instant, to: Instant) throws -> [PatrolRecord] {
        var b = PostgresBindings()
        b.append(from.seconds)
        b.append(to.seconds)
        let rows = try link.query("""
            SELECT seq, payload::json -> 'patrolled' ->> 'dept', effective, recorded, actor_role, payload
            FROM events WHERE verb = 'patrolled' AND effective >= $1 AND effective < $2 ORDER BY seq
            """, b).rows
        var out: [PatrolRecord] = []
        for row in rows {
            var c = Cells(row)
            let seq = try c.next(Int64.self)
            var dept = try c.next(String?.self)
            let effective = try c.next(Int64.self)
            let recorded = try c.next(Int64.self)
            let roleCode = try c.next(String.self)
            let payload = try c.next(String.self)
            if dept == nil, case let .patrolled(d, _) = try EventHashing.body(fromPayload: payload, seq: seq) { dept = d }
            guard let dept else { continue }
            guard let role = Role(rawValue: roleCode) else { throw StoreError.corrupt("event \(seq): unknown role \(roleCode)") }
            out.append(PatrolRecord(seq: seq, dept: dept, at: Instant(seconds: effective), recorded: Instant(seconds: recorded), role: role))
        }
        return out
    }

    func firstEffective(kind: EventKind, loggedBy asOf: Instant) throws -> Instant? {
        var b = PostgresBindings()
        b.append(kind.rawValue)
        b.append(asOf.seconds)
        guard let row = try link.query("""
            SELECT effective FROM events WHERE verb = $1 AND recorded <= $2 ORDER BY effective LIMIT 1
            """, b).rows.first else { return nil }
        var c = Cells(row)
        return Instant(seconds: try c.next(Int64.self))
    }
}
