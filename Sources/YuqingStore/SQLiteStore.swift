import Foundation
import GRDB
import YuqingCore

/// The store on one SQLite file, shared by several shells at once (WAL).
///
/// - Each `write` is one `BEGIN IMMEDIATE` transaction: the write lock is taken before anything is read, so two
///   shells serialize and a write always reads the latest state (no lost update; a stale `expectedVersion` is a
///   `conflict`).
/// - Writers wait their turn in a first-come, first-served queue (`SQLiteWriterQueue`) before `BEGIN IMMEDIATE`,
///   for at most `writeTimeout`; one that gives up throws `busy` having done nothing. Readers take no lock: in WAL a
///   read transaction sees the last commit while a writer works.
/// - `batch` runs a script in few transactions. It begins none until the first write (a script that only reads
///   never waits for writers); then each `write` is a SAVEPOINT of the open transaction (released on success,
///   rolled back on error, so a failed command leaves nothing), and `commitPoint()` commits and gives the turn to
///   the next writer; the next write takes a new turn. When `batch`'s body throws, what succeeded before is
///   **committed**: the shell has already printed those successes, and a script stopping at line N must leave
///   lines 1…N-1 applied.
/// - A storage failure in a batch (a full disk, an I/O error, a failed commit) rolls back everything since the last
///   commit point and *breaks* the batch: later writes and commit points throw that failure, so the shell stops
///   and prints nothing it had held back.
/// - Durability: WAL with `synchronous = FULL`: a commit is fsynced to the WAL before `COMMIT` returns, so an
///   acknowledged change survives the process being killed, the OS crashing and the power failing alike. A script
///   commits every 1,000 commands or 250 ms, so this costs one fsync per commit point (about 3 ms here), not one per
///   command; at the prompt a person types one command per commit. (`NORMAL`, used before, fsynced only at
///   checkpoints: a power loss could roll back acknowledged commits.)
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
    /// How long a writer waits for its turn (then `busy`, nothing done).
    public var writeTimeout: Double {
        get { busy.limit }
        set { busy.limit = newValue }
    }

    /// The connection of the open `batch` or `write`.
    private var current: Database?
    /// Decoded snapshots of recently used cases (see `SnapshotCache`).
    let cache = SnapshotCache()
    /// The cases the open write transaction changed, written when it commits (see `SQLiteWriteState`).
    let state = SQLiteWriteState()
    private var inBatch = false
    private var writeDepth = 0
    /// A read transaction opened by `read` inside a batch with no write open.
    private var readDepth = 0
    /// The open batch has written (so it may need a checkpoint at its end).
    private var batchWrote = false
    /// The storage failure (a full disk, an I/O error) that ended the open batch's ability to write: everything
    /// since its last commit point was rolled back, and later writes and commit points throw it again.
    private var broken: StoreError?
    /// Failures injected by tests (a commit that fails as on a full disk); nil in use.
    var faults: StoreFaults?
    /// The writers' queue of this file (nil in memory, or when the queue file cannot be opened).
    private let queue: SQLiteWriterQueue?
    /// SQLite's own wait (a writer outside yuqing, a checkpoint): random short sleeps, bounded.
    private let busy: BusyWait

    /// Opens (creating it and its parent directories if needed) the store at `path`, and migrates it. A new store
    /// is created 0600 in directories created 0700 (SQLite gives the WAL the database file's mode; the writers' queue
    /// file takes it too), so no other user of the machine can read it; `store init --shared GROUP` opens it to one
    /// group.
    public init(path: String, projector: any CaseProjector, writeTimeout: Double = 60) throws {
        self.projector = projector
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        try SecureFiles.createDirectories(dir)
        try SecureFiles.touch(path)
        let busy = BusyWait(limit: writeTimeout)
        self.busy = busy
        // The writers' queue file has the store's own mode (a group's store: every member takes turns through it).
        try? SecureFiles.touch(path + "-queue", mode: SecureFiles.mode(of: path) ?? 0o600)
        queue = SQLiteWriterQueue(path: path + "-queue")
        writer = try SQLiteStore.mapped { try DatabasePool(path: path, configuration: SQLiteStore.configuration(busy)) }
        try migrate()
        try rebuildIfStale()
    }

    /// A store in memory (one connection, no WAL): for tests that need SQL semantics without a file.
    public init(inMemoryWith projector: any CaseProjector) throws {
        self.projector = projector
        self.path = nil
        let busy = BusyWait(limit: 60)
        self.busy = busy
        queue = nil
        writer = try SQLiteStore.mapped { try DatabaseQueue(configuration: SQLiteStore.configuration(busy)) }
        try migrate()
        try rebuildIfStale()
    }

    /// Migrates unless the schema is current (checked by a read, so starting a shell takes no write lock), in the
    /// writers' queue (two shells creating one file do not both run the first migration).
    private func migrate() throws {
        try SQLiteStore.mapped {
            if try writer.read({ try SQLiteSchema.migrator.hasCompletedMigrations($0) }) { return }
            try takeTurn()
            defer { queue?.release() }
            try SQLiteSchema.migrator.migrate(writer)
        }
    }

    /// A migration that adds a projection (search, extensions) marks the projections stale (`meta`
    /// `projections.stale`); the first process to open the store afterwards recomputes them from the events, once.
    private func rebuildIfStale() throws {
        guard try read({ try $0.meta(SQLiteTransaction.staleKey) }) != nil else { return }
        try write { tx in
            guard let tx = tx as? SQLiteTransaction else { throw StoreError.misuse("foreign transaction") }
            // Another process may have done it while this one waited for its turn.
            if try tx.meta(SQLiteTransaction.staleKey) != nil { try tx.rebuildProjections(progress: nil) }
        }
    }

    /// A store in a new file under the temporary directory (tests, benchmarks); the caller may delete it.
    public static func temporary(projector: any CaseProjector) throws -> SQLiteStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yuqing-\(UUID().uuidString)")
        return try SQLiteStore(path: dir.appendingPathComponent("store.sqlite").path, projector: projector)
    }

    static func configuration(_ busy: BusyWait) -> Configuration {
        _ = SQLiteProcessSettings.applied
        var c = Configuration()
        c.busyMode = .callback { tries in busy.retry(tries) }
        c.foreignKeysEnabled = true
        c.label = "yuqing"
        c.prepareDatabase { db in
            // DatabasePool has already switched the file to WAL; FULL fsyncs each commit (see the type's comment).
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Without a limit the WAL keeps the size of the largest script ever run, and every later start reads
            // all of it to rebuild its index: a 1M-command import made each `yuqing -c` 60 ms slower.
            try db.execute(sql: "PRAGMA journal_size_limit = \(SQLiteStore.walLimit)")
            // Every command of a script is a savepoint of the batch's transaction, and SQLite keeps the pages a
            // savepoint changes in a sub-journal that spills to a temporary file past 64 KiB: 20,000 collects wrote
            // 1 GB to /var/tmp for a 26 MB store (a fifth of the script's time, in the kernel). In memory it is
            // what a rollback needs and no more; it lives only as long as the transaction.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return c
    }

    static let walLimit = 8_388_608

    /// Turns SQLite errors into the store's typed errors; errors thrown by callers' bodies pass unchanged.
    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as DatabaseError {
            throw storeError(e)
        }
    }

    /// The store's typed error for an SQLite error (other errors become `io`).
    static func storeError(_ error: any Error) -> StoreError {
        if let e = error as? StoreError { return e }
        guard let e = error as? DatabaseError else { return .io("\(error)") }
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(e.message ?? "\(e.resultCode)")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(e.message ?? "\(e.resultCode)")
        default: return .io(e.message ?? "\(e.resultCode)")
        }
    }

    // MARK: Store

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try write(alone: false, body)
    }

    /// `alone`: a write that is the first of its batch's transaction (none open yet) runs as that transaction,
    /// without a savepoint, and fails as a savepoint would — rolling back itself only. For `store rebuild`: inside
    /// a savepoint SQLite copies every page it reuses (the freed pages of the dropped projections) to a
    /// sub-journal first, ~28k pages per 100k cases.
    ///
    /// `sorting`: a write that builds indexes from scratch (`store rebuild`). When it begins its own transaction,
    /// the connection keeps its temporary files on disk while it runs (`PRAGMA temp_store = FILE`, set back to
    /// what it was after the commit or rollback): SQLite's sorter, which `CREATE INDEX` uses, runs on one thread and
    /// slower whenever temporary storage is in memory (see `SQLiteBulkTables.finish`). A script's batch with no
    /// transaction open (the shell commits what ran before a rebuild) gives it its own transaction and commits it
    /// at once, which is what scripts and `yuqing -c` run; inside an open transaction the pragma cannot change, and
    /// the rebuild sorts in memory.
    private func write<T>(alone: Bool, sorting: Bool = false,
                          _ body: (any StoreTransaction) throws -> T) throws -> T {
        try SQLiteStore.mapped {
            if let db = current {
                if let broken { throw broken }
                if readDepth > 0 { throw StoreError.misuse("write inside read") }
                if !db.isInsideTransaction {
                    if alone && sorting {
                        // A script's rebuild (`-c "store rebuild"`): its own transaction, committed here, so that
                        // its index builds sort on disk with threads like the REPL's.
                        return try sortingOnDisk(db) {
                            try beginWrite(db)
                            batchWrote = true
                            let result = try asTransaction(db, body)
                            try commit(db)
                            return result
                        }
                    }
                    try beginWrite(db)
                    batchWrote = true
                    if alone { return try asTransaction(db, body) }
                }
                return try inSavepoint(db, body)
            }
            return try writer.writeWithoutTransaction { db in
                current = db
                defer { current = nil }
                return try sortingOnDisk(db, sorting) {
                    writeDepth += 1
                    defer { writeDepth -= 1 }
                    try beginWrite(db)
                    defer { queue?.release() }
                    return try committing(db, anchoring: true) {
                        let tx = transaction(db)
                        let result = try body(tx)
                        try tx.flush()
                        return result
                    }
                }
            }
        }
    }

    /// Runs `body` (which begins a transaction and ends it) with the connection's temporary storage on disk when
    /// `sorting`, and sets it back after: `temp_store` cannot change while a transaction is open.
    private func sortingOnDisk<T>(_ db: Database, _ sorting: Bool = true, _ body: () throws -> T) throws -> T {
        guard sorting, let tempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store") else { return try body() }
        try db.execute(sql: "PRAGMA temp_store = FILE")
        defer { try? db.execute(sql: "PRAGMA temp_store = \(tempStore)") }
        return try body()
    }

    /// Runs `body` in the transaction just begun on `db`: commits when it returns (a write with a signed checkpoint
    /// of its head, see `anchorHead`), rolls back when anything throws.
    private func committing<T>(_ db: Database, anchoring: Bool = false, _ body: () throws -> T) throws -> T {
        do {
            let result = try body()
            let signed = anchoring ? try anchorHead(db) : nil
            try db.commit()
            state.reset()
            if let signed { anchor?.writeWitness(signed, like: path) }
            return result
        } catch {
            if db.isInsideTransaction { try? db.rollback() }
            state.reset()
            throw error
        }
    }

    /// Reads and writes on `db`, with what the open write transaction holds in memory.
    func transaction(_ db: Database) -> SQLiteTransaction {
        SQLiteTransaction(db: db, projector: projector, cache: cache, attribution: attribution, state: state)
    }

    /// A checkpoint of the head, signed inside the transaction about to commit (nil without an anchor, or when no
    /// event was added since the last checkpoint), so the events and their checkpoint commit together. Returned for
    /// the witness file — except when the witness holds no checkpoint, one whose signature does not verify or is
    /// not this installation's key, or one the log contradicts (its event gone or with another hash): each is the
    /// evidence `audit verify` reports (removed or rewritten events, an altered witness), and replacing it with the
    /// next ordinary commit made `audit verify` pass again. Kept, the store keeps failing verification until an
    /// administrator has looked (docs/security.md §6).
    private func anchorHead(_ db: Database) throws -> Checkpoint? {
        guard let anchor else { return nil }
        let tx = transaction(db)
        let keep = try anchor.keepsWitness(tx.contradicts)
        let signed = try tx.anchorHead(anchor)
        return keep ? nil : signed
    }

    /// Waits for this store's turn among the file's writers, at most `writeTimeout`.
    private func takeTurn() throws {
        guard let queue else { return }
        let deadline = SQLiteWriterQueue.monotonicNanos() + UInt64(max(0, busy.limit) * 1e9)
        guard try queue.acquire(deadline: deadline) else {
            throw StoreError.busy(String(format: "other shells kept writing for %.0f s; nothing was done", busy.limit))
        }
    }

    /// Takes the turn, then `BEGIN IMMEDIATE` (which then finds the lock free unless a program other than yuqing
    /// writes; SQLite's bounded wait covers that). On failure nothing was begun and the turn is given back.
    private func beginWrite(_ db: Database) throws {
        try takeTurn()
        do {
            try db.beginTransaction(.immediate)
            state.reset()
        } catch {
            if db.isInsideTransaction { try? db.rollback() }
            queue?.release()
            throw error
        }
    }

    /// A batch's write run as the transaction just begun (`write(alone:)`). On error the transaction is rolled
    /// back — it held this write only — and the turn given back; the batch's next write begins another. A storage
    /// failure breaks the batch, as it does after a savepoint.
    private func asTransaction<T>(_ db: Database, _ body: (any StoreTransaction) throws -> T) throws -> T {
        writeDepth += 1
        defer { writeDepth -= 1 }
        do {
            return try body(transaction(db))
        } catch {
            if inBatch, broken == nil, SQLiteStore.isStorageFailure(error) {
                breakBatch(db, error)
            } else {
                if db.isInsideTransaction { try? db.rollback() }
                state.reset()
                queue?.release()
            }
            throw error
        }
    }

    /// Runs one of the savepoint statements: cached, and stepped with SQLite's C API (`SQLiteRawInsert`) rather
    /// than GRDB's `execute`, whose bookkeeping for transaction observers (yuqing registers none) was about 2 % of
    /// a script, run twice per command. The savepoint stays inside the batch's transaction, so neither GRDB's view
    /// of it (`isInsideTransaction` asks SQLite) nor the commit changes.
    private static func savepointStatement(_ db: Database, _ sql: String) throws {
        var s = try SQLiteRawInsert(cached: db, sql: sql)
        try s.run()
    }

    /// A savepoint by cached statements (GRDB's `inSavepoint` prepares its SQL anew each time, which shows in a
    /// script of 100k commands). Nested writes get nested savepoints of the same name, as SQLite allows.
    private func inSavepoint<T>(_ db: Database, _ body: (any StoreTransaction) throws -> T) throws -> T {
        writeDepth += 1
        defer { writeDepth -= 1 }
        try Self.savepointStatement(db, "SAVEPOINT yuqing_write")
        state.beginSavepoint()
        do {
            let result = try body(transaction(db))
            try Self.savepointStatement(db, "RELEASE SAVEPOINT yuqing_write")
            state.releaseSavepoint()
            return result
        } catch {
            // SQLite may have rolled the whole transaction back already (SQLITE_FULL, SQLITE_IOERR): then there
            // is no savepoint left to roll back to, and what the batch did since its last commit is gone.
            if db.isInsideTransaction {
                try? Self.savepointStatement(db, "ROLLBACK TO SAVEPOINT yuqing_write")
                try? Self.savepointStatement(db, "RELEASE SAVEPOINT yuqing_write")
                state.rollbackSavepoint()
            } else {
                state.reset()
            }
            if inBatch, broken == nil, !db.isInsideTransaction || SQLiteStore.isStorageFailure(error) {
                breakBatch(db, error)
            }
            throw error
        }
    }

    /// A failure of the disk or the file rather than of the command: the batch cannot be trusted to write more.
    static func isStorageFailure(_ error: any Error) -> Bool {
        guard let e = error as? DatabaseError else { return false }
        switch e.resultCode {
        case .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_NOMEM, .SQLITE_READONLY,
             .SQLITE_CANTOPEN, .SQLITE_PROTOCOL: return true
        default: return false
        }
    }

    /// Rolls back everything since the batch's last commit point and remembers why: no later write in this batch
    /// can be stored, so none is attempted.
    private func breakBatch(_ db: Database, _ error: any Error) {
        if db.isInsideTransaction { try? db.rollback() }
        state.reset()
        queue?.release()
        broken = SQLiteStore.storeError(error)
    }

    public func batch<T>(_ body: () throws -> T) throws -> T {
        // A batch inside a batch (or a write) is part of it.
        if current != nil { return try body() }
        return try SQLiteStore.mapped {
            try writer.writeWithoutTransaction { db in
                current = db
                inBatch = true
                broken = nil
                batchWrote = false
                defer {
                    if db.isInsideTransaction { try? db.rollback() }
                    state.reset()
                    queue?.release()
                    current = nil
                    inBatch = false
                    broken = nil
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
                if batchWrote { checkpointIfLarge(db) }
                return result
            }
        }
    }

    /// A script may have written far more than the auto-checkpoint keeps up with: fold the WAL back into the file
    /// so it shrinks to `journal_size_limit` and the next start is fast. Only when the WAL is big, in the writers'
    /// queue, and with a short wait: under load it is left to the next writer.
    private func checkpointIfLarge(_ db: Database) {
        guard let path, let size = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int,
              size > SQLiteStore.walLimit else { return }
        let saved = busy.limit
        busy.limit = 1
        defer { busy.limit = saved }
        guard (try? takeTurn()) != nil else { return }
        defer { queue?.release() }
        _ = try? db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Commits the batch's open transaction, if any; if the commit fails, rolls back and reports it. A batch broken
    /// by a storage failure commits nothing and reports that failure.
    private func finish(_ db: Database) throws {
        if let broken { throw broken }
        guard db.isInsideTransaction else { return }
        try commit(db)
    }

    /// COMMIT and give the turn to the next writer, or on failure roll back and break the batch (what it held is
    /// not stored).
    private func commit(_ db: Database) throws {
        let signed: Checkpoint?
        do {
            try transaction(db).flush()
            signed = try anchorHead(db)
            if let faults, faults.commitShouldFail() {
                throw DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full (injected by a test)")
            }
            try db.commit()
            state.reset()
            queue?.release()
        } catch {
            breakBatch(db, error)
            throw error
        }
        if let signed { anchor?.writeWitness(signed, like: path) }
    }

    /// Commits what the batch did so far and lets other writers go first; the batch's next write waits for its
    /// turn again. Throws when that could not be stored (the batch is then broken: its uncommitted commands are
    /// rolled back and later writes fail at once).
    public func commitPoint() throws {
        guard inBatch, let db = current else { return }
        if let broken { throw broken }
        if writeDepth > 0 { throw StoreError.misuse("commitPoint() inside a write would split it") }
        guard db.isInsideTransaction else { return }
        try SQLiteStore.mapped { try commit(db) }
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try SQLiteStore.mapped {
            if let db = current {
                if db.isInsideTransaction { return try body(transaction(db)) }
                // A batch with no write open: a read transaction (one snapshot for the whole read), no lock in WAL.
                try db.beginTransaction(.deferred)
                readDepth += 1
                defer { readDepth -= 1 }
                return try committing(db) { try body(transaction(db)) }
            }
            // Outside a batch or write: a read connection of the pool, which never waits for the write lock.
            return try writer.read { db in try body(transaction(db)) }
        }
    }

    public func rebuild() throws { try rebuild(progress: nil) }

    public func rebuild(progress: StoreProgress?) throws {
        try write(alone: true, sorting: true) { tx in
            guard let tx = tx as? SQLiteTransaction else { throw StoreError.misuse("foreign transaction") }
            do {
                try tx.rebuildProjections(progress: progress)
            } catch let e as DatabaseError where e.resultCode == .SQLITE_FULL {
                // SQLite says only "database or disk is full", and the disk that filled is most often not the
                // store's: the sorter's runs and the side search index live in SQLite's temporary folder. Said as
                // the rebuild's own failure, it is rolled back whole (not a broken batch): the store is unchanged.
                throw StoreError.noRoomToRebuild(temporary: Self.temporaryFolder(),
                                                 store: path.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? "?")
            }
        }
    }

    /// The folder where SQLite puts this process's temporary files, found as its Unix VFS finds it: the first of
    /// `SQLITE_TMPDIR`, `TMPDIR`, /var/tmp, /usr/tmp, /tmp and the current folder that is a folder it may write.
    static func temporaryFolder() -> String {
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["SQLITE_TMPDIR"], env["TMPDIR"], "/var/tmp", "/usr/tmp", "/tmp", "."].compactMap { $0 }
        return candidates.first { dir in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue
                && access(dir, W_OK | X_OK) == 0
        } ?? "."
    }

    public func recompute(_ scope: RecomputeScope) throws -> Int {
        try write { tx in
            guard let tx = tx as? SQLiteTransaction else { throw StoreError.misuse("foreign transaction") }
            return try tx.recomputeProjections(scope)
        }
    }

    public func verifyChain() throws -> AuditReport {
        try read { r in
            guard let r = r as? SQLiteTransaction else { throw StoreError.misuse("foreign reader") }
            return try r.verifyChain()
        }
    }
}
