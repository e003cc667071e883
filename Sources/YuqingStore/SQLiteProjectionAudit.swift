import GRDB
import YuqingCore

/// The projection tables as `audit verify` reads them on SQLite (`ProjectionTable`): one statement a case.
extension SQLiteTransaction: StoredProjectionReader {
    var storesGrams: Bool { false }

    func storedProjection(_ id: EntityID, urls: [String]) throws -> ProjectionRows {
        var args: [any DatabaseValueConvertible] = [id.description, id.number]
        args += urls
        let rows = try Row.fetchCursor(db.cachedStatement(sql: ProjectionTable.selectRows(urls: urls.count, postgres: false)),
                                       arguments: StatementArguments(args))
        var out = ProjectionRows()
        while let row = try rows.next() {
            try out.add(stored: (0..<row.count).map { String.fromDatabaseValue(row[$0] as DatabaseValue) }, grams: false)
        }
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
