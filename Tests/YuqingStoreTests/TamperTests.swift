import Foundation
import GRDB
import Testing
import YuqingCore
@testable import YuqingStore

/// `audit verify` against someone who edits the store file behind yuqing's back (issue 10): an edited event, a deleted
/// middle event, the newest five deleted, a chain rewritten with every hash recomputed, an edited case snapshot —
/// each caught; an untouched store passes. The store signs checkpoints with a key kept beside it and writes the
/// newest one to a witness file, as the shell wires it.
@Suite("audit verify: tampering")
struct TamperTests {
    static let signer = CheckpointSigner()

    struct Anchored {
        let path: String
        let store: SQLiteStore
        let intruder: DatabaseQueue
        let cases: [EntityID]
        var count: Int64 { (try? store.read { try $0.lastSeq() }) ?? -1 }

        func audit(against: PrintedHead? = nil) throws -> StoreAuditReport { try StoreAudit.verify(store, against: against) }

        func kinds() throws -> Set<AuditFinding.Kind> { Set(try audit().findings.map(\.kind)) }
    }

    /// Twenty events over four cases, each written in its own transaction (each commit signs a checkpoint), by an
    /// operator, on the system clock for `recorded`.
    static func anchored() throws -> Anchored {
        let path = temporaryPath()
        let store = try SQLiteStore(path: path, projector: StubProjector())
        store.attribution = Attribution(recordedBy: Operator(login: "lina", name: "李强"), clock: SimulatedClock(at(25, 9)))
        store.anchor = CheckpointAnchor(signer: signer, clock: SimulatedClock(at(25, 9)), witnessPath: path + ".head")
        var ids: [EntityID] = []
        for n in 1...4 {
            let id = try collect(store, "案件\(n)", url: "https://x.cn/\(n)", at: at(19, 8 + n))
            try claim(store, id, at: at(19, 9 + n))
            try append(store, id, .assessed(level: .general, historical: false, note: nil), at: at(19, 10 + n))
            try append(store, id, .unitReported(text: "已报告\(n)"), at: at(19, 11 + n))
            try append(store, id, .verified(summary: "属实\(n)", file: nil), at: at(20, 9 + n))
            ids.append(id)
        }
        return Anchored(path: path, store: store, intruder: try DatabaseQueue(path: path), cases: ids)
    }

    @Test func anUntouchedStorePasses() throws {
        let s = try Self.anchored()
        let r = try s.audit()
        #expect(r.isIntact, "\(r.findings)")
        #expect(r.count == 20)
        #expect(r.checkpoints == 20)
        #expect(r.latest?.count == 20)
        #expect(r.casesChecked == 4)
        // The witness file holds the newest checkpoint; the events carry the operator (v2 form).
        #expect(s.store.anchor?.witness()?.count == 20)
        let first = try #require(try s.store.read { try $0.events(from: 1, limit: 1) }.first)
        #expect(first.recordedBy == Operator(login: "lina", name: "李强"))
        #expect(first.recorded == at(25, 9))
        // A printed head checks out; a wrong one does not.
        let head = try #require(r.head)
        #expect(try s.audit(against: PrintedHead("20:\(head.prefix(16))")).isIntact)
        #expect(try s.audit(against: PrintedHead("20:\(String(repeating: "0", count: 16))")).findings.map(\.kind) == [.printedHead])
    }

    @Test func anEditedEventIsCaught() throws {
        let s = try Self.anchored()
        try s.intruder.write { try $0.execute(sql: "UPDATE events SET payload = replace(payload, '属实2', '不属实') WHERE seq = 10") }
        let r = try s.audit()
        #expect(r.chain.firstBroken == 10)
        #expect(r.findings.first?.kind == .chain)
    }

    @Test func anEditedOperatorIsCaught() throws {
        let s = try Self.anchored()
        // Erasing the operator would read the event under the v1 form: its hash then no longer matches.
        try s.intruder.write { try $0.execute(sql: "UPDATE events SET operator = NULL, operator_name = NULL WHERE seq = 3") }
        #expect(try s.audit().chain.firstBroken == 3)
        try s.intruder.write { try $0.execute(sql: "UPDATE events SET operator = 'boss' WHERE seq = 4") }
        #expect(try s.audit().chain.firstBroken == 3)
    }

    @Test func aDeletedMiddleEventIsCaught() throws {
        let s = try Self.anchored()
        try s.intruder.write { try $0.execute(sql: "DELETE FROM events WHERE seq = 12") }
        let r = try s.audit()
        #expect(r.chain.firstBroken == 12)
        #expect(r.chain.problem == .sequenceGap)
    }

    @Test func theNewestFiveDeletedAreCaught() throws {
        let s = try Self.anchored()
        try s.intruder.write { try $0.execute(sql: "DELETE FROM events WHERE seq > 15") }
        // The chain that is left is valid on its own: only the checkpoints can tell.
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(r.findings.contains { $0.kind == .truncated && $0.message.en.contains("the newest 5 events were removed") })
    }

    @Test func theNewestFiveDeletedWithTheirCheckpointsAreCaughtByTheWitness() throws {
        let s = try Self.anchored()
        try s.intruder.write { db in
            try db.execute(sql: "DELETE FROM events WHERE seq > 15")
            try db.execute(sql: "DELETE FROM checkpoints WHERE count > 15")
        }
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(r.findings.contains { $0.kind == .truncated && $0.message.en.contains("witness") })
    }

    @Test func aRewrittenChainWithRecomputedHashesIsCaught() throws {
        let s = try Self.anchored()
        // Edit event 8 (C2's judgement) and recompute every hash from there on, exactly as yuqing computes them.
        try s.intruder.write { db throws in
            var prev = try #require(try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = 7"))
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM events WHERE seq >= 8 ORDER BY seq")
            for row in rows {
                let seq: Int64 = row["seq"]
                var payload: String = row["payload"]
                if seq == 8 { payload = payload.replacingOccurrences(of: "general", with: "major-sensitive") }
                let hash = EventHashing.hash(
                    prevHash: prev, seq: seq, caseID: row["case_id"], subject: row["subject"], actorName: row["actor_name"],
                    actorRole: row["actor_role"], actorDept: row["actor_dept"], effective: row["effective"],
                    recorded: row["recorded"], verb: row["verb"], payload: payload, operatorLogin: row["operator"],
                    operatorName: row["operator_name"])
                try db.execute(sql: "UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                               arguments: [payload, prev, hash, seq])
                prev = hash
            }
        }
        #expect(try s.store.read { try $0.events(from: 8, limit: 1) }.first?.body == .assessed(level: .majorSensitive, historical: false, note: nil))
        let r = try s.audit()
        #expect(r.chain.isIntact)  // the chain alone cannot tell
        #expect(r.findings.contains { $0.kind == .rewritten })
        // The first checkpoint that no longer holds is the one signed when event 8 was written.
        #expect(r.findings.first { $0.kind == .rewritten }?.message.en.hasPrefix("event 8's hash") == true)
    }

    @Test func forgedCheckpointsAreCaught() throws {
        let s = try Self.anchored()
        // A checkpoint signed by another key, and one whose signature was kept while its count changed.
        let other = try CheckpointSigner().sign(count: 20, head: String(repeating: "1", count: 64), at: at(25, 9))
        try s.intruder.write { db in
            try db.execute(sql: "INSERT INTO checkpoints(n, count, head, at, key, signature) VALUES (100, ?, ?, ?, ?, ?)",
                           arguments: [other.count, other.head, other.at.seconds, other.key, other.signature])
            try db.execute(sql: "UPDATE checkpoints SET count = 19 WHERE n = 20")
        }
        let messages = try s.audit().findings.filter { $0.kind == .signature }.map(\.message.en)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("does not verify") })
        #expect(messages.contains { $0.contains("another key") })
    }

    @Test func eventsAppendedOutsideYuqingAreCaught() throws {
        let s = try Self.anchored()
        try s.intruder.write { db throws in
            let prev = try #require(try String.fetchOne(db, sql: "SELECT hash FROM events WHERE seq = 20"))
            let payload = #"{"closed":{"note":"伪造"}}"#
            let hash = EventHashing.hash(prevHash: prev, seq: 21, caseID: "C1", subject: nil, actorName: "李强",
                                         actorRole: "liaison", actorDept: "police", effective: 0, recorded: 0,
                                         verb: "closed", payload: payload)
            try db.execute(sql: """
                INSERT INTO events(seq, case_id, actor_name, actor_role, actor_dept, verb, payload, effective, recorded, prev_hash, hash)
                VALUES (21, 'C1', '李强', 'liaison', 'police', 'closed', ?, 0, 0, ?, ?)
                """, arguments: [payload, prev, hash])
        }
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(r.findings.map(\.kind) == [.unanchored, .projection])
    }

    @Test func anEditedSnapshotIsCaughtAndDecidesNothing() throws {
        let s = try Self.anchored()
        let c2 = s.cases[1]
        try s.intruder.write { db in
            try db.execute(sql: "UPDATE cases SET snapshot = replace(snapshot, '\"police\"', '\"gov-office\"'), dept = 'gov-office' WHERE id = ?",
                           arguments: [c2.description])
        }
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(r.findings.map(\.kind) == [.projection])
        #expect(r.findings.first?.message.en.contains("case C2") == true)
        // What decisions read is the fold of the events, not the edited snapshot.
        let reopened = try SQLiteStore(path: s.path, projector: StubProjector())
        #expect(try reopened.read { try $0.caseFile(c2) }?.dept == "police")
        #expect(try reopened.read { try $0.storedSnapshot(c2) }?.dept == "gov-office")
        // `store rebuild` makes the projection agree with the events again.
        try reopened.rebuild()
        reopened.anchor = s.store.anchor
        #expect(try StoreAudit.verify(reopened).isIntact)
    }

    @Test func aStoreFromBeforeCheckpointsIsNotedNotFailed() throws {
        let store = try SQLiteStore.temporary(projector: StubProjector())
        try collect(store, "旧库", at: at(19, 9))
        let r = try StoreAudit.verify(store)
        #expect(r.isIntact)
        #expect(r.notes.count == 1)
        store.anchor = CheckpointAnchor(signer: Self.signer, clock: SimulatedClock(at(25, 9)), witnessPath: nil)
        try collect(store, "新事件", at: at(19, 10))
        #expect(try StoreAudit.verify(store).notes.isEmpty)
        #expect(try store.read { try $0.checkpoints() }.map(\.count) == [2])
    }

    @Test func aMemoryStoreSignsCheckpointsToo() throws {
        let store = MemoryStore(projector: StubProjector())
        store.anchor = CheckpointAnchor(signer: Self.signer, clock: SimulatedClock(at(25, 9)), witnessPath: nil)
        let id = try collect(store, "a", at: at(19, 9))
        try claim(store, id, at: at(19, 10))
        #expect(try StoreAudit.verify(store).isIntact)
        store.events.removeLast()
        store.payloads.removeLast()
        #expect(try StoreAudit.verify(store).findings.contains { $0.kind == .truncated })
    }

    /// Events written before operators were recorded keep verifying under the v1 form next to v2 events.
    @Test func versionOneAndTwoEventsVerifyTogether() throws {
        let store = try SQLiteStore.temporary(projector: StubProjector())
        try collect(store, "v1", at: at(19, 9))
        store.attribution = Attribution(recordedBy: Operator(login: "lina", name: nil), clock: nil)
        try collect(store, "v2", at: at(19, 10))
        let events = try store.read { try $0.events(from: 1, limit: 10) }
        #expect(events.map { $0.recordedBy?.login } == [nil, "lina"])
        #expect(try store.verifyChain().isIntact)
    }
}

/// Files the store creates are never readable by other users of the machine.
@Suite("store files")
struct StoreFileModeTests {
    @Test func aNewStoreIsPrivate() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yq-modes-\(UUID().uuidString)/nested")
        let path = dir.appendingPathComponent("store.sqlite").path
        let store = try SQLiteStore(path: path, projector: StubProjector())
        try collect(store, "x", at: at(19, 9))
        #expect(SecureFiles.mode(of: path) == 0o600)
        #expect(SecureFiles.mode(of: path + "-wal") == 0o600)
        #expect(SecureFiles.mode(of: dir.path) == 0o700)
        #expect(SecureFiles.mode(of: dir.deletingLastPathComponent().path) == 0o700)
        _ = try CheckpointSigner.load(path: path + ".key")
        #expect(SecureFiles.mode(of: path + ".key") == 0o600)
        // Loading again reads the same key.
        #expect(try CheckpointSigner.load(path: path + ".key").publicKey == CheckpointSigner.load(path: path + ".key").publicKey)
    }
}
