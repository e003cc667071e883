import Foundation
import GRDB
import GRDBSQLite
import YuqingCore

/// A prepared statement whose values are bound with SQLite's C API, one row at a time: `store rebuild` writes a
/// few rows for each of a million cases, and GRDB's `StatementArguments` (an array of existential values per row,
/// converted and bound one by one) was about a third of the Swift time of the thread that writes them. The command
/// path runs its hot statements the same way (the event insert, the commit point's case rows, the lookups of a
/// case's last event and of a post's URL), reading a single row back with `row`.
///
/// Values are bound as GRDB binds them: integers and `Bool` as INTEGER (1 or 0), strings as TEXT, `Data` as
/// BLOB, nil as NULL. Used only on the connection's own thread, like the statement it wraps.
struct SQLiteRawInsert {
    private let statement: Statement
    private let db: Database
    private var index: Int32 = 0

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// The connection's cached statement for `sql` (prepared once per connection, as `cachedStatement` is): for
    /// the command path's hot statements, run a few times per command. A statement used this way is used only
    /// this way (GRDB's own binding resets it first anyway).
    init(cached db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    /// SQLite copies the bytes before the call returns (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private mutating func next() -> Int32 {
        index += 1
        return index
    }

    mutating func bind(_ v: Int64?) {
        let i = next()
        if let v { sqlite3_bind_int64(statement.sqliteStatement, i, v) } else { sqlite3_bind_null(statement.sqliteStatement, i) }
    }

    mutating func bind(_ v: Int?) { bind(v.map(Int64.init)) }

    mutating func bind(_ v: Bool) { bind(Int64(v ? 1 : 0)) }

    mutating func bind(_ v: String?) {
        let i = next()
        guard var v else {
            sqlite3_bind_null(statement.sqliteStatement, i)
            return
        }
        v.withUTF8 { utf8 in
            if let base = utf8.baseAddress, !utf8.isEmpty {
                base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    _ = sqlite3_bind_text(statement.sqliteStatement, i, $0, Int32(utf8.count), Self.transient)
                }
            } else {
                _ = sqlite3_bind_text(statement.sqliteStatement, i, "", 0, Self.transient)
            }
        }
    }

    /// The columns each row of the statement has.
    var columnCount: Int32 { sqlite3_column_count(statement.sqliteStatement) }

    /// A value as another statement read it (`sqlite3_column_value`, of any connection): copied as it is, type and
    /// bytes (`store rebuild` copies FTS5's tables this way).
    mutating func bind(value: OpaquePointer) {
        sqlite3_bind_value(statement.sqliteStatement, next(), value)
    }

    mutating func bind(_ v: Data) {
        let i = next()
        v.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                _ = sqlite3_bind_blob(statement.sqliteStatement, i, base, Int32(bytes.count), Self.transient)
            } else {
                _ = sqlite3_bind_zeroblob(statement.sqliteStatement, i, 0)
            }
        }
    }

    /// Runs the insert with the values bound since the last run; an SQLite error is thrown as GRDB reports it.
    mutating func run() throws {
        _ = try row { _ in () }
    }

    /// Runs the statement with the values bound since the last run and reads its first row, if any (a `SELECT …
    /// LIMIT 1`, an `INSERT … RETURNING`), with `read` (columns by position: `int64`, `text`); steps to the end, so
    /// an insert or update is complete when it returns. An SQLite error is thrown as GRDB reports it.
    mutating func row<T>(_ read: (Columns) -> T) throws -> T? {
        var first: T?
        try rows { if first == nil { first = read($0) } }
        return first
    }

    /// Runs the statement with the values bound since the last run and gives every row it returns to `each`
    /// (the commit point reads a case's stored due rows this way, to write only those that changed). An error of
    /// `each` ends the statement and is thrown.
    mutating func rows(_ each: (Columns) throws -> Void) throws {
        let s = statement.sqliteStatement
        guard index == sqlite3_bind_parameter_count(s) else {
            throw StoreError.misuse("\(index) values bound for \(statement.sql)")
        }
        index = 0
        defer { sqlite3_reset(s) }
        while true {
            let code = sqlite3_step(s)
            if code == SQLITE_DONE { return }
            if code == SQLITE_ROW {
                try each(Columns(statement: s))
                continue
            }
            let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// The current row's columns, read as GRDB reads them (an INTEGER as Int64, TEXT as a String; NULL as nil).
    struct Columns {
        let statement: OpaquePointer

        func int64(_ i: Int32) -> Int64? {
            sqlite3_column_type(statement, i) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, i)
        }

        /// A BLOB holding one SQLite varint (FTS5's `docsize` of a one-column table: its number of words): nil
        /// when the column is NULL, `.some(nil)` when the bytes are not exactly one varint.
        func varint(_ i: Int32) -> Int?? {
            guard sqlite3_column_type(statement, i) != SQLITE_NULL else { return nil }
            let n = Int(sqlite3_column_bytes(statement, i))
            guard sqlite3_column_type(statement, i) == SQLITE_BLOB, n > 0, n <= 9,
                  let p = sqlite3_column_blob(statement, i)?.assumingMemoryBound(to: UInt8.self) else { return .some(nil) }
            var v: UInt64 = 0
            var end = 0
            while end < n {
                let b = p[end]
                end += 1
                if end == 9 { v = (v << 8) | UInt64(b); break }
                v = (v << 7) | UInt64(b & 0x7F)
                if b & 0x80 == 0 { break }
            }
            guard end == n, let count = Int(exactly: v) else { return .some(nil) }
            return .some(count)
        }

        /// The column's value as SQLite holds it, for `bind(value:)` (valid until the statement steps again).
        func value(_ i: Int32) -> OpaquePointer? { sqlite3_column_value(statement, i) }

        func text(_ i: Int32) -> String? {
            guard sqlite3_column_type(statement, i) != SQLITE_NULL, let p = sqlite3_column_text(statement, i) else {
                return nil
            }
            let n = Int(sqlite3_column_bytes(statement, i))
            return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        }
    }
}

/// The rows `store rebuild` writes for each case, into its emptied tables: the rows `SQLiteTransaction.write`
/// writes (same statements, same values: `ProjectionTablesTests` compares every table), bound with
/// `SQLiteRawInsert`. The case row is a plain insert (as the command path writes a new case's), the text a plain
/// insert, and no full-text entry (the rebuild indexes the texts at the end).
struct SQLiteRebuildInserts {
    private var cases: SQLiteRawInsert
    private var dues: SQLiteRawInsert
    private var texts: SQLiteRawInsert
    private var extensions: SQLiteRawInsert
    private var urls: SQLiteRawInsert

    init(_ db: Database) throws {
        cases = try SQLiteRawInsert(db, sql: SQLiteTransaction.caseInsert)
        dues = try SQLiteRawInsert(db, sql: SQLiteTransaction.dueInsert)
        texts = try SQLiteRawInsert(db, sql: "INSERT INTO case_text(num, body) VALUES (?, ?)")
        extensions = try SQLiteRawInsert(db, sql: SQLiteTransaction.extensionInsert)
        urls = try SQLiteRawInsert(db, sql: SQLiteTransaction.urlInsert)
    }

    mutating func write(_ r: CaseRows, urls identities: [String]) throws {
        let id = r.id.description, num = r.id.number
        let first = r.recorded.first.seconds, last = r.recorded.last.seconds
        cases.bind(id); cases.bind(num)
        cases.bindCaseColumns(r)
        cases.bind(first); cases.bind(last)
        try cases.run()
        for d in r.dues {
            dues.bindDue(d, of: r.id, first: first, last: last)
            try dues.run()
        }
        texts.bind(num); texts.bind(r.text)
        try texts.run()
        for x in r.extensions {
            extensions.bind(num); extensions.bind(x.id.number); extensions.bind(x.dept); extensions.bind(x.days)
            extensions.bind(x.reason); extensions.bind(x.appliedAt.seconds); extensions.bind(x.state.rawValue)
            extensions.bind(x.approvedDays)
            try extensions.run()
        }
        for u in identities {
            urls.bind(u); urls.bind(num); urls.bind(id)
            try urls.run()
        }
    }
}

/// The values of a case's rows, bound in the order of `SQLiteTransaction`'s statements: the command path's commit
/// point and `store rebuild` write the same rows, so they bind them the one way.
extension SQLiteRawInsert {
    /// The case row's columns from `snapshot` to `version`, in the order `caseInsert` lists them.
    mutating func bindCaseColumns(_ rows: CaseRows) {
        let s = rows.summary
        bind(rows.snapshot); bind(s.title); bind(s.url)
        bind(s.stage.rawValue); bind(s.dept); bind(s.level?.rawValue)
        bind(s.source.rawValue); bind(s.category?.rawValue); bind(s.historical)
        bind(s.designated); bind(s.collectedAt.seconds); bind(s.claimedAt?.seconds)
        bind(s.nextDue?.seconds); bind(s.nextDueRule); bind(rows.version)
    }

    /// A due row (`dueInsert`): the case's logging times as stored (`first`, `last`) go with each of its entries.
    mutating func bindDue(_ d: DueEntry, of id: EntityID, first: Int64, last: Int64) {
        bind(id.description); bind(id.number); bind(d.rule); bind(d.due?.seconds); bind(d.metAt?.seconds)
        bind(d.dept); bind(d.waived); bind(d.designated); bind(d.level?.rawValue)
        bind(d.startSeq); bind(d.endSeq); bind(first); bind(last)
    }
}
