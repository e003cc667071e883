import GRDB
import Testing
import YuqingCore
@testable import YuqingStore

@Suite("audit verify: the hash chain")
struct ChainTests {
    /// A store with six events, and a second, plain connection to its file: "behind yuqing's back".
    func tampered(_ sql: String) throws -> AuditReport {
        let path = temporaryPath()
        let store = try SQLiteStore(path: path, projector: StubProjector())
        let id = try collect(store, "供暖不热", url: "https://x.cn/h", at: at(19, 9))
        try claim(store, id, at: at(19, 9, 30))
        try append(store, id, .assessed(level: .general, historical: false, note: nil), at: at(19, 10))
        try append(store, nil, .patrolled(dept: "police", note: nil), at: at(19, 11), by: liaison)
        try append(store, id, .unitReported(text: "已报告"), at: at(19, 11, 20))
        try append(store, id, .verified(summary: "属实", file: nil), at: at(20, 15))
        #expect(try store.verifyChain() == AuditReport(checked: 6, firstBroken: nil, reason: nil))

        let intruder = try DatabaseQueue(path: path)
        try intruder.write { db in try db.execute(sql: sql) }
        return try store.verifyChain()
    }

    @Test
    func editedPayloadNamesThatEvent() throws {
        let r = try tampered("UPDATE events SET payload = replace(payload, '属实', '不属实') WHERE seq = 6")
        #expect(r.firstBroken == 6)
        #expect(r.problem == .contentAltered)
        let r3 = try tampered("UPDATE events SET payload = replace(payload, 'general', 'high-attention') WHERE seq = 3")
        #expect(r3.firstBroken == 3)
        #expect(r3.checked == 2)
        #expect(r3.problem == .contentAltered)
    }

    @Test
    func editedColumnsNameThatEvent() throws {
        #expect(try tampered("UPDATE events SET effective = effective - 3600 WHERE seq = 2").firstBroken == 2)
        #expect(try tampered("UPDATE events SET actor_dept = 'gov-office' WHERE seq = 4").firstBroken == 4)
        #expect(try tampered("UPDATE events SET case_id = 'C2' WHERE seq = 5").firstBroken == 5)
        #expect(try tampered("UPDATE events SET effective = 'yesterday' WHERE seq = 5").problem == .unreadable)
    }

    /// An edited stored hash names its own event: the content check of event N runs before the link check of
    /// N + 1. Recomputing the hash too (to cover the edit) then breaks the link of N + 1.
    @Test
    func editedHashNamesThatEventAndACoveredEditTheNext() throws {
        let r = try tampered("UPDATE events SET hash = '\(String(repeating: "a", count: 64))' WHERE seq = 3")
        #expect(r.firstBroken == 3)
        #expect(r.problem == .contentAltered)

        let path = temporaryPath()
        let store = try SQLiteStore(path: path, projector: StubProjector())
        for n in 1...3 { try collect(store, "案件\(n)", at: at(19, 8 + n)) }
        let intruder = try DatabaseQueue(path: path)
        try intruder.write { db throws in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM events WHERE seq = 2"))
            let forgedPayload = (row["payload"] as String).replacingOccurrences(of: "案件2", with: "伪造")
            let forged = EventHashing.hash(
                prevHash: row["prev_hash"], seq: 2, caseID: row["case_id"], subject: row["subject"],
                actorName: row["actor_name"], actorRole: row["actor_role"], actorDept: row["actor_dept"],
                effective: row["effective"], recorded: row["recorded"], verb: row["verb"], payload: forgedPayload)
            try db.execute(sql: "UPDATE events SET payload = ?, hash = ? WHERE seq = 2",
                           arguments: [forgedPayload, forged])
        }
        let report = try store.verifyChain()
        #expect(report.firstBroken == 3)
        #expect(report.problem == .linkBroken)
    }

    @Test
    func deletedEventIsAGap() throws {
        let r = try tampered("DELETE FROM events WHERE seq = 4")
        #expect(r.firstBroken == 4)
        #expect(r.problem == .sequenceGap)
        let last = try tampered("DELETE FROM events WHERE seq = 6")
        #expect(last.isIntact)  // removing the newest event leaves a valid shorter chain
        #expect(last.checked == 5)
    }

    @Test
    func memoryStoreVerifiesAndDetects() throws {
        let store = MemoryStore(projector: StubProjector())
        let id = try collect(store, "a", at: at(19, 9))
        try claim(store, id, at: at(19, 10))
        try append(store, id, .closed(note: nil), at: at(19, 11))
        #expect(try store.verifyChain().isIntact)
        store.events[1].body = .claimed(dept: "gov-office")
        #expect(try store.verifyChain().firstBroken == 2)
    }
}
