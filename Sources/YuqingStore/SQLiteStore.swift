import Foundation
import GRDB
import YuqingCore

/// The store on one SQLite file, shared by several shells at once (WAL).
///
/// - Each `write` is one `BEGIN IMMEDIATE` transaction: the write lock is taken before anything is read, so two
///   shells serialize and a write always reads the latest state (no lost update; a stale `expectedVersion` is a
///   `conflict`).
/// - `batch` runs a script in few transactions: one `BEGIN IMMEDIATE … COMMIT` around it, each `write` a SAVEPOINT
///   (released on success, rolled back on error, so a failed command leaves nothing), and `commitPoint()` commits
///   and begins again. When `batch`'s body throws, what succeeded before is **committed**: the shell has already
///   printed those successes, and a script stopping at line N must leave lines 1…N-1 applied.
/// - Durability: WAL with `synchronous = NORMAL`. A commit is appended to the WAL file with `write()` before
///   `COMMIT` returns, so it survives the process being killed at any moment (the OS still has the pages); the WAL
///   is fsynced at checkpoints, so only a power loss or OS crash may roll back the last commits — never corrupt
///   the file. That is the trade the brief's bar needs ("killing the process loses no acknowledged change") without
///   an fsync per command.
/// - Busy timeout 10 s: another shell's write waits rather than fails.
///
/// An instance is used from one thread at a time (the shell is single-threaded); inside `batch` or `write` it
/// keeps the open connection and routes nested `write`/`read` calls through it, since GRDB is not reentrant.
public final class SQLiteStore: Store {
    public var projector: any CaseProjector
    public var attribution: Attribution?
    public var anchor: CheckpointAnchor?
    /// The file, or nil for an in-memory store.
    public let path: String?
    let writer: any DatabaseWriter

    /// The connection of the open `batch` or `write`.
    private var current: Database?
    /// Decoded snapshots of recently used cases (see `SnapshotCache`).
    let cache = SnapshotCache()
    private var inBatch = false
    private var writeDepth = 0

    /// Opens (creating it and its parent directories if needed) the store at `path`, and migrates it. A new store
    /// is created 0600 in directories created 0700 (SQLite gives the WAL the database file's mode), so no other
    /// user of the machine can read it; `store init --shared GROUP` opens it to one group.
    public init(path: String, projector: any CaseProjector) throws {
        self.projector = projector
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        try SecureFiles.createDirectories(dir)
        try SecureFiles.touch(path)
        self.writer = try SQLiteStore.mapped { try DatabasePool(path: path, configuration: SQLiteStore.configuration) }
        try SQLiteStore.mapped { try SQLiteSchema.migrator.migrate(writer) }
    }

    /// A store in memory (one connection, no WAL): for tests that need SQL semantics without a file.
    public init(inMemoryWith projector: any CaseProjector) throws {
        self.projector = projector
        self.path = nil
        self.writer = try SQLiteStore.mapped { try DatabaseQueue(configuration: SQLiteStore.configuration) }
        try SQLiteStore.mapped { try SQLiteSchema.migrator.migrate(writer) }
    }

    /// A store in a new file under the temporary directory (tests, benchmarks); the caller may delete it.
    public static func temporary(projector: any CaseProjector) throws -> SQLiteStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yuqing-\(UUID().uuidString)")
        return try SQLiteStore(path: dir.appendingPathComponent("store.sqlite").path, projector: projector)
    }

    static var configuration: Configuration {
        var c = Configuration()
        c.busyMode = .timeout(10)
        c.foreignKeysEnabled = true
        c.label = "yuqing"
        c.prepareDatabase { db in
            // DatabasePool has already switched the file to WAL; NORMAL is safe in WAL (see the type's comment).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Without a limit the WAL keeps the size of the largest script ever run, and every later start reads
            // all of it to rebuild its index: a 1M-command import made each `yuqing -c` 60 ms slower.
            try db.execute(sql: "PRAGMA journal_size_limit = 8388608")
        }
        return c
    }

    /// Turns SQLite errors into the store's typed errors; errors thrown by callers' bodies pass unchanged.
    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as DatabaseError {
            switch e.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: throw StoreError.busy(e.message ?? "\(e.resultCode)")
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: throw StoreError.corrupt(e.message ?? "\(e.resultCode)")
            default: throw StoreError.io("\(e.message ?? "") (\(e.resultCode))")
            }
        }
    }

    // MARK: Store

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try SQLiteStore.mapped {
            if let db = current {
                return try inSavepoint(db, body)
            }
            return try writer.writeWithoutTransaction { db in
                current = db
                defer { current = nil }
                var result: T?
                writeDepth += 1
                defer { writeDepth -= 1 }
                var signed: Checkpoint?
                try db.inTransaction(.immediate) {
                    result = try body(transaction(db))
                    signed = try anchorHead(db)
                    return .commit
                }
                guard let result else { throw StoreError.misuse("the write produced no result") }
                if let signed { anchor?.writeWitness(signed, like: path) }
                return result
            }
        }
    }

    /// A savepoint by cached statements (GRDB's `inSavepoint` prepares its SQL anew each time, which shows in a
    /// script of 100k commands). Nested writes get nested savepoints of the same name, as SQLite allows.
    private func inSavepoint<T>(_ db: Database, _ body: (any StoreTransaction) throws -> T) throws -> T {
        writeDepth += 1
        defer { writeDepth -= 1 }
        try db.cachedStatement(sql: "SAVEPOINT yuqing_write").execute()
        do {
            let result = try body(transaction(db))
            try db.cachedStatement(sql: "RELEASE SAVEPOINT yuqing_write").execute()
            return result
        } catch {
            try? db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT yuqing_write").execute()
            try? db.cachedStatement(sql: "RELEASE SAVEPOINT yuqing_write").execute()
            throw error
        }
    }

    public func batch<T>(_ body: () throws -> T) throws -> T {
        // A batch inside a batch (or a write) is part of it.
        if current != nil { return try body() }
        return try SQLiteStore.mapped {
            try writer.writeWithoutTransaction { db in
                try db.beginTransaction(.immediate)
                current = db
                inBatch = true
                defer {
                    current = nil
                    inBatch = false
                }
                let result: T
                do {
                    result = try body()
                } catch {
                    // Keep what succeeded before the failure (each failed write already rolled back its savepoint).
                    try finish(db)
                    throw error
                }
                try finish(db)
                // A script may have written far more than the auto-checkpoint keeps up with: fold the WAL back
                // into the file now, so it shrinks to `journal_size_limit` and the next start is fast.
                _ = try? db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                return result
            }
        }
    }

    /// Commits the batch's open transaction (with a checkpoint of its head); if the commit fails, rolls back and
    /// reports it.
    private func finish(_ db: Database) throws {
        guard db.isInsideTransaction else { return }
        let signed: Checkpoint?
        do {
            signed = try anchorHead(db)
            try db.commit()
        } catch {
            try? db.rollback()
            throw error
        }
        if let signed { anchor?.writeWitness(signed, like: path) }
    }

    public func commitPoint() throws {
        guard inBatch, let db = current else { return }
        if writeDepth > 0 { throw StoreError.misuse("commitPoint() inside a write would split it") }
        try SQLiteStore.mapped {
            let signed = try anchorHead(db)
            try db.commit()
            if let signed { anchor?.writeWitness(signed, like: path) }
            try db.beginTransaction(.immediate)
        }
    }

    private func transaction(_ db: Database) -> SQLiteTransaction {
        SQLiteTransaction(db: db, projector: projector, cache: cache, attribution: attribution)
    }

    /// A checkpoint of the head, signed inside the transaction about to commit (nil without an anchor or when no
    /// event was added since the last checkpoint).
    private func anchorHead(_ db: Database) throws -> Checkpoint? {
        guard let anchor else { return nil }
        return try transaction(db).anchorHead(anchor)
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try SQLiteStore.mapped {
            if let db = current { return try body(transaction(db)) }
            return try writer.read { db in try body(transaction(db)) }
        }
    }

    public func rebuild() throws { try rebuild(progress: nil) }

    public func rebuild(progress: StoreProgress?) throws {
        try write { tx in
            guard let tx = tx as? SQLiteTransaction else { throw StoreError.misuse("foreign transaction") }
            try tx.rebuildProjections(progress: progress)
        }
    }

    public func verifyChain() throws -> AuditReport {
        try read { r in
            guard let r = r as? SQLiteTransaction else { throw StoreError.misuse("foreign reader") }
            return try r.verifyChain()
        }
    }
}
