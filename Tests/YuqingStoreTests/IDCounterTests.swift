import Foundation
import GRDB
import Testing
import YuqingCore
@testable import YuqingStore

/// The `ids` counters are a table like the projections: whoever can write the file (or, on a server, a desk's role)
/// can set one back. `audit verify` checked only the cases' counter; one of meetings, extension applications or
/// instructions set back made yuqing hand out an id the log already held (a second X1: `extend approve X1` then
/// named two applications). Every counter is now checked against the log, and the allocator refuses an id the log
/// holds, changing nothing.
@Suite("id counters set back")
struct IDCounterTests {
    static let kinds: [IDKind] = [.caseFile, .meeting, .extensionRequest, .instruction]

    /// A case with an extension application, a meeting and a leader's instruction, each id taken as the verbs take
    /// it (`nextID` in the write that records it, the event filed under it).
    static func store(_ kind: StoreKind) throws -> any Store {
        let store = try kind.make()
        let c = try collect(store, "案件", url: "https://x.cn/1", at: at(19, 9))
        try claim(store, c, at: at(19, 10))
        try store.write { tx in
            let x = try tx.nextID(.extensionRequest)
            try tx.append(NewEvent(caseID: c, subject: x, actor: liaison, effective: at(19, 11), recorded: at(19, 11),
                                   body: .extensionApplied(ext: x, days: 3, reason: "需核实")), expectedVersion: nil)
        }
        try store.write { tx in
            let m = try tx.nextID(.meeting)
            try tx.append(NewEvent(caseID: nil, subject: m, actor: coordinator, effective: at(19, 12), recorded: at(19, 12),
                                   body: .meetingOpened(meeting: m, topic: "会商", cases: [c], place: nil)), expectedVersion: nil)
        }
        try store.write { tx in
            let l = try tx.nextID(.instruction)
            try tx.append(NewEvent(caseID: c, subject: l, actor: Actor(name: "市领导", role: .cityLeader, dept: nil),
                                   effective: at(19, 13), recorded: at(19, 13),
                                   body: .instructed(instruction: l, leader: "市领导", text: "尽快处置", due: nil)),
                          expectedVersion: nil)
        }
        return store
    }

    /// Sets every counter back to 0 behind yuqing's back.
    static func setBack(_ store: any Store, _ kind: StoreKind) throws {
        switch kind {
        case .memory:
            let m = try #require(store as? MemoryStore)
            for k in kinds { m.ids[k] = 0 }
        case .sqlite:
            let queue = try DatabaseQueue(path: (store as? SQLiteStore)?.path ?? "")
            try queue.write { try $0.execute(sql: "UPDATE ids SET last = 0") }
        case .postgres:
            let other = try TestPostgres.another(try #require(store as? PostgresStore))
            _ = try other.link.query("UPDATE ids SET last = 0")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func everyCounterSetBackIsReportedAndNoIdIsHandedOutTwice(_ kind: StoreKind) throws {
        let store = try Self.store(kind)
        #expect(try StoreAudit.verify(store).isIntact)
        try Self.setBack(store, kind)

        let report = try StoreAudit.verify(store)
        for k in Self.kinds {
            #expect(report.findings.contains { $0.message.en.contains("the \(k.name.en) id counter stands at \(k.rawValue)0") },
                    "\(k): \(report.findings.map(\.message.en))")
            #expect(report.findings.contains { $0.message.zh.contains("\(k.name.zh)编号计数器停在 \(k.rawValue)0") })
        }

        // The allocator refuses the id the log holds, with a clear error; the write changes nothing.
        let events = try store.read { try $0.lastSeq() }
        for k in Self.kinds {
            #expect(throws: StoreError.idTaken(EntityID(k, 1))) {
                try store.write { tx in
                    let id = try tx.nextID(k)
                    try tx.append(NewEvent(caseID: nil, subject: id, actor: coordinator, effective: at(20, 9),
                                           recorded: at(20, 9), body: .remarked(meeting: nil, text: "x")), expectedVersion: nil)
                }
            }
            #expect(try store.read { try $0.lastNumber(k) } == 0)
        }
        #expect(try store.read { try $0.lastSeq() } == events)
        #expect(StoreError.idTaken(EntityID(.extensionRequest, 1)).message.en.contains("X1"))
        #expect(StoreError.idTaken(EntityID(.extensionRequest, 1)).message.zh.contains("延期申请编号计数器"))

        // `store rebuild` sets every counter from the log again.
        try store.rebuild()
        #expect(try StoreAudit.verify(store).isIntact)
        for k in Self.kinds {
            #expect(try store.write { tx in try tx.nextID(k) } == EntityID(k, 2))
        }
    }
}
