import GRDB
import YuqingCore

/// The projection tables as `audit verify` reads them on SQLite (`ProjectionTable`): one statement a case.
extension SQLiteTransaction: StoredProjectionReader {
    var storesGrams: Bool { false }

    /// Read through SQLite's C API (`SQLiteRawInsert`), on a statement cached by its text: `audit verify` runs it
    /// once a case.
    func storedProjection(_ id: EntityID, urls: [String]) throws -> ProjectionRows {
        var s = try SQLiteRawInsert(cached: db, sql: ProjectionTable.selectRows(urls: urls.count, postgres: false))
        s.bind(id.description)
        s.bind(id.number)
        for u in urls { s.bind(u) }
        var cells: [[String?]] = []
        try s.rows { c in cells.append((0..<ProjectionTable.selectWidth).map { c.text(Int32($0)) }) }
        var out = ProjectionRows()
        for row in cells { try out.add(stored: row, grams: false) }
        return out
    }

    func projectionRowCounts() throws -> [ProjectionTable: Int] {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: ProjectionTable.countRows)) else { return [:] }
        return Dictionary(uniqueKeysWithValues: ProjectionTable.allCases.enumerated().map { ($1, row[$0] as Int) })
    }

    func projectionRowKeys(_ table: ProjectionTable) throws -> [(key: String, count: Int)] {
        try Row.fetchAll(db, sql: table.keyCounts).map { ((String.fromDatabaseValue($0[0] as DatabaseValue)) ?? "NULL", $0[1]) }
    }
}
