import Foundation
import GRDB
import YuqingCore

/// A stored case's rows rewritten at the commit point: only the columns and rows that changed.
///
/// Why: a case acted on since the last commit point had its case row (nine indexes), its due rows (deleted and
/// inserted again, four indexes each) and its extension rows written whole, though a claim or a report changes a
/// few columns of the case and one or two of its deadlines. SQLite updates an index only when the UPDATE sets one
/// of its columns, so an UPDATE that sets only what changed leaves the other indexes alone; a due row is matched to
/// the stored one of the same rule and updated in place. The rows left are exactly the rows a delete and insert
/// (and `store rebuild`) leave: `ProjectionTablesTests` compares every table.
extension SQLiteTransaction {
    /// A column's value as bound and read back: an INTEGER (booleans as 1 or 0) or a TEXT, either maybe NULL.
    enum Cell: Equatable {
        case int(Int64?)
        case text(String?)
    }

    /// The case row's columns compared at the commit point (the snapshot and version change with every event and
    /// are always written; `id` and `num` never change).
    static let caseCellColumns = ["title", "url", "stage", "dept", "level", "source", "category", "historical",
                                  "designated", "collected", "claimed", "next_due", "next_due_rule",
                                  "first_recorded", "last_recorded"]

    static func caseCells(_ rows: CaseRows, first: Int64, last: Int64) -> [Cell] {
        let s = rows.summary
        return [.text(s.title), .text(s.url), .text(s.stage.rawValue), .text(s.dept), .text(s.level?.rawValue),
                .text(s.source.rawValue), .text(s.category?.rawValue), .int(s.historical ? 1 : 0),
                .int(s.designated ? 1 : 0), .int(s.collectedAt.seconds), .int(s.claimedAt?.seconds),
                .int(s.nextDue?.seconds), .text(s.nextDueRule), .int(first), .int(last)]
    }

    /// A due row's columns after `case_id` and `num` (which never change for a case), in `dueInsert` order.
    static let dueCellColumns = ["rule", "due", "met_at", "dept", "waived", "designated", "level", "start_seq",
                                 "end_seq", "first_recorded", "last_recorded"]

    static func dueCells(_ d: DueEntry, first: Int64, last: Int64) -> [Cell] {
        [.text(d.rule), .int(d.due?.seconds), .int(d.metAt?.seconds), .text(d.dept), .int(d.waived ? 1 : 0),
         .int(d.designated ? 1 : 0), .text(d.level?.rawValue), .int(d.startSeq), .int(d.endSeq), .int(first),
         .int(last)]
    }

    /// Rewrites a stored case's row, setting the snapshot, the version and the columns that changed. Returns the
    /// logging times it keeps (the earliest first and the latest last), or nil when the case has no row.
    func updateCaseRow(_ rows: CaseRows) throws -> (first: Int64, last: Int64)? {
        let id = rows.id.description
        var read = try SQLiteRawInsert(cached: db, sql: """
            SELECT \(Self.caseCellColumns.joined(separator: ", ")) FROM cases WHERE id = ?
            """)
        read.bind(id)
        let template = Self.caseCells(rows, first: 0, last: 0)
        guard let stored = try read.row({ c in template.indices.map { c.cell(Int32($0), like: template[$0]) } })
        else { return nil }
        var first = rows.recorded.first.seconds, last = rows.recorded.last.seconds
        if case let .int(f?) = stored[13] { first = min(f, first) }
        if case let .int(l?) = stored[14] { last = max(l, last) }
        let cells = Self.caseCells(rows, first: first, last: last)
        let changed = cells.indices.filter { cells[$0] != stored[$0] }
        var sql = "UPDATE cases SET snapshot = ?, version = ?"
        for i in changed { sql += ", \(Self.caseCellColumns[i]) = ?" }
        var update = try SQLiteRawInsert(cached: db, sql: sql + " WHERE id = ?")
        update.bind(rows.snapshot); update.bind(rows.version)
        for i in changed { update.bind(cells[i]) }
        update.bind(id)
        try update.run()
        return (first, last)
    }

    /// Makes a stored case's due rows those of `rows`: each stored row is matched with the new entry of its rule
    /// and updated where it differs, the rows of rules no longer due deleted, the new rules' rows inserted.
    func updateDueRows(_ rows: CaseRows, first: Int64, last: Int64) throws {
        var read = try SQLiteRawInsert(cached: db, sql: """
            SELECT rowid, \(Self.dueCellColumns.joined(separator: ", ")) FROM dues WHERE case_id = ?
            """)
        read.bind(rows.id.description)
        let template = Self.dueCells(DueEntry(caseID: rows.id, rule: "", due: nil, metAt: nil, dept: nil), first: 0, last: 0)
        var stored: [(rowid: Int64, cells: [Cell])] = []
        try read.rows { c in
            stored.append((c.int64(0) ?? 0, template.indices.map { c.cell(Int32($0 + 1), like: template[$0]) }))
        }
        var byRule: [Cell: [Int]] = [:]
        for (i, s) in stored.enumerated() { byRule[s.cells[0], default: []].append(i) }
        var matched = Array(repeating: false, count: stored.count)
        var inserts: [DueEntry] = []
        for d in rows.dues {
            let cells = Self.dueCells(d, first: first, last: last)
            guard let i = byRule[cells[0]]?.first(where: { !matched[$0] }) else {
                inserts.append(d)
                continue
            }
            matched[i] = true
            let changed = cells.indices.filter { cells[$0] != stored[i].cells[$0] }
            guard !changed.isEmpty else { continue }
            var update = try SQLiteRawInsert(cached: db, sql: "UPDATE dues SET "
                + changed.map { "\(Self.dueCellColumns[$0]) = ?" }.joined(separator: ", ") + " WHERE rowid = ?")
            for c in changed { update.bind(cells[c]) }
            update.bind(stored[i].rowid)
            try update.run()
        }
        for (i, s) in stored.enumerated() where !matched[i] {
            var delete = try SQLiteRawInsert(cached: db, sql: "DELETE FROM dues WHERE rowid = ?")
            delete.bind(s.rowid)
            try delete.run()
        }
        var insert = try SQLiteRawInsert(cached: db, sql: Self.dueInsert)
        for d in inserts {
            insert.bindDue(d, of: rows.id, first: first, last: last)
            try insert.run()
        }
    }

    /// Whether the case's stored extension rows are already `rows` (in application order).
    func storedExtensionsEqual(_ num: Int, _ rows: [ExtensionRequest]) throws -> Bool {
        var read = try SQLiteRawInsert(cached: db, sql: """
            SELECT ext, dept, days, reason, applied, state, decided_days FROM case_extensions WHERE num = ? ORDER BY ext
            """)
        read.bind(num)
        let wanted = rows.sorted { $0.id.number < $1.id.number }.map(Self.extensionCells)
        guard let template = wanted.first else { return false }
        var stored: [[Cell]] = []
        try read.rows { c in stored.append(template.indices.map { c.cell(Int32($0), like: template[$0]) }) }
        return stored == wanted
    }

    static func extensionCells(_ x: ExtensionRequest) -> [Cell] {
        [.int(Int64(x.id.number)), .text(x.dept), .int(Int64(x.days)), .text(x.reason), .int(x.appliedAt.seconds),
         .text(x.state.rawValue), .int(x.approvedDays.map(Int64.init))]
    }
}

extension SQLiteTransaction.Cell: Hashable {}

extension SQLiteRawInsert {
    mutating func bind(_ c: SQLiteTransaction.Cell) {
        switch c {
        case let .int(v): bind(v)
        case let .text(v): bind(v)
        }
    }
}

extension SQLiteRawInsert.Columns {
    /// Column `i` read as the same kind of value as `like`.
    func cell(_ i: Int32, like: SQLiteTransaction.Cell) -> SQLiteTransaction.Cell {
        switch like {
        case .int: .int(int64(i))
        case .text: .text(text(i))
        }
    }
}
