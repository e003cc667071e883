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

    /// A store and a way to change its tables behind yuqing's back (a plain SQLite connection, or another
    /// PostgreSQL session): what an intruder with the database's credentials could do.
    struct Anchored {
        let kind: StoreKind
        let store: any Store
        let witness: String
        let intrude: (String) throws -> Void
        let cases: [EntityID]

        func audit(against: PrintedHead? = nil) throws -> StoreAuditReport { try StoreAudit.verify(store, against: against) }

        /// The events as stored (columns, not decoded), for rewriting them.
        func raw() throws -> [RawEvent] {
            try store.read { r in
                guard let log = r as? any RawLog else { throw StoreError.misuse("no raw log") }
                return try log.rawEvents(after: 0, limit: 1000)
            }
        }

        /// Another store object on the same data (a later start of yuqing).
        func reopened() throws -> any Store {
            switch kind {
            case .sqlite: return try SQLiteStore(path: (store as? SQLiteStore)?.path ?? "", projector: StubProjector())
            case .postgres: return try TestPostgres.another(store as! PostgresStore)
            case .memory: return store
            }
        }
    }

    /// An SQL literal.
    static func q(_ s: String?) -> String { s.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL" }

    /// Twenty events over four cases, each written in its own transaction (each commit signs a checkpoint), by an
    /// operator, on a given clock for `recorded`.
    static func anchored(_ kind: StoreKind) throws -> Anchored {
        let store = try kind.make()
        let witness = temporaryPath() + ".head"
        try SecureFiles.createDirectories((witness as NSString).deletingLastPathComponent)
        store.attribution = Attribution(recordedBy: Operator(login: "lina", name: "李强"), clock: SimulatedClock(at(25, 9)))
        store.anchor = CheckpointAnchor(signer: signer, clock: SimulatedClock(at(25, 9)), witnessPath: witness)
        var ids: [EntityID] = []
        for n in 1...4 {
            let id = try collect(store, "案件\(n)", url: "https://x.cn/\(n)", at: at(19, 8 + n))
            try claim(store, id, at: at(19, 9 + n))
            try append(store, id, .assessed(level: .general, historical: false, note: nil), at: at(19, 10 + n))
            try append(store, id, .unitReported(text: "已报告\(n)"), at: at(19, 11 + n))
            try append(store, id, .verified(summary: "属实\(n)", file: nil), at: at(20, 9 + n))
            ids.append(id)
        }
        let intrude: (String) throws -> Void
        switch kind {
        case .sqlite:
            let queue = try DatabaseQueue(path: (store as? SQLiteStore)?.path ?? "")
            intrude = { sql in try queue.write { try $0.execute(sql: sql) } }
        case .postgres:
            let other = try TestPostgres.another(store as! PostgresStore)
            intrude = { sql in _ = try other.link.query(sql) }
        case .memory:
            // A memory store has no tables to write SQL to: its tests change its values (`MemoryStore`) instead.
            intrude = { _ in throw StoreError.misuse("a memory store has no tables") }
        }
        return Anchored(kind: kind, store: store, witness: witness, intrude: intrude, cases: ids)
    }

    @Test(arguments: StoreKind.shared)
    func anUntouchedStorePasses(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
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
        #expect(try s.audit(against: PrintedHead("25:\(head.prefix(16))")).findings.map(\.kind) == [.printedHead])
    }

    @Test(arguments: StoreKind.shared)
    func anEditedEventIsCaught(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        try s.intrude("UPDATE events SET payload = replace(payload, '属实2', '不属实') WHERE seq = 10")
        let r = try s.audit()
        #expect(r.chain.firstBroken == 10)
        #expect(r.findings.first?.kind == .chain)
    }

    @Test(arguments: StoreKind.shared)
    func anEditedOperatorIsCaught(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        // Erasing the operator would read the event under the v1 form: its hash then no longer matches.
        try s.intrude("UPDATE events SET operator = NULL, operator_name = NULL WHERE seq = 3")
        #expect(try s.audit().chain.firstBroken == 3)
        try s.intrude("UPDATE events SET operator = 'boss' WHERE seq = 4")
        #expect(try s.audit().chain.firstBroken == 3)
    }

    @Test(arguments: StoreKind.shared)
    func aDeletedMiddleEventIsCaught(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        try s.intrude("DELETE FROM events WHERE seq = 12")
        let r = try s.audit()
        #expect(r.chain.firstBroken == 12)
        #expect(r.chain.problem == .sequenceGap)
    }

    @Test(arguments: StoreKind.shared)
    func theNewestFiveDeletedAreCaught(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        try s.intrude("DELETE FROM events WHERE seq > 15")
        // The chain that is left is valid on its own: only the checkpoints can tell.
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(r.findings.contains { $0.kind == .truncated && $0.message.en.contains("the newest 5 events were removed") })
    }

    @Test(arguments: StoreKind.shared)
    func theNewestFiveDeletedWithTheirCheckpointsAreCaughtByTheWitness(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        try s.intrude("DELETE FROM events WHERE seq > 15")
        try s.intrude("DELETE FROM checkpoints WHERE count > 15")
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(r.findings.contains { $0.kind == .truncated && $0.message.en.contains("witness") })
    }

    /// The witness is evidence only until the next commit: cutting back the newest events with their checkpoints,
    /// then any ordinary commit (a patrol) replaced the witness with a checkpoint of the shortened log, and
    /// `audit verify` passed. A witness the log contradicts is kept now, so the removal stays reported, also once
    /// the log has grown past it (its event then no longer has the signed hash). On a server the same holds for a
    /// desk's own witness: its next commit replaced it, so the desk said so once, at the start that followed.
    @Test(arguments: StoreKind.shared)
    func aCommitDoesNotEraseTheWitnessOfRemovedEvents(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        s.store.anchor?.witnessRequired = true
        try s.intrude("DELETE FROM events WHERE seq > 15")
        try s.intrude("DELETE FROM checkpoints WHERE count > 15")
        try append(s.store, s.cases[0], .remarked(meeting: nil, text: "巡查后补记"), at: at(26, 9))
        var r = try s.audit()
        #expect(!r.isIntact, "\(r.findings)")
        #expect(r.findings.contains { $0.kind == .truncated && $0.message.en.contains("witness") }, "\(r.findings)")
        for n in 0..<5 { try append(s.store, s.cases[1], .remarked(meeting: nil, text: "又记\(n)"), at: at(26, 10 + n)) }
        r = try s.audit()
        #expect(!r.isIntact, "\(r.findings)")
        #expect(s.store.anchor?.witness()?.count == 20)
    }

    /// The same for a witness made unreadable: the next commit wrote a good one over it, and the finding was gone.
    @Test func aCommitDoesNotEraseAnAlteredWitness() throws {
        let s = try Self.anchored(.sqlite)
        s.store.anchor?.witnessRequired = true
        try s.intrude("DELETE FROM events WHERE seq > 15")
        try s.intrude("DELETE FROM checkpoints WHERE count > 15")
        try "garbage\n".write(toFile: s.witness, atomically: true, encoding: .utf8)
        try append(s.store, s.cases[0], .remarked(meeting: nil, text: "巡查后补记"), at: at(26, 9))
        let r = try s.audit()
        #expect(r.findings.contains { $0.kind == .signature && $0.message.en.contains("does not hold a checkpoint") }, "\(r.findings)")
    }

    /// The same for a witness whose signature does not verify (its time edited): `audit verify` reports it, and the
    /// next commit wrote a good checkpoint over it, so the finding was gone.
    @Test func aCommitDoesNotEraseAWitnessWithABadSignature() throws {
        let s = try Self.anchored(.sqlite)
        s.store.anchor?.witnessRequired = true
        let line = try String(contentsOfFile: s.witness, encoding: .utf8)
        let edited = line.replacingOccurrences(of: #""at":(\d+)"#, with: #""at":1"#, options: .regularExpression)
        #expect(edited != line)
        try edited.write(toFile: s.witness, atomically: true, encoding: .utf8)
        let bad = { (r: StoreAuditReport) in r.findings.contains { $0.kind == .signature && $0.message.en.contains("witness file's checkpoint") } }
        var r = try s.audit()
        #expect(bad(r), "\(r.findings)")
        try append(s.store, s.cases[0], .remarked(meeting: nil, text: "巡查后补记"), at: at(26, 9))
        r = try s.audit()
        #expect(bad(r), "\(r.findings)")
    }

    /// Beside an SQLite file the witness is rewritten with every signed commit (the shell marks it required):
    /// cutting back the newest events with their checkpoints and then blanking or removing the witness is caught.
    /// Before, a witness that was missing or unreadable was simply not consulted, and such a store passed.
    @Test func aBlankedOrRemovedWitnessIsCaught() throws {
        let s = try Self.anchored(.sqlite)
        s.store.anchor?.witnessRequired = true
        #expect(try s.audit().isIntact)
        try s.intrude("DELETE FROM events WHERE seq > 15")
        try s.intrude("DELETE FROM checkpoints WHERE count > 15")
        try "garbage\n".write(toFile: s.witness, atomically: true, encoding: .utf8)
        #expect(try s.audit().findings.contains { $0.kind == .signature && $0.message.en.contains("does not hold a checkpoint") })
        try FileManager.default.removeItem(atPath: s.witness)
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(r.findings.contains { $0.kind == .truncated && $0.message.en.contains("is missing") }, "\(r.findings)")
    }

    /// Removing every checkpoint (and the witness) made the store look like one from before checkpoints: a note, not
    /// a failure. Its events record their operator, which only signing versions write: that is caught now.
    @Test(arguments: StoreKind.shared)
    func allCheckpointsRemovedAreCaught(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        try s.intrude("DELETE FROM events WHERE seq > 15")
        try s.intrude("DELETE FROM checkpoints")
        try FileManager.default.removeItem(atPath: s.witness)
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(r.findings.contains { $0.kind == .truncated && $0.message.en.contains("the checkpoints were removed") }, "\(r.findings)")
        #expect(r.notes.isEmpty)
    }

    @Test(arguments: StoreKind.shared)
    func aRewrittenChainWithRecomputedHashesIsCaught(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        // Edit event 8 (C2's judgement) and recompute every hash from there on, exactly as yuqing computes them.
        var prev = try #require(try s.raw().first { $0.seq == 7 }?.hash)
        for var e in try s.raw() where e.seq >= 8 {
            if e.seq == 8 { e.payload = e.payload.replacingOccurrences(of: "general", with: "major-sensitive") }
            e.prevHash = prev
            let hash = e.recomputedHash
            try s.intrude("UPDATE events SET payload = \(Self.q(e.payload)), prev_hash = \(Self.q(prev)), hash = \(Self.q(hash)) WHERE seq = \(e.seq)")
            prev = hash
        }
        #expect(try s.store.read { try $0.events(from: 8, limit: 1) }.first?.body == .assessed(level: .majorSensitive, historical: false, note: nil))
        let r = try s.audit()
        #expect(r.chain.isIntact)  // the chain alone cannot tell
        #expect(r.findings.contains { $0.kind == .rewritten })
        // The first checkpoint that no longer holds is the one signed when event 8 was written.
        #expect(r.findings.first { $0.kind == .rewritten }?.message.en.hasPrefix("event 8's hash") == true)
    }

    @Test(arguments: StoreKind.shared)
    func forgedCheckpointsAreCaught(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        // A checkpoint signed by another key, and one whose signature was kept while its count changed.
        let other = try CheckpointSigner().sign(count: 20, head: String(repeating: "1", count: 64), at: at(25, 9))
        try s.intrude("""
            INSERT INTO checkpoints(n, count, head, at, key, signature)
            VALUES (100, \(other.count), '\(other.head)', \(other.at.seconds), '\(other.key)', '\(other.signature)')
            """)
        try s.intrude("UPDATE checkpoints SET count = 19 WHERE n = 20")
        let messages = try s.audit().findings.filter { $0.kind == .signature }.map(\.message.en)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("does not verify") })
        #expect(messages.contains { $0.contains("another key") })
    }

    /// On a server every desk signs with its own key (kept in its user's data directory): a store written from two
    /// desks verifies from either. Before, each desk took the other's checkpoints for forgeries ("signed by another
    /// key"), so `audit verify` failed on every PostgreSQL store used from more than one desk.
    @Test(arguments: StoreKind.shared)
    func checkpointsOfOtherDesksVerifyOnAServer(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        let other = CheckpointSigner()
        let desk = s.store.anchor
        s.store.anchor = CheckpointAnchor(signer: other, clock: SimulatedClock(at(25, 10)), witnessPath: nil)
        try collect(s.store, "另一台终端", url: "https://x.cn/desk2", at: at(21, 9))
        s.store.anchor = desk
        s.store.anchor?.sharedByDesks = true
        let r = try s.audit()
        #expect(r.isIntact, "\(r.findings)")
        #expect(r.signers == 2)
        // Another desk's key does not make a checkpoint true: one that disagrees with the log is still caught.
        let forged = try other.sign(count: 21, head: String(repeating: "1", count: 64), at: at(25, 11))
        try s.intrude("""
            INSERT INTO checkpoints(n, count, head, at, key, signature)
            VALUES (100, 21, '\(forged.head)', \(forged.at.seconds), '\(forged.key)', '\(forged.signature)')
            """)
        #expect(try s.audit().findings.map(\.kind) == [.rewritten])
        // A file has one key beside it: there, the other desk's checkpoints are another key's.
        s.store.anchor?.sharedByDesks = false
        #expect(try s.audit().findings.contains { $0.kind == .signature })
    }

    @Test(arguments: StoreKind.shared)
    func eventsAppendedOutsideYuqingAreCaught(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        let prev = try #require(try s.raw().last?.hash)
        let payload = #"{"closed":{"note":"伪造"}}"#
        let hash = EventHashing.hash(prevHash: prev, seq: 21, caseID: "C1", subject: nil, actorName: "李强",
                                     actorRole: "liaison", actorDept: "police", effective: 0, recorded: 0,
                                     verb: "closed", payload: payload)
        try s.intrude("""
            INSERT INTO events(seq, case_id, actor_name, actor_role, actor_dept, verb, payload, effective, recorded, prev_hash, hash)
            VALUES (21, 'C1', '李强', 'liaison', 'police', 'closed', \(Self.q(payload)), 0, 0, '\(prev)', '\(hash)')
            """)
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(r.findings.map(\.kind) == [.unanchored, .projection])
    }

    @Test(arguments: StoreKind.shared)
    func anEditedSnapshotIsCaughtAndDecidesNothing(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        let c2 = s.cases[1]
        // The snapshot is compact bytes (`SnapshotCodec`): the intruder writes a well-formed one of another department.
        var edited = try #require(try s.store.read { try $0.storedSnapshot(c2) })
        edited.dept = "gov-office"
        let hex = EventHashing.encodeSnapshot(edited).map { String(format: "%02x", $0) }.joined()
        let bytes = s.kind == .postgres ? "decode('\(hex)', 'hex')" : "X'\(hex)'"
        try s.intrude("UPDATE cases SET snapshot = \(bytes), dept = 'gov-office' WHERE id = '\(c2)'")
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(r.findings.map(\.kind) == [.projection])
        #expect(r.findings.first?.message.en.contains("case C2") == true)
        // What decisions read is the fold of the events, not the edited snapshot (a later start has no cache).
        let reopened = try s.reopened()
        #expect(try reopened.read { try $0.caseFile(c2) }?.dept == "police")
        #expect(try reopened.read { try $0.storedSnapshot(c2) }?.dept == "gov-office")
        // `store rebuild` makes the projection agree with the events again.
        try reopened.rebuild()
        reopened.anchor = s.store.anchor
        #expect(try StoreAudit.verify(reopened).isIntact)
    }

    /// The `departments` table is a projection too, and one a desk's role may write on PostgreSQL (docs/deploy.md
    /// grants it): a department made a coordinating office, or dropped from the joint meeting's members (and so
    /// from the assessment), by an UPDATE, with no `dept` event behind it, is reported like an edited case snapshot.
    @Test(arguments: StoreKind.shared)
    func anEditedDepartmentRowIsCaught(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        var police = try #require(Directory().departments.first { $0.code == "police" })
        police.member = false
        police.coordinator = true
        try s.intrude("INSERT INTO departments (code, seq, json) VALUES ('police', 1, \(Self.q(try DepartmentRow.json(police))))")
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(r.findings.map(\.kind) == [.projection])
        #expect(r.findings.first?.message.en.contains("police") == true)
        try s.reopened().rebuild()
        #expect(try StoreAudit.verify(s.store).isIntact)
    }

    /// Edits of the deadlines table (`dues`) an intruder could make with sqlite3, or a desk's role with psql: a
    /// deadline moved later (the acceptance check's reproducer: 2 hours hidden as 30 days), a limit marked met or
    /// waived, a row deleted or doubled, a department changed. Each with the case and what the report names.
    static let dueEdits: [(sql: String, caseID: String, names: String)] = [
        ("UPDATE dues SET due = due + 30*86400 WHERE met_at IS NULL", "C5",
         "claim: due stored 2020-01-20 10:00, expected 2019-12-21 10:00"),
        ("UPDATE dues SET met_at = due - 60 WHERE met_at IS NULL", "C5", "claim: met_at stored 2019-12-21 09:59, expected NULL"),
        ("UPDATE dues SET waived = TRUE WHERE case_id = 'C2' AND rule = 'verify'", "C2", "verify: waived stored true, expected false"),
        ("UPDATE dues SET dept = 'gov-office' WHERE case_id = 'C1' AND rule = 'claim'", "C1",
         "claim: dept stored gov-office, expected police"),
        ("DELETE FROM dues WHERE case_id = 'C3' AND rule = 'verify'", "C3", "verify: 0 rows stored, 1 expected"),
        ("INSERT INTO dues SELECT * FROM dues WHERE case_id = 'C4' AND rule = 'claim'", "C4", "claim: 2 rows stored, 1 expected"),
    ]

    /// The deadlines table is a projection that listings, `score` and `accountability` read (`dueOutcomes`,
    /// `lateDues`): an edited row passed `audit verify` as intact while `show` (the fold) still had the true
    /// deadline. Each case's stored rows are now compared with the projector's for its fold and a difference is
    /// reported like an edited snapshot, naming the case, the rule and the stored and expected values; `store
    /// rebuild` repairs it.
    @Test(arguments: StoreKind.shared, TamperTests.dueEdits.indices)
    func anEditedDeadlineRowIsCaught(_ kind: StoreKind, _ edit: Int) throws {
        let s = try Self.anchored(kind)
        try collect(s.store, "案件5", url: "https://x.cn/5", at: at(21, 9))
        #expect(try s.audit().isIntact)
        let (sql, caseID, names) = Self.dueEdits[edit]
        try s.intrude(sql)
        let r = try s.audit()
        #expect(r.chain.isIntact)
        #expect(r.findings.map(\.kind) == [.projection], "\(r.findings)")
        let message = try #require(r.findings.first?.message.en)
        #expect(message.contains("case \(caseID)'s projection does not match its events — deadlines table (dues): \(names)"), "\(message)")
        #expect(message.contains("store rebuild"))
        try s.reopened().rebuild()
        #expect(try StoreAudit.verify(s.store).isIntact)
    }

    /// `storedDues` reads back, on every store, the rows the projector computed for the case (in no set order).
    @Test(arguments: StoreKind.allCases)
    func storedDueRowsAreTheProjectorsRows(_ kind: StoreKind) throws {
        let store = try kind.make()
        let id = try collect(store, "案件", url: "https://x.cn/1", at: at(19, 9))
        try claim(store, id, at: at(19, 9, 30))
        let c = try #require(try store.read { try $0.caseFile(id) })
        let stored = try store.read { try $0.storedDues(id) }
        #expect(stored.count == 2)
        #expect(Set(stored) == Set(StubProjector().dueEntries(for: c)))
        #expect(try store.read { try $0.storedDues(EntityID(.caseFile, 99)) }.isEmpty)
    }

    /// `audit verify` refolded cases up to the `ids` counter: setting it back hid every case above it from the check,
    /// so an edited snapshot passed ("0 case snapshots match their events"). The cases the log names beyond the
    /// counter are checked too, and the counter behind the log is reported.
    @Test(arguments: StoreKind.shared)
    func anIdCounterSetBackHidesNoCase(_ kind: StoreKind) throws {
        let s = try Self.anchored(kind)
        var edited = try #require(try s.store.read { try $0.storedSnapshot(s.cases[3]) })
        edited.dept = "gov-office"
        let hex = EventHashing.encodeSnapshot(edited).map { String(format: "%02x", $0) }.joined()
        let bytes = s.kind == .postgres ? "decode('\(hex)', 'hex')" : "X'\(hex)'"
        try s.intrude("UPDATE cases SET snapshot = \(bytes), dept = 'gov-office' WHERE id = '\(s.cases[3])'")
        try s.intrude("UPDATE ids SET last = 0 WHERE kind = 'C'")
        let r = try s.audit()
        #expect(r.casesChecked == 4)
        #expect(r.findings.map(\.kind) == [.projection, .projection])
        #expect(r.findings.contains { $0.message.en.contains("case C4") })
        #expect(r.findings.contains { $0.message.en.contains("counter") })
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
    @Test(arguments: StoreKind.allCases)
    func versionOneAndTwoEventsVerifyTogether(_ kind: StoreKind) throws {
        let store = try kind.make()
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
