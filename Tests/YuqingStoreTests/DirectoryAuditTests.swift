import Testing
import YuqingCore
@testable import YuqingStore

/// `audit verify` replays the directory's changes: a login given or a signing-in person changed by someone who was
/// not an administrator then was written past yuqing's permission check (on a server, a desk's role with SQL in its
/// own name, which the chain and the signatures cannot tell from yuqing's own writes).
@Suite("audit verify: directory changes only administrators make")
struct DirectoryAuditTests {
    private func save(_ store: any Store, _ p: Person, by login: String, name: String, at minute: Int) throws {
        _ = try store.write { tx in
            try tx.append(NewEvent(caseID: nil, actor: Actor(name: name, role: .admin, dept: nil), effective: at(19, 9, minute),
                                   recorded: at(19, 9, minute), body: .personSaved(person: p),
                                   recordedBy: Operator(login: login, name: name)), expectedVersion: nil)
        }
    }

    private func directoryFindings(_ store: any Store) throws -> [AuditFinding] {
        try StoreAudit.verify(store).findings.filter { $0.kind == .directory }
    }

    @Test(arguments: StoreKind.allCases)
    func yuqingsOwnDirectoryPasses(kind: StoreKind) throws {
        let store = try kind.make()
        // The first operator enrols as administrator, adds a liaison, changes her, adds a contact without a login.
        try save(store, Person(name: "陈静", role: .admin, dept: nil, login: "chenjing"), by: "chenjing", name: "陈静", at: 0)
        try save(store, Person(name: "李娜", role: .liaison, dept: "police", login: "lina"), by: "chenjing", name: "陈静", at: 1)
        try save(store, Person(name: "李娜", role: .leader, dept: "police", login: "lina"), by: "chenjing", name: "陈静", at: 2)
        try save(store, Person(name: "张伟", role: .liaison, dept: "water"), by: "lina", name: "李娜", at: 3)
        #expect(try directoryFindings(store).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func aLiaisonMakingHerselfAdministratorIsFound(kind: StoreKind) throws {
        let store = try kind.make()
        try save(store, Person(name: "陈静", role: .admin, dept: nil, login: "chenjing"), by: "chenjing", name: "陈静", at: 0)
        try save(store, Person(name: "李娜", role: .liaison, dept: "police", login: "lina"), by: "chenjing", name: "陈静", at: 1)
        // Written past yuqing, in her own name: a well-formed, chained event.
        try save(store, Person(name: "李娜", role: .admin, dept: nil, login: "lina"), by: "lina", name: "李娜", at: 2)
        // What she then does as "administrator" is found too: she was not one before her own change.
        try save(store, Person(name: "王强", role: .coordinator, dept: "open-gov", login: "wangqiang"), by: "lina", name: "李娜", at: 3)
        // A disabled administrator no longer counts.
        try save(store, Person(name: "陈静", role: .admin, dept: nil, login: "chenjing", disabled: true), by: "chenjing", name: "陈静", at: 4)
        try save(store, Person(name: "赵六", role: .patrol, dept: "open-gov", login: "zhaoliu"), by: "chenjing", name: "陈静", at: 5)
        let found = try directoryFindings(store)
        #expect(found.count == 3)
        #expect(found.first?.message.en.contains("event 3 changed the user 李娜 (lina)") == true, "\(found)")
        #expect(found.first?.message.zh.contains("记录者 lina 当时不是管理员") == true)
        #expect(try StoreAudit.verify(store).isIntact == false)
    }
}
