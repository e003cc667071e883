import GRDB
import Testing
import YuqingCore
@testable import YuqingStore

@Suite("store copy between backends")
struct StoreCopyTests {
    /// The backends a copy goes through: SQLite → (PostgreSQL →) SQLite.
    static var route: [StoreKind] { TestPostgres.available ? [.sqlite, .postgres, .sqlite] : [.sqlite, .sqlite] }

    @Test
    func roundTripKeepsTheHeadHashAndEveryAnswer() throws {
        let first = try StoreKind.sqlite.make()
        try RebuildTests().populate(first)
        try first.write { tx in try tx.setMeta("policy", "mingguang") }
        let before = try RebuildTests().snapshot(first)
        let head = try first.info().headHash
        #expect(head != nil)
        var current = first
        for kind in Self.route.dropFirst() {
            let next = try kind.make()
            let report = try StoreCopier.copy(from: current, to: next)
            #expect(report.events == 8)
            #expect(report.headHash == head)
            #expect(report.target.headHash == head)
            #expect(report.target.backend == (kind == .postgres ? "PostgreSQL" : "SQLite"))
            #expect(try RebuildTests().snapshot(next) == before, "after copying to \(kind)")
            #expect(try next.read { try $0.meta("policy") } == "mingguang")
            current = next
        }
        // The copy goes on where the original would: the next id and the next event link the same way.
        let a = try collect(first, "复制后", at: at(21, 9))
        let b = try collect(current, "复制后", at: at(21, 9))
        #expect(a == b)
        #expect(try first.info().headHash == current.info().headHash)
    }

    /// A target with an anchor (as `store copy` opens it) commits the copied log with a signed checkpoint of its
    /// head, on every backend. Before, PostgreSQL signed only events appended one by one: a copied log had no
    /// checkpoint, and `audit verify` on it failed ("the checkpoints were removed").
    @Test(arguments: StoreKind.shared)
    func theCopiedLogIsSigned(kind: StoreKind) throws {
        let source = try StoreKind.sqlite.make()
        try RebuildTests().populate(source)
        let target = try kind.make()
        target.anchor = CheckpointAnchor(signer: CheckpointSigner(), clock: SimulatedClock(at(25, 9)), witnessPath: nil)
        let report = try StoreCopier.copy(from: source, to: target)
        #expect(try target.read { try $0.checkpoints() }.map(\.count) == [report.events])
        #expect(try StoreAudit.verify(target).isIntact)
    }

    @Test(arguments: StoreKind.shared)
    func refusesANonEmptyTarget(kind: StoreKind) throws {
        let source = try StoreKind.sqlite.make()
        try collect(source, "源", at: at(19, 9))
        let target = try kind.make()
        try collect(target, "已有", at: at(19, 8))
        #expect(throws: StoreCopier.Failure.targetNotEmpty(1)) { try StoreCopier.copy(from: source, to: target) }
        #expect(try target.read { try $0.eventCount() } == 1)
    }

    @Test(arguments: StoreKind.shared)
    func refusesABrokenSource(kind: StoreKind) throws {
        let path = temporaryPath()
        let source = try SQLiteStore(path: path, projector: StubProjector())
        try RebuildTests().populate(source)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE events SET effective = 0 WHERE seq = 3") }
        let target = try kind.make()
        #expect(throws: StoreCopier.Failure.self) { try StoreCopier.copy(from: source, to: target) }
        #expect(try target.read { try $0.eventCount() } == 0)
    }

    @Test
    func aMemoryStoreIsNotCopied() throws {
        let source = MemoryStore(projector: StubProjector())
        try collect(source, "内存", at: at(19, 9))
        let target = try StoreKind.sqlite.make()
        #expect(throws: StoreCopier.Failure.self) { try StoreCopier.copy(from: source, to: target) }
        #expect(try target.read { try $0.eventCount() } == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func infoNamesTheBackendAndTheHead(kind: StoreKind) throws {
        let s = try kind.make()
        #expect(try s.info().events == 0)
        #expect(try s.info().headHash == nil)
        let e = try append(s, nil, .patrolled(dept: "police", note: nil), at: at(19, 9), by: liaison)
        let info = try s.info()
        #expect(info.events == 1)
        #expect(info.headHash == e.hash)
        #expect(info.backend == ["memory": "memory", "sqlite": "SQLite", "postgres": "PostgreSQL"][kind.rawValue])
        #expect((info.role != nil) == (kind == .postgres))
        #expect(s.currentRole == info.role)
    }
}
