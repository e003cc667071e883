import GRDB
import Testing
import YuqingCore
@testable import YuqingStore

@Suite("rebuild recomputes identical projections")
struct RebuildTests {
    struct Projections: Equatable {
        var cases: [CaseSummary]
        var files: [CaseFile?]
        var dues: [DueEntry]
        var directory: Directory
        var numbers: [Int]
        var urls: [EntityID?]
        /// What full-text search finds (`SearchTests` checks the answers; here they must survive rebuilds and copies).
        var found: [[EntityID]]
        var textMatches: [[EntityID]]
        var extensions: [ExtensionRequest]
    }

    static let queries = ["甲", "乙", "转帖", "的转", "ok", "乙的转帖", "无此"]

    func snapshot(_ s: any Store) throws -> Projections {
        try s.read { r throws in
            let cases = try r.cases(CaseQuery(now: at(19, 12)))
            return Projections(
                cases: cases, files: try cases.map { try r.caseFile($0.id) },
                dues: try r.dues(from: Instant(seconds: 0), to: at(31, 0)), directory: try r.directory(),
                numbers: try IDKind.allCases.map { try r.lastNumber($0) },
                urls: try ["https://a", "https://b", "https://c"].map { try r.caseID(forURL: $0) },
                found: try Self.queries.map { q in try r.search(q, limit: 10).hits.map(\.summary.id) },
                textMatches: try Self.queries.map { q in
                    try r.cases(CaseQuery(filter: .contains(.text, q), now: at(19, 12))).map(\.id)
                },
                extensions: try r.extensionRequests(all: true))
        }
    }

    func populate(_ s: any Store) throws {
        let c1 = try collect(s, "甲", url: "https://a", at: at(19, 9))
        let c2 = try collect(s, "乙", url: "https://b", at: at(19, 9, 5))
        try s.write { tx throws in
            try tx.append(NewEvent(caseID: c2, actor: patrol, effective: at(19, 9, 7), recorded: at(19, 9, 7),
                                   body: .itemAdded(item: item("乙的转帖", url: "https://c"))), expectedVersion: 1)
            let m = try tx.nextID(.meeting)
            try tx.append(NewEvent(caseID: c1, subject: m, actor: coordinator, effective: at(19, 9, 30),
                                   recorded: at(19, 9, 30),
                                   body: .meetingOpened(meeting: m, topic: "会商", cases: [c1, c2], place: nil)),
                          expectedVersion: nil)
        }
        try claim(s, c1, at: at(19, 10))
        try append(s, nil, .departmentSaved(department: Department(code: "water", nameZH: "市水务局",
                                                                   nameEN: "Water Bureau")), at: at(19, 10))
        try append(s, c1, .verified(summary: "ok", file: nil), at: at(20, 10))
        try append(s, c2, .closed(note: nil), at: at(20, 11))
    }

    @Test(arguments: StoreKind.allCases)
    func rebuildGivesIdenticalProjections(kind: StoreKind) throws {
        let s = try kind.make()
        try populate(s)
        let before = try snapshot(s)
        #expect(before.cases.count == 2)
        #expect(before.numbers == [2, 1, 0, 0])
        #expect(before.urls == [EntityID(.caseFile, 1), EntityID(.caseFile, 2), EntityID(.caseFile, 2)])
        try s.rebuild()
        #expect(try snapshot(s) == before)
        #expect(try s.verifyChain().isIntact)
    }

    /// In a script's batch, a rebuild that is the batch's first write runs as the transaction itself (no
    /// savepoint); the writes after it and a rebuild after other writes are stored alike, on reopening too.
    @Test(arguments: [true, false])
    func rebuildInsideABatch(first: Bool) throws {
        let path = temporaryPath()
        let s = try SQLiteStore(path: path, projector: StubProjector())
        try populate(s)
        let before = try snapshot(s)
        var c3: EntityID?
        try s.batch {
            if first { try s.rebuild() }
            c3 = try collect(s, "丙", url: "https://e", at: at(20, 12))
            if !first { try s.rebuild() }
            try claim(s, c3 ?? EntityID(.caseFile, 0), at: at(20, 13))
        }
        let reopened = try SQLiteStore(path: path, projector: StubProjector())
        let after = try snapshot(reopened)
        #expect(after.cases.count == 3)
        #expect(after.cases.filter { $0.id != c3 } == before.cases)
        #expect(try reopened.read { try $0.caseFile(c3 ?? EntityID(.caseFile, 0)) }?.stage == .claimed)
        #expect(try reopened.verifyChain().isIntact)
    }

    /// A rebuild that begins its own transaction — alone, or in a script's batch with nothing uncommitted, which
    /// it then commits at once — sorts with temporary storage on disk (1 is FILE: SQLite's sorter uses its worker
    /// threads only then) and gives the connection back with temporary storage in memory (2), where the savepoints
    /// of the writes after it keep their sub-journals. Inside an open transaction it cannot change.
    @Test
    func rebuildSortsOnDiskAndGivesTemporaryStorageBack() throws {
        let s = try SQLiteStore(path: temporaryPath(), projector: StubProjector())
        try populate(s)
        func tempStore() throws -> Int? {
            try s.read { tx in try Int.fetchOne((tx as! SQLiteTransaction).db, sql: "PRAGMA temp_store") }
        }
        final class Seen: @unchecked Sendable { var values: Set<Int> = [] }
        func rebuild() throws -> Set<Int> {
            let seen = Seen()
            try s.rebuild { _, _ in if let t = try? tempStore() { seen.values.insert(t) } }
            return seen.values
        }
        #expect(try tempStore() == 2)
        #expect(try rebuild() == [1])
        #expect(try tempStore() == 2)
        var c: EntityID?
        try s.batch {
            #expect(try rebuild() == [1])
            #expect(try tempStore() == 2)
            c = try collect(s, "丙", url: "https://e", at: at(20, 12))
            #expect(try rebuild() == [2])
        }
        #expect(try tempStore() == 2)
        #expect(try s.read { try $0.caseFile(c ?? EntityID(.caseFile, 0)) }?.title == "丙")
        #expect(try s.verifyChain().isIntact)
    }

    /// The progress of a SQLite rebuild: reading the events is the first half of the work it counts (reports while
    /// the projection tables have no indexes yet), building the indexes the second (reports while they come back),
    /// so a progress line keeps moving after the events are read instead of waiting near the end.
    @Test
    func rebuildProgressCountsTheIndexBuilds() throws {
        let s = try SQLiteStore(path: temporaryPath(), projector: StubProjector())
        try s.batch {
            for i in 0..<2_500 { _ = try collect(s, "案件\(i)", url: "https://example.com/\(i)", at: at(19, 9)) }
        }
        final class Seen: @unchecked Sendable { var reports: [(done: Int64, total: Int64, indexes: Int)] = [] }
        let seen = Seen()
        try s.rebuild { done, total in
            let n = (try? s.read { tx in
                try Int.fetchOne((tx as! SQLiteTransaction).db, sql: """
                    SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cases', 'dues') AND sql IS NOT NULL
                    """)
            }) ?? nil
            seen.reports.append((done, total, n ?? -1))
        }
        let during = seen.reports.dropLast()
        #expect(during.contains { $0.indexes == 0 })
        #expect(during.filter { $0.indexes == 0 }.allSatisfy { $0.done <= $0.total / 2 }, "\(seen.reports)")
        #expect(during.contains { $0.indexes > 0 && $0.done > $0.total / 2 && $0.done < $0.total }, "\(seen.reports)")
        #expect(seen.reports.last.map { $0.done == $0.total } == true)
    }

    /// Projections damaged behind yuqing's back come back from the events.
    @Test
    func rebuildRepairsDamagedProjections() throws {
        let path = temporaryPath()
        let s = try SQLiteStore(path: path, projector: StubProjector())
        try populate(s)
        let before = try snapshot(s)
        let intruder = try DatabaseQueue(path: path)
        try intruder.write { db throws in
            try db.execute(sql: "UPDATE cases SET stage = 'closed', next_due = NULL WHERE id = 'C1'")
            try db.execute(sql: "DELETE FROM dues WHERE case_id = 'C2'")
            try db.execute(sql: "DELETE FROM departments")
        }
        #expect(try snapshot(s) != before)
        try s.rebuild()
        #expect(try snapshot(s) == before)
    }

    /// A new projector (policy or calendar changed) applies to every case on rebuild.
    @Test(arguments: StoreKind.allCases)
    func rebuildAppliesTheCurrentProjector(kind: StoreKind) throws {
        struct NoDues: CaseProjector { func dueEntries(for c: CaseFile) -> [DueEntry] { [] } }
        let s = try kind.make()
        try populate(s)
        s.projector = NoDues()
        try s.rebuild()
        try s.read { r throws in
            #expect(try r.openDues(before: at(31, 0), limit: nil).isEmpty)
            #expect(try r.cases(CaseQuery(now: at(19, 12))).allSatisfy { $0.nextDue == nil })
        }
    }
}
