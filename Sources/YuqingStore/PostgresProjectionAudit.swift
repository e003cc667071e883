import PostgresNIO
import YuqingCore

/// The projection tables as `audit verify` reads them on PostgreSQL (`ProjectionTable`): one round trip a case.
extension PostgresTransaction: StoredProjectionReader {
    var storesGrams: Bool { true }

    func storedProjection(_ id: EntityID, urls: [String]) throws -> ProjectionRows {
        var b = PostgresBindings()
        b.append(id.description)
        b.append(Int64(id.number))
        for u in urls { b.append(u) }
        var out = ProjectionRows()
        for row in try link.query(ProjectionTable.selectRows(urls: urls.count, postgres: true), b).rows {
            var c = Cells(row)
            try out.add(stored: try row.map { _ in try c.next(String?.self) }, grams: true)
        }
        return out
    }

    func projectionRowCounts() throws -> [ProjectionTable: Int] {
        guard let row = try link.query(ProjectionTable.countRows).rows.first else { return [:] }
        var c = Cells(row)
        var out: [ProjectionTable: Int] = [:]
        for t in ProjectionTable.allCases { out[t] = Int(try c.next(Int64.self)) }
        return out
    }

    func projectionRowKeys(_ table: ProjectionTable) throws -> [(key: String, count: Int)] {
        try link.query(table.keyCounts).rows.map { row in
            var c = Cells(row)
            return (try c.next(String?.self) ?? "NULL", Int(try c.next(Int64.self)))
        }
    }
}
