import GRDB
import Testing
import YuqingCore
@testable import YuqingStore

@Suite("atomic writes, batches and savepoints")
struct AtomicityTests {
    @Test(arguments: StoreKind.allCases)
    func failedWriteLeavesNothing(kind: StoreKind) throws {
        let store = try kind.make()
        let first = try collect(store, "既有案件", at: at(19, 8))
        #expect(throws: Refusal.planned) {
            try store.write { tx throws in
                let id = try tx.nextID(.caseFile)
                try tx.append(NewEvent(caseID: id, actor: patrol, effective: at(19, 9), recorded: at(19, 9),
                                       body: .collected(item: item("新案件", url: "https://x.cn/new"), dept: nil)),
                              expectedVersion: 0)
                try tx.append(NewEvent(caseID: first, actor: liaison, effective: at(19, 9), recorded: at(19, 9),
                                       body: .claimed(dept: "police")), expectedVersion: 1)
                try tx.setMeta("touched", "yes")
                throw Refusal.planned
            }
        }
        try store.read { r throws in
            #expect(try r.eventCount() == 1)
            #expect(try r.lastNumber(.caseFile) == 1)
            #expect(try r.caseFile(EntityID(.caseFile, 2)) == nil)
            #expect(try r.caseFile(first)?.version == 1)
            #expect(try r.caseFile(first)?.dept == nil)
            #expect(try r.caseID(forURL: "https://x.cn/new") == nil)
            #expect(try r.meta("touched") == nil)
            #expect(try r.openDues(before: at(31, 0), limit: nil).map(\.caseID) == [first])
        }
        // The id that the failed write took is handed out again.
        #expect(try collect(store, "下一个", at: at(19, 10)) == EntityID(.caseFile, 2))
        #expect(try store.verifyChain().isIntact)
    }

    @Test(arguments: StoreKind.allCases)
    func batchKeepsEachCommandAtomic(kind: StoreKind) throws {
        let store = try kind.make()
        try store.batch {
            for n in 1...3 {
                try collect(store, "案件\(n)", url: "https://x.cn/\(n)", at: at(19, 8 + n))
                try store.commitPoint()
            }
            // Command 4 fails half-way: nothing of it remains.
            #expect(throws: Refusal.planned) {
                try store.write { tx throws in
                    let id = try tx.nextID(.caseFile)
                    try tx.append(NewEvent(caseID: id, actor: patrol, effective: at(19, 12), recorded: at(19, 12),
                                           body: .collected(item: item("失败", url: "https://x.cn/bad"), dept: nil)),
                                  expectedVersion: 0)
                    throw Refusal.planned
                }
            }
            // Reads inside the batch see its own writes, and command 5 still works.
            #expect(try store.read { try $0.caseFile(EntityID(.caseFile, 3)) } != nil)
            #expect(try collect(store, "案件5", at: at(19, 13)) == EntityID(.caseFile, 4))
            try claim(store, EntityID(.caseFile, 1), at: at(19, 14))
        }
        try store.read { r throws in
            #expect(try r.eventCount() == 5)
            #expect(try r.caseID(forURL: "https://x.cn/bad") == nil)
            #expect(try r.cases(CaseQuery(now: at(19, 15))).map(\.title) == ["案件1", "案件2", "案件3", "案件5"])
            #expect(try r.caseFile(EntityID(.caseFile, 1))?.stage == .claimed)
        }
        #expect(try store.verifyChain().isIntact)
    }

    /// The savepoints' sub-journal is kept in memory (it spilled 1 GB to /var/tmp for 20,000 collects): a failed
    /// command late in a batch that has changed far more than the 64 KiB SQLite would keep in memory otherwise still
    /// rolls back to exactly the pages before it.
    @Test
    func largeBatchRollsBackALateCommandWithTheJournalInMemory() throws {
        let path = temporaryPath()
        let store = try SQLiteStore(path: path, projector: StubProjector())
        try store.batch {
            for n in 1...300 {
                try collect(store, "案件\(n)", url: "https://x.cn/\(n)", at: at(19, 9))
            }
            #expect(throws: Refusal.planned) {
                try store.write { tx throws in
                    try tx.append(NewEvent(caseID: EntityID(.caseFile, 7), actor: liaison, effective: at(19, 10),
                                           recorded: at(19, 10), body: .claimed(dept: "police")), expectedVersion: 1)
                    throw Refusal.planned
                }
            }
            try claim(store, EntityID(.caseFile, 8), at: at(19, 11))
        }
        try store.read { r throws in
            #expect(try r.eventCount() == 301)
            #expect(try r.caseFile(EntityID(.caseFile, 7))?.stage == .collected)
            #expect(try r.caseFile(EntityID(.caseFile, 8))?.stage == .claimed)
        }
        #expect(try store.verifyChain().isIntact)
        let queue = try DatabaseQueue(path: path, configuration: SQLiteStore.configuration(BusyWait(limit: 1)))
        #expect(try queue.read { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == 2)
        // Acknowledged means stored through a power loss too: each commit is fsynced (FULL = 2).
        #expect(try queue.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
    }

    /// One write longer than `SQLiteWriteState.flushAt` cases (`collect import` of a whole file) writes its cases
    /// before it ends; when it then fails, nothing of it remains — not the cases it flushed, nor its change to a case
    /// the batch had pending before it — and the batch goes on.
    @Test(arguments: StoreKind.allCases)
    func aLongWriteThatFlushedAndFailedLeavesNothing(kind: StoreKind) throws {
        let store = try kind.make()
        let many = SQLiteWriteState.flushAt + 10
        try store.batch {
            let kept = try collect(store, "批内已有", url: "https://x.cn/kept", at: at(19, 8))
            #expect(throws: Refusal.planned) {
                try store.write { tx throws in
                    try tx.append(NewEvent(caseID: kept, actor: liaison, effective: at(19, 9), recorded: at(19, 9),
                                           body: .claimed(dept: "police")), expectedVersion: 1)
                    for n in 0..<many {
                        let id = try tx.nextID(.caseFile)
                        try tx.append(NewEvent(caseID: id, actor: patrol, effective: at(19, 9), recorded: at(19, 9),
                                               body: .collected(item: item("导入\(n)", url: "https://x.cn/long/\(n)"),
                                                                dept: nil)),
                                      expectedVersion: 0)
                    }
                    throw Refusal.planned
                }
            }
            #expect(try collect(store, "之后", url: "https://x.cn/after", at: at(19, 10)) == EntityID(.caseFile, 2))
        }
        try store.read { r throws in
            #expect(try r.eventCount() == 2)
            #expect(try r.caseFile(EntityID(.caseFile, 1))?.stage == .collected)
            #expect(try r.caseFile(EntityID(.caseFile, 3)) == nil)
            #expect(try r.caseID(forURL: "https://x.cn/long/0") == nil)
            #expect(try r.caseID(forURL: "https://x.cn/long/\(many - 1)") == nil)
            #expect(try r.cases(CaseQuery(now: at(19, 11))).map(\.title) == ["批内已有", "之后"])
        }
        #expect(try store.verifyChain().isIntact)
    }

    /// A savepoint keeps, for a rollback, each case's value from before it first changed the case — not one per
    /// change: a write that flushes what it collected keeps nothing of those cases (before, a 100,000-row import
    /// kept every case it had flushed, 523 MB). Nested savepoints hand their earlier values to the enclosing one.
    @Test
    func aSavepointKeepsOneEarlierValuePerCase() throws {
        let memory = try StoreKind.memory.make()
        let id = try collect(memory, "一个案件", url: "https://x.cn/1", at: at(19, 8))
        let file = try #require(try memory.read { try $0.caseFile(id) })
        func pending(_ hash: String) -> SQLiteWriteState.Pending {
            .init(file: file, hash: hash, isNew: true, hadExtensions: false, recorded: (at(19, 8), at(19, 8)))
        }
        let state = SQLiteWriteState()
        state.set(1, pending("before"))
        state.beginSavepoint()
        for n in 1...5000 {
            state.set(n, pending("in \(n)"))
            state.addURL("https://x.cn/\(n)", n)
        }
        _ = state.takeAll()
        #expect(state.casesKeptForRollback == 1)
        state.beginSavepoint()
        state.set(1, pending("inner"))
        state.set(7, pending("inner"))
        state.releaseSavepoint()
        #expect(state.casesKeptForRollback == 1)
        state.rollbackSavepoint()
        #expect(state.pending.keys.sorted() == [1])
        #expect(state.pending[1]?.hash == "before")
        #expect(state.urls.isEmpty)
    }

    /// A script that stops at its failing line N keeps lines 1…N-1, durably, and nothing of line N.
    @Test
    func batchThatThrowsCommitsWhatSucceeded() throws {
        let path = temporaryPath()
        do {
            let store = try SQLiteStore(path: path, projector: StubProjector())
            #expect(throws: Refusal.planned) {
                try store.batch {
                    try collect(store, "第1行", at: at(19, 9))
                    try collect(store, "第2行", at: at(19, 10))
                    try store.write { tx throws in
                        _ = try tx.nextID(.caseFile)
                        throw Refusal.planned
                    }
                }
            }
            // The store is usable after the batch ended with an error.
            try claim(store, EntityID(.caseFile, 1), at: at(19, 11))
        }
        let reopened = try SQLiteStore(path: path, projector: StubProjector())
        try reopened.read { r throws in
            #expect(try r.eventCount() == 3)
            #expect(try r.lastNumber(.caseFile) == 2)
            #expect(try r.caseFile(EntityID(.caseFile, 1))?.stage == .claimed)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func commitPointInsideWriteIsRefused(kind: StoreKind) throws {
        let store = try kind.make()
        _ = try store.batch {
            #expect(throws: StoreError.self) {
                try store.write { _ in try store.commitPoint() }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func staleVersionIsAConflictAndWritesNothing(kind: StoreKind) throws {
        let store = try kind.make()
        let id = try collect(store, "停车难", at: at(19, 9))
        let seen = try store.read { try #require(try $0.caseFile(id)).version }
        try claim(store, id, dept: "gov-office", at: at(19, 9, 20))  // someone else acts first
        #expect(throws: StoreError.conflict(caseID: id, expected: 1, actual: 2)) {
            try store.write { tx throws in
                try tx.append(NewEvent(caseID: id, actor: liaison, effective: at(19, 9, 30), recorded: at(19, 9, 30),
                                       body: .claimed(dept: "police")), expectedVersion: seen)
            }
        }
        try store.read { r throws in
            #expect(try r.eventCount() == 2)
            #expect(try r.caseFile(id)?.dept == "gov-office")
        }
        let message = StoreError.conflict(caseID: id, expected: 1, actual: 2).message
        #expect(message.en.contains("C1"))
        #expect(message.zh.contains("C1"))
    }
}
