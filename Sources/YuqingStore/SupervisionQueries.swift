import GRDB
import YuqingCore

extension ObligationRecord {
    /// The assessment's view of a due index row.
    public init(_ d: DueEntry) {
        self.init(caseID: d.caseID, rule: d.rule, due: d.due, metAt: d.metAt, dept: d.dept, waived: d.waived,
                  designated: d.designated, level: d.level, startSeq: d.startSeq, endSeq: d.endSeq)
    }
}

/// The supervision queries on SQLite (Art. 5, 6, 12, 13), answered from the due index and the events table without
/// folding cases, so a year's assessment on a million cases reads an index and never comes into memory.
///
/// Both read only the entries of cases with no event logged after T (`dues.last_recorded`, the case's latest logging
/// time, kept on its rows): their entries are what was known at T. The caller folds the others
/// (`casesChanged(after:)`) from the events logged by T. The outcome of a due entry as of T is `DueOutcome.of`,
/// spelled in SQL:
///
/// | outcome  | condition (not waived)                                  |
/// |----------|---------------------------------------------------------|
/// | on time  | `met_at IS NOT NULL AND met_at <= T AND met_at <= due`  |
/// | late     | `met_at IS NOT NULL AND met_at <= T AND met_at > due`   |
/// | overdue  | `(met_at IS NULL OR met_at > T) AND due <= T`           |
/// | pending  | `(met_at IS NULL OR met_at > T) AND due > T`            |
extension SQLiteTransaction {
    /// Counts by department, rule and outcome. The `dues_score` index is ordered (dept, rule, due, met_at, waived,
    /// designated): each department's rules are found by skipping through the index (a handful of seeks), and each
    /// (department, rule) is one range of that covering index summed without a sort — SQLite has no hash
    /// aggregation, and a GROUP BY over millions of entries spends most of its time sorting them.
    func dueOutcomes(after: Instant, through: Instant, asOf: Instant, knownBy: Instant, excluding: [String]) throws -> [OutcomeCount] {
        let t = asOf.seconds
        let sums = """
            SELECT
              coalesce(sum(designated = 0 AND met_at IS NOT NULL AND met_at <= ?1 AND met_at <= due), 0),
              coalesce(sum(designated = 0 AND met_at IS NOT NULL AND met_at <= ?1 AND met_at > due), 0),
              coalesce(sum(designated = 0 AND (met_at IS NULL OR met_at > ?1) AND due <= ?1), 0),
              coalesce(sum(designated = 0 AND (met_at IS NULL OR met_at > ?1) AND due > ?1), 0),
              coalesce(sum(designated = 1 AND met_at IS NOT NULL AND met_at <= ?1 AND met_at <= due), 0),
              coalesce(sum(designated = 1 AND met_at IS NOT NULL AND met_at <= ?1 AND met_at > due), 0),
              coalesce(sum(designated = 1 AND (met_at IS NULL OR met_at > ?1) AND due <= ?1), 0),
              coalesce(sum(designated = 1 AND (met_at IS NULL OR met_at > ?1) AND due > ?1), 0)
            FROM dues INDEXED BY dues_score
            """
        // Cases with an event logged after T are left to the caller, which folds them as of T.
        let range = "AND due > ?4 AND due <= ?5 AND waived = 0 AND last_recorded <= ?7"
        // Through `queryDB()`: the cases pending in this write are written first, so a script counts its own.
        let q = try queryDB()
        let exact = try q.cachedStatement(sql: sums + " WHERE dept = ?2 AND rule = ?3 " + range)
        let family = try q.cachedStatement(sql: sums + " WHERE dept = ?2 AND rule >= ?3 AND rule < ?6 " + range)
        let exactNull = try q.cachedStatement(sql: sums + " WHERE dept IS NULL AND rule = ?3 " + range)
        let familyNull = try q.cachedStatement(sql: sums + " WHERE dept IS NULL AND rule >= ?3 AND rule < ?6 " + range)
        let nextDept = try q.cachedStatement(sql: "SELECT dept FROM dues INDEXED BY dues_score WHERE dept > ? ORDER BY dept LIMIT 1")
        let firstDept = try q.cachedStatement(sql: "SELECT dept FROM dues INDEXED BY dues_score WHERE dept IS NOT NULL ORDER BY dept LIMIT 1")
        let hasNull = try q.cachedStatement(sql: "SELECT 1 FROM dues INDEXED BY dues_score WHERE dept IS NULL LIMIT 1")
        let nextRule = try q.cachedStatement(sql: "SELECT rule FROM dues INDEXED BY dues_score WHERE dept = ? AND rule > ? ORDER BY rule LIMIT 1")
        let nextRuleNull = try q.cachedStatement(sql: "SELECT rule FROM dues INDEXED BY dues_score WHERE dept IS NULL AND rule > ? ORDER BY rule LIMIT 1")

        var out: [OutcomeCount] = []
        func add(_ dept: String?, _ ruleID: String, _ row: Row?) {
            guard let row else { return }
            for k in 0..<8 {
                let n: Int = row[k]
                guard n > 0 else { continue }
                let outcome: DueOutcome = [.onTime, .late, .overdue, .pending][k % 4]
                out.append(OutcomeCount(dept: dept, ruleID: ruleID, outcome: outcome, designated: k >= 4, count: n))
            }
        }
        /// Every rule of one department (or of entries without one): an exact rule is one range, an instruction
        /// family (`instruct:L1`, `instruct:L2`…) one range for all of it.
        func rules(of dept: String?) throws {
            var lastRule = ""
            while true {
                let next = try dept.map { try String.fetchOne(nextRule, arguments: [$0, lastRule]) }
                    ?? String.fetchOne(nextRuleNull, arguments: [lastRule])
                guard let rule = next else { return }
                if excluding.contains(ObligationRecord.ruleID(of: rule)) {
                    lastRule = rule.contains(":") ? ObligationRecord.ruleID(of: rule) + ";" : rule
                    continue
                }
                if let colon = rule.firstIndex(of: ":") {
                    let prefix = String(rule[...colon])                     // `instruct:`
                    let upper = String(rule[..<colon]) + ";"                // `instruct;`: just past every `instruct:…`
                    let a: StatementArguments = [t, dept ?? "", prefix, after.seconds, through.seconds, upper, knownBy.seconds]
                    add(dept, String(rule[..<colon]), try Row.fetchOne(dept == nil ? familyNull : family, arguments: a))
                    lastRule = upper
                } else {
                    let a: StatementArguments = [t, dept ?? "", rule, after.seconds, through.seconds, "", knownBy.seconds]
                    add(dept, rule, try Row.fetchOne(dept == nil ? exactNull : exact, arguments: a))
                    lastRule = rule
                }
            }
        }
        var dept = try String.fetchOne(firstDept)
        while let d = dept {
            try rules(of: d)
            dept = try String.fetchOne(nextDept, arguments: [d])
        }
        if try Int.fetchOne(hasNull) != nil { try rules(of: nil) }
        return OutcomeCount.merged(out)
    }
}

extension SQLiteTransaction {
    static let dueColumns = "case_id, rule, due, met_at, dept, waived, designated, level, start_seq, end_seq"

    /// Late limits in due-index order from the `dues_period` index (due, num, rule), one cursor: the caller streams
    /// them to the renderer, so 85,000 findings are never all in memory.
    func lateDues(after: Instant, through: Instant, asOf: Instant, knownBy: Instant, excluding: [String], _ body: (DueEntry) throws -> Bool) throws {
        // The excluded rules are few (the watch periods): one `?` each, in a statement cached per count.
        let marks = excluding.isEmpty ? "" : " AND rule NOT IN (" + Array(repeating: "?", count: excluding.count).joined(separator: ", ") + ")"
        var args: [any DatabaseValueConvertible] = [asOf.seconds, after.seconds, through.seconds, knownBy.seconds]
        args += excluding
        let rows = try Row.fetchCursor(queryDB().cachedStatement(sql: """
            SELECT \(Self.dueColumns) FROM dues INDEXED BY dues_period
            WHERE due > ?2 AND due <= ?3 AND waived = 0 AND last_recorded <= ?4
              AND ((met_at IS NOT NULL AND met_at <= ?1 AND met_at > due) OR ((met_at IS NULL OR met_at > ?1) AND due <= ?1))\(marks)
            ORDER BY due, num, rule
            """), arguments: StatementArguments(args))
        while let row = try rows.next() {
            if try !body(try Self.dueEntry(row)) { return }
        }
    }

    func casesChanged(after asOf: Instant) throws -> [EntityID] {
        let rows = try Row.fetchCursor(queryDB().cachedStatement(sql: """
            SELECT id FROM cases INDEXED BY cases_touched WHERE last_recorded > ?1 AND first_recorded <= ?1 ORDER BY num
            """), arguments: [asOf.seconds])
        var out: [EntityID] = []
        while let row = try rows.next() {
            let text: String = row[0]
            guard let id = EntityID(parsing: text) else { throw StoreError.corrupt("case id \(text)") }
            out.append(id)
        }
        return out
    }

    /// Patrols read from the event columns and the payload's `dept` (SQLite's JSON functions), so a year of patrols
    /// is not decoded event by event; a payload the JSON path cannot read is decoded in full.
    func patrols(from: Instant, to: Instant) throws -> [PatrolRecord] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT seq, json_extract(payload, '$.patrolled.dept'), effective, recorded, actor_role, payload
            FROM events WHERE verb = 'patrolled' AND effective >= ? AND effective < ? ORDER BY seq
            """), arguments: [from.seconds, to.seconds])
        var out: [PatrolRecord] = []
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            var dept: String? = row[1]
            if dept == nil, case let .patrolled(d, _) = try EventHashing.body(fromPayload: row[5], seq: seq) { dept = d }
            guard let dept else { continue }
            let roleCode: String = row[4]
            guard let role = Role(rawValue: roleCode) else { throw StoreError.corrupt("event \(seq): unknown role \(roleCode)") }
            out.append(PatrolRecord(seq: seq, dept: dept, at: Instant(seconds: row[2]), recorded: Instant(seconds: row[3]), role: role))
        }
        return out
    }

    /// Walks the `events_verb` index (verb, effective) from the earliest and stops at the first event logged by
    /// `asOf`: one row in the usual case.
    func firstEffective(kind: EventKind, loggedBy asOf: Instant) throws -> Instant? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT effective FROM events INDEXED BY events_verb WHERE verb = ? AND recorded <= ? ORDER BY effective LIMIT 1
            """), arguments: [kind.rawValue, asOf.seconds]).map(Instant.init(seconds:))
    }

    /// A due row read by position (`dueColumns`).
    static func dueEntry(_ row: Row) throws -> DueEntry {
        let idText: String = row[0]
        guard let id = EntityID(parsing: idText) else { throw StoreError.corrupt("due entry of \(idText)") }
        let due: Int64? = row[2]
        let met: Int64? = row[3]
        let levelCode: String? = row[7]
        let level = try levelCode.map { code in
            guard let l = Level(rawValue: code) else { throw StoreError.corrupt("due entry of \(idText): level \(code)") }
            return l
        }
        return DueEntry(caseID: id, rule: row[1], due: due.map(Instant.init(seconds:)), metAt: met.map(Instant.init(seconds:)),
                        dept: row[4], waived: row[5], designated: row[6], level: level, startSeq: row[8], endSeq: row[9])
    }
}
