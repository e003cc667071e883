import PostgresNIO
import YuqingCore

/// The store on a PostgreSQL database, shared by every desk of a city (several yuqing processes at once).
///
/// The same contract as `SQLiteStore`, spelled for a server:
/// - Each `write` is one transaction that first takes the **chain lock**, a transaction-level advisory lock
///   (`pg_advisory_xact_lock`), so writers take turns exactly as SQLite's `BEGIN IMMEDIATE` makes them: a write
///   reads the latest state, numbers the next event and links it to the head of the one hash chain, and the lock
///   is released by COMMIT or ROLLBACK, never forgotten. An advisory lock rather than `SELECT … FOR UPDATE` on a
///   chain-head row: no row is updated per event (no dead tuples to vacuum on the hottest row), and the lock is
///   taken before the transaction reads anything, including the id counters, so no two writers can ever wait on
///   each other in opposite orders (no deadlock).
/// - Isolation is READ COMMITTED: every statement after the lock sees every commit before it.
/// - `batch` (a script) begins its transaction lazily at its first write and keeps it across commands, each
///   `write` a SAVEPOINT; `commitPoint()` commits, and the next write begins again. Reads outside a write go to
///   the server without a transaction and never wait for the lock.
/// - A batch whose transaction is lost (the server restarted, the connection dropped, a commit refused) is
///   poisoned: every later command fails at once with the same error, and the end of the batch reports it, so
///   the shell names the first command not stored. A COMMIT whose answer was lost is checked after reconnecting
///   (is the last event appended there?), so a success is never reported lost, nor a loss as a success.
/// - Between commands a lost connection is reopened, so a retry after a failure is just the same command again.
///
/// Used from one thread at a time, like the shell (see `PostgresLink` for the bridge to postgres-nio).
public final class PostgresStore: Store {
    public var projector: any CaseProjector
    public var attribution: Attribution?
    public var anchor: CheckpointAnchor?
    public let location: PostgresLocation
    let link: PostgresLink
    /// Decoded snapshots of recently used cases, checked against `cases.last_hash` (see `SnapshotCache`).
    let cache = SnapshotCache()
    /// The database role yuqing is connected as (`current_user`, read once at connection).
    public private(set) var databaseRole: String
    public var currentRole: String? { databaseRole }

    /// Key of the chain lock (`pg_advisory_xact_lock`): "yuqing" in ASCII, then 1.
    static let chainLock: Int64 = 0x7975_7169_6E67_0001

    // The transaction in progress.
    private(set) var inTransaction = false
    private var inBatch = false
    private var writeDepth = 0
    /// Writes of the batch's open transaction that succeeded (their commands were answered, output held).
    private var pendingWrites = 0
    /// Set when the batch's transaction was lost; `lostWrites` says whether it held successful writes.
    private var failure: StoreError?
    private var lostWrites = false
    /// The head of the chain while this transaction holds the chain lock (nil: read it from the table).
    var head: (seq: Int64, hash: String)?
    /// The last event appended in the open transaction, to tell after a lost COMMIT whether it was stored.
    var lastAppended: (seq: Int64, hash: String)?
    /// Cases whose cached fold was checked (or written) in this transaction: while it holds the chain lock nobody
    /// else can change them, so they are read from the cache without a round trip. Forgotten when the transaction
    /// ends and when a savepoint rolls back.
    var current: Set<Int> = []

    /// Connects and migrates.
    public init(location: PostgresLocation, projector: any CaseProjector) throws {
        self.projector = projector
        self.location = location
        link = try PostgresLink(location)
        try PostgresSchema.migrate(link)
        databaseRole = ""
        isReplica = false
        databaseRole = try roleName()
        isReplica = try link.query("SELECT pg_is_in_recovery()").rows.first.map { row in
            var c = Cells(row)
            return try c.next(Bool.self)
        } ?? false
        try rebuildIfStale()
    }

    /// A migration that adds a projection marks the projections stale; the first desk to connect afterwards
    /// recomputes them from the events, once (see `SQLiteStore.rebuildIfStale`).
    private func rebuildIfStale() throws {
        guard !isReplica, try read({ try $0.meta(SQLiteTransaction.staleKey) }) != nil else { return }
        try write { _ in
            if try transaction.meta(SQLiteTransaction.staleKey) != nil {
                try transaction.rebuildProjections(progress: nil)
            }
        }
    }

    /// True on a streaming replica (hot standby): reads work, writes are refused before they start.
    public private(set) var isReplica: Bool

    private func roleName() throws -> String {
        guard let row = try link.query("SELECT current_user::text").rows.first else { return location.user }
        var c = Cells(row)
        return try c.next(String.self)
    }

    var transaction: PostgresTransaction { PostgresTransaction(store: self) }

    /// The server process of this store's connection (`pg_stat_activity.pid`).
    func backendPID() throws -> Int32 {
        guard let row = try link.query("SELECT pg_backend_pid()").rows.first else { return 0 }
        var c = Cells(row)
        return try c.next(Int32.self)
    }

    // MARK: Store

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        if let failure, inBatch { throw failure }
        if inTransaction { return try inSavepoint(body) }
        if inBatch {
            try reconnectIfNeeded()
            try begin()
            return try inSavepoint(body)
        }
        try reconnectIfNeeded()
        try begin()
        writeDepth += 1
        defer { writeDepth -= 1 }
        let result: T
        do {
            result = try body(transaction)
        } catch {
            rollbackQuietly()
            throw error
        }
        try commit()
        return result
    }

    /// A write inside a transaction: a savepoint, released on success and rolled back on error, so a failed
    /// command leaves nothing and the transaction goes on.
    private func inSavepoint<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        writeDepth += 1
        defer { writeDepth -= 1 }
        let saved = (head, lastAppended)
        do {
            try link.query("SAVEPOINT yuqing_write")
        } catch {
            poison(error)
            throw error
        }
        do {
            let result = try body(transaction)
            try link.query("RELEASE SAVEPOINT yuqing_write")
            if writeDepth == 1 && inBatch { pendingWrites += 1 }
            return result
        } catch {
            (head, lastAppended) = saved
            current.removeAll()
            do {
                try link.query("ROLLBACK TO SAVEPOINT yuqing_write")
                try link.query("RELEASE SAVEPOINT yuqing_write")
            } catch let rollbackError {
                // The transaction itself is gone (connection lost): nothing after the last commit is stored.
                poison(rollbackError)
            }
            throw error
        }
    }

    public func batch<T>(_ body: () throws -> T) throws -> T {
        // A batch inside a batch (or a write) is part of it.
        if inBatch || inTransaction { return try body() }
        inBatch = true
        failure = nil
        lostWrites = false
        pendingWrites = 0
        defer {
            inBatch = false
            failure = nil
        }
        let result: T
        do {
            result = try body()
        } catch {
            // Keep what succeeded before the failure (each failed write already rolled back its savepoint).
            try finish()
            throw error
        }
        try finish()
        return result
    }

    /// Ends a batch: commits what succeeded, or reports the loss of a poisoned batch that held answered writes.
    private func finish() throws {
        if let failure {
            if inTransaction { rollbackQuietly() }
            if lostWrites { throw failure }
            return
        }
        guard inTransaction else { return }
        if pendingWrites == 0 {
            rollbackQuietly()
            return
        }
        try commit()
    }

    public func commitPoint() throws {
        guard inBatch else { return }
        if writeDepth > 0 { throw StoreError.misuse("commitPoint() inside a write would split it") }
        if let failure { throw failure }
        guard inTransaction else { return }
        do {
            try commit()
        } catch {
            poison(error, force: true)
            throw error
        }
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        if let failure, inBatch { throw failure }
        if !inTransaction { try reconnectIfNeeded() }
        return try body(transaction)
    }

    public func rebuild() throws { try rebuild(progress: nil) }

    public func rebuild(progress: StoreProgress?) throws {
        try write { _ in try transaction.rebuildProjections(progress: progress) }
    }

    public func recompute(_ scope: RecomputeScope) throws -> Int {
        try write { _ in try transaction.recomputeProjections(scope) }
    }

    public func verifyChain() throws -> AuditReport {
        try read { _ in try transaction.verifyChain() }
    }

    // MARK: Transactions

    private func reconnectIfNeeded() throws {
        if !link.isOpen { try link.connect() }
    }

    /// BEGIN and take the chain lock: from here on this process is the only writer until COMMIT or ROLLBACK.
    private func begin() throws {
        if isReplica {
            throw StoreError.io("\(location.description) is a read-only replica: write on the primary server")
        }
        try link.query("BEGIN")
        inTransaction = true
        head = nil
        lastAppended = nil
        current.removeAll()
        pendingWrites = 0
        do {
            try link.query("SELECT pg_advisory_xact_lock(\(PostgresStore.chainLock))")
        } catch {
            rollbackQuietly()
            throw error
        }
    }

    /// COMMIT. When the answer is lost with the connection, reconnects and looks for the last appended event:
    /// there, the commit happened; absent, it did not. Only when the server cannot be reached is it unknown.
    private func commit() throws {
        // Events added in this transaction are anchored by a checkpoint that commits with them; the witness file
        // follows once the commit is known to have happened, unless the log contradicts it (this desk's newest
        // events removed on the server): then it stays as it is, as beside an SQLite file.
        var signed: Checkpoint?
        if let anchor, lastAppended != nil {
            do {
                let keep = try anchor.keepsWitness(transaction.contradicts)
                signed = try transaction.anchorHead(anchor)
                if keep { signed = nil }
            } catch {
                rollbackQuietly()
                throw error
            }
        }
        try commitSigned()
        if let signed { anchor?.writeWitness(signed, like: nil) }
    }

    private func commitSigned() throws {
        let last = lastAppended
        inTransaction = false
        head = nil
        lastAppended = nil
        current.removeAll()
        do {
            let r = try link.query("COMMIT")
            // COMMIT of a transaction that failed earlier answers ROLLBACK instead of an error.
            if r.metadata.command == "ROLLBACK" {
                throw StoreError.io("the server rolled the transaction back")
            }
        } catch {
            guard !link.isOpen, let last else { throw error }
            do {
                try link.connect()
                if try transaction.hasEvent(seq: last.seq, hash: last.hash) {
                    pendingWrites = 0
                    return
                }
            } catch {
                throw StoreError.io("the connection was lost while committing, and the server cannot be reached to "
                                    + "tell whether event \(last.seq) was stored: check `timeline` or `audit verify` "
                                    + "before retrying (\(PostgresLink.mapped(error)))")
            }
            throw error
        }
        pendingWrites = 0
    }

    private func rollbackQuietly() {
        inTransaction = false
        head = nil
        lastAppended = nil
        current.removeAll()
        if link.isOpen { _ = try? link.query("ROLLBACK") }
    }

    /// Marks the batch's transaction as lost. `force`: even when the connection is still open (a refused COMMIT).
    private func poison(_ error: any Error, force: Bool = false) {
        guard inBatch, failure == nil, force || !link.isOpen else { return }
        failure = PostgresLink.mapped(error)
        lostWrites = pendingWrites > 0
        if inTransaction { rollbackQuietly() }
    }
}

extension PostgresStore {
    /// Creates a database on the server of `location` (tests, benchmarks, `scripts/pg-dev.sh` users). The role
    /// needs CREATEDB. The name is quoted, so any name is taken literally.
    public static func createDatabase(_ name: String, on location: PostgresLocation) throws {
        let link = try PostgresLink(location)
        try link.query("CREATE DATABASE \(quoted(name)) TEMPLATE template0 ENCODING 'UTF8'")
    }

    /// Drops a database created by `createDatabase` (ends other sessions on it first).
    public static func dropDatabase(_ name: String, on location: PostgresLocation) throws {
        let link = try PostgresLink(location)
        try link.query("DROP DATABASE IF EXISTS \(quoted(name)) WITH (FORCE)")
    }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
