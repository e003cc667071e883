import GRDB

/// Projection tables emptied for a bulk write (`store rebuild`) and indexed once at the end.
///
/// The tables are dropped and made again from their own stored definitions (`sqlite_master`), so the schema after
/// a rebuild is the schema the migrations made, column for column; their indexes are created again, in their
/// stored order, by `finish` — from the written rows, sorted once, instead of updated row by row. All of it is
/// inside the caller's transaction: an error undoes the drops with the rest.
///
/// One table may be `deferred`: the full-text index. FTS5 writes a new segment whenever a document's rowid is lower
/// than the previous one, and the fold reads the cases in id-text order (C1, C10, C100, C2…). While the rows are
/// written, a temporary table of the same name shadows it for the unqualified statements of the command path
/// (`projectSearch`) and drops every row inserted (a trigger's `RAISE(IGNORE)`); `finish` makes the real index again
/// and hands it to the caller to fill in rowid order.
struct SQLiteBulkTables {
    /// Worker threads for the index builds: the machines yuqing runs on have two cores or more.
    static let sortThreads = 2
    /// The page cache while the indexes are built, in KiB: it also sets the size of the sorter's runs.
    static let sortCacheKiB = 4_000
    let db: Database
    private var indexes: [String] = []
    private var deferred: (name: String, sql: String)?

    /// The deferred table's stored definition (its `CREATE` statement), until `finish` has made it again.
    var deferredDefinition: String? { deferred?.sql }
    /// The indexes `finish` builds.
    var indexCount: Int { indexes.count }

    /// Drops `tables` (children before the tables they refer to) and makes them again without their indexes.
    init(_ db: Database, _ tables: [String], deferred: String? = nil) throws {
        self.db = db
        let marks = tables.map { _ in "?" }.joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM main.sqlite_master WHERE tbl_name IN (\(marks)) AND sql IS NOT NULL ORDER BY rowid
            """, arguments: StatementArguments(tables))
        var creates: [String: String] = [:]
        for row in rows {
            let type: String = row[0], name: String = row[1], sql: String = row[2]
            if type == "table" { creates[name] = sql } else if type == "index" { indexes.append(sql) }
        }
        for t in tables { try db.execute(sql: "DROP TABLE main.\(t)") }
        for t in tables.reversed() {
            guard let sql = creates[t] else { throw StoreError.corrupt("the projection table \(t) has no definition") }
            if t == deferred {
                self.deferred = (t, sql)
                try db.execute(sql: """
                    CREATE TEMP TABLE \(t)(grams TEXT NOT NULL);
                    CREATE TEMP TRIGGER \(t)_sink BEFORE INSERT ON \(t) BEGIN SELECT RAISE(IGNORE); END;
                    """)
            } else {
                try db.execute(sql: sql)
            }
        }
    }

    /// Creates the indexes (calling `indexed` after each, for a progress line), then the deferred table again,
    /// empty, and calls `fill` to write it.
    ///
    /// The indexes are sorted with SQLite's worker threads (`PRAGMA threads`): with a small page cache the sorter
    /// writes its input in runs of a few MB, sorted by a second thread while the first reads on, then merged. SQLite
    /// uses them only when temporary storage is on disk (`SQLiteStore.write(sorting:)`); in memory the pragma
    /// changes nothing. Measured with sqlite3 on the 1M store's 12 indexes: 7.8 s with temporary storage in memory,
    /// 7.0 s on disk, 5.9 s on disk with two threads.
    mutating func finish(indexed: () -> Void = {}, fill: (Database) throws -> Void) throws {
        do {
            let threads = try Int.fetchOne(db, sql: "PRAGMA threads") ?? 0
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA threads = \(Self.sortThreads); PRAGMA cache_size = -\(Self.sortCacheKiB)")
            defer { try? db.execute(sql: "PRAGMA threads = \(threads); PRAGMA cache_size = \(cacheSize)") }
            for sql in indexes {
                try db.execute(sql: sql)
                indexed()
            }
        }
        indexes = []
        if let d = deferred {
            try db.execute(sql: "DROP TABLE temp.\(d.name)")
            try db.execute(sql: d.sql)
            try fill(db)
            deferred = nil
        }
    }
}
