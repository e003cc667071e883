import Foundation
import GRDB

/// The full-text index of a `store rebuild`, built on a thread of its own in a private temporary database while the
/// rebuild's connection writes the projections and builds their indexes, then copied in.
///
/// Why apart: FTS5 wants its documents in rowid order (a lower rowid than the last one makes it write a segment), the
/// fold meets the cases in id-text order (C1, C10, C100, C2…), and only the rebuild's connection can write its
/// transaction. Filled on that connection after the fold, the index took the connection's thread for a fifth of a
/// rebuild while the second core idled. Here the fold hands each case's text over as it goes, and this thread keeps
/// it in a plain table of the side database (any order: a B-tree keyed by the case number); once the fold is over
/// it reads them back in rowid order, computes their grams and fills the index, while the rebuild's connection
/// builds the other indexes; `copy(into:)` then moves FTS5's shadow tables (`_data`, `_idx`, `_docsize`) into the
/// index the rebuild has just created, row by row, values bound as read (`SQLiteRawInsert.bind(value:)`). (Computing the grams during the fold
/// instead was slower: three threads on two cores while the fold runs, one idle core after it.)
///
/// The copy writes the shadow tables of an index no statement has used yet on that connection: FTS5 reads its
/// structure from `_data` when first used (and its settings from `_config`, which is not copied: the side's larger
/// `hashsize` stays there), so the copied index is what it sees. `SearchTests` checks the index with FTS5's own
/// `integrity-check` after a rebuild, and again after writes on the same connection.
final class SideSearchIndex: @unchecked Sendable {
    /// FTS5's shadow tables that hold the index (a contentless table has no `_content`).
    static let copiedShadows = ["data", "idx", "docsize"]
    /// FTS5 writes its pending words out as a segment whenever they pass `hashsize` (1 MiB by default) and merges
    /// the segments as they pile up: a million texts made thousands of segments, and most of a fill's time went to
    /// merging them (sqlite3 inserting the same million documents: 9.9 s, 5.5 s with 64 MiB).
    static let fillHashSize = 64 << 20
    /// Cases' texts handed over at once (the fold's chunk), and chunks on their way at most.
    static let depth = 4
    /// The side database's page cache, in KiB; beyond it SQLite spills to a temporary file.
    static let cacheKiB = 16_384

    private let side: DatabaseQueue
    private let table: String
    private let inbox = Handoff<[(num: Int64, text: String)]>(capacity: depth)
    private let ended = DispatchSemaphore(value: 0)
    // Written by the side thread before it signals `ended`, read after waiting for it.
    private var failure: (any Error)?
    // Set by the rebuild's thread only.
    private var waited = false

    /// Opens the side database and starts its thread; `definition` is the index's `CREATE VIRTUAL TABLE` as stored.
    /// The thread waits for texts until `copy(into:)` or `stop()`: call one of them on every way out.
    init(table: String, definition: String) throws {
        self.table = table
        var config = Configuration()
        config.label = "yuqing.rebuild.search"
        side = try DatabaseQueue(path: "", configuration: config)
        try side.inDatabase { db in
            try db.execute(sql: """
                PRAGMA cache_size = -\(Self.cacheKiB);
                CREATE TABLE texts(num INTEGER PRIMARY KEY, body TEXT NOT NULL);
                """)
            try db.execute(sql: definition)
            try db.execute(sql: "INSERT INTO main.\(table)(\(table), rank) VALUES ('hashsize', ?)",
                           arguments: [Self.fillHashSize])
        }
        let thread = Thread { [self] in
            do { try run() } catch { failure = error }
            inbox.cancel()
            ended.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Hands over cases' texts (any order); false once the side thread has stopped (`copy` then says why).
    @discardableResult
    func add(_ texts: [(num: Int64, text: String)]) -> Bool { inbox.put(texts) }

    /// No more texts: the side thread fills the index from what it was handed.
    func fill() { inbox.close() }

    /// Waits for the side index and copies its shadow tables into `db`'s index of the same name, which must have
    /// just been created (empty, and not used by any statement since). Throws what stopped the side thread.
    func copy(into db: Database) throws {
        ended.wait()
        waited = true
        if let failure { throw failure }
        for shadow in Self.copiedShadows {
            let name = "\(table)_\(shadow)"
            try db.execute(sql: "DELETE FROM main.\(name)")
            try side.inDatabase { from in
                var read = try SQLiteRawInsert(from, sql: "SELECT * FROM main.\(name)")
                let columns = read.columnCount
                let marks = (0..<columns).map { _ in "?" }.joined(separator: ", ")
                var write = try SQLiteRawInsert(db, sql: "INSERT INTO main.\(name) VALUES (\(marks))")
                try read.rows { row in
                    for i in 0..<columns {
                        guard let v = row.value(i) else { throw StoreError.corrupt("\(name): a value could not be read") }
                        write.bind(value: v)
                    }
                    try write.run()
                }
            }
        }
    }

    /// Stops the side thread if it still runs (the rebuild failed) and waits for it.
    func stop() {
        guard !waited else { return }
        inbox.cancel()
        ended.wait()
        waited = true
    }

    /// The side thread: every text handed over kept, then the index filled from them in rowid order.
    private func run() throws {
        try side.inDatabase { db in
            try db.inTransaction {
                var insert = try SQLiteRawInsert(db, sql: "INSERT INTO texts(num, body) VALUES (?, ?)")
                while let texts = inbox.take() {
                    for t in texts {
                        insert.bind(t.num)
                        insert.bind(t.text)
                        try insert.run()
                    }
                }
                guard !inbox.wasCancelled else { return .rollback }
                var read = try SQLiteRawInsert(db, sql: "SELECT num, body FROM texts ORDER BY num")
                var index = try SQLiteRawInsert(db, sql: "INSERT INTO main.\(table)(rowid, grams) VALUES (?, ?)")
                try read.rows { row in
                    guard let num = row.int64(0), let body = row.text(1) else { return }
                    index.bind(num)
                    index.bind(SearchGrams.document(body))
                    try index.run()
                }
                return .commit
            }
        }
    }
}
