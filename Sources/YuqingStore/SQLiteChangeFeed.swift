import GRDB

/// The SQLite change feed: a read-only connection of its own on the store's file, asking `PRAGMA data_version`.
/// The value changes whenever another connection — of this process or any other — has committed, and asking costs
/// one short read of the WAL index (no transaction, no lock), so a waiting shell can ask a few times a second.
final class SQLiteChangeFeed: StoreChangeFeed {
    private var connection: DatabaseQueue?
    private var last: Int64?

    init(path: String) throws {
        var c = Configuration()
        c.readonly = true
        c.label = "yuqing-feed"
        connection = try SQLiteStore.mapped { try DatabaseQueue(path: path, configuration: c) }
    }

    func changed() throws -> Bool {
        guard let connection else { return false }
        let v = try SQLiteStore.mapped {
            try connection.inDatabase { db in try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0 }
        }
        defer { last = v }
        return last != v
    }

    func close() { connection = nil }
}

extension SQLiteStore {
    /// A feed on the file; an in-memory SQLite store has one connection only and falls back to always "maybe".
    public func changeFeed() throws -> any StoreChangeFeed {
        guard let path else { return AlwaysChanged() }
        return try SQLiteChangeFeed(path: path)
    }
}
