import Foundation
import Testing
import YuqingCore
@testable import YuqingStore

/// The server checks who appends to the log (docs/security.md §1): a desk's role writing SQL by hand could append
/// correctly chained events in anyone's name — an outside check with `psql` would have made itself an
/// administrator. The events' trigger now refuses an event whose operator is not the role inserting it.
@Suite("PostgreSQL: an event names the role that appends it")
struct PostgresOperatorCheckTests {
    /// A login role with the grants docs/deploy.md gives a desk, on the store's database.
    private func desk(on store: PostgresStore) throws -> (role: String, location: PostgresLocation) {
        let role = "yq_desk_" + UUID().uuidString.prefix(8).lowercased()
        let admin = try PostgresLink(store.location)
        defer { admin.close() }
        for sql in [
            "CREATE ROLE \(role) LOGIN",
            "GRANT SELECT, INSERT ON events, checkpoints TO \(role)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON cases, dues, case_urls, case_text, case_extensions, departments, ids, meta TO \(role)",
            "GRANT SELECT ON yuqing_migrations TO \(role)",
        ] {
            _ = try admin.query(sql)
        }
        var location = store.location
        location.user = role
        return (role, location)
    }

    private func insert(_ link: PostgresLink, seq: Int, operator op: String?) throws {
        // Test constants only: the values are written into the statement.
        let name = op.map { "'\($0)'" } ?? "NULL"
        _ = try link.query("""
            INSERT INTO events(seq, actor_name, actor_role, verb, payload, effective, recorded, prev_hash, hash,
                               operator, operator_name)
            VALUES (\(seq), '王敏', 'admin', 'person-saved', '{}', 0, 0, '', '', \(name), '王敏')
            """)
    }

    @Test(.disabled(if: !TestPostgres.available, TestPostgres.note))
    func aDeskCannotAppendInAnotherName() throws {
        let store = try TestPostgres.makeStore()
        let (role, location) = try desk(on: store)
        let link = try PostgresLink(location)
        defer { link.close() }
        // In another operator's name, or in none: refused, nothing stored.
        #expect(throws: StoreError.self) { try insert(link, seq: 1, operator: "someone_else") }
        #expect(throws: StoreError.self) { try insert(link, seq: 1, operator: nil) }
        #expect(try store.read { try $0.eventCount() } == 0)
        // In its own name (what yuqing writes): stored, and the forgery is the desk's to answer for.
        try insert(link, seq: 1, operator: role)
        #expect(try store.read { try $0.eventCount() } == 1)
    }

    @Test(.disabled(if: !TestPostgres.available, TestPostgres.note))
    func yuqingWritesAsTheDeskAndTheOwnerCopiesHistory() throws {
        let store = try TestPostgres.makeStore()
        let (role, location) = try desk(on: store)
        // A desk's own store stamps its role as the operator: the command path passes the check.
        let deskStore = try PostgresStore(location: location, projector: StubProjector())
        deskStore.attribution = Attribution(recordedBy: Operator(login: role, name: "李娜"), clock: nil)
        try collect(deskStore, "桌面录入", at: at(19, 9))
        // The owner (here a superuser) may append in other names: `store copy` writes a store's history.
        store.attribution = Attribution(recordedBy: Operator(login: "chenjing", name: "陈静"), clock: nil)
        try collect(store, "复制的历史", at: at(19, 10))
        try store.read { r throws in
            #expect(try r.eventCount() == 2)
            #expect(try r.events(forCase: EntityID(.caseFile, 1)).first?.recordedBy?.login == role)
        }
        #expect(try store.verifyChain().isIntact)
    }

    /// After an upgrade a desk that opens the store before its owner cannot apply the new migration (it may not
    /// change the schema): it is told so, and which migration waits, not "permission denied for schema public".
    @Test(.disabled(if: !TestPostgres.available, TestPostgres.note))
    func aDeskOpeningAnOlderSchemaIsToldTheOwnerMigrates() throws {
        let store = try TestPostgres.makeStore()
        let (_, location) = try desk(on: store)
        let admin = try PostgresLink(store.location)
        defer { admin.close() }
        for sql in ["DROP TRIGGER events_operator ON events", "DROP FUNCTION yuqing_check_operator()",
                    "DELETE FROM yuqing_migrations WHERE name = 'v8-operator-check'"] {
            _ = try admin.query(sql)
        }
        #expect(throws: StoreError.schemaBehind(pending: ["v8-operator-check"])) {
            _ = try PostgresStore(location: location, projector: StubProjector())
        }
        // The owner opens it once; then the desk can.
        _ = try PostgresStore(location: store.location, projector: StubProjector())
        _ = try PostgresStore(location: location, projector: StubProjector())
    }
}
