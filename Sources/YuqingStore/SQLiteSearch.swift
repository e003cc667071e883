import Foundation
import GRDB
import YuqingCore

/// Full-text search and the extension index on SQLite: projections kept with the case (`project`), in the same
/// transaction, so they are never out of step with it.
extension SQLiteTransaction {
    /// Set by a migration that adds a projection; cleared by the rebuild it asks for.
    static let staleKey = "projections.stale"

    /// Keeps `case_text` and the FTS5 index `case_search` equal to the case's `searchText`. The index is
    /// contentless: to take a text out, its grams are computed again from the stored text (same `SearchGrams`).
    func projectSearch(_ num: Int, _ body: String, isNew: Bool) throws {
        // Bound with SQLite's C API (`SQLiteRawInsert`): the commit point writes these for every case it flushes.
        if !isNew {
            var read = try SQLiteRawInsert(cached: db, sql: "SELECT body FROM case_text WHERE num = ?")
            read.bind(num)
            let old = try read.row({ $0.text(0) }).flatMap { $0 }
            if old == body { return }
            if let old {
                var delete = try SQLiteRawInsert(cached: db, sql: """
                    INSERT INTO case_search(case_search, rowid, grams) VALUES ('delete', ?, ?)
                    """)
                delete.bind(num); delete.bind(SearchGrams.document(old))
                try delete.run()
            }
        }
        var text = try SQLiteRawInsert(cached: db, sql: "INSERT OR REPLACE INTO case_text(num, body) VALUES (?, ?)")
        text.bind(num); text.bind(body)
        try text.run()
        var grams = try SQLiteRawInsert(cached: db, sql: "INSERT INTO case_search(rowid, grams) VALUES (?, ?)")
        grams.bind(num); grams.bind(SearchGrams.document(body))
        try grams.run()
    }

    static let extensionInsert = """
        INSERT INTO case_extensions(num, ext, dept, days, reason, applied, state, decided_days)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Replaces the case's rows in `case_extensions` (`hadExtensions`: it has some to delete first).
    func projectExtensions(_ num: Int, _ rows: [ExtensionRequest], hadExtensions: Bool) throws {
        if hadExtensions {
            try db.cachedStatement(sql: "DELETE FROM case_extensions WHERE num = ?").execute(arguments: [num])
        }
        guard !rows.isEmpty else { return }
        let insert = try db.cachedStatement(sql: Self.extensionInsert)
        for x in rows {
            try insert.execute(arguments: [num, x.id.number, x.dept, x.days, x.reason, x.appliedAt.seconds,
                                           x.state.rawValue, x.approvedDays])
        }
    }

    func extensionRequests(all: Bool, visibleTo dept: String?) throws -> [ExtensionRequest] {
        var out: [ExtensionRequest] = []
        try forEachExtensionRequest(all: all, visibleTo: dept) { out.append($0); return true }
        return out
    }

    /// From a cursor over the index: a city's applications are never all in memory. A department's view tests the
    /// case's department (`cases`, by its unique `num`) in the query.
    func forEachExtensionRequest(all: Bool, visibleTo dept: String?, _ body: (ExtensionRequest) throws -> Bool) throws {
        var conditions: [String] = []
        var args: [any DatabaseValueConvertible] = []
        if !all { conditions.append("x.state = 'pending'") }
        if let dept {
            conditions.append("EXISTS (SELECT 1 FROM cases c WHERE c.num = x.num AND (c.dept = ? OR c.dept IS NULL))")
            args.append(dept)
        }
        let sql = """
            SELECT x.num, x.ext, x.dept, x.days, x.reason, x.applied, x.state, x.decided_days FROM case_extensions x
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY x.num, x.ext
            """
        let rows = try Row.fetchCursor(queryDB().cachedStatement(sql: sql), arguments: StatementArguments(args))
        while let row = try rows.next() {
            let stateCode: String = row[6]
            guard let state = ExtensionRequest.State(rawValue: stateCode) else {
                throw StoreError.corrupt("extension X\(row[1] as Int): bad state \(stateCode)")
            }
            let x = ExtensionRequest(id: EntityID(.extensionRequest, row[1]), caseID: EntityID(.caseFile, row[0]),
                                     dept: row[2], days: row[3], reason: row[4],
                                     appliedAt: Instant(seconds: row[5]), state: state, approvedDays: row[7])
            guard try body(x) else { return }
        }
    }

    /// The newest cases whose text holds `query` as written (see `StoreReader.newestTexts`): the FTS5 index in
    /// descending rowid (= case number) order, each candidate checked on its stored text as it comes, so `LIMIT`
    /// stops the index early. Without a letter or digit in the query the texts are scanned, newest first. A
    /// department's view (`visibleTo`) tests each candidate's department (one probe of `cases` by `num`) before its
    /// text, so the limit counts only the cases it sees.
    func newestTexts(holding query: String, limit: Int, visibleTo dept: String?) throws -> [(id: EntityID, text: String)] {
        let sql: String
        var args: [any DatabaseValueConvertible] = []
        // Of the index's row (not the text's), so SQLite tests it before reading the candidate's text.
        func scope(_ num: String) -> String {
            dept == nil ? "" : " AND EXISTS (SELECT 1 FROM cases c WHERE c.num = \(num) AND (c.dept = ? OR c.dept IS NULL))"
        }
        if let match = SearchGrams.match(query) {
            sql = """
                SELECT t.num, t.body FROM case_search CROSS JOIN case_text t ON t.num = case_search.rowid
                WHERE case_search MATCH ?\(scope("case_search.rowid")) AND instr(t.body, ?) > 0
                ORDER BY case_search.rowid DESC LIMIT ?
                """
            args.append(match)
        } else {
            sql = "SELECT t.num, t.body FROM case_text t WHERE 1\(scope("t.num")) AND instr(t.body, ?) > 0 ORDER BY t.num DESC LIMIT ?"
        }
        if let dept { args.append(dept) }
        args.append(query)
        args.append(max(0, limit))
        let rows = try Row.fetchCursor(queryDB().cachedStatement(sql: sql), arguments: StatementArguments(args))
        var out: [(id: EntityID, text: String)] = []
        while let row = try rows.next() { out.append((EntityID(.caseFile, row[0]), row[1])) }
        return out
    }
}
