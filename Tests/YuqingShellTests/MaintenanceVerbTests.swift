import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
@testable import YuqingStore

/// Issue 10: the maintenance verbs (`store copy|rebuild|init|info`, `calendar load`, `policy use`, `score formula
/// KEY VALUE`, `user …`, `audit …`) go through the one authorization path with real arguments, through the
/// interpreter: refused before their handler runs (no file written), one denial logged, nothing else changed. An
/// operator the directory does not know can read nothing but `help`.
@Suite(.serialized) struct MaintenanceVerbTests {
    static func temp(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("yq-maint-\(UUID().uuidString)-\(name)").path
    }

    static let adminOnly = [
        "store copy --to {copy}", "store copy --from {copy}", "store rebuild", "store init", "store init --shared staff",
        "calendar load {cal}", "policy use national", "policy set verify limit 7wd", "score formula claim-late -3",
        "user add x --name 某人 --role liaison --dept police", "user list", "clock set 2020-01-02T09:00",
    ]
    static let coordinatorToo = ["store info", "audit verify", "audit head", "audit denials", "dept add x 测试 --member"]

    @Test(arguments: ["stranger", "op-liaison", "op-coordinator", "op-trainer"])
    func maintenanceVerbsAreRefusedWithOneLoggedDenial(_ login: String) throws {
        let t = PermissionMatrixTests.shell()
        let copy = Self.temp("copy.sqlite"), cal = Self.temp("2031.txt")
        try "2031 holiday 01-01\n".write(toFile: cal, atomically: true, encoding: .utf8)
        t.signIn(login)
        let mayCoordinate = login == "op-coordinator"
        for template in Self.adminOnly + (mayCoordinate ? [] : Self.coordinatorToo) {
            let command = template.replacingOccurrences(of: "{copy}", with: copy).replacingOccurrences(of: "{cal}", with: cal)
            let before = t.eventCount
            let r = t.run(command)
            #expect(r.failures == 1, "\(login) \(command): \(r.out)")
            #expect(t.eventCount == before + 1, "\(login) \(command): \(r.err)")
            let e = try #require(t.lastEvent)
            guard case let .denied(verb, reason, reasonZH) = e.body else {
                Issue.record("\(login) \(command): no denial logged")
                continue
            }
            #expect(command.hasPrefix(verb), "\(verb) for \(command)")
            #expect(!reason.isEmpty && reasonZH?.isEmpty == false)
            #expect(e.recordedBy?.login == login)
            if login == "stranger" { #expect(r.err.contains("only `help` is open"), "\(command): \(r.err)") }
            #expect(!FileManager.default.fileExists(atPath: copy), "\(command) wrote the copy")
        }
        #expect(t.run("help store copy").failures == 0)
    }

    /// A store written by `store copy` is signed by its own commit, with the key beside it and its witness file,
    /// like any store yuqing writes. Before, the copy had no checkpoint at all, so its newest events could be cut
    /// back unnoticed (`audit verify` took it for a store from before checkpoints).
    @Test func aCopiedStoreIsSignedFromItsFirstCommit() throws {
        let t = TestShell(backend: .sqlite)
        #expect(t.run("collect 复制的案件 --source weibo --at 2019-12-27T14:00").failures == 0)
        let b = Self.temp("b.sqlite")
        let r = t.run("store copy --to \(b)")
        #expect(r.failures == 0, "\(r.err)")
        let copy = try SQLiteStore(path: b, projector: t.ws.store.projector)
        let count = try copy.read { try $0.lastSeq() }
        #expect(count > 0)
        #expect(try copy.read { try $0.checkpoints() }.map(\.count) == [count])
        copy.anchor = try StoreConfigurator.anchor(for: .sqlite(path: b))
        #expect(copy.anchor?.witness()?.count == count)
        #expect(try StoreAudit.verify(copy).isIntact)
    }

    /// A desk learns at start that its own newest commit is gone from the store: on a server the owner deleting a
    /// liaison's newest events and their checkpoints went unnoticed — the owner's and a coordinator's `audit verify`
    /// have other witnesses, the liaison may not audit, and the liaison's next commit replaced its witness.
    @Test func theBoardSaysWhenThisDesksNewestCommitIsGone() throws {
        let t = TestShell(backend: .sqlite)
        #expect(t.run("collect 见证 --source weibo --at 2019-12-27T14:00").failures == 0)
        let path = Self.temp("w.sqlite")
        t.ws.store.anchor = try StoreConfigurator.anchor(for: .sqlite(path: path))
        let last = try t.ws.read { try $0.lastSeq() }
        let head = try #require(try t.ws.read { try $0.events(from: last, limit: 1).first?.hash })
        func witness(_ count: Int64, _ hash: String) throws {
            try (Checkpoint(count: count, head: hash, at: Instant(seconds: 0), key: "k", signature: "s").line + "\n")
                .write(toFile: path + ".head", atomically: true, encoding: .utf8)
        }
        try witness(last, head)
        #expect(Board.lines(t.ws, t.session).allSatisfy { !$0.hasPrefix("Warning") })
        try witness(last + 3, head)
        #expect(Board.lines(t.ws, t.session).first == "Warning: when this desk last committed the log held \(last + 3) events; it now holds \(last): the newest events were removed. Tell an administrator (audit verify).")
        try witness(last, String(repeating: "0", count: 64))
        #expect(Board.lines(t.ws, t.session).first?.contains("the log was rewritten") == true)
    }

    /// A signing key file that was altered stops the start with the reason in words and what to do; it printed
    /// Swift's own `corrupt("the signing key … is unreadable")`.
    @Test func anAlteredKeyFileIsReportedInWords() throws {
        let path = Self.temp("k.sqlite")
        try "garbage\n".write(toFile: path + ".key", atomically: true, encoding: .utf8)
        do {
            _ = try StoreConfigurator.anchor(for: .sqlite(path: path))
            Issue.record("an altered key was accepted")
        } catch {
            #expect(!error.message.en.contains("corrupt("), "\(error.message.en)")
            #expect(error.message.en.contains("does not hold a yuqing signing key"))
            #expect(!error.message.zh.contains("signing key"), "\(error.message.zh)")
            #expect(error.hint?.en.contains("restore it from a backup") == true)
        }
    }

    /// A store copied without its key file was given a new key at its next start, silently: from then on every
    /// earlier checkpoint failed `audit verify` as "signed by another key". Now the start is refused, no key is
    /// made, and the words say how to go on; with the key put back it opens as before.
    @Test func aStoreWithoutItsKeyIsNotGivenANewOne() throws {
        let path = Self.temp("nokey.sqlite")
        try StoreConfigurator().configure(Session(language: .en), dbPath: path)  // a new store: its key is made
        #expect(FileManager.default.fileExists(atPath: path + ".key"))
        let t = TestShell(backend: .sqlite)
        #expect(t.run("collect 复制的案件 --source weibo --at 2019-12-27T14:00").failures == 0)
        #expect(t.run("store copy --to \(path)-copy").failures == 0)
        let key = try String(contentsOfFile: path + "-copy.key", encoding: .utf8)
        unlink(path + "-copy.key")
        do {
            try StoreConfigurator().configure(Session(language: .en), dbPath: path + "-copy")
            Issue.record("a store without its key was opened")
        } catch {
            #expect(error.message.en.contains("holds 1 signed checkpoint, but its signing key"), "\(error.message.en)")
            #expect(error.message.zh.contains("签名密钥"))
            #expect(error.hint?.en.contains("store copy --from") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-copy.key"))
        try key.write(toFile: path + "-copy.key", atomically: true, encoding: .utf8)
        let again = Session(language: .en)
        try StoreConfigurator().configure(again, dbPath: path + "-copy")
        #expect(try StoreAudit.verify(try Workspace.of(again).store).isIntact)
    }

    /// `store copy` reads or fills the whole other store: the operator must be that store's administrator too, as
    /// that store knows them (the OS login for a file).
    @Test func copyingFromAStoreNeedsItsAdministrator() throws {
        let a = Self.temp("a.sqlite"), b = Self.temp("b.sqlite")
        let other = TestShell()
        // A store file whose directory has `tester` as its administrator; a file store's operator is the OS login.
        let source = try SQLiteStore(path: a, projector: other.ws.store.projector)
        let now = other.clock.now()
        let admin = Person(name: TestShell.login, role: .admin, dept: nil, login: TestShell.login)
        _ = try source.write { tx in
            try tx.append(NewEvent(caseID: nil, actor: admin.actor, effective: now, recorded: now, body: .personSaved(person: admin)),
                          expectedVersion: nil)
        }
        let before = other.eventCount
        let r = other.run("store copy --from \(a) --to \(b)")
        #expect(r.failures == 1)
        #expect(r.err.contains("the other store: the operator \(SecureFiles.login()) is not in the directory"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: b))
        #expect(other.eventCount == before + 1)
        #expect(other.lastEvent?.body.verb == "denied")
    }
}
