import GRDB
import YuqingCore

extension RawEvent {
    /// A row of `SQLiteTransaction.eventColumns`, read by position (in the order of those columns).
    init(_ row: Row) {
        self.init(seq: row[0], caseID: row[1], subject: row[2], actorName: row[3], actorRole: row[4],
                  actorDept: row[5], verb: row[6], payload: row[7], effective: row[8], recorded: row[9],
                  prevHash: row[10], hash: row[11], operatorLogin: row[12], operatorName: row[13])
    }
}

/// The raw log of a SQLite store, for `store copy` (see `RawLog`).
extension SQLiteTransaction: RawLog {
    func rawEvents(after seq: Int64, limit: Int) throws -> [RawEvent] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT \(Self.eventColumns) FROM events WHERE seq > ? ORDER BY seq LIMIT ?
            """), arguments: [seq, max(0, limit)])
        var out: [RawEvent] = []
        while let row = try rows.next() {
            out.append(RawEvent(row))
        }
        return out
    }

    func insertRaw(_ events: [RawEvent]) throws {
        let s = try db.cachedStatement(sql: "INSERT INTO events(\(Self.eventColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for e in events {
            try s.execute(arguments: [e.seq, e.caseID, e.subject, e.actorName, e.actorRole, e.actorDept, e.verb,
                                      e.payload, e.effective, e.recorded, e.prevHash, e.hash, e.operatorLogin,
                                      e.operatorName])
        }
    }

    func allMeta() throws -> [(key: String, value: String)] {
        try Row.fetchAll(db, sql: "SELECT key, value FROM meta ORDER BY key").map { ($0["key"], $0["value"]) }
    }

    func idCounters() throws -> [(kind: String, last: Int64)] {
        try Row.fetchAll(db, sql: "SELECT kind, last FROM ids ORDER BY kind").map { ($0["kind"], $0["last"]) }
    }

    func raiseIDCounter(_ kind: String, to last: Int64) throws {
        try db.execute(sql: """
            INSERT INTO ids(kind, last) VALUES (?, ?) ON CONFLICT(kind) DO UPDATE SET last = max(last, excluded.last)
            """, arguments: [kind, last])
    }
}
