import Foundation
import Synchronization
import Testing
import YuqingCore
@testable import YuqingStore

/// The PostgreSQL server the tests may use: `YUQING_TEST_PG`, a URL of a role that can create databases
/// (`scripts/pg-dev.sh start` prints it; `.ci/run` sets it). Each store gets a database of its own, dropped once
/// the store is gone.
enum TestPostgres {
    static let url: String? = {
        let v = ProcessInfo.processInfo.environment["YUQING_TEST_PG"] ?? ""
        return v.isEmpty ? nil : v
    }()
    static var available: Bool { url != nil }
    static let note: Comment = "PostgreSQL cases skipped: YUQING_TEST_PG is not set (scripts/pg-dev.sh start prints it; .ci/run sets it)"

    static func server() throws -> PostgresLocation {
        guard let url else { throw StoreError.misuse("YUQING_TEST_PG is not set") }
        return try PostgresLocation(url: url)
    }

    /// Databases created by `makeStore` and the store using each: dropped once their store is gone.
    private final class Weak: @unchecked Sendable {
        weak var store: PostgresStore?
        init(_ s: PostgresStore) { store = s }
    }
    private static let created = Mutex<[(name: String, owner: Weak)]>([])

    /// A new, empty database on the test server.
    static func freshDatabase() throws -> PostgresLocation {
        let server = try server()
        dropUnused(server)
        let name = "yq_test_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresStore.createDatabase(name, on: server)
        return server.with(database: name)
    }

    static func makeStore(projector: any CaseProjector = StubProjector()) throws -> PostgresStore {
        let location = try freshDatabase()
        let store = try PostgresStore(location: location, projector: projector)
        created.withLock { $0.append((location.database, Weak(store))) }
        return store
    }

    /// A second store (another "desk") on the database of `store`.
    static func another(_ store: PostgresStore, projector: any CaseProjector = StubProjector()) throws -> PostgresStore {
        try PostgresStore(location: store.location, projector: projector)
    }

    private static func dropUnused(_ server: PostgresLocation) {
        let gone = created.withLock { list -> [String] in
            let names = list.filter { $0.owner.store == nil }.map(\.name)
            list.removeAll { names.contains($0.name) }
            return names
        }
        for name in gone { try? PostgresStore.dropDatabase(name, on: server) }
    }
}

@Suite("PostgreSQL test server")
struct TestPostgresNote {
    /// Shows in the test report whether the PostgreSQL cases ran; in CI they must.
    @Test(.disabled(if: !TestPostgres.available, TestPostgres.note))
    func postgresCasesRun() throws {
        let store = try TestPostgres.makeStore()
        #expect(try store.read { try $0.eventCount() } == 0)
    }

    @Test func ciAlwaysRunsThePostgresCases() {
        let ci = ProcessInfo.processInfo.environment["CI"] ?? ""
        #expect(ci.isEmpty || TestPostgres.available, "CI must set YUQING_TEST_PG (.ci/run starts a cluster)")
    }
}
